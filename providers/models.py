"""The cross-border directory of social service providers, shaped after Open Referral HSDS."""

import re
import uuid
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.text import capfirst, slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField
from wagtailgeowidget.helpers import geosgeometry_str_to_struct
from wagtailgeowidget.panels import GeoAddressPanel

from home.admin_forms import RevisionCheckedModelForm
from home.caching import cached_per_language
from home.countries import COUNTRIES, ORIGINAL_LANGUAGES
from home.jobs import BackgroundJob
from home.models import BasePage, Taxonomy, TranslatableSnippet
from home.pagination import paginate
from home.transliteration import bg_to_latin_text
from home.utils import public_request_url
from providers.widgets import LocalLeafletField

# The map and the import accept coordinates within Bulgaria and Romania.
LATITUDE_RANGE = (Decimal("41.2"), Decimal("48.3"))
LONGITUDE_RANGE = (Decimal("20.2"), Decimal("29.8"))
# The form of each country's postal codes, and what to tell whoever wrote another.
POSTAL_CODES = {
    "BG": (re.compile(r"[0-9]{4}"), _("a Bulgarian postal code has four digits, such as 3700")),
    "RO": (re.compile(r"[0-9]{6}"), _("a Romanian postal code has six digits, such as 205200")),
}


class MunicipalityKind(models.TextChoices):
    """Bulgaria has one kind of municipality; Romania has three, by the law on its territory."""

    OBSHTINA = "obshtina", _("obshtina (Bulgaria)")
    MUNICIPIU = "municipiu", _("municipiu, a city (Romania)")
    ORAS = "oras", _("oraș, a town (Romania)")
    COMUNA = "comuna", _("comună, a rural commune (Romania)")


# Each kind in running text, in the visitor's language.
MUNICIPALITY_NAMES = {
    MunicipalityKind.OBSHTINA: _("%(name)s Municipality"),
    MunicipalityKind.MUNICIPIU: _("Municipality of %(name)s"),
    MunicipalityKind.ORAS: _("town of %(name)s"),
    MunicipalityKind.COMUNA: _("%(name)s Commune"),
}


class DirectoryTaxonomy(Taxonomy):
    """Service types and target groups: names as long as the national registers' own."""

    name = models.CharField(_("name"), max_length=150)

    class Meta(Taxonomy.Meta):
        abstract = True


class ServiceType(DirectoryTaxonomy):
    class Meta(DirectoryTaxonomy.Meta):
        verbose_name = _("service type")
        verbose_name_plural = _("service types")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_service_type_slug")
        ]


class TargetGroup(DirectoryTaxonomy):
    class Meta(DirectoryTaxonomy.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_target_group_slug")
        ]


def latitude_validators():
    return [MinValueValidator(LATITUDE_RANGE[0]), MaxValueValidator(LATITUDE_RANGE[1])]


def longitude_validators():
    return [MinValueValidator(LONGITUDE_RANGE[0]), MaxValueValidator(LONGITUDE_RANGE[1])]


class District(TranslatableSnippet):
    """A NUTS3 district (oblast / județ); the 15 border districts form the programme area."""

    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(_("NUTS3 code"), max_length=5)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRIES)
    in_programme_area = models.BooleanField(_("in the programme area"), default=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, validators=latitude_validators()
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, validators=longitude_validators()
    )

    panels = [
        "name",
        "code",
        "country",
        "in_programme_area",
        FieldRowPanel(["latitude", "longitude"]),
    ]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("code", overridable=False),
        SynchronizedField("country", overridable=False),
        SynchronizedField("in_programme_area", overridable=False),
        SynchronizedField("latitude", overridable=False),
        SynchronizedField("longitude", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_district_code")
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"


class ProviderForm(RevisionCheckedModelForm):
    """Edits the two coordinate fields through one Leaflet map picker.

    The district, service types and target groups offered are those of the provider's
    own language: the instance's locale (on the add view, the ``?locale=`` it is for).
    A term already linked that has no version in that language yet (providers.signals
    then links the source row) stays on offer, marked with its language, so that saving
    does not drop it from every language version.
    """

    SAME_LANGUAGE_FIELDS = ("district", "service_types", "target_groups")

    location = forms.CharField(
        label=_("Location on the map"),
        required=False,
        help_text=_(
            "Click the map to place the provider, or drag the marker. "
            "The circles mark the centres of the programme-area districts."
        ),
        widget=LocalLeafletField(
            address_field="address",
            zoom_field="",
            hide_latlng=True,
            zoom=settings.GEO_WIDGET_ZOOM,
            srid=4326,
            id_prefix="id_",
            latitude_field="latitude",
            longitude_field="longitude",
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.latitude is not None and instance.longitude is not None:
            self.initial["location"] = f"SRID=4326;POINT({instance.longitude} {instance.latitude})"
        locale_id = instance.locale_id or Locale.get_default().pk
        if "district" in self.fields:
            # A select of the language's districts rather than the snippet chooser, whose
            # modal lists every district in every language.
            self.fields["district"].widget = forms.Select()
        for name in self.SAME_LANGUAGE_FIELDS:
            if name in self.fields:
                self.limit_to_language(name, locale_id)
        if "location" in self.fields:
            self.fields["location"].widget.districts = district_centres(locale_id)

    def limit_to_language(self, name, locale_id):
        field = self.fields[name]
        model = field.queryset.model
        terms = models.Q(locale_id=locale_id)
        untranslated = [
            term
            for term in self.linked_terms(name)
            if term.locale_id != locale_id
            and not model.objects.filter(
                translation_key=term.translation_key, locale_id=locale_id
            ).exists()
        ]
        if untranslated:
            terms |= models.Q(pk__in=[term.pk for term in untranslated])
            other = {term.pk: term.locale.get_display_name() for term in untranslated}
            field.label_from_instance = lambda term: (
                f"{term} ({other[term.pk]})" if term.pk in other else str(term)
            )
        field.queryset = model.objects.filter(terms)

    def linked_terms(self, name):
        instance = self.instance
        if instance.pk is None:
            return []
        if name == "district":
            return [instance.district] if instance.district_id else []
        return list(getattr(instance, name).select_related("locale"))

    def clean(self):
        cleaned = super().clean()
        location = cleaned.get("location")
        # The map wins only when it was moved: typed coordinates are kept otherwise.
        if location and "location" in self.changed_data:
            point = geosgeometry_str_to_struct(location)
            if not point:
                self.add_error("location", _("Pick a point on the map."))
            else:
                cleaned["latitude"] = Decimal(point["y"]).quantize(Decimal("0.000001"))
                cleaned["longitude"] = Decimal(point["x"]).quantize(Decimal("0.000001"))
                self.instance.latitude = cleaned["latitude"]
                self.instance.longitude = cleaned["longitude"]
        return cleaned


def postal_code_error(country, postal_code):
    """Why ``postal_code`` cannot be one of the country's, or None (also when it is empty)."""
    pattern, message = POSTAL_CODES.get(country, (None, None))
    if postal_code and pattern and not pattern.fullmatch(postal_code):
        return message
    return None


def district_centres(locale_id):
    """The programme-area districts' centres, named in one language, for the map picker."""
    districts = District.objects.filter(in_programme_area=True)
    localized = districts.filter(locale_id=locale_id)
    if not localized.exists():
        localized = districts.filter(locale=Locale.get_default())
    return [
        {"name": district.name, "lat": float(district.latitude), "lng": float(district.longitude)}
        for district in localized.order_by("country", "name")
    ]


# Not language: one value for every language version (providers.signals keeps them equal).
SHARED_FIELDS = (
    "legal_form",
    "status",
    "country",
    "municipality_kind",
    # The postal address as the country writes it: what a letter and a geocoder need.
    "address",
    "postal_code",
    "latitude",
    "longitude",
    "confidential_location",
    "capacity",
    "phone",
    "email",
    "website",
    "licence",
    "register_url",
    "languages",
    "network_member",
    "last_verified",
)


class Provider(index.Indexed, TranslatableSnippet):
    """A social service provider or public institution (HSDS organization + location)."""

    class LegalForm(models.TextChoices):
        NGO = "ngo", _("Non-governmental organisation")
        PUBLIC = "public", _("Public institution")
        MUNICIPAL = "municipal", _("Municipal service")
        PRIVATE = "private", _("Private provider")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")

    external_id = models.SlugField(
        _("external id"),
        max_length=100,
        help_text=_("Stable identifier used by imports and exports; the same in every language."),
    )
    name = models.CharField(_("name"), max_length=255)
    alternate_name = models.CharField(_("alternate name"), max_length=255, blank=True)
    legal_form = models.CharField(_("legal form"), max_length=20, choices=LegalForm.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    country = models.CharField(_("country"), max_length=2, choices=COUNTRIES)
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+"
    )
    municipality = models.CharField(
        _("municipality"),
        max_length=150,
        blank=True,
        help_text=_("Its name only, such as Vidin or Craiova; the kind below names the unit."),
    )
    municipality_kind = models.CharField(
        _("kind of municipality"),
        max_length=10,
        choices=MunicipalityKind.choices,
        blank=True,
    )
    settlement = models.CharField(_("settlement"), max_length=150)
    address = models.CharField(_("address"), max_length=255, blank=True)
    postal_code = models.CharField(
        _("postal code"),
        max_length=10,
        blank=True,
        help_text=_("Four digits in Bulgaria, six in Romania."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=latitude_validators(),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=longitude_validators(),
    )
    confidential_location = models.BooleanField(
        _("confidential location"),
        default=False,
        help_text=_(
            "For shelters: the public sees only the settlement, never a pin at the address."
        ),
    )
    service_types = models.ManyToManyField(
        ServiceType, verbose_name=_("service types"), blank=True, related_name="+"
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="+"
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    licence = models.CharField(_("licence or accreditation number"), max_length=100, blank=True)
    register_url = models.URLField(_("register entry"), blank=True)
    languages = models.CharField(
        _("languages spoken"),
        max_length=50,
        blank=True,
        help_text=_("ISO codes separated by commas, e.g. bg, ro, en."),
    )
    network_member = models.BooleanField(_("network member"), default=False)
    description = models.TextField(_("description"), blank=True)
    last_verified = models.DateField(_("last verified"), null=True, blank=True)

    base_form_class = ProviderForm
    panels = [
        MultiFieldPanel(
            [
                "external_id",
                "name",
                "alternate_name",
                FieldRowPanel(["legal_form", "status"]),
                "network_member",
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(["country", "district"]),
                FieldRowPanel(["municipality", "municipality_kind", "settlement"]),
                GeoAddressPanel("address", geocoder=settings.MAP_GEOCODER),
                "postal_code",
                FieldPanel("location"),
                FieldRowPanel(["latitude", "longitude"]),
                "confidential_location",
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("service_types", widget=forms.CheckboxSelectMultiple),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                "capacity",
                "languages",
                "description",
            ],
            heading=_("Services"),
        ),
        MultiFieldPanel(
            ["phone", "email", "website", "licence", "register_url", "last_verified"],
            heading=_("Contacts and registration"),
        ),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("alternate_name"),
        TranslatableField("municipality"),
        TranslatableField("settlement"),
        TranslatableField("description"),
        TranslatableField("district"),
    ] + [SynchronizedField(name, overridable=False) for name in ("external_id", *SHARED_FIELDS)]
    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("alternate_name"),
        index.SearchField("settlement"),
        index.SearchField("municipality"),
        index.SearchField("description"),
        # Staff find a provider in the admin by the start of its name or place ("Vid").
        index.AutocompleteField("name"),
        index.AutocompleteField("settlement"),
        index.FilterField("locale_id"),
        index.FilterField("country"),
        # Every filter of the admin listing, so that searching within a filter works.
        index.FilterField("district"),
        index.FilterField("network_member"),
        index.FilterField("id"),  # service type and target group filters: id IN (…)
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id", "locale"], name="unique_provider_external_id"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.external_id:
            self.external_id = slugify(self.name)[:80] or uuid.uuid4().hex
        super().save(*args, **kwargs)

    def with_content_json(self, content):
        """A revision being published takes the shared facts as they are now: a draft made
        before another language version changed them must not bring back old values."""
        obj = super().with_content_json(content)
        for name in (*SHARED_FIELDS, "district_id"):
            setattr(obj, name, getattr(self, name))
        return obj

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        if self.district_id and self.country and self.district.country != self.country:
            raise ValidationError({"district": _("This district is in the other country.")})
        error = postal_code_error(self.country, self.postal_code)
        if error:
            raise ValidationError({"postal_code": capfirst(error)})

    @property
    def public_point(self):
        """(lat, lng) the public may see: none for a confidential location."""
        if self.confidential_location or self.latitude is None:
            return None
        return (self.latitude, self.longitude)

    @property
    def address_language(self):
        """The language the shared postal address is written in: the country's own."""
        return ORIGINAL_LANGUAGES.get(self.country, "")

    @property
    def address_latin(self):
        """A Bulgarian address in Latin letters for the ro and en pages, else ""."""
        if self.address_language != "bg" or self.locale.language_code == "bg":
            return ""
        return bg_to_latin_text(self.address)

    @property
    def municipality_label(self):
        """The municipality named once, with its unit, in the active language: "община
        Видин", "municipiul Craiova", "Craiova Municipality"."""
        if not self.municipality:
            return ""
        kind = self.municipality_kind or ("obshtina" if self.country == "BG" else "")
        pattern = MUNICIPALITY_NAMES.get(kind)
        return pattern % {"name": self.municipality} if pattern else self.municipality

    @property
    def language_list(self):
        return [code.strip() for code in self.languages.split(",") if code.strip()]


# Extension points for the apps that know people who work at providers (the community of
# practice): providers never imports them; they register functions under these hook names.
#
# "provider_community_members": fn() -> a queryset with one row per person who works at a
#     provider (for the community: approved members with an active account), annotated with
#     ``translation_key``, the Provider.translation_key of that provider (so that every
#     language version counts). Providers count its rows inside their own queries.
# "provider_community_profiles": fn(request, translation_key) -> (count, [(name, url), …])
#     the same count for one provider, and the people among them whose profile is public,
#     each with the URL of that profile in the request's language (a bounded query or two);
#     the name is HTML-safe, marked with its language where it is not the page's.
COMMUNITY_MEMBERS_HOOK = "provider_community_members"
COMMUNITY_PROFILES_HOOK = "provider_community_profiles"


def community_people():
    return [fn() for fn in hooks.get_hooks(COMMUNITY_MEMBERS_HOOK)]


def with_community_members(providers):
    """The providers, each annotated with ``community_members`` (0 when no app counts)."""
    total = models.Value(0)
    for people in community_people():
        counted = (
            people.filter(translation_key=models.OuterRef("translation_key"))
            .order_by()
            .annotate(n=models.Func(models.F("pk"), function="COUNT"))
            .values("n")
        )
        total = total + models.Subquery(counted, output_field=models.IntegerField())
    return providers.annotate(community_members=total)


def community_member_counts(request):
    """{translation_key: count} of every provider where people of the community work, in
    one query per registered app however many providers there are; cached on the request."""
    if not hasattr(request, "_provider_community_members"):
        counts = {}
        for people in community_people():
            rows = (
                people.order_by()
                .values("translation_key")
                .annotate(n=models.Count("pk"))
                .values_list("translation_key", "n")
            )
            for key, n in rows:
                counts[key] = counts.get(key, 0) + n
        request._provider_community_members = counts
    return request._provider_community_members


def community_member_profiles(request, translation_key):
    """(count, [(name, url), …]) of the community members who work at one provider."""
    cache = request.__dict__.setdefault("_provider_community_profiles", {})
    if translation_key not in cache:
        count, profiles = 0, []
        for fn in hooks.get_hooks(COMMUNITY_PROFILES_HOOK):
            more, listed = fn(request, translation_key) or (0, [])
            count += more
            profiles.extend(listed)
        cache[translation_key] = (count, profiles)
    return cache[translation_key]


def directory(request):
    """The active language's locale id and its map page's URL (cached): where other
    pages (the statute, the exports) send readers to the directory."""

    def compute():
        locale = Locale.objects.filter(language_code=get_language()).first()
        page = ProviderMapPage.objects.live().filter(locale=locale).first() if locale else None
        return (locale.pk if locale else None, page.get_url(request) if page else "")

    return cached_per_language(request, "provider-directory", compute)


class ProviderMapPage(RoutablePageMixin, BasePage):
    """The accessible list of providers, with filters and a map that enhances it."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    page_size = 50

    lead = models.TextField(_("lead"), blank=True)

    content_panels = BasePage.content_panels + ["lead"]

    # The filters the language switcher carries over (home.templatetags.site_tags).
    switcher_parameters = {
        "country": None,
        "district": None,
        "service": ServiceType,
        "group": TargetGroup,
        "member": None,
        "page": None,
    }

    class Meta:
        verbose_name = _("provider map")

    @path("")
    def list_route(self, request):
        from providers.filters import ProviderFilterSet  # it filters Provider, above

        filters = ProviderFilterSet(request.GET, self.locale_id, request)
        # Organisations where community members work carry a badge (no extra query).
        rows = (
            with_community_members(filters.qs)
            .select_related("district")
            .prefetch_related("service_types")
            .order_by("name")
        )
        page_obj = paginate(rows, request, self.page_size, count=filters.count)
        return self.render(
            request,
            context_overrides={
                "filters": filters,
                "page_obj": page_obj,
                "total": page_obj.paginator.count,
                "map_tiles": {
                    "url": settings.MAP_TILE_URL,
                    "attribution": settings.MAP_TILE_ATTRIBUTION,
                },
            },
        )

    @path("p/<slug:external_id>/", name="provider")
    def provider_route(self, request, external_id):
        # Every language version at once: the switcher links to those that exist, and
        # a name translated from another language shows its original too.
        versions = {
            version.locale.language_code: version
            for version in Provider.objects.filter(external_id=external_id, live=True)
            .select_related("district", "locale")
            .prefetch_related("service_types", "target_groups")
        }
        provider = next((v for v in versions.values() if v.locale_id == self.locale_id), None)
        if provider is None:
            raise Http404
        original = versions.get(ORIGINAL_LANGUAGES.get(provider.country))
        if original is provider or original is None or original.name == provider.name:
            original = None
        community_count, community_profiles = community_member_profiles(
            request, provider.translation_key
        )
        return self.render(
            request,
            template="providers/provider_detail.html",
            context_overrides={
                "provider": provider,
                "original": original,
                "route_languages": set(versions),
                "structured_data": provider_structured_data(provider, request),
                "community_count": community_count,
                "community_profiles": community_profiles,
            },
        )


def provider_structured_data(provider, request):
    """schema.org Organization of the provider's page; its url is the page's canonical one."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": provider.name,
        "url": public_request_url(request),
        "address": {
            "@type": "PostalAddress",
            **(
                {"streetAddress": provider.address}
                if provider.address and not provider.confidential_location
                else {}
            ),
            **(
                {"postalCode": provider.postal_code}
                if provider.postal_code and not provider.confidential_location
                else {}
            ),
            "addressLocality": provider.settlement,
            "addressRegion": provider.district.name,
            "addressCountry": provider.country,
        },
    }
    if provider.alternate_name:
        data["alternateName"] = provider.alternate_name
    if provider.description:
        data["description"] = provider.description
    if provider.website:
        data["sameAs"] = [provider.website]
    if provider.phone:
        data["telephone"] = provider.phone
    if provider.email:
        data["email"] = provider.email
    point = provider.public_point
    place = {"@type": "Place", "name": provider.settlement, "address": data["address"]}
    if point:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(point[0]),
            "longitude": float(point[1]),
        }
    data["location"] = place
    return data


class ImportJob(BackgroundJob):
    """One provider import run by the background worker (providers.jobs), and its result."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for the worker")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Done")
        FAILED = "failed", _("Nothing imported")

    class Stage(models.TextChoices):
        CHECK = "check", _("Checking the rows")
        WRITE = "write", _("Writing the providers")
        INDEX = "index", _("Updating the search index")

    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    dry_run = models.BooleanField(_("only check the file"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WAITING
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, blank=True)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows done"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    # [{"line": 12, "column": "district", "message": "unknown district …"}, …]
    errors = models.JSONField(_("errors"), default=list, blank=True)

    class Meta(BackgroundJob.Meta):
        verbose_name = _("provider import")
        verbose_name_plural = _("provider imports")
