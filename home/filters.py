"""The public lists' filters: django-filter FilterSets read from a plain GET form.

One idiom for every list a reader can narrow (news, the library, the provider directory,
the community's resources and members), rendered by ``templates/includes/filters.html``
and paginated by ``home.pagination.paginate``:

- a value that is not on offer is dropped with a notice, and the other filters still apply
  (never an error page: addresses are shared, bookmarked and crawled);
- the form shows the values kept (``display_form``), so a refused value is not shown
  selected, and free text shows as it was read;
- ``querystring`` carries the kept values to the list's exports and feeds.
"""

from django import forms
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, Filter, FilterSet

UNKNOWN_VALUE = _("An unknown filter value was ignored.")


class SiteFilterSet(FilterSet):
    """A FilterSet whose refused values become notices rather than errors."""

    #: The ids of the form's fields ("f-%s" gives <select id="f-country">).
    auto_id = "f-%s"
    #: What a refused value of a filter tells the reader (None: nothing, the default
    #: applies); a filter not named here says UNKNOWN_VALUE.
    notices_for = {}
    #: Filters that order rather than select: kept, but not "in use" (no "Clear filters").
    ordering_filters = ()

    def __init__(self, data=None, queryset=None, **kwargs):
        # An empty query is unbound: the form shows its initial values, nothing is checked.
        super().__init__(data or None, queryset, **kwargs)

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form_class = self.get_form_class()
            data = self.data if self.is_bound else None
            self._form = form_class(data, prefix=self.form_prefix, auto_id=self.auto_id)
        return self._form

    @property
    def kept(self):
        """The values given and valid: {name: cleaned value}."""
        if not self.is_bound:
            return {}
        self.form.is_valid()  # cleans the form: cleaned_data keeps the valid fields
        return {name: value for name, value in self.form.cleaned_data.items() if value}

    @property
    def chosen(self):
        """The filters in use (kept values, ordering aside)."""
        return {k: v for k, v in self.kept.items() if k not in self.ordering_filters}

    @property
    def active(self):
        return bool(self.chosen)

    @property
    def notices(self):
        """One line per kind of refused value, in the form's order."""
        if not self.is_bound:
            return []
        lines = (self.notices_for.get(name, UNKNOWN_VALUE) for name in self.form.errors)
        return list(dict.fromkeys(str(line) for line in lines if line))

    @property
    def display_form(self):
        """The form as the reader should see it: the kept values, no refused one marked."""
        if not self.is_bound:
            return self.form
        form_class = self.get_form_class()
        return form_class(initial=self.kept, prefix=self.form_prefix, auto_id=self.auto_id)

    def querystring(self):
        """The filters in use as a query string ("" when none), in the form's order."""
        return urlencode(self.chosen)

    def set_choices(self, name, choices):
        """Offer ``choices`` in filter ``name`` (read from the database per request)."""
        self.filters[name].extra["choices"] = choices


class SearchTextField(forms.CharField):
    """Free text as a search box sends it: NUL dropped, spaces collapsed, cut at
    ``max_length`` rather than refused (a long paste still searches)."""

    def __init__(self, *, max_length=100, **kwargs):
        self.cut_at = max_length
        kwargs.setdefault("widget", forms.SearchInput(attrs={"maxlength": max_length}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return " ".join(value.replace("\x00", "").split())[: self.cut_at]


class SearchTextFilter(Filter):
    field_class = SearchTextField


class YearField(forms.IntegerField):
    """A year chosen from a list; any year in range is kept even when the list lacks it."""

    widget = forms.Select


class YearFilter(Filter):
    """?year=2024 on a date or year field; out of ``min_value``..``max_value`` is refused."""

    field_class = YearField

    def __init__(self, *args, empty_label, **kwargs):
        self.empty_label = empty_label
        super().__init__(*args, **kwargs)
        self.set_years([])

    def set_years(self, years):
        """The years offered in the list, newest first: numbers or (number, label)."""
        options = [year if isinstance(year, tuple) else (year, year) for year in years]
        self.extra["widget"] = forms.Select(choices=[("", self.empty_label), *options])


class FlagInput(forms.CheckboxInput):
    """A checkbox that sends ``value`` ("yes"), so the address reads ?member=yes."""

    def __init__(self, value="yes", attrs=None):
        self.sent = value
        super().__init__(attrs, check_test=lambda current: current == value)

    def format_value(self, value):
        return self.sent

    def value_from_datadict(self, data, files, name):
        return data.get(name, "")


class FlagFilter(ChoiceFilter):
    """A yes-only filter shown as a checkbox; ``method`` says what "yes" selects."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", [("yes", "yes")])
        kwargs.setdefault("widget", FlagInput())
        super().__init__(*args, **kwargs)
