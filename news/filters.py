"""The news list's filters: ?category= (a slug, the same in every language) and ?year=."""

from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter

from home.filters import SiteFilterSet, YearFilter
from news.models import NewsPage


class NewsFilterSet(SiteFilterSet):
    auto_id = "news-%s"
    notices_for = {
        "category": _("There is no such category; showing all news."),
        "year": _("That year is not valid; showing all years."),
    }

    category = ChoiceFilter(
        label=_("Category"), empty_label=_("All categories"), method="filter_category"
    )
    year = YearFilter(
        label=_("Year"),
        field_name="date__year",
        empty_label=_("All years"),
        min_value=1900,
        max_value=2100,
    )

    class Meta:
        model = NewsPage
        fields = []

    def __init__(self, data, queryset, *, categories, years, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.categories = {category.slug: category for category in categories}
        self.set_choices("category", [(c.slug, c.name) for c in categories])
        self.filters["year"].set_years(years)

    def filter_category(self, queryset, name, value):
        return queryset.filter(category=self.categories[value])
