"""The network's own texts: good practices and the statute (with its PDF)."""

from django import forms
from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import RICH_TEXT_FEATURES, ResultBlock
from home.countries import COUNTRIES
from home.formatting import format_date
from home.models import BasePage
from library.blocks import ArticleBlock

from .terms import Topic


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
