"""The directory's filters: one plain GET form shared by the list, the map and the exports."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter

from home.caching import cached_per_language
from home.countries import COUNTRIES
from home.filters import FlagFilter, SearchTextFilter, SiteFilterSet
from providers.models import District, Provider, ServiceType, TargetGroup


class ProviderFilterSet(SiteFilterSet):
    """Codes and slugs are the same in every language, so a filtered address (and an
    export's) means the same in each; the choices come from the cache per language."""

    q = SearchTextFilter(label=_("Name or place"), max_length=100, method="filter_text")
    country = ChoiceFilter(label=_("Country"), choices=COUNTRIES, empty_label=_("Both countries"))
    district = ChoiceFilter(
        label=_("District"), field_name="district__code", empty_label=_("All districts")
    )
    service = ChoiceFilter(
        label=_("Service"), field_name="service_types__slug", empty_label=_("All services")
    )
    group = ChoiceFilter(
        label=_("For whom"), field_name="target_groups__slug", empty_label=_("Everyone")
    )
    member = FlagFilter(label=_("Network members only"), method="filter_member")

    class Meta:
        model = Provider
        fields = []

    def __init__(self, data, locale_id, request):
        super().__init__(
            data, Provider.objects.filter(locale_id=locale_id, live=True), request=request
        )
        self.locale_id = locale_id
        districts, services, groups = cached_per_language(
            request, f"provider-choices-{locale_id}", self._choices
        )
        self.set_choices("district", [(item.code, item.name) for item in districts])
        self.set_choices("service", [(item.slug, item.name) for item in services])
        self.set_choices("group", [(item.slug, item.name) for item in groups])

    def _choices(self):
        return (
            list(District.objects.filter(locale_id=self.locale_id, live=True)),
            list(ServiceType.objects.filter(locale_id=self.locale_id, live=True)),
            list(TargetGroup.objects.filter(locale_id=self.locale_id, live=True)),
        )

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(alternate_name__icontains=value)
            | Q(settlement__icontains=value)
            | Q(municipality__icontains=value)
        )

    def filter_member(self, queryset, name, value):
        return queryset.filter(network_member=True)

    def count(self):
        """How many providers match: kept per language and filters until the directory
        changes (a text search counts afresh). Counting in the rows' query (a window over
        every match) made SQLite and PostgreSQL sort and count 2,000 rows for every page."""
        if "q" in self.chosen:
            return self.qs.count()
        key = f"provider-count-{self.locale_id}?{self.querystring()}"
        return cached_per_language(self.request, key, self.qs.count)
