"""The directory's filters: one plain GET form shared by the list, the map and the exports."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.translation import gettext as _

from home.caching import cached_per_language
from home.countries import COUNTRIES
from providers.models import District, Provider, ServiceType, TargetGroup

MAX_TEXT = 100


class ProviderFilters:
    def __init__(self, data, locale_id, request):
        self.locale_id = locale_id
        self.request = request
        self.notices = []
        choices = cached_per_language(request, f"provider-choices-{locale_id}", self._choices)
        self.districts, self.service_types, self.target_groups = choices
        self.values = {}
        self._read(data, "country", {code for code, _name in COUNTRIES})
        self._read(data, "district", {district.code for district in self.districts})
        self._read(data, "service", {item.slug for item in self.service_types})
        self._read(data, "group", {item.slug for item in self.target_groups})
        self._read(data, "member", {"yes"})
        text = " ".join(data.get("q", "").replace("\x00", "").split())[:MAX_TEXT]
        if text:
            self.values["q"] = text

    def _choices(self):
        return (
            list(District.objects.filter(locale_id=self.locale_id, live=True)),
            list(ServiceType.objects.filter(locale_id=self.locale_id, live=True)),
            list(TargetGroup.objects.filter(locale_id=self.locale_id, live=True)),
        )

    def _read(self, data, name, allowed):
        value = data.get(name, "").strip()
        if value in allowed:
            self.values[name] = value
        elif value:
            self.notices.append(_("An unknown filter value was ignored."))

    @property
    def active(self):
        return bool(self.values)

    def querystring(self):
        from urllib.parse import urlencode

        return urlencode(self.values)

    def queryset(self):
        providers = Provider.objects.filter(locale_id=self.locale_id, live=True)
        values = self.values
        if "country" in values:
            providers = providers.filter(country=values["country"])
        if "district" in values:
            providers = providers.filter(district__code=values["district"])
        if "service" in values:
            providers = providers.filter(service_types__slug=values["service"])
        if "group" in values:
            providers = providers.filter(target_groups__slug=values["group"])
        if "member" in values:
            providers = providers.filter(network_member=True)
        if "q" in values:
            text = values["q"]
            providers = providers.filter(
                Q(name__icontains=text)
                | Q(alternate_name__icontains=text)
                | Q(settlement__icontains=text)
                | Q(municipality__icontains=text)
            )
        return providers

    def page(self, per_page):
        """The requested page of providers (one query for its rows) and the total.

        The total is kept per language and filters until the directory changes (a text
        search counts afresh): counting in the rows' query (a window over every match)
        made SQLite and PostgreSQL sort and count 2,000 rows for every page shown.
        """
        providers = self.queryset()
        total = self._count(providers)
        raw = self.request.GET.get("page", "1")
        number = int(raw) if raw.isdigit() and 0 < int(raw) < 100_000 else 1
        if (number - 1) * per_page >= total:
            number = 1
        rows = list(
            providers.select_related("district")
            .prefetch_related("service_types")
            .order_by("name")[(number - 1) * per_page : number * per_page]
        )
        return Paginator(OnePage(total, rows), per_page).page(number)

    def _count(self, providers):
        if "q" in self.values:
            return providers.count()
        return cached_per_language(
            self.request, f"provider-count-{self.locale_id}?{self.querystring()}", providers.count
        )


class OnePage:
    """What a Paginator needs to show one page whose rows and total are already known."""

    def __init__(self, total, rows):
        self.total, self.rows = total, rows

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, item):
        return self.rows
