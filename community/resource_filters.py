"""The filters of the resource library: a plain GET form that works without JavaScript."""

import django_filters
from django.utils.translation import gettext_lazy as _

from community.models import LANGUAGES, Resource
from home.countries import COUNTRIES
from home.filters import SiteFilterSet


class ResourceFilterSet(SiteFilterSet):
    """Topic by slug (one slug for every translation of a topic, so a filtered address
    means the same in each language); a country also finds resources about both."""

    topic = django_filters.ChoiceFilter(
        label=_("Topic"), empty_label=_("All"), method="filter_topic"
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=COUNTRIES, empty_label=_("All"), method="filter_country"
    )
    type = django_filters.ChoiceFilter(
        label=_("Type"), field_name="kind", choices=Resource.Kind.choices, empty_label=_("All")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=LANGUAGES, empty_label=_("All")
    )

    auto_id = "id_%s"

    class Meta:
        model = Resource
        fields = []

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["topic"].extra["choices"] = [(topic.slug, topic.name) for topic in topics]

    def filter_topic(self, queryset, name, value):
        return queryset.filter(topic__slug=value)

    def filter_country(self, queryset, name, value):
        return queryset.filter(country__in=[value, ""])
