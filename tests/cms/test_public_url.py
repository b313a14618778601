"""One public address: whatever host a request comes in on, every absolute URL the site
gives out (sitemap, robots.txt, feeds, structured data, canonical links, identifiers,
exports, e-mails) starts with settings.PUBLIC_BASE_URL."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import feedparser
import icalendar
import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from wagtail.models import Site
from wagtail_localize.models import Translation, TranslationSource

from home.roles import MODERATORS
from home.translation.review import request_review
from news.models import NewsIndexPage
from providers.models import ProviderMapPage
from publications.models import PublicationIndexPage
from tests.home.factories import StandardPageFactory, localize
from tests.library.factories import demo_acts
from tests.providers.factories import demo_provider
from tests.publications.factories import publication_pages
from tests.shared import PRODUCTION_ENV, manage
from tests.standards.conftest import about_pages, news_pages

pytestmark = [pytest.mark.django_db]

PUBLIC = "https://socialcohesion.example"
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


@pytest.fixture(autouse=True)
def public_address(settings):
    """The site's address differs from the host the test client calls (localhost)."""
    settings.PUBLIC_BASE_URL = PUBLIC


# Eight of the demo's news items, five of them about events (the feeds and the calendar).
NEWS = (
    "project-publications-available",
    "final-conference-in-romania",
    "dobrich-coordination-meeting",
    "focus-groups-dobrich-ruse-vratsa",
    "exchange-visits-call",
    "lesichovo-final-conference",
    "info-day-strelcha",
    "info-day-bratsigovo",
)


@pytest.fixture
def news():
    """{key: {language: page}}, each with a listing image."""
    return {key: news_pages(key) for key in NEWS}


@pytest.fixture
def about():
    return about_pages()


def assert_public(url):
    assert url.startswith(f"{PUBLIC}/"), url
    assert "localhost" not in url, url


def structured_data(html):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )


def head_links(html):
    """canonical, og:url and hreflang alternates of a page."""
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
    og_url = re.findall(r'<meta property="og:url" content="([^"]+)">', html)
    alternates = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)">', html)
    return canonical, og_url, alternates


def test_sitemap_locations_and_alternates_use_the_public_address(client, about):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    locations = [
        url.findtext("s:loc", namespaces=SITEMAP_NS) for url in root.findall("s:url", SITEMAP_NS)
    ]
    alternates = [link.get("href") for link in root.iter(f"{{{SITEMAP_NS['x']}}}link")]
    assert f"{PUBLIC}/en/about/" in locations and f"{PUBLIC}/bg/za-proekta/" in alternates
    for url in locations + alternates:
        assert_public(url)


def test_robots_txt_names_the_public_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in text
    assert "localhost" not in text


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_links_use_the_public_address(client, news, kind):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    response = client.get(f"{index.url}{kind}/")
    assert response.status_code == 200
    assert "localhost" not in response.content.decode()
    feed = feedparser.parse(response.content)
    assert feed.feed.link == f"{PUBLIC}{index.url}"
    assert len(feed.entries) >= 8
    for entry in feed.entries:
        assert_public(entry.link)
        assert_public(entry.id)
    if kind == "atom":
        (self_link,) = [link.href for link in feed.feed.links if link.rel == "self"]
        assert self_link == f"{PUBLIC}{index.url}atom/"


def test_calendar_urls_and_uids_use_the_public_address(client, news):
    index = NewsIndexPage.objects.get(locale__language_code="ro")
    response = client.get(f"{index.url}calendar/")
    assert "localhost" not in response.content.decode()
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) >= 3
    for event in events:
        assert_public(str(event["URL"]))
        assert str(event["UID"]).endswith("@socialcohesion.example")


def test_news_page_canonical_and_structured_data_use_the_public_address(client):
    page = news_pages("info-day-strelcha")["en"]
    html = client.get(page.url).content.decode()
    assert "localhost" not in html
    canonical, og_url, alternates = head_links(html)
    assert canonical == og_url == [f"{PUBLIC}{page.url}"]
    assert f"{PUBLIC}{page.url}" in alternates
    for url in alternates:
        assert_public(url)
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert image.startswith(f"{PUBLIC}/media/images/")
    article = next(
        item for item in structured_data(html)["@graph"] if item["@type"] == "NewsArticle"
    )
    assert article["mainEntityOfPage"] == f"{PUBLIC}{page.url}"
    assert article["image"] == [image]


def test_legislation_page_url_and_eli_identifier_use_the_public_address(client):
    page = demo_acts("ro-social-assistance-law")["ro-social-assistance-law"]["en"]
    assert (page.jurisdiction, page.number) == ("RO", "292")
    html = client.get(page.url).content.decode()
    assert "localhost" not in html
    canonical, og_url, _alternates = head_links(html)
    assert canonical == og_url == [f"{PUBLIC}{page.url}"]
    data = structured_data(html)
    eli = f"{PUBLIC}/en/library/eli/ro/lege/2011/292/"
    assert data["legislationIdentifier"] == eli
    assert data["url"] == f"{PUBLIC}{page.url}"
    assert {example["url"] for example in data["workExample"]} >= {f"{PUBLIC}{page.url}"}
    assert f'<a href="{eli}">{eli}</a>' in html  # the identifier shown on the page
    assert client.get(eli.removeprefix(PUBLIC)).url == page.url  # and it resolves


def test_publication_citations_use_the_public_address(client):
    index = PublicationIndexPage.objects.get(locale__language_code="bg")
    page = publication_pages(index)["bg"]  # an edition (a PDF) in each language
    html = client.get(page.url).content.decode()
    assert "localhost" not in html
    pdf = re.search(r'<meta name="citation_pdf_url" content="([^"]+)">', html).group(1)
    assert pdf.startswith(f"{PUBLIC}/downloads/")
    data = structured_data(html)
    assert data["url"] == f"{PUBLIC}{page.url}"
    for example in data["workExample"]:
        assert example["url"].startswith(f"{PUBLIC}/downloads/")
    for route in ("cite/bibtex/", "cite/ris/"):
        text = client.get(f"{page.url}{route}").content.decode()
        assert f"{PUBLIC}/downloads/" in text and "localhost" not in text


def test_provider_page_and_exports_use_the_public_address(client):
    provider = demo_provider("ro-vasiliada-craiova")["ro"]
    demo_provider("bg-fyc-vidin")  # a second one in the exports
    page = ProviderMapPage.objects.live().get(locale__language_code="ro")
    detail = f"{page.url}p/{provider.external_id}/"
    html = client.get(detail).content.decode()
    assert "localhost" not in html
    assert structured_data(html)["url"] == f"{PUBLIC}{detail}"
    assert head_links(html)[0] == [f"{PUBLIC}{detail}"]  # the provider, not the list

    features = json.loads(client.get("/ro/providers/data.geojson").content)["features"]
    assert features
    for feature in features:
        assert_public(feature["properties"]["url"])
    response = client.get("/ro/providers/data.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows
    for row in rows:
        assert_public(row["url"])


def test_review_request_mail_links_to_the_public_admin(django_user_model, homes):
    moderator = django_user_model.objects.create_user(
        "marin", email="marin@example.org", password="long-enough-password"
    )
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    translator = django_user_model.objects.create_user("ioana", password="long-enough-password")
    page = StandardPageFactory(
        parent=homes["bg"], title="Контакти", slug="kontakti", lead="Пишете ни."
    )
    localize(page, "ro", title="Contacte", slug="contact", lead="Scrieți-ne.")
    source, _changed = TranslationSource.update_or_create_from_instance(page)
    translation = Translation.objects.get(source=source, target_locale__language_code="ro")
    target = request_review(translation, translator)
    (message,) = [m for m in mail.outbox if "marin@example.org" in m.to]
    links = re.findall(r"https?://\S+", message.body)
    assert links == [f"{PUBLIC}/admin/pages/{target.pk}/edit/"]


def test_sync_site_url_points_the_default_site_at_the_public_address(client, about):
    call_command("sync_site_url", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("socialcohesion.example", 443, PUBLIC)
    assert site.root_page.specific.full_url == f"{PUBLIC}/bg/"  # Wagtail's own full URLs
    # A request on another host still reaches the site (the default site answers).
    response = client.get("/en/about/")
    assert response.status_code == 200
    assert head_links(response.content.decode())[0] == [f"{PUBLIC}/en/about/"]


def test_admin_base_url_follows_public_base_url_from_the_environment():
    """Wagtail's moderation e-mails use WAGTAILADMIN_BASE_URL: it is the public address."""
    env = {"DJANGO_SETTINGS_MODULE": "cms.settings.dev", "PUBLIC_BASE_URL": f"{PUBLIC}/"}
    code = (
        "from django.conf import settings as s; print(s.PUBLIC_BASE_URL, s.WAGTAILADMIN_BASE_URL)"
    )
    result = manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [PUBLIC, PUBLIC]


@pytest.mark.parametrize("value", ["", "http://socialcohesion.example"])
def test_production_requires_an_https_public_base_url(value):
    result = manage("check", env={**PRODUCTION_ENV, "PUBLIC_BASE_URL": value})
    assert result.returncode != 0
    assert "PUBLIC_BASE_URL must be" in result.stderr
