"""News and events: the index of each language tree, news items, their categories."""

import datetime
import re

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import BaseTranslatableField, SynchronizedField

from home.blocks import BaseStreamBlock, FigureBlock
from home.caching import cached_per_language
from home.models import BasePage, Taxonomy
from home.pagination import paginate
from home.utils import public_page_url, public_url

THUMBNAIL_SPECS = ["fill-400x225", "fill-800x450"]
# How long an event lasts when the news gives no end (structured data, calendar feed).
DEFAULT_EVENT_LENGTH = datetime.timedelta(hours=2)
# How places are written in the three languages: the countries a place may end with (to
# ISO 3166 codes), and the words that make a part of it a region ("област Пазарджик").
COUNTRY_CODES = {
    "българия": "BG",
    "bulgaria": "BG",
    "румъния": "RO",
    "românia": "RO",
    "romania": "RO",
}
REGION_WORDS = {"област", "district", "districtul", "județul", "county"}


def network_organization():
    """The network as a schema.org Organization, with its home page in the active language."""
    return {
        "@type": "Organization",
        "name": gettext("Regional Network for Social Cohesion"),
        "url": public_url(reverse("wagtail_serve", args=[""])),
    }


def network_logo():
    return {"@type": "ImageObject", "url": public_url(static("img/favicon.svg"))}


def postal_address(place):
    """A schema.org PostalAddress read from a place written "Town[, region], Country", as
    the news gives them ("Strelcha, Pazardzhik district, Bulgaria"); None for no place.

    Remarks in brackets ("Romania (venue to be announced)") are left out; a country the
    site knows becomes its ISO code, any other stays as written (schema.org allows both).
    """
    parts = [part.strip() for part in re.sub(r"\(.*?\)", "", place).split(",")]
    parts = [part for part in parts if part]
    if not parts:
        return None
    address = {"@type": "PostalAddress"}
    if len(parts) > 1 or parts[0].casefold() in COUNTRY_CODES:
        country = parts.pop()
        address["addressCountry"] = COUNTRY_CODES.get(country.casefold(), country)
    for part in parts:
        is_region = REGION_WORDS.intersection(part.casefold().split())
        address.setdefault("addressRegion" if is_region else "addressLocality", part)
    return address


class NewsCategory(Taxonomy):
    """A category of news (events, the network, publications…), translated."""

    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_("Used in addresses such as ?category=events; the same in every language."),
    )

    class Meta(Taxonomy.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_news_category_slug"),
        ]


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The news of one language tree: filterable by category and year, with feeds."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1
    page_size = 20

    lead = models.TextField(_("lead"), blank=True)

    content_panels = BasePage.content_panels + ["lead"]
    search_fields = BasePage.search_fields + [index.SearchField("lead")]
    # The filters the language switcher carries over (home.templatetags.site_tags).
    switcher_parameters = {"category": NewsCategory, "year": None, "page": None}

    class Meta:
        verbose_name = _("news index")

    def get_news_items(self, prefetch_renditions=True, *, served=False):
        """Live public news of this index, newest first, ready for listing with thumbnails.

        Lists kept in the cache skip the renditions prefetch: a cached empty prefetch
        would hide renditions made later, and Wagtail's rendition cache serves them.

        ``served``: this index is the page being served, so Wagtail has checked its view
        restrictions and its ancestors'; only an item's own restriction can make it
        private, excluded by a join rather than ``public()``'s extra query.
        """
        items = NewsPage.objects.live().child_of(self)
        items = items.filter(view_restrictions__isnull=True) if served else items.public()
        items = (
            items.select_related("category", "listing_image")
            .defer_streamfields()
            .order_by("-date", "-pk")
        )
        if prefetch_renditions:
            renditions = get_image_model().get_rendition_model().objects.all()
            items = items.prefetch_related(
                Prefetch(
                    "listing_image__renditions",
                    queryset=renditions,
                    to_attr="prefetched_renditions",
                )
            )
        return items

    def get_upcoming_events(self, now=None, prefetch_renditions=True):
        now = now or timezone.now()
        return (
            self.get_news_items(prefetch_renditions)
            .filter(event_start__isnull=False)
            .filter(
                models.Q(event_end__gte=now)
                | models.Q(event_end__isnull=True, event_start__gte=now)
            )
            .order_by("event_start")
        )

    def get_filters(self, request):
        """The ?category= and ?year= filters over this index's news (news.filters)."""
        from news.filters import NewsFilterSet  # it filters NewsPage, defined below

        items = self.get_news_items(served=True)
        categories = cached_per_language(
            request,
            "news-categories",
            lambda: list(NewsCategory.objects.filter(locale_id=self.locale_id, live=True)),
        )
        years = cached_per_language(
            request,
            f"news-years:{self.pk}",
            lambda: [d.year for d in items.dates("date", "year", order="DESC")],
        )
        return NewsFilterSet(request.GET, items, categories=categories, years=years)

    def get_cached_paths(self):
        """The listing and its feeds, purged at a CDN with the page (home.purging)."""
        return ["/", "rss/", "atom/", "calendar/"]

    @path("")
    def index_route(self, request):
        filters = self.get_filters(request)
        # The number of matches is kept with the list's fragments (site_fragment "news-list",
        # keyed by the same filters): the list's rows are loaded only to render it anew.
        key = f"news-count:{self.pk}:{filters.querystring()}"
        return self.render(
            request,
            context_overrides={
                "filters": filters,
                "page_obj": paginate(
                    filters.qs,
                    request,
                    self.page_size,
                    count=lambda: cached_per_language(request, key, filters.qs.count),
                ),
            },
        )

    @path("rss/", name="rss")
    def rss_route(self, request):
        from news.feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_route(self, request):
        from news.feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)

    @path("calendar/", name="ical")
    def ical_route(self, request):
        from news.feeds import ical_response

        return ical_response(self, request)

    def feed_urls(self, request):
        base = self.get_url(request)
        return {"rss": f"{base}rss/", "atom": f"{base}atom/", "ical": f"{base}calendar/"}


class NewsPage(BasePage):
    """A news item; with a start date it also announces or reports an event."""

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    serve_select_related = ("category", "listing_image")

    date = models.DateField(_("date"), default=datetime.date.today)
    lead = models.TextField(_("lead"), help_text=_("One or two sentences that sum up the news."))
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    gallery = StreamField([("image", FigureBlock())], blank=True, verbose_name=_("gallery"))
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    related_pages = StreamField(
        [("page", blocks.PageChooserBlock(label=_("Page")))],
        blank=True,
        verbose_name=_("related pages"),
    )
    event_start = models.DateTimeField(_("event starts"), null=True, blank=True)
    event_end = models.DateTimeField(_("event ends"), null=True, blank=True)
    event_place = models.CharField(_("place"), max_length=255, blank=True)
    event_latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    event_longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    content_panels = BasePage.content_panels + [
        FieldRowPanel(["date", "category"]),
        "lead",
        "body",
        "gallery",
        MultiFieldPanel(
            [
                FieldRowPanel(["event_start", "event_end"]),
                "event_place",
                FieldRowPanel(["event_latitude", "event_longitude"]),
            ],
            heading=_("Event"),
            help_text=_("Fill in for news that announces or reports an event."),
        ),
        FieldPanel("tags"),
        "related_pages",
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("category"),
    ]
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("date"),
        SynchronizedField("event_start"),
        SynchronizedField("event_end"),
        SynchronizedField("event_latitude", overridable=False),
        SynchronizedField("event_longitude", overridable=False),
        # Tags are words of the page's own language ("Добрич", "Dobrici"): a translation
        # starts with the source's and keeps its own after that, never overwritten by a sync.
        BaseTranslatableField("tagged_items"),
    ]

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        errors = {}
        if self.event_end and not self.event_start:
            errors["event_start"] = _("Give the start of the event as well.")
        elif self.event_end and self.event_end < self.event_start:
            errors["event_end"] = _("The event cannot end before it starts.")
        if (self.event_latitude is None) != (self.event_longitude is None):
            errors["event_longitude"] = _("Give both latitude and longitude, or neither.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_event(self):
        return self.event_start is not None

    @cached_property
    def map_url(self):
        if self.event_latitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.event_latitude}"
            f"&mlon={self.event_longitude}#map=14/{self.event_latitude}/{self.event_longitude}"
        )

    def get_related_pages(self):
        """The chosen related pages in this page's language, in one query."""
        ids = [block.value.pk for block in self.related_pages if block.value]
        if not ids:
            return []
        chosen = Page.objects.filter(pk__in=ids)
        candidates = Page.objects.filter(
            models.Q(pk__in=ids)
            | models.Q(
                translation_key__in=chosen.values("translation_key"),
                locale_id=self.locale_id,
                live=True,
            )
        ).only("title", "url_path", "translation_key", "locale_id", "live")
        keys, localized = {}, {}
        for page in candidates:
            if page.pk in ids:
                keys[page.pk] = page.translation_key
            if page.locale_id == self.locale_id and page.live:
                localized[page.translation_key] = page
        return [localized[keys[pk]] for pk in ids if keys.get(pk) in localized]

    @property
    def event_end_or_default(self):
        """When the event ends. With no end given (or an end equal to the start, which the
        editor allows) it lasts DEFAULT_EVENT_LENGTH, as the calendar feed has it."""
        if self.event_end and self.event_end > self.event_start:
            return self.event_end
        return self.event_start + DEFAULT_EVENT_LENGTH

    def get_structured_data(self, request, image_url=""):
        """schema.org NewsArticle, and Event for news about an event.

        The network writes and publishes the news. It is not named as the event's
        organiser: much of the news reports other projects' events, and the page does not
        say who organises them.
        """
        url = public_page_url(self, request)
        language = get_language()
        network = network_organization()
        article = {
            "@type": "NewsArticle",
            "headline": self.title,
            "description": self.lead,
            "datePublished": self.date.isoformat(),
            "dateModified": (self.last_published_at or self.date).isoformat(),
            "inLanguage": language,
            "url": url,
            "mainEntityOfPage": url,
            "author": network,
            "publisher": {**network, "logo": network_logo()},
        }
        if image_url:
            article["image"] = [image_url]
        graph = [article]
        if self.is_event:
            event = {
                "@type": "Event",
                "name": self.title,
                "description": self.lead,
                "startDate": self.event_start.isoformat(),
                "endDate": self.event_end_or_default.isoformat(),
                "eventStatus": "https://schema.org/EventScheduled",
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                "location": self.event_location(),
                "url": url,
                "inLanguage": language,
            }
            if image_url:
                event["image"] = [image_url]
            graph.append(event)
        return {"@context": "https://schema.org", "@graph": graph}

    def event_location(self):
        place = {"@type": "Place", "name": self.event_place or self.title}
        if address := postal_address(self.event_place):
            place["address"] = address
        if self.event_latitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(self.event_latitude),
                "longitude": float(self.event_longitude),
            }
        return place

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = self.get_related_pages()
        context["structured_data"] = self.get_structured_data(request, context["social_image_url"])
        return context
