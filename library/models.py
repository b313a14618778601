"""The national policy library: legislation, good practices and the network's statute."""

from collections import Counter, defaultdict
from urllib.parse import urlencode

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import format_html, strip_tags
from django.utils.translation import get_language, gettext, override
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import RICH_TEXT_FEATURES, ResultBlock
from home.caching import cached_per_language
from home.countries import COUNTRIES
from home.formatting import format_date
from home.models import BasePage, TranslatableSnippet
from home.pagination import paginate
from home.utils import public_page_url
from library.blocks import ArticleBlock


class Topic(TranslatableSnippet):
    """A subject of the library (social services, child protection…), translated."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("Used in addresses such as ?topic=child-protection.")
    )

    panels = ["name", "slug"]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug")]

    def __str__(self):
        return self.name


class Jurisdiction(models.TextChoices):
    BG = "BG", _("Bulgaria")
    RO = "RO", _("Romania")
    EU = "EU", _("European Union")


class ActType(models.TextChoices):
    LAW = "law", _("Law")
    CODE = "code", _("Code")
    REGULATION = "regulation", _("Regulation")
    ORDINANCE = "ordinance", _("Ordinance")
    EMERGENCY_ORDINANCE = "emergency_ordinance", _("Emergency ordinance")
    GOVERNMENT_DECISION = "government_decision", _("Government decision")
    IMPLEMENTING_RULES = "implementing_rules", _("Implementing rules")
    ORDER = "order", _("Order")
    STRATEGY = "strategy", _("Strategy")
    METHODOLOGY = "methodology", _("Methodology")
    DIRECTIVE = "directive", _("Directive")


class Status(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    PARTLY_IN_FORCE = "partly_in_force", _("Partly in force")
    REPEALED = "repealed", _("Repealed")


# The type segment of our ELI-shaped identifiers, in each jurisdiction's own terms.
ELI_TYPES = {
    "BG": {
        "law": "zakon",
        "code": "kodeks",
        "regulation": "pravilnik",
        "ordinance": "naredba",
        "government_decision": "reshenie",
        "implementing_rules": "pravilnik",
        "order": "zapoved",
        "strategy": "strategia",
        "methodology": "metodika",
    },
    "RO": {
        "law": "lege",
        "code": "cod",
        "regulation": "regulament",
        "ordinance": "og",
        "emergency_ordinance": "oug",
        "government_decision": "hg",
        "implementing_rules": "norme",
        "order": "ordin",
        "strategy": "strategie",
        "methodology": "metodologie",
    },
    "EU": {"directive": "dir", "regulation": "reg", "government_decision": "dec"},
}
ORIGINAL_LANGUAGE = {"BG": "bg", "RO": "ro", "EU": "en"}
LEGAL_FORCE = {
    "in_force": "https://schema.org/InForce",
    "partly_in_force": "https://schema.org/PartiallyInForce",
    "repealed": "https://schema.org/NotInForce",
}


class LibraryIndexPage(RoutablePageMixin, BasePage):
    """The library of one language tree: filterable, with ELI-shaped permalinks."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["library.LegislationPage", "library.PracticePage", "library.StatutePage"]
    max_count_per_parent = 1
    page_size = 25
    SORTS = ("newest", "oldest", "title")

    lead = models.TextField(_("lead"), blank=True)
    legal_notice = RichTextField(
        _("legal notice"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Which texts are authentic; shown on every act page."),
    )

    content_panels = BasePage.content_panels + ["lead", "legal_notice"]
    search_fields = BasePage.search_fields + [index.SearchField("lead")]
    # The filters the language switcher carries over (home.templatetags.site_tags).
    switcher_parameters = {
        "jurisdiction": None,
        "type": None,
        "status": None,
        "year": None,
        "sort": None,
        "topic": Topic,
        "page": None,
    }

    class Meta:
        verbose_name = _("library index")

    def get_acts(self):
        return LegislationPage.objects.live().public().child_of(self)

    def get_network_pages(self):
        """The statute and the good practices under this index, in one light query.

        The index itself is being served, so only a child's own view restriction can
        make it private: excluded by a join rather than ``public()``'s extra query.
        """
        types = ContentType.objects.get_for_models(StatutePage, PracticePage)
        pages = (
            Page.objects.live()
            .child_of(self)
            .filter(view_restrictions__isnull=True)
            .filter(content_type__in=types.values())
            .order_by("title")
            .only("title", "url_path", "content_type_id")
        )
        statute_type = types[StatutePage].pk
        network = {"statute": None, "practices": []}
        for page in pages:
            if page.content_type_id == statute_type:
                network["statute"] = network["statute"] or page
            else:
                network["practices"].append(page)
        return network

    def get_topics(self, request):
        return cached_per_language(
            request,
            "library-topics",
            lambda: list(Topic.objects.filter(locale_id=self.locale_id, live=True)),
        )

    def filter_acts(self, request):
        """Facets with counts, the filtered and sorted page of acts, and any notices.

        Facet counts are computed from one light query of every act of this index,
        so the page costs the same number of queries whatever the filters.
        """
        acts = self.get_acts()
        rows = list(
            acts.values_list(
                "pk", "jurisdiction", "act_type", "status", "year", "gazette_date", "title"
            )
        )
        topic_links = defaultdict(set)
        through = LegislationPage.topics.through
        topic_slugs = {topic.translation_key: topic.slug for topic in self.get_topics(request)}
        for page_id, key in through.objects.filter(
            legislationpage__in=[row[0] for row in rows]
        ).values_list("legislationpage_id", "topic__translation_key"):
            if key in topic_slugs:
                topic_links[page_id].add(topic_slugs[key])

        notices, chosen = [], {}
        valid = {
            "jurisdiction": set(Jurisdiction.values),
            "type": set(ActType.values),
            "status": set(Status.values),
            "topic": set(topic_slugs.values()),
        }
        for name, allowed in valid.items():
            value = request.GET.get(name, "").strip()
            if value and value in allowed:
                chosen[name] = value
            elif value:
                notices.append(gettext("An unknown filter value was ignored."))
        year = request.GET.get("year", "").strip()
        if year.isdigit() and 1800 <= int(year) <= 2200:
            chosen["year"] = int(year)
        elif year:
            notices.append(gettext("That year is not valid; showing all years."))
        sort = request.GET.get("sort", "newest")
        if sort not in self.SORTS:
            sort = "newest"

        def matches(row, skip=None):
            page_id, jurisdiction, act_type, status, row_year = row[:5]
            checks = {
                "jurisdiction": jurisdiction,
                "type": act_type,
                "status": status,
                "year": row_year,
            }
            for name, value in chosen.items():
                if name == skip:
                    continue
                if name == "topic":
                    if value not in topic_links[page_id]:
                        return False
                elif checks[name] != value:
                    return False
            return True

        facets = {}
        for name, position in (("jurisdiction", 1), ("type", 2), ("status", 3), ("year", 4)):
            facets[name] = Counter(row[position] for row in rows if matches(row, skip=name))
        facets["topic"] = Counter(
            slug for row in rows if matches(row, skip="topic") for slug in topic_links[row[0]]
        )

        matching = [row for row in rows if matches(row)]
        if sort == "title":
            matching.sort(key=lambda row: row[6].casefold())
        else:
            matching.sort(key=lambda row: (row[4], row[5], row[6]), reverse=sort == "newest")
        return {
            "ids": [row[0] for row in matching],
            "facets": facets,
            "chosen": chosen,
            "sort": sort,
            "notices": list(dict.fromkeys(notices)),
            "total": len(matching),
        }

    def get_cached_paths(self):
        """The library and its comparison, purged at a CDN with the page (home.purging)."""
        return ["/", "compare/"]

    @path("")
    def index_route(self, request):
        result = self.filter_acts(request)
        # Paginate the ids (already counted and sorted), then load only this page's acts.
        page_obj = paginate(result["ids"], request, self.page_size)
        page_ids = page_obj.object_list

        def load_acts():
            acts = LegislationPage.objects.filter(pk__in=page_ids).defer_streamfields()
            by_id = {act.pk: act for act in acts.prefetch_related("topics")}
            return [by_id[pk] for pk in page_ids if pk in by_id]

        # Loaded only if the list is rendered, not when it comes from the cache (the
        # template's site_fragment, keyed by the filters, the order and the page number).
        page_obj.object_list = SimpleLazyObject(load_acts)
        results_key = urlencode(
            sorted(result["chosen"].items()) + [("sort", result["sort"]), ("page", page_obj.number)]
        )
        topics = self.get_topics(request)
        facet_choices = {
            "jurisdiction": [
                (v, label, result["facets"]["jurisdiction"][v]) for v, label in Jurisdiction.choices
            ],
            "type": [
                (v, label, result["facets"]["type"][v])
                for v, label in ActType.choices
                if result["facets"]["type"][v] or result["chosen"].get("type") == v
            ],
            "status": [(v, label, result["facets"]["status"][v]) for v, label in Status.choices],
            "topic": [(t.slug, t.name, result["facets"]["topic"][t.slug]) for t in topics],
            "year": sorted(((y, y, n) for y, n in result["facets"]["year"].items()), reverse=True),
        }
        return self.render(
            request,
            context_overrides={
                "page_obj": page_obj,
                "results_key": results_key,
                "facet_choices": facet_choices,
                "chosen": result["chosen"],
                "sort": result["sort"],
                "notices": result["notices"],
                "total": result["total"],
                "topics_by_key": {t.translation_key: t for t in topics},
                "network_pages": self.get_network_pages(),
            },
        )

    @path("eli/<str:jurisdiction>/<str:act_type>/<int:year>/<str:identifier>/", name="eli")
    def eli_route(self, request, jurisdiction, act_type, year, identifier):
        """Resolve an identifier such as eli/ro/lege/2011/292/ to the act, in this language."""
        for act in self.get_acts().filter(jurisdiction=jurisdiction.upper(), year=year):
            if act.eli_type == act_type and act.eli_identifier == identifier:
                return redirect(act.get_url(request))
        raise Http404

    @path("compare/", name="compare")
    def compare_route(self, request):
        """Bulgarian and Romanian acts on the same subject, side by side, by topic."""
        pairs = LegislationRelation.objects.filter(
            page__locale_id=self.locale_id,
            page__live=True,
            relation_type=LegislationRelation.SAME_SUBJECT,
        ).select_related("page", "target")
        targets = {
            page.translation_key: page
            for page in self.get_acts().filter(
                translation_key__in=[pair.target.translation_key for pair in pairs]
            )
        }
        topics = {t.translation_key: t for t in self.get_topics(request)}
        rows = []
        for pair in pairs:
            act = pair.page
            other = targets.get(pair.target.translation_key)
            if other is None:
                continue
            left, right = (act, other) if act.jurisdiction <= other.jurisdiction else (other, act)
            rows.append((left, right))
        by_topic = defaultdict(list)
        through = LegislationPage.topics.through
        first_topic = {}
        for page_id, key in through.objects.filter(
            legislationpage__in=[left.pk for left, _right in rows]
        ).values_list("legislationpage_id", "topic__translation_key"):
            first_topic.setdefault(page_id, key)
        for left, right in rows:
            topic = topics.get(first_topic.get(left.pk))
            by_topic[topic.name if topic else gettext("Other")].append((left, right))
        return self.render(
            request,
            template="library/compare_acts.html",
            context_overrides={"by_topic": sorted(by_topic.items())},
        )


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


class PracticePage(BasePage):
    """A good practice or project profile, with indicators and financing."""

    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = []

    lead = models.TextField(_("lead"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=500)
    place = models.CharField(_("place"), max_length=255, blank=True)
    period_start = models.DateField(_("start"), null=True, blank=True)
    period_end = models.DateField(_("end"), null=True, blank=True)
    programme = models.CharField(_("programme"), max_length=500, blank=True)
    project_code = models.CharField(_("project code"), max_length=100, blank=True)
    budget_amount = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    budget_currency = models.CharField(
        _("currency"),
        max_length=3,
        blank=True,
        choices=[("BGN", "BGN"), ("EUR", "EUR"), ("RON", "RON")],
    )
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    objectives = RichTextField(_("objectives"), features=RICH_TEXT_FEATURES, blank=True)
    activities = RichTextField(_("activities"), features=RICH_TEXT_FEATURES, blank=True)
    results = StreamField([("result", ResultBlock())], blank=True, verbose_name=_("results"))
    contacts = RichTextField(_("contacts"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = BasePage.content_panels + [
        "lead",
        MultiFieldPanel(
            [
                "organisation",
                "place",
                FieldRowPanel(["period_start", "period_end"]),
                "programme",
                "project_code",
                FieldRowPanel(["budget_amount", "budget_currency"]),
            ],
            heading=_("Profile"),
        ),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        "objectives",
        "activities",
        "results",
        "contacts",
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("organisation"),
        index.SearchField("objectives"),
        index.SearchField("activities"),
    ]
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("project_code", overridable=False),
    ]

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")


class StatutePage(RoutablePageMixin, BasePage):
    """The network's statute, article by article, with its member organisations."""

    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    lead = models.TextField(_("lead"), blank=True)
    adoption_date = models.DateField(_("adopted on"))
    adoption_place = models.CharField(_("adopted at"), max_length=255)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("signed original"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional scan of the signed statute. A PDF of this page's text is made "
            "automatically in every language."
        ),
    )
    articles = StreamField([("article", ArticleBlock())], verbose_name=_("articles"))

    content_panels = BasePage.content_panels + [
        "lead",
        FieldRowPanel(["adoption_date", "adoption_place"]),
        "document",
        "articles",
        InlinePanel("members", heading=_("Member organisations"), label=_("member")),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("articles")]
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("document"),
    ]

    class Meta:
        verbose_name = _("statute")

    def get_cached_paths(self):
        """The statute and its PDF, purged at a CDN with the page (home.purging)."""
        return ["/", "pdf/"]

    @path("")
    def statute_route(self, request):
        from providers.models import directory

        return self.render(
            request,
            context_overrides={
                "members": self.members.select_related("provider"),
                "directory_url": directory(request)[1],
            },
        )

    @path("pdf/", name="pdf")
    def pdf_route(self, request):
        """The statute as a PDF in this page's language, made once per published revision
        (and layout: a new one replaces the cached files and what browsers keep)."""
        from django.core.cache import cache
        from django.http import HttpResponse
        from django.utils.cache import get_conditional_response

        from home.pdf import layout_version

        language = get_language()
        version = f"{self.pk}-{self.live_revision_id}-{language}-{layout_version()}"
        etag = f'"{version}"'
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return not_modified
        key = f"statute-pdf:{version}"
        content = cache.get(key)
        if content is None:
            content = self.build_pdf(language)
            cache.set(key, content, 60 * 60 * 24 * 30)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}-{language}.pdf"'
        response["ETag"] = etag
        return response

    def build_pdf(self, language):
        from home.pdf import Section, build_pdf, html_paragraphs

        sections = [
            Section(
                heading=f"{gettext('Article')} {block.value['number']}"
                + (f". {block.value['heading']}" if block.value["heading"] else ""),
                paragraphs=html_paragraphs(block.value["body"].source),
            )
            for block in self.articles
        ]
        members = [f"{m.name}, {m.town} ({m.get_country_display()})" for m in self.members.all()]
        if members:
            sections.append(Section(gettext("Member organisations"), members))
        subtitle = gettext("Adopted on %(date)s, %(place)s.") % {
            "date": format_date(self.adoption_date),
            "place": self.adoption_place,
        }
        pdf = build_pdf(
            self.title,
            language,
            sections,
            subtitle=subtitle,
            author=gettext("Regional Network for Social Cohesion"),
            footer=self.title,
        )
        return bytes(pdf.content)


class StatuteMember(TranslatableMixin, Orderable):
    """A member organisation of the network, linked to its record in the provider directory."""

    page = ParentalKey(StatutePage, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=255)
    town = models.CharField(_("town"), max_length=100)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRIES)
    website = models.URLField(_("website"), blank=True)
    joined = models.DateField(_("member since"), null=True, blank=True)
    provider = models.ForeignKey(
        "providers.Provider",
        verbose_name=_("provider record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The member's entry in the provider directory, if it has one."),
    )

    panels = ["name", "town", "country", "website", "joined", "provider"]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("town"),
        SynchronizedField("country"),
        SynchronizedField("website"),
        SynchronizedField("joined"),
        SynchronizedField("provider"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("member organisation")
