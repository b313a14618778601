"""Shared page base, the home and standard pages, partners and site-wide settings."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, Page, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .blocks import (
    RICH_TEXT_FEATURES,
    ActivityBlock,
    BaseStreamBlock,
    FundingSourceBlock,
    ResultBlock,
)
from .caching import cached_per_language
from .utils import public_page_url, public_url


class BasePage(Page):
    """Fields every public page shares: a listing card and social-sharing data."""

    listing_title = models.CharField(
        _("listing title"),
        max_length=255,
        blank=True,
        help_text=_("Shorter title for cards and lists; the page title is used when empty."),
    )
    listing_summary = models.TextField(
        _("listing summary"),
        blank=True,
        help_text=_("One or two sentences for cards, lists and search results."),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on cards and when the page is shared."),
    )

    promote_panels = [
        MultiFieldPanel(Page.promote_panels, heading=_("Search engines and address")),
        MultiFieldPanel(
            ["listing_title", "listing_summary", "listing_image"],
            heading=_("Lists and sharing"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("listing_summary")]
    override_translatable_fields = [SynchronizedField("listing_image")]

    class Meta:
        abstract = True

    @property
    def card_title(self):
        return self.listing_title or self.title

    def get_social_image(self):
        """The rendition shown when the page is shared (OpenGraph, Twitter), or None."""
        if not self.listing_image_id:
            return None
        return self.listing_image.get_rendition("fill-1200x630|format-jpeg")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        image = self.get_social_image()
        context["social_image_url"] = public_url(image.url) if image else ""
        return context

    def get_sitemap_urls(self, request=None):
        """Wagtail's entry with the public address (it would use the Site row's)."""
        return [
            {**entry, "location": public_page_url(self, request)}
            for entry in super().get_sitemap_urls(request)
        ]


class HomePage(BasePage):
    """The project at a glance: objective, partners, timeline, results, budget, funding."""

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    lead = models.TextField(_("lead"), blank=True)
    objective = RichTextField(_("objective"), features=RICH_TEXT_FEATURES, blank=True)
    target_groups = RichTextField(_("target groups"), features=["ul", "bold", "link"], blank=True)
    region_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("region image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    region_image_alt = models.CharField(
        _("region image alternative text"), max_length=250, blank=True
    )
    region_image_caption = models.CharField(_("region image caption"), max_length=300, blank=True)
    period_start = models.DateField(_("implementation starts"), null=True, blank=True)
    period_end = models.DateField(_("implementation ends"), null=True, blank=True)
    activities = StreamField(
        [("activity", ActivityBlock())], blank=True, verbose_name=_("activities")
    )
    results = StreamField(
        [("result", ResultBlock())], blank=True, verbose_name=_("expected results")
    )
    budget_total = models.DecimalField(
        _("total budget (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    funding = StreamField(
        [("source", FundingSourceBlock())], blank=True, verbose_name=_("funding split")
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("more content"))

    content_panels = BasePage.content_panels + [
        "lead",
        "objective",
        "target_groups",
        MultiFieldPanel(
            ["region_image", "region_image_alt", "region_image_caption"],
            heading=_("Programme area"),
        ),
        MultiFieldPanel(["period_start", "period_end", "activities"], heading=_("Timeline")),
        "results",
        MultiFieldPanel(["budget_total", "funding"], heading=_("Budget")),
        "body",
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("objective"),
    ]
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("region_image"),
        SynchronizedField("period_start"),
        SynchronizedField("period_end"),
        SynchronizedField("budget_total"),
    ]

    class Meta:
        verbose_name = _("home page")

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The end cannot be before the start.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partners"] = cached_per_language(
            request, "partners", lambda: list(self.get_partners())
        )
        return context

    def get_partners(self):
        return Partner.objects.filter(locale_id=self.locale_id, live=True).select_related("logo")


class StandardPage(BasePage):
    """About, contacts, privacy notice, accessibility statement and other plain pages."""

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    lead = models.TextField(_("lead"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + ["lead", "body"]
    search_fields = BasePage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standard page")


class TranslatableSnippet(TranslatableMixin, DraftStateMixin, RevisionMixin, models.Model):
    """A snippet translated with wagtail-localize, published like a page.

    A translation that wagtail-localize creates is a draft (in the source's words) until
    someone who may publish it does: the public site lists only live rows (``live=True``).
    """

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk and not self.live and self.live_revision_id:
            # wagtail-localize saves a draft of a translation by setting live=False on the
            # row, and does so for every snippet a page refers to when the page is sent for
            # translation: a published translation would vanish from the site. Unpublishing
            # clears live_revision first, so it still works.
            self.live = True
        super().save(*args, **kwargs)


class Partner(TranslatableSnippet):
    """A project partner or funder, shown on the home page with its logo."""

    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(_("role"), max_length=100, help_text=_("For example: Lead partner"))
    city = models.CharField(_("town or city"), max_length=100, blank=True)
    country = models.CharField(
        _("country"), max_length=2, choices=[("BG", _("Bulgaria")), ("RO", _("Romania"))]
    )
    description = models.TextField(_("description"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("website"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = ["name", "role", "city", "country", "description", "logo", "url", "sort_order"]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("role"),
        TranslatableField("city"),
        TranslatableField("description"),
        SynchronizedField("country"),
        SynchronizedField("logo"),
        SynchronizedField("url"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class FundingNotice(TranslatableSnippet):
    """The EU funding notice shown on arrival on every page; translated like any snippet."""

    programme = models.CharField(_("programme"), max_length=255)
    project_title = models.CharField(_("project title"), max_length=255)
    project_code = models.CharField(_("project code"), max_length=50)
    fund_reference = models.CharField(
        _("reference to the Union and the fund"),
        max_length=300,
        help_text=_("For example: Project co-financed by the European Union through the ERDF."),
    )
    disclaimer = models.TextField(_("disclaimer"))
    emblem_alt = models.CharField(_("EU emblem alternative text"), max_length=120)

    panels = [
        "programme",
        "project_title",
        "project_code",
        "fund_reference",
        "disclaimer",
        "emblem_alt",
    ]
    translatable_fields = [
        TranslatableField("programme"),
        TranslatableField("project_title"),
        SynchronizedField("project_code"),
        TranslatableField("fund_reference"),
        TranslatableField("disclaimer"),
        TranslatableField("emblem_alt"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("funding notice")
        verbose_name_plural = _("funding notices")

    def __str__(self):
        return f"{self.project_code} – {self.programme}"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Site-wide choices: the funding notice, contacts and the footer's legal pages."""

    funding_notice = models.ForeignKey(
        FundingNotice,
        verbose_name=_("funding notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("contacts page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        "funding_notice",
        MultiFieldPanel(["contact_email", "contact_phone"], heading=_("Contacts")),
        MultiFieldPanel(
            ["contact_page", "privacy_page", "accessibility_page"], heading=_("Footer pages")
        ),
    ]

    class Meta:
        verbose_name = _("site settings")
