"""/sitemap.xml, as a search engine reads it: valid against the sitemaps.org schema (with
Google's xhtml:link language versions), listing every public page and every provider's
page in each language with its alternates and x-default, all on the public address, and
nothing unpublished or private. The schemas and their sources: data/sitemap/.
"""

from collections import defaultdict
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from lxml import etree
from wagtail.models import Page, PageViewRestriction, Site

from home.utils import public_page_url
from news.models import NewsPage
from providers.models import Provider, ProviderMapPage
from tests.providers.factories import demo_provider
from tests.standards.conftest import news_pages

pytestmark = [pytest.mark.django_db]

PUBLIC = "https://socialcohesion.example"
SCHEMA = Path(__file__).parent / "data" / "sitemap" / "sitemap-with-alternates.xsd"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
# Independent of the number of pages and providers (the demo has 135 and 102): one query
# per entry would be hundreds. The rest is Wagtail's per-type queries for the pages.
MAX_QUERIES = 40
# The site the checks run on: the home page and its five sections, the about page and two
# news items, each in three languages; two providers in three languages.
PAGES = 3 * (1 + 5 + 1 + 2)
PROVIDER_PAGES = 2 * 3


def fetch(path="/sitemap.xml"):
    with override_settings(PUBLIC_BASE_URL=PUBLIC):
        return Client(HTTP_HOST="localhost").get(path)


def entries(response):
    """{loc: {hreflang: href}} of a sitemap response, after checking it against the XSD."""
    assert response.status_code == 200, response
    assert response["Content-Type"] == "application/xml"
    document = etree.fromstring(response.content)
    schema = etree.XMLSchema(etree.parse(SCHEMA))
    if not schema.validate(document):
        error = schema.error_log[0]
        pytest.fail(f"sitemap.xml line {error.line}: {error.message}", pytrace=False)
    found = {}
    for url in document.iterfind("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc not in found, f"{loc} is listed twice"
        links = [(link.get("hreflang"), link.get("href")) for link in url.iterfind("x:link", NS)]
        found[loc] = dict(links)
        assert len(found[loc]) == len(links), f"{loc}: a language named twice: {links}"
    return found


def versions_with_x_default(versions):
    """What each URL of a set of language versions should list, x-default on Bulgarian."""
    alternates = dict(versions)
    if settings.LANGUAGE_CODE in versions:
        alternates["x-default"] = versions[settings.LANGUAGE_CODE]
    return dict.fromkeys(versions.values(), alternates)


def expected_entries():
    """{loc: {hreflang: href}} worked out from the database, not from the sitemap's code."""
    pages, providers = defaultdict(dict), defaultdict(dict)
    homes = Site.objects.get(is_default_site=True).root_page.get_translations(inclusive=True)
    for home in homes:
        for page in home.get_descendants(inclusive=True).live().public().select_related("locale"):
            pages[page.translation_key][page.locale.language_code] = public_page_url(page)
    for map_page in ProviderMapPage.objects.live().public().select_related("locale"):
        for provider in Provider.objects.filter(locale=map_page.locale, live=True):
            url = f"{public_page_url(map_page)}p/{provider.external_id}/"
            providers[provider.external_id][map_page.locale.language_code] = url
    expected = {}
    for versions in [*pages.values(), *providers.values()]:
        expected.update(versions_with_x_default(versions))
    return expected


@pytest.fixture
def content(about, news, directory):
    """Pages of three types and providers, in three languages (tests/standards/conftest.py)."""
    return about, news, directory


@pytest.fixture
def sitemap(content):
    """The sitemap as served, the queries it took, and what it should list."""
    with CaptureQueriesContext(connection) as queries:
        response = fetch()
    with override_settings(PUBLIC_BASE_URL=PUBLIC):
        expected = expected_entries()
    return entries(response), len(queries), expected


def test_sitemap_lists_every_public_page_and_provider_page_in_every_language(sitemap):
    found, _queries, expected = sitemap
    assert len(expected) == PAGES + PROVIDER_PAGES
    assert sorted(expected.keys() - found.keys()) == [], "missing from the sitemap"
    assert sorted(found.keys() - expected.keys()) == [], "listed but not public"
    provider_pages = [loc for loc in found if "/p/" in loc]
    assert len(provider_pages) == Provider.objects.filter(live=True).count()


def test_each_url_names_its_language_versions_and_x_default(sitemap):
    found, _queries, expected = sitemap
    for loc, alternates in found.items():
        assert alternates == expected[loc], loc
        assert loc in alternates.values(), f"{loc} does not name itself"
        assert alternates["x-default"].startswith(f"{PUBLIC}/bg/"), loc


def test_every_address_is_on_the_public_address(sitemap):
    found, _queries, _expected = sitemap
    for loc, alternates in found.items():
        for url in [loc, *alternates.values()]:
            assert url.startswith(f"{PUBLIC}/"), url


def test_the_query_count_does_not_grow_with_the_site(sitemap):
    found, queries, _expected = sitemap
    assert queries <= MAX_QUERIES
    # More of the same (a news item and a provider in three languages): no more queries.
    before = counted_fetch(len(found))
    news_pages("info-day-sarnitsa")
    demo_provider("bg-zhaneta-razgrad")
    assert counted_fetch(len(found) + 3 + 3) == before


def counted_fetch(listed):
    """The queries of a sitemap of ``listed`` entries, fetched on an empty cache."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert len(entries(fetch())) == listed
    return len(queries)


def test_unpublished_and_private_content_is_left_out(content):
    news = NewsPage.objects.live().get(
        locale__language_code="en", slug="final-conference-in-romania"
    )
    news.unpublish()
    private = Page.objects.get(locale__language_code="ro", slug="despre-proiect")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    provider = Provider.objects.get(locale__language_code="ro", external_id="bg-fyc-vidin")
    provider.unpublish()

    found = entries(fetch())
    hidden = {
        f"{PUBLIC}/en/news/final-conference-in-romania/",
        f"{PUBLIC}/ro/despre-proiect/",
        f"{PUBLIC}/ro/furnizori/p/{provider.external_id}/",
    }
    assert sorted(hidden & found.keys()) == []
    for loc, alternates in found.items():
        assert sorted(hidden & set(alternates.values())) == [], loc
    still_there = f"{PUBLIC}/bg/dostavchitsi/p/{provider.external_id}/"
    assert set(found[still_there]) == {"bg", "en", "x-default"}


def test_long_sitemaps_are_split_into_pages(monkeypatch, sitemap):
    """The protocol's 50,000 URLs per file: Sitemap.limit entries per page, ?p=2…"""
    found, _queries, _expected = sitemap
    limit = PAGES + 3
    monkeypatch.setattr(Sitemap, "limit", limit)  # pages first, then providers, across p=2
    first, second = entries(fetch("/sitemap.xml?p=1")), entries(fetch("/sitemap.xml?p=2"))
    assert (len(first), len(second)) == (limit, len(found) - limit)
    assert first | second == found
    assert fetch("/sitemap.xml?p=3").status_code == 404
