"""Publications: each with one file per language edition, downloads counted honestly."""

import re

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import RICH_TEXT_FEATURES
from home.formatting import IN_LANGUAGE
from home.models import BasePage, Partner
from home.utils import public_page_url, public_url
from publications.isbn import normalise_isbn, validate_isbn13

LANGUAGE_CHOICES = [("bg", "Български"), ("ro", "Română"), ("en", "English")]
# An edition's language, in the visitor's language, as running text: "PDF, 2.3 MB, in
# English", "PDF, 2,3 МБ, на английски", "PDF, 2,3 MB, în engleză".
LANGUAGE_NAMES = IN_LANGUAGE


def organization(name, partners):
    """An author or publisher as a schema.org Organization, with the website of the
    project partner it names: ``partners`` are (name, website) pairs, and "Free Youth
    Centre – Vidin" or "Free Youth Centre, Vidin" is the partner with its seat."""
    data = {"@type": "Organization", "name": name}
    for partner, url in partners:
        if re.fullmatch(rf"{re.escape(partner)}(\s*[,–-]\s*.+)?", name):
            data["url"] = url
            break
    return data


class PublicationIndexPage(BasePage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["publications.PublicationPage"]
    max_count_per_parent = 1

    lead = models.TextField(_("lead"), blank=True)

    content_panels = BasePage.content_panels + ["lead"]

    class Meta:
        verbose_name = _("publication index")

    def get_publications(self):
        return (
            PublicationPage.objects.live()
            .public()
            .child_of(self)
            .select_related("cover")
            .prefetch_related(
                models.Prefetch(
                    "editions", queryset=PublicationEdition.objects.select_related("document")
                )
            )
            .order_by("-year", "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["publications"] = self.get_publications()
        return context


class PublicationPage(RoutablePageMixin, BasePage):
    """A publication; its language editions are kept the same in every translation."""

    class Kind(models.TextChoices):
        COMPENDIUM = "compendium", _("Compendium")
        BROCHURE = "brochure", _("Brochure")
        REPORT = "report", _("Report")
        LEAFLET = "leaflet", _("Leaflet")
        STUDY = "study", _("Study")

    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types = []
    serve_select_related = ("cover",)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    audience = models.CharField(_("audience"), max_length=255, blank=True)
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(_("cover alternative text"), max_length=250, blank=True)
    abstract = RichTextField(_("abstract"), features=RICH_TEXT_FEATURES)
    contents = StreamField(
        [
            (
                "entry",
                blocks.StructBlock(
                    [
                        ("title", blocks.CharBlock(label=_("Chapter"))),
                        ("page", blocks.IntegerBlock(label=_("Page"), required=False, min_value=1)),
                    ],
                    icon="list-ol",
                    label=_("Contents entry"),
                ),
            )
        ],
        blank=True,
        verbose_name=_("table of contents"),
    )
    authors = models.CharField(_("authors"), max_length=500)
    publisher = models.CharField(_("publisher"), max_length=255)
    edition = models.CharField(_("edition"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1900)])

    content_panels = BasePage.content_panels + [
        "subtitle",
        FieldRowPanel(["kind", "year", "edition"]),
        "audience",
        MultiFieldPanel(["cover", "cover_alt"], heading=_("Cover")),
        "abstract",
        "contents",
        FieldRowPanel(["authors", "publisher"]),
        InlinePanel(
            "editions",
            heading=_("Language editions"),
            label=_("edition"),
            min_num=1,
            help_text=_(
                "One file per language. Editions are the same on every translation "
                "of this page, so translators cannot remove them."
            ),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("subtitle"),
        index.SearchField("abstract"),
        index.SearchField("authors"),
        index.FilterField("kind"),
        index.FilterField("year"),
    ]
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("cover"),
    ]

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    @cached_property
    def edition_list(self):
        return list(self.editions.select_related("document"))

    def editions_in_order(self):
        """This page's language edition first, then the others."""
        language = get_language()
        return sorted(self.edition_list, key=lambda e: (e.language != language, e.sort_order))

    @cached_property
    def author_list(self):
        """The authors, which the page gives in one field separated by semicolons."""
        return [name.strip() for name in self.authors.split(";") if name.strip()]

    def get_structured_data(self, request):
        language = get_language()
        partners = list(
            Partner.objects.filter(locale_id=self.locale_id, live=True)
            .exclude(url="")
            .values_list("name", "url")
        )
        data = {
            "@context": "https://schema.org",
            "@type": "Book",
            "name": self.title,
            "alternativeHeadline": self.subtitle,
            "author": [organization(name, partners) for name in self.author_list],
            "publisher": organization(self.publisher, partners),
            "datePublished": str(self.year),
            "inLanguage": language,
            "bookEdition": self.edition,
            "url": public_page_url(self, request),
            "isAccessibleForFree": True,
            "workExample": [],
        }
        for edition in self.edition_list:
            example = {
                "@type": "Book",
                "inLanguage": edition.language,
                "bookFormat": "https://schema.org/EBook",
                "url": public_url(edition.download_url),
            }
            if edition.isbn:
                example["isbn"] = edition.isbn
            if edition.pages:
                example["numberOfPages"] = edition.pages
            data["workExample"].append(example)
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["editions"] = self.editions_in_order()
        context["structured_data"] = self.get_structured_data(request)
        return context

    @property
    def meta_description(self):
        """The publication's abstract, unless an editor wrote a description."""
        return super().meta_description or " ".join(strip_tags(self.abstract).split())

    def get_cached_paths(self):
        """The publication and its citations, purged at a CDN with the page (home.purging)."""
        return ["/", "cite/bibtex/", "cite/ris/"]

    @path("")
    def publication_route(self, request):
        return self.render(request)

    @path("cite/bibtex/", name="bibtex")
    def bibtex_route(self, request):
        from publications.citation import bibtex_response

        return bibtex_response(self, request)

    @path("cite/ris/", name="ris")
    def ris_route(self, request):
        from publications.citation import ris_response

        return ris_response(self, request)


class PublicationEdition(Orderable):
    """One language edition: its file, ISBN and length. Synchronised, not translated."""

    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="editions")
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("file"), on_delete=models.PROTECT, related_name="+"
    )
    isbn = models.CharField(
        _("ISBN"),
        max_length=20,
        blank=True,
        validators=[validate_isbn13],
        help_text=_("ISBN-13 of this language edition, e.g. 978-619-00-0000-0."),
    )
    pages = models.PositiveIntegerField(_("number of pages"), null=True, blank=True)

    panels = ["language", "document", "isbn", "pages"]

    class Meta(Orderable.Meta):
        verbose_name = _("language edition")
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="one_edition_per_language"),
        ]

    def save(self, *args, **kwargs):
        if self.isbn:
            self.isbn = format_isbn(self.isbn)
        super().save(*args, **kwargs)

    @property
    def language_name(self):
        return dict(LANGUAGE_CHOICES).get(self.language, self.language)

    @property
    def download_url(self):
        from django.urls import reverse

        return reverse("publication_download", args=[self.pk, self.filename])

    @property
    def filename(self):
        extension = self.document.file_extension or "pdf"
        return f"{self.page.slug}-{self.language}.{extension}"

    def describe(self):
        """e.g. "PDF, 2.3 MB, in Bulgarian" in the visitor's language."""
        from home.formatting import format_file_size

        return gettext("%(format)s, %(size)s, %(language)s") % {
            "format": (self.document.file_extension or "").upper(),
            "size": format_file_size(self.document.file_size),
            "language": LANGUAGE_NAMES[self.language],
        }


def format_isbn(value):
    digits = normalise_isbn(value)
    return f"{digits[:3]}-{digits[3:]}" if len(digits) == 13 else value


class DownloadCount(models.Model):
    """Downloads of one publication in one language in one month.

    Counts only: nothing about the visitor is stored. The publication is identified by
    its translation key, the same for every translation of the page.
    """

    publication_key = models.UUIDField(_("publication"), db_index=True)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    month = models.DateField(_("month"))
    count = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("download count")
        constraints = [
            models.UniqueConstraint(
                fields=["publication_key", "language", "month"],
                name="one_count_per_publication_language_month",
            ),
        ]

    def __str__(self):
        return f"{self.publication_key} {self.language} {self.month:%Y-%m}: {self.count}"

    @classmethod
    def increment(cls, publication_key, language, month):
        """Add one download in a single statement (SQLite and PostgreSQL upsert)."""
        from django.db import connection

        table = connection.ops.quote_name(cls._meta.db_table)
        key = publication_key.hex if connection.vendor == "sqlite" else str(publication_key)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (publication_key, language, month, count) "  # noqa: S608
                "VALUES (%s, %s, %s, 1) ON CONFLICT (publication_key, language, month) "
                "DO UPDATE SET count = " + table + ".count + 1",
                [key, language, month],
            )
