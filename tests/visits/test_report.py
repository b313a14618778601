"""The staff's visits report: chart, tables, period, CSV; refused to others."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.users.models import UserProfile

from home.roles import EDITORS, MODERATORS, setup_roles
from home.visits.models import DailyVisits

pytestmark = pytest.mark.django_db

URL = "/admin/reports/visits/"


def sign_in(client, user):
    """In the English admin (the admin speaks Bulgarian by default)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)


@pytest.fixture
def history():
    """The report adds up every page: these rows stand in for the demo's history."""
    DailyVisits.objects.all().delete()
    today = timezone.localdate()
    rows = [
        DailyVisits(day=today, language="bg", section="news", path="/bg/novini/", count=40),
        DailyVisits(day=today, language="ro", section="news", path="/ro/stiri/", count=12),
        DailyVisits(
            day=today - datetime.timedelta(days=3),
            language="en",
            section="library",
            path="/en/library/",
            count=7,
        ),
        DailyVisits(
            day=today - datetime.timedelta(days=200),
            language="bg",
            section="providers",
            path="/bg/dostavchitsi/",
            count=1500,
        ),
    ]
    DailyVisits.objects.bulk_create(rows)
    return today


@pytest.fixture
def staff(django_user_model):
    setup_roles()

    def make(username, group=None):
        user = django_user_model.objects.create_user(username, password="long-enough-password")
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.mark.parametrize("group", [EDITORS, MODERATORS])
def test_editors_and_moderators_see_the_report(client, staff, history, group):
    sign_in(client, staff("reader", group))
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<svg role="img"' in html and '<title id="visits-chart-title">' in html
    assert "Visits in this period: 59<" in html  # the last 30 days: 40 + 12 + 7
    assert '<th scope="row">News</th><td>52</td>' in html
    assert '<th scope="row">Library</th><td>7</td>' in html
    assert '<th scope="row">Providers</th>' not in html  # 200 days ago
    assert "<td>40</td><td>12</td><td>0</td><td>52</td>" in html  # today's row
    assert '"url": "/admin/reports/visits/"' in client.get("/admin/").content.decode()


def test_twelve_months_are_shown_by_month(client, admin_user, history):
    sign_in(client, admin_user)
    html = client.get(URL, {"period": "12m"}).content.decode()
    assert "Visits in this period: 1,559<" in html
    assert "Visits by month" in html and '<th scope="row">Providers</th><td>1,500</td>' in html


def test_a_custom_period(client, admin_user, history):
    sign_in(client, admin_user)
    start = (history - datetime.timedelta(days=2)).isoformat()
    response = client.get(URL, {"period": "custom", "start": start, "end": history.isoformat()})
    html = response.content.decode()
    assert "Visits in this period: 52<" in html  # not the library visit 3 days ago
    assert html.count('class="visits-report__bar"') == 3
    assert 'role="alert"' not in html


@pytest.mark.parametrize(
    "query",
    [
        {"period": "custom", "start": "2026-13-45", "end": "2026-01-01"},
        {"period": "custom", "start": "2026-05-01", "end": "2026-04-01"},
        {"period": "custom", "start": "2026-05-01"},
        {"period": "custom", "start": "0001-01-01", "end": "9999-12-31"},
        {"period": "forever"},
    ],
)
def test_bad_dates_get_a_message(client, admin_user, history, query):
    sign_in(client, admin_user)
    response = client.get(URL, query)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html and "Showing the last 30 days instead." in html
    assert "Visits in this period: 59<" in html


def test_the_table_downloads_as_csv(client, admin_user, history):
    sign_in(client, admin_user)
    response = client.get(URL, {"period": "30d", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Day,bg,ro,en,Total"
    assert len(lines) == 31
    assert lines[-1] == f"{history.isoformat()},40,12,0,52"


def test_the_report_is_refused_to_others(client, staff, history, django_user_model):
    anonymous = client.get(URL)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous.url

    sign_in(client, staff("member"))
    assert client.get(URL).status_code == 302

    # Admin access without the report's permission.
    translator = staff("translator", "Translators — English")
    sign_in(client, translator)
    refused = client.get(URL)
    assert refused.status_code == 302 and refused.url == "/admin/"
    assert client.get(URL, {"format": "csv"}).status_code == 302
    assert '"url": "/admin/reports/visits/"' not in client.get("/admin/").content.decode()
