"""The member directory's filters: a plain GET form that works without JavaScript."""

import django_filters
from django.utils.translation import gettext_lazy as _

from community.models import Member
from home.countries import COUNTRIES
from home.filters import SiteFilterSet


class MemberFilterSet(SiteFilterSet):
    """District by NUTS3 code (the same in every language, so a filtered address means the
    same in each); a value that is not on offer is dropped and reported by the view."""

    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=COUNTRIES, empty_label=_("Both countries")
    )
    district = django_filters.ChoiceFilter(
        label=_("District"), field_name="district__code", empty_label=_("All districts")
    )
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=Member.Role.choices, empty_label=_("All roles")
    )

    auto_id = "id_%s"

    class Meta:
        model = Member
        fields = []

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        groups = {}
        for code, name, country in districts:
            groups.setdefault(country, []).append((code, name))
        self.filters["district"].extra["choices"] = [
            (label, groups[code]) for code, label in COUNTRIES if code in groups
        ]
