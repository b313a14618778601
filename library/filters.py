"""The library's filters, with the number of acts behind each option ("Law (12)").

The counts come from one light query of every act of the index (``LibraryFilterSet.facets``):
each filter's counts apply the other filters, so the page costs the same number of queries
whatever is chosen. ``qs`` filters the same way in the database (a test holds the two equal).
"""

from collections import Counter

from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter

from home.filters import SiteFilterSet, YearFilter
from library.models import ActType, Jurisdiction, LegislationPage, Status

ALL = _("All")
SORTS = [("newest", _("Newest first")), ("oldest", _("Oldest first")), ("title", _("Title"))]
#: What each act's row (``LibraryFilterSet.ROW``) holds at each position.
ROW = ("pk", "jurisdiction", "act_type", "status", "year", "gazette_date", "title")
#: The filters counted from a row's own column: {filter name: position in ROW}.
COLUMNS = {"jurisdiction": 1, "type": 2, "status": 3, "year": 4}


class LibraryFilterSet(SiteFilterSet):
    notices_for = {"year": _("That year is not valid; showing all years."), "sort": None}
    ordering_filters = ("sort",)

    jurisdiction = ChoiceFilter(label=_("Country"), choices=Jurisdiction.choices, empty_label=ALL)
    type = ChoiceFilter(
        label=_("Type of act"), field_name="act_type", choices=ActType.choices, empty_label=ALL
    )
    topic = ChoiceFilter(label=_("Topic"), empty_label=ALL, method="filter_topic")
    status = ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=ALL)
    year = YearFilter(label=_("Year"), empty_label=ALL, min_value=1800, max_value=2200)
    sort = ChoiceFilter(
        label=_("Sort by"), choices=SORTS, empty_label=None, initial="newest", method="order"
    )

    class Meta:
        model = LegislationPage
        fields = []

    def __init__(self, data, queryset, *, topics, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.topics = list(topics)
        self.set_choices("topic", [(topic.slug, topic.name) for topic in self.topics])

    def filter_topic(self, queryset, name, value):
        # An act may link a topic of its source language: matched by translation key.
        key = next(topic.translation_key for topic in self.topics if topic.slug == value)
        return queryset.filter(topics__translation_key=key)

    @property
    def qs(self):
        # Ordered whether or not ?sort= was given (newest first by default).
        return self.order(super().qs, "sort", self.ordering)

    def order(self, queryset, name, value):
        fields = {"title": ["title"], "oldest": ["year", "gazette_date", "title"]}
        return queryset.order_by(*fields.get(value, ["-year", "-gazette_date", "-title"]))

    @property
    def ordering(self):
        return self.kept.get("sort") or "newest"

    def facets(self, rows, topic_links):
        """The acts matching the filters, sorted, and each filter's counts.

        ``rows``: every act as a tuple laid out as ROW; ``topic_links``: {act pk: set of
        topic slugs in this language}. A filter's counts apply every other filter.
        """
        chosen = self.chosen

        def matches(row, skip=None):
            for name, value in chosen.items():
                if name == skip:
                    continue
                if name == "topic":
                    if value not in topic_links[row[0]]:
                        return False
                elif row[COLUMNS[name]] != value:
                    return False
            return True

        counts = {
            name: Counter(row[position] for row in rows if matches(row, skip=name))
            for name, position in COLUMNS.items()
        }
        counts["topic"] = Counter(
            slug for row in rows if matches(row, skip="topic") for slug in topic_links[row[0]]
        )
        matching = [row for row in rows if matches(row)]
        if self.ordering == "title":
            matching.sort(key=lambda row: row[6].casefold())
        else:
            matching.sort(
                key=lambda row: (row[4], row[5], row[6]), reverse=self.ordering == "newest"
            )
        return matching, counts

    def counted_form(self, counts):
        """The form to show, each option with its number of acts; a type of act with none
        is left out (there are many), unless chosen."""
        form = self.display_form
        fields, chosen = form.fields, self.chosen

        def offer(name, options):
            # The field offers its empty "All" itself.
            fields[name].choices = [
                (value, f"{label} ({counts[name][value]})") for value, label in options
            ]

        offer("jurisdiction", Jurisdiction.choices)
        offer(
            "type",
            [
                (v, label)
                for v, label in ActType.choices
                if counts["type"][v] or chosen.get("type") == v
            ],
        )
        offer("topic", [(topic.slug, topic.name) for topic in self.topics])
        offer("status", Status.choices)
        years = sorted(counts["year"], reverse=True)
        fields["year"].widget.choices = [("", ALL)] + [
            (year, f"{year} ({counts['year'][year]})") for year in years
        ]
        return form
