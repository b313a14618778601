"""The one filtering idiom (home.filters) and the one pagination helper (home.pagination),
through the lists that use them: what a reader's address keeps, drops and is told."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from library.models import LibraryIndexPage
from news.models import NewsIndexPage, NewsPage
from providers.filters import ProviderFilterSet
from providers.models import District, Provider
from tests.library.factories import LegislationPageFactory
from tests.news.factories import NewsPageFactory
from tests.providers.factories import ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def content(module_data):
    module_data(_content)


def _content():
    """What the lists filter: providers and news in English, acts in Bulgarian and English
    that differ in every filter (country, type, status, year, topic)."""
    english = Locale.objects.get(language_code="en")
    vidin = District.objects.get(code="BG311", locale=english)
    for name, member in (("Vidin Day Centre", True), ("Ruse Shelter", True), ("Lom Home", False)):
        ProviderFactory(locale=english, district=vidin, name=name, network_member=member)
    NewsPageFactory.create_batch(5, parent=NewsIndexPage.objects.get(locale=english))
    acts = [
        ("BG", "law", "in_force", 2019),
        ("RO", "law", "in_force", 2016),
        ("RO", "law", "repealed", 2019),
        ("RO", "government_decision", "in_force", 2019),
        ("BG", "regulation", "in_force", 2021),
        ("RO", "law", "in_force", 2022),
    ]
    for language in ("bg", "en"):
        index = LibraryIndexPage.objects.get(locale__language_code=language)
        topics = index.get_topics(RequestFactory().get("/", HTTP_HOST="localhost"))
        for number, (jurisdiction, act_type, status, year) in enumerate(acts):
            LegislationPageFactory(
                parent=index,
                title=f"{'Закон' if language == 'bg' else 'Act'} {number}",
                jurisdiction=jurisdiction,
                act_type=act_type,
                status=status,
                status_date=datetime.date(2023, 1, 1) if status == "repealed" else None,
                year=year,
                topics=[topics[number % 2]],
            )


@pytest.fixture(autouse=True)
def english():
    """What the reader is told, in English (a test's own language may override it)."""
    with translation.override("en"):
        yield


def provider_filters(query, language="en"):
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    locale = Locale.objects.get(language_code=language)
    with translation.override(language):
        filters = ProviderFilterSet(QueryDict(query), locale.pk, request)
        filters.html = str(filters.display_form)  # rendered in the request's language
    return filters


def test_a_refused_value_is_a_notice_and_the_other_filters_still_apply():
    filters = provider_filters("country=ZZ&district=XX999&member=yes")
    assert filters.notices == ["An unknown filter value was ignored."]  # once, not twice
    assert filters.chosen == {"member": "yes"}
    members = Provider.objects.filter(locale=filters.locale_id, live=True, network_member=True)
    assert members.exists()
    assert set(filters.qs) == set(members)
    # Shown as kept: the checkbox ticked, no country selected, nothing marked invalid.
    assert 'type="checkbox" name="member" value="yes" id="f-member" checked' in filters.html
    assert 'value="RO" selected' not in filters.html
    assert "aria-invalid" not in filters.html


def test_free_text_is_read_as_a_search_box_sends_it():
    filters = provider_filters("q=" + "%20%20Vid%00in%20%20" + "x" * 150)
    assert filters.notices == []
    assert filters.chosen["q"] == "Vidin " + "x" * 94  # NUL dropped, spaces collapsed, cut
    assert 'maxlength="100"' in filters.html


def test_exports_carry_the_kept_values_only():
    filters = provider_filters("country=RO&service=no-such-service&page=3&member=yes")
    assert filters.querystring() == "country=RO&member=yes"  # not the page, not the refused
    assert provider_filters("").querystring() == ""


def test_an_empty_query_is_unfiltered_and_says_nothing():
    filters = provider_filters("")
    assert not filters.is_bound
    assert (filters.chosen, filters.notices, filters.active) == ({}, [], False)
    assert (
        filters.qs.count() == Provider.objects.filter(locale=filters.locale_id, live=True).count()
    )


def news_filters(query, language="en"):
    index = NewsIndexPage.objects.get(locale__language_code=language)
    request = RequestFactory().get(f"/?{query}", HTTP_HOST="localhost")
    with translation.override(language):
        return index, index.get_filters(request)


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("year=abc", "That year is not valid; showing all years."),
        ("year=1800", "That year is not valid; showing all years."),
        ("category=nope", "There is no such category; showing all news."),
    ],
)
def test_news_says_which_filter_it_dropped(query, notice):
    index, filters = news_filters(query)
    assert filters.notices == [notice]
    assert filters.qs.count() == NewsPage.objects.live().child_of(index).count()


def test_news_year_in_range_is_kept_even_without_news_that_year():
    _index, filters = news_filters("year=1999")
    assert filters.chosen == {"year": 1999}
    assert filters.notices == []
    assert not filters.qs.exists()


def library(query, language="en"):
    index = LibraryIndexPage.objects.get(locale__language_code=language)
    request = RequestFactory().get(f"/?{query}", HTTP_HOST="localhost")
    with translation.override(language):
        return index.filter_acts(request)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "jurisdiction=BG",
        "jurisdiction=RO&type=law",
        "status=in_force&sort=oldest",
        "year=2019&sort=title",
        "topic={topic}",
        "topic={topic}&jurisdiction=RO&sort=newest",
    ],
)
@pytest.mark.parametrize("language", ["bg", "en"])
def test_the_counted_list_is_what_the_database_filter_gives(query, language):
    """The library counts and filters its acts in memory (one query for every count);
    the same filters in the database must select the same acts in the same order."""
    index = LibraryIndexPage.objects.get(locale__language_code=language)
    topic = index.get_topics(RequestFactory().get("/", HTTP_HOST="localhost"))[0]
    filters, ids, counts = library(query.format(topic=topic.slug), language)
    assert ids, "each case selects some acts"
    database = list(filters.qs.values_list("pk", flat=True).distinct())
    if filters.ordering == "title":  # in memory: case-folded, as a reader expects
        assert sorted(database) == sorted(ids)
    else:
        assert database == ids
    assert sum(counts["jurisdiction"].values()) >= len(ids)


def test_an_unknown_order_is_the_default_without_a_notice():
    filters, ids, _counts = library("sort=zz")
    assert filters.notices == []
    assert filters.ordering == "newest"
    assert ids == library("")[1]


def test_the_form_shows_each_options_count():
    filters, ids, counts = library("jurisdiction=RO")
    with translation.override("en"):
        html = str(filters.counted_form(counts))
    assert f'<option value="RO" selected>Romania ({len(ids)})</option>' in html
    assert f"Bulgaria ({counts['jurisdiction']['BG']})" in html
    assert '<option value="newest" selected>Newest first</option>' in html


class TestPaginate:
    def request(self, query):
        return RequestFactory().get(f"/?{query}")

    def test_counted_in_the_rows_query_is_one_query(self):
        from home.pagination import IN_ROWS, paginate

        items = NewsPage.objects.live().order_by("pk")
        total = items.count()
        with CaptureQueriesContext(connection) as queries:
            page_obj = paginate(items, self.request("page=2"), 2, count=IN_ROWS)
        assert len(queries) == 1
        assert page_obj.number == 2
        assert page_obj.paginator.count == total
        assert [item.pk for item in page_obj.object_list] == list(
            items.values_list("pk", flat=True)[2:4]
        )

    @pytest.mark.parametrize("number", ["9999", "0", "-1", "x", "1e400", "100001"])
    def test_a_lost_page_number_gives_the_first_page(self, number):
        from home.pagination import IN_ROWS, paginate

        items = NewsPage.objects.live().order_by("pk")
        for count in (None, IN_ROWS, items.count):
            page_obj = paginate(items, self.request(f"page={number}"), 2, count=count)
            assert page_obj.number == 1
            assert len(page_obj.object_list) == 2

    def test_a_known_count_saves_the_count_query(self):
        from home.pagination import paginate

        items = NewsPage.objects.live().order_by("pk")
        calls = []

        def count():
            calls.append(1)
            return 3

        with CaptureQueriesContext(connection) as queries:
            page_obj = paginate(items, self.request("page=2"), 2, count=count)
            rows = list(page_obj.object_list)
        assert calls == [1]
        assert len(queries) == 1  # the rows only
        assert page_obj.paginator.num_pages == 2
        assert len(rows) == 1
