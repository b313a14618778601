"""The visit counter: what counts, what does not, and that it leaves nothing behind.

The test database holds the demo's visit history. The counter only ever writes today's
rows, so each test starts today empty (templates built before the demo's history ended
yesterday have rows for today) and looks at today's rows only; `counted` also fails the
test if any row of another day changed.
"""

import pytest
from django.db.models import Count, Sum
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from home.visits.models import DailyVisits
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
URL = "/visits/count"


def beacon(client, path, lang=None, **headers):
    headers.setdefault("HTTP_USER_AGENT", BROWSER)
    data = {"path": path, "lang": lang or path.split("/")[1]}
    return client.post(URL, data, **headers)


def history():
    """Rows and visits of every day but today."""
    return DailyVisits.objects.exclude(day=timezone.localdate()).aggregate(
        rows=Count("id"), total=Sum("count", default=0)
    )


@pytest.fixture(autouse=True)
def counted(db):
    """``counted()``: ``{path: visits}`` counted today, by this test's requests alone."""
    DailyVisits.objects.filter(day=timezone.localdate()).delete()
    before = history()

    def today():
        assert history() == before, "the counter changed a day other than today"
        return dict(
            DailyVisits.objects.filter(day=timezone.localdate()).values_list("path", "count")
        )

    return today


def test_a_beacon_counts_the_page_once_per_window(client, counted):
    first = beacon(client, "/bg/novini/")
    again = beacon(client, "/bg/novini/")
    assert first.status_code == again.status_code == 204
    assert counted() == {"/bg/novini/": 1}
    row = DailyVisits.objects.get(path="/bg/novini/", day=timezone.localdate())
    assert (row.count, row.language, row.section, row.day) == (
        1,
        "bg",
        "news",
        timezone.localdate(),
    )
    # Another visitor, and another page for the first one, count.
    beacon(client, "/bg/novini/", REMOTE_ADDR="10.1.2.3")
    beacon(client, "/bg/biblioteka/")
    assert counted() == {"/bg/novini/": 2, "/bg/biblioteka/": 1}
    library = DailyVisits.objects.get(path="/bg/biblioteka/", day=timezone.localdate())
    assert library.section == "library"


@pytest.mark.parametrize(
    ("path", "section"),
    [
        ("/ro/", "home"),
        ("/en/providers/", "providers"),
        ("/ro/publicatii/", "publications"),
        ("/en/search/", "search"),
        ("/bg/za-proekta/", "other"),
    ],
)
def test_the_section_comes_from_the_top_level_page(client, counted, homes, path, section):
    StandardPageFactory(parent=homes["bg"], slug="za-proekta")
    assert beacon(client, path).status_code == 204
    assert counted() == {path: 1}
    assert DailyVisits.objects.get(path=path, day=timezone.localdate()).section == section


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_USER_AGENT": "Googlebot/2.1 (+http://www.google.com/bot.html)"},
        {"HTTP_USER_AGENT": ""},
        {"HTTP_DNT": "1"},
        {"HTTP_SEC_GPC": "1"},
        {"HTTP_ORIGIN": "https://elsewhere.example"},
        {"HTTP_REFERER": "http://localhost/admin/pages/3/edit/preview/"},
    ],
)
def test_robots_the_untracked_and_other_sites_are_not_counted(client, counted, headers):
    response = beacon(client, "/bg/novini/", **headers)
    assert response.status_code == 204
    assert counted() == {}


def test_staff_reading_the_site_are_not_counted(client, counted, admin_user, django_user_model):
    client.force_login(admin_user)
    beacon(client, "/bg/novini/")
    assert counted() == {}
    client.force_login(django_user_model.objects.create_user("reader", password="x" * 14))
    beacon(client, "/bg/novini/")
    assert counted() == {"/bg/novini/": 1}


@pytest.mark.parametrize(
    ("path", "lang"),
    [
        ("/admin/", "bg"),
        ("/bg/no-such-section/", "bg"),
        ("/de/novini/", "de"),
        ("/bg/novini/", "ro"),
        ("http://evil.example/bg/", "bg"),
        ("bg/novini/", "bg"),
        ("/bg//novini/", "bg"),
        ("/bg/novini/<script>/", "bg"),
        ("/bg/novini/" + "a/" * 20, "bg"),
        ("/bg/novini/" + "a" * 400 + "/", "bg"),
        ("", "bg"),
    ],
)
def test_junk_leaves_no_row(client, counted, path, lang):
    response = client.post(URL, {"path": path, "lang": lang}, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 400
    assert counted() == {}


def test_without_javascript_an_image_counts(client, counted):
    response = client.get(URL, {"path": "/en/news/", "lang": "en"}, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert response.content.startswith(b"GIF89a")
    assert "no-store" in response["Cache-Control"]
    assert counted() == {"/en/news/": 1}

    junk = client.get(URL, {"path": "/../etc/passwd"}, HTTP_USER_AGENT=BROWSER)
    assert junk.status_code == 200 and junk["Content-Type"] == "image/gif"
    assert counted() == {"/en/news/": 1}


def test_the_counter_sets_no_cookie(client):
    responses = [
        beacon(client, "/bg/novini/"),
        beacon(client, "/bg/novini/"),
        beacon(client, "/bg/novini/", HTTP_DNT="1"),
        beacon(client, "/nowhere/"),
        client.get(URL, {"path": "/bg/"}, HTTP_USER_AGENT=BROWSER),
        client.get(URL, {"path": "/bg/"}, HTTP_USER_AGENT="Googlebot/2.1"),
    ]
    for response in responses:
        assert "Set-Cookie" not in response.headers
        assert not response.cookies


def test_other_methods_are_refused(client, counted):
    assert client.put(URL, HTTP_USER_AGENT=BROWSER).status_code == 405
    assert counted() == {}


def test_pages_load_the_beacon_and_the_fallback_image(client):
    html = client.get("/ro/stiri/").content.decode()
    assert 'src="/static/visits/beacon.js"' in html and 'data-endpoint="/visits/count"' in html
    assert '<noscript><img class="visually-hidden" src="/visits/count?path=/ro/stiri/' in html
    missing = client.get("/ro/no-such-page/")
    assert missing.status_code == 404
    assert "beacon.js" not in missing.content.decode()


NASTY = st.one_of(
    st.text(max_size=400),
    st.builds(lambda tail: f"/bg/{tail}", st.text(max_size=80)),
    st.sampled_from(["/bg/novini/\x00/", "/ro/%ZZ/", "/en/../../", "//bg/", "/bg/novini/ /"]),
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(path=NASTY, lang=NASTY)
def test_any_input_is_answered_quietly(client, counted, path, lang):
    posted = client.post(URL, {"path": path, "lang": lang}, HTTP_USER_AGENT=BROWSER)
    shown = client.get(URL, {"path": path, "lang": lang}, HTTP_USER_AGENT=BROWSER)
    assert posted.status_code in (204, 400)
    assert shown.status_code == 200
    # Junk never makes a row: whatever was counted is a page of the site.
    for page in counted():
        assert page.startswith(("/bg/", "/ro/", "/en/")) and len(page) <= 300


@pytest.mark.parametrize("raw", ["path=%FF%FE", "path=%2Fbg%2F%C3%28", "path=%00&lang=%FF"])
def test_invalid_utf8_escapes_are_answered_quietly(client, counted, raw):
    response = client.get(f"{URL}?{raw}", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    posted = client.post(
        URL, raw, content_type="application/x-www-form-urlencoded", HTTP_USER_AGENT=BROWSER
    )
    assert posted.status_code == 400
    assert counted() == {}


def test_the_site_s_own_pages_count_whatever_the_scheme(client, counted):
    assert beacon(client, "/bg/novini/", HTTP_ORIGIN="https://localhost").status_code == 204
    assert counted() == {"/bg/novini/": 1}
