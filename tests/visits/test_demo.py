"""The demo's visit history: realistic, for the real pages, and built once."""

import datetime

import pytest
from django.db.models import Max, Min, Sum
from django.utils import timezone

from home.visits import demo
from home.visits.models import DailyVisits

pytestmark = pytest.mark.django_db


def test_the_demo_history_is_built_once(client, django_assert_max_num_queries):
    # Tens of thousands of rows in one statement run many times, never a query per row.
    with django_assert_max_num_queries(20):
        demo.build(lambda message: None)

    rows = DailyVisits.objects.count()
    total = DailyVisits.objects.aggregate(total=Sum("count"))["total"]
    assert rows > 1000
    by_language = dict(
        DailyVisits.objects.values_list("language").annotate(Sum("count")).order_by()
    )
    assert by_language["bg"] > by_language["ro"] > by_language["en"]
    assert set(DailyVisits.objects.values_list("section", flat=True)) >= {
        "home",
        "news",
        "library",
        "providers",
        "publications",
    }
    # Every path is one of the demo's pages.
    for path in DailyVisits.objects.values_list("path", flat=True).distinct()[:40]:
        assert client.get(path).status_code == 200, path

    demo.build(lambda message: None)
    assert DailyVisits.objects.count() == rows
    assert DailyVisits.objects.aggregate(total=Sum("count"))["total"] == total


def test_the_demo_history_ends_yesterday(client):
    """Today's visits are the counter's own: the footer's "today" starts from nothing."""
    DailyVisits.objects.all().delete()
    demo.build(lambda message: None)
    today = timezone.localdate()
    days = DailyVisits.objects.aggregate(first=Min("day"), last=Max("day"))
    assert days == {
        "first": today - datetime.timedelta(days=demo.DAYS),
        "last": today - datetime.timedelta(days=1),
    }
    assert not DailyVisits.objects.filter(day__gte=today).exists()
    html = client.get("/en/").content.decode()
    assert "Visits today: 0<" in html
