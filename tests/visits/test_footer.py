"""The footer's counter: visits since the launch, today's, and the community's members."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from community.models import Member
from home.visits.counter import record
from home.visits.models import DailyVisits, DayTotal

pytestmark = pytest.mark.django_db


@pytest.fixture
def counts(settings):
    settings.VISITS_SINCE = datetime.date(2017, 2, 12)
    today = timezone.localdate()
    # The footer adds up the whole table: these rows stand in for the demo's history.
    DailyVisits.objects.all().delete()
    DailyVisits.objects.bulk_create(
        [
            DailyVisits(day=datetime.date(2017, 1, 5), language="bg", section="home", path="/bg/", count=999),
            DailyVisits(day=datetime.date(2018, 3, 1), language="bg", section="home", path="/bg/", count=200000),
            DailyVisits(day=today - datetime.timedelta(days=1), language="ro", section="news", path="/ro/stiri/", count=22988),
            DailyVisits(day=today, language="en", section="home", path="/en/", count=30),
        ]
    )  # fmt: skip
    DayTotal.rebuild()  # as the demo does after writing its history in bulk
    # The demo's members count too: 18 more approved ones, and two not counted.
    approved = Member.objects.filter(status=Member.Status.APPROVED).count()
    for index, status in enumerate([Member.Status.APPROVED] * 18 + [Member.Status.PENDING] * 2):
        name = f"footer-member{index}"
        user = User.objects.create_user(name, f"{name}@example.org")
        Member.objects.create(
            user=user, full_name=f"Member {index}", country="BG", role="other", status=status
        )
    return {"members": approved + 18}


def footer(client, path):
    html = client.get(path).content.decode()
    return html[html.index('id="footer-counter"') :]


def test_the_footer_shows_the_counter_in_each_language(client, counts):
    bulgarian = footer(client, "/bg/")
    # The sentences are translated in the .po files; the numbers and dates are the language's.
    assert "12 февруари 2017 г.: 223\xa0018<" in bulgarian
    assert ": 30<" in bulgarian and f": {counts['members']}<" in bulgarian

    romanian = footer(client, "/ro/")
    assert "12 februarie 2017: 223\xa0018<" in romanian

    english = footer(client, "/en/")
    assert "Visits since 12 February 2017: 223,018" in english
    assert "Visits today: 30" in english
    assert f"Community members: {counts['members']}<" in english


def test_the_counter_costs_no_query_once_cached(rf, counts):
    template = Template(
        "{% load visits_tags community_counts %}{% visit_totals as v %}"
        "{% approved_members_count as m %}{{ v.total }} {{ v.today }} {{ m }}"
    )
    with translation.override("en"), CaptureQueriesContext(connection) as cold:
        first = template.render(Context({}))
    with translation.override("en"), CaptureQueriesContext(connection) as warm:
        second = template.render(Context({}))
    assert first == second == f"223018 30 {counts['members']}"
    assert len(cold) == 2  # one for the visits, one for the members
    assert len(warm) == 0


def test_a_counted_visit_adds_to_today_and_to_the_total(client, counts):
    assert record("ro", "news", "/ro/stiri/")
    assert record("ro", "news", "/ro/stiri/")
    cache.clear()  # the footer's numbers may otherwise be a minute old
    english = footer(client, "/en/")
    assert "Visits since 12 February 2017: 223,020" in english
    assert "Visits today: 32" in english
    # The day's total and the page's count move together.
    today = timezone.localdate()
    assert DayTotal.objects.get(day=today).count == 32
    assert DailyVisits.objects.get(day=today, path="/ro/stiri/").count == 2


def test_the_day_totals_are_recounted_from_the_pages_counts(counts):
    DayTotal.objects.all().delete()
    DayTotal.rebuild(since=datetime.date(2018, 1, 1))
    assert sorted(DayTotal.objects.values_list("count", flat=True)) == [30, 22988, 200000]
