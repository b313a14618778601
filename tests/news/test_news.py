import datetime
import json
import re

import feedparser
import icalendar
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from lxml import html as lxml_html

from news.models import NewsCategory, NewsIndexPage, NewsPage
from tests.home.factories import localize
from tests.news.factories import (
    EventNewsPageFactory,
    NewsPageFactory,
    demo_events,
    info_day_in_strelcha,
    news_category,
    news_index,
    translated_news,
)

pytestmark = pytest.mark.django_db


def index_of(language):
    return news_index(language)


def index_url(language):
    return index_of(language).url


# Eight of the demo's news, made out of date order: (date, {language: title}).
NEWS = [
    (
        datetime.date(2019, 4, 15),
        {
            "bg": "Публикациите на проекта са достъпни за свободно изтегляне",
            "ro": "Publicațiile proiectului pot fi descărcate gratuit",
            "en": "Project publications available for free download",
        },
    ),
    (
        datetime.date(2017, 5, 10),
        {
            "bg": "Стартира проектът „Регионална мрежа за социална кохезия“",
            "ro": "A început proiectul „Rețea Regională pentru Coeziune Socială”",
            "en": "The Regional Network for Social Cohesion project starts",
        },
    ),
    (
        datetime.date(2019, 1, 23),
        {
            "bg": "Координационна среща в Добрич",
            "ro": "Întâlnire de coordonare la Dobrici",
            "en": "Coordination meeting in Dobrich",
        },
    ),
    (
        datetime.date(2018, 11, 7),
        {
            "bg": "Информационен ден в Стрелча",
            "ro": "Zi de informare la Strelcea",
            "en": "Info day in Strelcha",
        },
    ),
    (
        datetime.date(2018, 3, 12),
        {
            "bg": "Фокус групи в Добрич, Русе и Враца",
            "ro": "Focus grupuri la Dobrici, Ruse și Vrața",
            "en": "Focus groups in Dobrich, Ruse and Vratsa",
        },
    ),
    (
        datetime.date(2019, 4, 10),
        {
            "bg": "Заключителна конференция в Румъния",
            "ro": "Conferința finală în România",
            "en": "Final conference in Romania",
        },
    ),
    (
        datetime.date(2017, 10, 12),
        {
            "bg": "Експертна среща в Русе",
            "ro": "Întâlnire de experți la Ruse",
            "en": "Expert meeting in Ruse",
        },
    ),
    (
        datetime.date(2018, 6, 5),
        {
            "bg": "Покана за обменни посещения",
            "ro": "Apel pentru vizite de schimb",
            "en": "Call for exchange visits",
        },
    ),
]


def in_languages(titles):
    return {language: {"title": title} for language, title in titles.items()}


@pytest.fixture
def news():
    """The eight news items above in three languages: [{language: page}, …]."""
    return [translated_news(in_languages(titles), date=day) for day, titles in NEWS]


# Three of the demo's events: (date, {language: title}).
EVENTS = [
    (
        datetime.date(2018, 11, 7),
        {
            "bg": "Информационен ден в Стрелча",
            "ro": "Zi de informare la Strelcea",
            "en": "Info day in Strelcha",
        },
    ),
    (
        datetime.date(2018, 10, 30),
        {
            "bg": "Информационен ден в Брацигово",
            "ro": "Zi de informare la Brațigovo",
            "en": "Info day in Bratsigovo",
        },
    ),
    (
        datetime.date(2018, 10, 19),
        {
            "bg": "Информационен ден в Сърница",
            "ro": "Zi de informare la Sărnița",
            "en": "Info day in Sarnitsa",
        },
    ),
]


@pytest.fixture
def events():
    """The three events above and one other news item, in three languages: [{language:
    page}, …] of the events."""
    day, titles = NEWS[-1]  # the call for exchange visits: no event
    translated_news(in_languages(titles), category_slug="network", date=day)
    return [
        translated_news(
            in_languages(titles),
            factory_class=EventNewsPageFactory,
            category_slug="events",
            date=day,
        )
        for day, titles in EVENTS
    ]


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_index_lists_news_newest_first(client, news, language):
    response = client.get(index_url(language))
    assert response.status_code == 200
    html = response.content.decode()
    dates = re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})">', html)
    assert len(dates) >= 8
    assert dates == sorted(dates, reverse=True)
    assert f'<html lang="{language}"' in html


def test_index_filters_by_category_and_year_with_shareable_urls(client):
    index = index_of("en")
    for title, day, slug in (
        ("Coordination meeting in Dobrich", datetime.date(2019, 1, 17), "events"),
        ("Final conference in Romania", datetime.date(2019, 4, 10), "events"),
        ("Info day in Strelcha", datetime.date(2018, 11, 7), "events"),
        ("Project publications available", datetime.date(2019, 4, 15), "publications"),
    ):
        NewsPageFactory(parent=index, title=title, date=day, category=news_category(slug, "en"))
    events = NewsPage.objects.live().child_of(index).filter(category__slug="events")
    response = client.get(index.url, {"category": "events", "year": "2019"})
    html = response.content.decode()
    expected = [p for p in events if p.date.year == 2019]
    assert expected
    for page in expected:
        assert page.title in html
    others = NewsPage.objects.live().child_of(index).exclude(pk__in=[p.pk for p in expected])
    for page in others:
        assert f">{page.card_title}</a>" not in html
    assert '<option value="events" selected>' in html
    assert '<option value="2019" selected>' in html


def test_a_list_seen_before_reads_no_news_and_shows_a_new_item_at_once(client):
    """The years offered, the number of matches and the list are kept until the next
    change: a new item shows in the list, its count and the years at once."""
    index = index_of("en")
    NewsPageFactory(parent=index, title="Info day in Strelcha", date=datetime.date(2018, 11, 7))
    NewsPageFactory(parent=index, title="Final conference", date=datetime.date(2019, 4, 10))

    def listing():
        html = client.get(index.url).content.decode()
        return int(
            re.search(r'class="result-count" role="status">(\d+) news items?<', html)[1]
        ), html

    count, html = listing()
    assert '<option value="2031">' not in html
    with CaptureQueriesContext(connection) as queries:
        assert listing()[0] == count
    assert not [q for q in queries.captured_queries if "news_newspage" in q["sql"]]

    NewsPageFactory(parent=index, title="News from the future", date=datetime.date(2031, 5, 1))
    count_after, html = listing()
    assert count_after == count + 1
    assert ">News from the future</a>" in html
    assert '<option value="2031">2031</option>' in html


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999"},
        {"year": "99999"},
        {"year": "abc"},
        {"category": "no-such-thing"},
        {"category": "<script>"},
        {"year": "2019", "page": "x"},
    ],
)
def test_nonsense_parameters_never_fail(client, params):
    for title, day, slug in (
        ("Zi de informare la Strelcea", datetime.date(2018, 11, 7), "events"),
        ("Conferința finală în România", datetime.date(2019, 4, 10), "events"),
        ("Publicațiile proiectului", datetime.date(2019, 4, 15), "publications"),
    ):
        NewsPageFactory(
            parent=index_of("ro"), title=title, date=day, category=news_category(slug, "ro")
        )
    response = client.get(index_url("ro"), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html.split("<main", 1)[1]


def test_unknown_category_and_bad_year_are_explained(client):
    html = client.get(index_url("en"), {"category": "nope", "year": "99999"}).content.decode()
    assert "There is no such category" in html
    assert "That year is not valid" in html


def test_year_without_news_gives_an_empty_result_with_a_message(client):
    NewsPageFactory(parent=index_of("en"), title="Info day", date=datetime.date(2018, 11, 7))
    html = client.get(index_url("en"), {"year": "1999"}).content.decode()
    assert "No news matches these filters." in html
    assert "0 news items" in html


def test_pagination_keeps_filters(client, homes):
    index = index_of("bg")
    for number in range(25):
        page = NewsPage(
            title=f"Новина {number}",
            slug=f"novina-{number}",
            lead="Кратко.",
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
    html = client.get(index.url, {"year": "2020"}).content.decode()
    assert "?year=2020&amp;page=2" in html
    second = client.get(index.url, {"year": "2020", "page": "2"}).content.decode()
    assert "Новина 4</a>" in second and "Новина 24</a>" not in second


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_feeds_are_valid_and_in_the_language(client, news, language):
    index = index_of(language)
    html = client.get(index.url).content.decode()
    for kind, mime in (("rss", "application/rss+xml"), ("atom", "application/atom+xml")):
        assert f'type="{mime}"' in html
        response = client.get(f"{index.url}{kind}/")
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == ("rss20" if kind == "rss" else "atom10")
        assert len(feed.entries) >= 8
        assert all(f"/{language}/" in entry.link for entry in feed.entries)
        titles = {p.title for p in NewsPage.objects.live().child_of(index)}
        assert {entry.title for entry in feed.entries} <= titles
    home_html = client.get(f"/{language}/").content.decode()
    assert f'href="{index.url}rss/"' in home_html


def test_feeds_show_a_plain_text_lead_as_written(client):
    """The lead is plain text: characters that look like markup reach the reader as typed."""
    index = index_of("en")
    lead = 'Fees < 5 € & "<b>free</b>" for members; "&amp;" is written out here.'
    page = NewsPage(title="Fees", slug="fees", lead=lead, date=datetime.date(2030, 1, 1))
    index.add_child(instance=page)
    page.save_revision().publish()
    rss, atom = (
        feedparser.parse(client.get(f"{index.url}{kind}/").content) for kind in ("rss", "atom")
    )
    # RSS descriptions are HTML: the reader renders the escaped lead back to its text.
    (rss_entry,) = [entry for entry in rss.entries if entry.title == "Fees"]
    shown = lxml_html.fragment_fromstring(rss_entry.summary, create_parent="div").text_content()
    assert shown == lead
    (atom_entry,) = [entry for entry in atom.entries if entry.title == "Fees"]
    assert (atom_entry.summary_detail.type, atom_entry.summary) == ("text/plain", lead)


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_ical_feed_lists_the_events(client, events, language):
    index = index_of(language)
    response = client.get(f"{index.url}calendar/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    expected = NewsPage.objects.live().child_of(index).filter(event_start__isnull=False)
    assert len(events) == expected.count() >= 3
    summaries = {str(event["SUMMARY"]) for event in events}
    assert summaries == {page.title for page in expected}
    assert len({str(event["UID"]) for event in events}) == len(events)


def test_news_page_has_sharing_meta_and_structured_data(client):
    page = info_day_in_strelcha()["en"]
    html = client.get(page.url).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:image" content="http://localhost/media/images/' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    types = {item["@type"]: item for item in data["@graph"]}
    assert types["NewsArticle"]["headline"] == page.title
    assert types["NewsArticle"]["inLanguage"] == "en"
    assert types["Event"]["startDate"].startswith(page.event_start.isoformat()[:10])
    assert types["Event"]["location"]["@type"] == "Place"


def test_every_demo_event_says_when_it_ends_and_in_which_country(rf):
    demo_events()
    events = NewsPage.objects.live().filter(event_start__isnull=False)
    assert events.count() == 21  # seven events in three languages
    for page in events:
        assert page.event_end is not None, page.url  # the demo gives every event an end
        with translation.override(page.locale.language_code):
            graph = page.get_structured_data(rf.get(page.url, HTTP_HOST="localhost"))["@graph"]
        event = next(item for item in graph if item["@type"] == "Event")
        assert event["endDate"] == page.event_end.isoformat(), page.url
        assert event["location"]["address"]["addressCountry"] in {"BG", "RO"}, page.url


@pytest.mark.parametrize("end", [None, "start"])
def test_an_event_without_an_end_lasts_two_hours(client, end):
    """As the calendar feed has it; an end equal to the start counts as none."""
    info_day_in_strelcha()
    page = NewsPage.objects.live().get(locale__language_code="en", slug="info-day-in-strelcha")
    page.event_end = page.event_start if end == "start" else None
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    event = next(item for item in json.loads(block)["@graph"] if item["@type"] == "Event")
    expected = page.event_start + datetime.timedelta(hours=2)
    assert datetime.datetime.fromisoformat(event["endDate"]) == expected


def test_event_page_links_to_a_map(client):
    page = info_day_in_strelcha()["ro"]
    assert page.event_latitude is not None
    html = client.get(page.url).content.decode()
    assert "https://www.openstreetmap.org/?mlat=" in html
    assert page.event_place in html


def test_translated_news_keep_the_category_in_their_language(client):
    source = NewsPageFactory(
        parent=index_of("bg"),
        title="Информационен ден в Стрелча",
        lead="Община Стрелча представи проекта си.",
        category=news_category("events", "bg"),
    )
    # Translated as a translator does, through wagtail-localize.
    page = localize(
        source, "ro", title="Zi de informare la Strelcea", lead="Strelcea și-a prezentat proiectul."
    )
    assert page.category.locale_id == page.locale_id
    assert page.category.name in client.get(page.url).content.decode()


def test_home_page_shows_latest_news_and_upcoming_events(client, homes):
    index = index_of("en")
    soon = timezone.now() + datetime.timedelta(days=10)
    event = NewsPage(
        title="Forum in Ruse",
        slug="forum-in-ruse",
        lead="Next forum.",
        date=timezone.localdate(),
        event_start=soon,
        event_place="Ruse",
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    html = client.get("/en/").content.decode()
    upcoming = html[html.index('id="upcoming-heading"') : html.index('id="latest-heading"')]
    assert "Forum in Ruse" in upcoming
    latest = html[html.index('id="latest-heading"') :]
    assert "Forum in Ruse" in latest.split("</section>")[0]


def test_scheduled_news_goes_live_with_publish_scheduled(client):
    index = index_of("bg")
    page = NewsPage(title="Планирана новина", slug="planirana", lead="Скоро.", live=False)
    index.add_child(instance=page)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live
    assert client.get(page.url or "/bg/novini/planirana/").status_code == 404

    # An hour later: the scheduled time has come.
    revision.refresh_from_db()
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200


def test_category_snippet_is_translatable():
    for category in NewsCategory.objects.filter(locale__language_code="bg"):
        names = set(category.get_translations().values_list("name", flat=True))
        assert len(names) == 2 and category.name not in names


def test_tree_rules(homes):
    assert NewsIndexPage.can_exist_under(homes["bg"])
    assert not NewsPage.can_exist_under(homes["bg"])
    assert NewsPage.can_exist_under(index_of("bg"))


def test_filtered_listing_sets_no_cookie(client):
    response = client.get(index_url("en"), {"category": "nope"})
    assert not response.cookies
