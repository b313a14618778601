"""An act of national or EU legislation, article by article, with its citations and
relations to other acts."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.html import format_html, strip_tags
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import RICH_TEXT_FEATURES
from home.formatting import format_date
from home.models import BasePage
from home.utils import public_page_url
from library.blocks import ArticleBlock

from .terms import ELI_TYPES, LEGAL_FORCE, ORIGINAL_LANGUAGE, ActType, Jurisdiction, Status, Topic


class LegislationPage(RoutablePageMixin, BasePage):
    """One act: its identity, legal status, summary and numbered articles."""

    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = []

    jurisdiction = models.CharField(_("jurisdiction"), max_length=2, choices=Jurisdiction.choices)
    act_type = models.CharField(_("type of act"), max_length=30, choices=ActType.choices)
    official_title = models.CharField(
        _("official title"),
        max_length=500,
        help_text=_("Exactly as published, in the original language. Not translated."),
    )
    number = models.CharField(_("number"), max_length=30, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1800)])
    adoption_date = models.DateField(_("adopted on"), null=True, blank=True)
    gazette_issue = models.CharField(
        _("gazette issue"),
        max_length=30,
        help_text=_("For example 24 (Държавен вестник) or 905 (Monitorul Oficial)."),
    )
    gazette_date = models.DateField(_("gazette date"))
    republication_issue = models.CharField(_("republished in issue"), max_length=30, blank=True)
    republication_date = models.DateField(_("republished on"), null=True, blank=True)
    entry_into_force = models.DateField(_("in force from"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_FORCE
    )
    status_date = models.DateField(
        _("status since"),
        null=True,
        blank=True,
        help_text=_("For a repealed act: the date it stopped applying."),
    )
    last_amendment_issue = models.CharField(
        _("last amendment: gazette issue"), max_length=30, blank=True
    )
    last_amendment_date = models.DateField(_("last amendment: gazette date"), null=True, blank=True)
    official_url = models.URLField(_("official source"), max_length=500, blank=True)
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    unconfirmed = models.TextField(
        _("verification note"),
        blank=True,
        help_text=_("What could not be confirmed against the official source; shown to readers."),
    )
    summary = RichTextField(_("plain-language summary"), features=RICH_TEXT_FEATURES)
    articles = StreamField([("article", ArticleBlock())], blank=True, verbose_name=_("articles"))

    content_panels = BasePage.content_panels + [
        "official_title",
        FieldRowPanel(["jurisdiction", "act_type"]),
        FieldRowPanel(["number", "year", "adoption_date"]),
        MultiFieldPanel(
            [
                FieldRowPanel(["gazette_issue", "gazette_date"]),
                FieldRowPanel(["republication_issue", "republication_date"]),
                FieldRowPanel(["last_amendment_issue", "last_amendment_date"]),
                "official_url",
            ],
            heading=_("Publication"),
        ),
        MultiFieldPanel(
            [FieldRowPanel(["status", "status_date"]), "entry_into_force"],
            heading=_("Legal status"),
        ),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        "summary",
        "unconfirmed",
        "articles",
        InlinePanel("relations", heading=_("Relations to other acts"), label=_("relation")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("official_title", boost=2),
        index.SearchField("summary"),
        index.SearchField("articles"),
        index.FilterField("jurisdiction"),
        index.FilterField("act_type"),
        index.FilterField("status"),
        index.FilterField("year"),
    ]
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("official_title", overridable=False),
        SynchronizedField("number", overridable=False),
        SynchronizedField("gazette_issue", overridable=False),
        SynchronizedField("republication_issue", overridable=False),
        SynchronizedField("last_amendment_issue", overridable=False),
        SynchronizedField("official_url"),
    ]

    class Meta:
        verbose_name = _("act")
        verbose_name_plural = _("acts")

    def clean(self):
        super().clean()
        if self.status == Status.REPEALED and not self.status_date:
            raise ValidationError({"status_date": _("Give the date the act stopped applying.")})
        if self.eli_type is None:
            raise ValidationError(
                {"act_type": _("This type of act does not exist in this jurisdiction.")}
            )

    # Identity and citation

    @property
    def original_language(self):
        return ORIGINAL_LANGUAGE[self.jurisdiction]

    @property
    def is_repealed(self):
        return self.status == Status.REPEALED

    @property
    def eli_type(self):
        return ELI_TYPES.get(self.jurisdiction, {}).get(self.act_type)

    @property
    def eli_identifier(self):
        if self.number:
            return self.number.lower().replace("/", "-")
        prefix = {"BG": "dv", "RO": "mo", "EU": "oj"}[self.jurisdiction]
        issue = "".join(ch for ch in self.gazette_issue.lower() if ch.isalnum())
        return f"{prefix}{issue}"

    def eli_path(self):
        return f"eli/{self.jurisdiction.lower()}/{self.eli_type}/{self.year}/{self.eli_identifier}/"

    def national_citation(self, article=None):
        """The reference in the act's own national style, in its original language."""
        language = self.original_language
        with override(language):
            if self.jurisdiction == "BG":
                text = f"{self.official_title}, обн., ДВ, бр. {self.gazette_issue} от {self.gazette_date:%d.%m.%Y} г."
                if self.last_amendment_issue and self.last_amendment_date:
                    text += f", посл. изм. ДВ, бр. {self.last_amendment_issue} от {self.last_amendment_date:%d.%m.%Y} г."
                return f"чл. {article}, {text}" if article else text
            if self.jurisdiction == "RO":
                # Romanian citations write month names in lower case.
                text = (
                    f"{self.official_title}, publicată în Monitorul Oficial al României, "
                    f"Partea I, nr. {self.gazette_issue} din "
                    f"{_long_date(self.gazette_date).lower()}"
                )
                if self.republication_issue and self.republication_date:
                    text += (
                        f", republicată în Monitorul Oficial al României, Partea I, "
                        f"nr. {self.republication_issue} din "
                        f"{_long_date(self.republication_date).lower()}"
                    )
                return f"art. {article} din {text}" if article else text
            text = f"{self.official_title}, OJ {self.gazette_issue}, {self.gazette_date:%-d.%-m.%Y}"
            return f"Art. {article} of {text}" if article else text

    def english_citation(self, article=None, markup=False):
        """The reference in English; with ``markup``, as HTML that marks the authentic
        title, left in its own language, with that language."""
        with override("en"):
            gazette = {
                "BG": f"State Gazette No. {self.gazette_issue} of {_long_date(self.gazette_date)}",
                "RO": (
                    f"Official Gazette of Romania, Part I, No. {self.gazette_issue} of "
                    f"{_long_date(self.gazette_date)}"
                ),
                "EU": f"OJ {self.gazette_issue}, {_long_date(self.gazette_date)}",
            }[self.jurisdiction]
            # Legal English cites the authentic title, not a translation of it.
            title = self.official_title
            country = f" ({self.get_jurisdiction_display()})" if self.jurisdiction != "EU" else ""
            prefix = f"Art. {article}, " if article else ""
            if not markup:
                return f"{prefix}{title}{country}, {gazette}"
            if self.original_language != "en":
                title = format_html('<span lang="{}">{}</span>', self.original_language, title)
            return format_html("{}{}{}, {}", prefix, title, country, gazette)

    # Relations

    def get_relations(self):
        """(label, act) pairs in this page's language: amends, amended by, same subject…"""
        rows = LegislationRelation.objects.filter(
            Q(page=self)
            | Q(
                target__translation_key=self.translation_key,
                page__locale_id=self.locale_id,
                page__live=True,
            )
        ).select_related("page", "target")
        forward = [row for row in rows if row.page_id == self.pk]
        localized = (
            {
                page.translation_key: page
                for page in LegislationPage.objects.live()
                .filter(
                    locale_id=self.locale_id,
                    translation_key__in=[row.target.translation_key for row in forward],
                )
                .only("title", "url_path", "translation_key", "status", "jurisdiction")
            }
            if forward
            else {}
        )
        relations = []
        for row in rows:
            if row.page_id == self.pk:
                target = localized.get(row.target.translation_key)
                label = row.get_relation_type_display()
            else:
                target, label = row.page, LegislationRelation.INVERSE_LABELS[row.relation_type]
            if target is not None:
                relations.append((label, target))
        return relations

    @cached_property
    def localized_topics(self):
        """The act's topics in its own language (they are chosen on the source page)."""
        return list(
            Topic.objects.filter(
                translation_key__in=self.topics.values("translation_key"),
                locale_id=self.locale_id,
                live=True,
            )
        )

    def get_structured_data(self, request):
        url = public_page_url(self, request)
        identifier = self.get_eli_url(request)
        work = {
            "@context": "https://schema.org",
            "@type": "Legislation",
            "name": self.official_title,
            "alternateName": self.title,
            "legislationIdentifier": identifier,
            "legislationType": self.get_act_type_display(),
            "legislationDate": (self.adoption_date or self.gazette_date).isoformat(),
            "datePublished": self.gazette_date.isoformat(),
            "legislationJurisdiction": self.jurisdiction,
            "legislationLegalForce": LEGAL_FORCE[self.status],
            "inLanguage": self.original_language,
            "url": url,
            "workExample": [
                {
                    "@type": "LegislationObject",
                    "url": url,
                    "inLanguage": get_language(),
                    "legislationLegalValue": "https://schema.org/UnofficialLegalValue",
                    "encodingFormat": "text/html",
                },
            ],
        }
        if self.entry_into_force:
            work["legislationDateVersion"] = self.entry_into_force.isoformat()
        if self.official_url:
            work["workExample"].append(
                {
                    "@type": "LegislationObject",
                    "url": self.official_url,
                    "inLanguage": self.original_language,
                    "legislationLegalValue": "https://schema.org/OfficialLegalValue",
                }
            )
        return work

    def get_eli_url(self, request):
        """The act's permanent identifier: acts live directly under the library index."""
        index_url = public_page_url(self, request).rstrip("/").rsplit("/", 1)[0]
        return f"{index_url}/{self.eli_path()}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["relations"] = self.get_relations()
        context["structured_data"] = self.get_structured_data(request)
        context["eli_url"] = self.get_eli_url(request)
        return context

    @property
    def meta_description(self):
        """An act's plain-language summary, unless an editor wrote a description."""
        return super().meta_description or " ".join(strip_tags(self.summary).split())

    def get_cached_paths(self):
        """The act and its comparison, purged at a CDN with the page (home.purging)."""
        return ["/", "compare/"]

    @path("")
    def act_route(self, request):
        return self.render(request)

    @path("compare/", name="compare")
    def compare_route(self, request):
        """The original-language text next to this language's, article by article."""
        original = self
        if get_language() != self.original_language:
            original = (
                LegislationPage.objects.live()
                .filter(
                    translation_key=self.translation_key,
                    locale__language_code=self.original_language,
                )
                .first()
            )
        rows = []
        if original is not None:
            originals = {block.id: block for block in original.articles}
            for block in self.articles:
                rows.append((originals.get(block.id), block))
        return self.render(
            request,
            template="library/compare_languages.html",
            context_overrides={"original": original, "rows": rows},
        )


def _long_date(value):
    return format_date(value)


class LegislationRelation(Orderable):
    """How one act relates to another (kept in every language; the target is the source act)."""

    AMENDS, IMPLEMENTS, REPEALS, SAME_SUBJECT = "amends", "implements", "repeals", "same_subject"
    TYPES = [
        (AMENDS, _("Amends")),
        (IMPLEMENTS, _("Implements")),
        (REPEALS, _("Repeals")),
        (SAME_SUBJECT, _("Same subject in the other country")),
    ]
    INVERSE_LABELS = {
        AMENDS: _("Amended by"),
        IMPLEMENTS: _("Implemented by"),
        REPEALS: _("Repealed by"),
        SAME_SUBJECT: _("Same subject in the other country"),
    }

    page = ParentalKey(LegislationPage, on_delete=models.CASCADE, related_name="relations")
    relation_type = models.CharField(_("relation"), max_length=20, choices=TYPES)
    target = models.ForeignKey(
        LegislationPage, verbose_name=_("act"), on_delete=models.CASCADE, related_name="+"
    )

    panels = ["relation_type", "target"]

    class Meta(Orderable.Meta):
        verbose_name = _("relation")
