"""The directory at 2,000 providers: a paginated list in a fixed number of queries, and
the whole filtered set on the map from a compressed GeoJSON."""

import gzip
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from bench.management.commands.synthetic_providers import create_synthetic
from providers.models import Provider, ProviderMapPage

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8
PAGE_SIZE = ProviderMapPage.page_size


def queries(client, url):
    client.get(url)  # the chrome's fragments are cached from the first visit on
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response


@pytest.fixture
def map_page():
    return ProviderMapPage.objects.get(locale__language_code="bg")


def top_up(total):
    bulgarian = Locale.objects.get(language_code="bg")
    create_synthetic(total - Provider.objects.filter(locale=bulgarian).count(), bulgarian)


def test_the_list_costs_the_same_queries_with_34_or_2000_providers(client, map_page):
    urls = [map_page.url, f"{map_page.url}?country=RO", f"{map_page.url}?district=BG331"]
    small = [queries(client, url)[0] for url in urls]
    top_up(2000)
    large = [queries(client, url)[0] for url in urls]
    assert large == small
    assert max(large) <= MAX_QUERIES


def current_page(html):
    pagination = html[html.index('class="pagination"') :]
    return re.search(r'<span aria-current="page">([^<]*)</span>', pagination).group(1)


def test_2000_providers_are_listed_fifty_a_page_with_every_page_reachable(client, map_page):
    top_up(2000)
    live = Provider.objects.filter(locale__language_code="bg", live=True).count()
    last = -(-live // PAGE_SIZE)
    first = client.get(map_page.url).content.decode()
    assert first.count('class="provider-item"') == PAGE_SIZE
    assert re.findall(r"\d+", current_page(first)) == ["1", str(last)]
    assert 'href="?page=2" rel="next"' in first
    end = client.get(f"{map_page.url}?page={last}").content.decode()
    assert re.findall(r"\d+", current_page(end)) == [str(last), str(last)]
    assert end.count('class="provider-item"') == live - (last - 1) * PAGE_SIZE
    beyond = client.get(f"{map_page.url}?page={last + 50}")
    assert beyond.status_code == 200, "a page past the end shows the first, never an error"
    assert re.findall(r"\d+", current_page(beyond.content.decode()))[0] == "1"


def test_the_geojson_of_2000_providers_travels_compressed_under_60_kb(client):
    top_up(2000)
    response = client.get("/bg/providers/data.geojson", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) <= 60 * 1024
    collection = json.loads(gzip.decompress(response.content))
    shown = Provider.objects.filter(
        locale__language_code="bg", live=True, confidential_location=False
    ).exclude(latitude=None)
    assert len(collection["features"]) == shown.count() >= 2000 - 40
    again = client.get(
        "/bg/providers/data.geojson",
        HTTP_ACCEPT_ENCODING="gzip",
        HTTP_IF_NONE_MATCH=response["ETag"],
    )
    assert again.status_code == 304


def test_the_total_follows_the_directory_at_once(client, map_page):
    """The count is kept per filters until the directory changes; a text search counts
    afresh."""
    url = f"{map_page.url}?country=BG"

    def total(address):
        html = client.get(address).content.decode()
        return int(re.search(r'class="result-count"[^>]*>\s*(\d+)', html).group(1))

    before = total(url)
    assert total(url) == before  # the second visit reads the kept count
    top_up(Provider.objects.filter(locale=map_page.locale).count() + 3)
    added = Provider.objects.filter(locale=map_page.locale, country="BG").count()
    assert total(url) == added > before
    Provider.objects.filter(locale=map_page.locale, country="BG").first().delete()
    assert total(url) == added - 1
    assert total(f"{url}&q=synthetic") == total(f"{url}&q=synthetic")


def test_a_list_seen_before_reads_no_provider_and_a_change_shows_at_once(
    client, map_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # each change its own request
        top_up(2000)
    url = f"{map_page.url}?country=BG"
    first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as captured:
        again = client.get(url).content.decode()
    assert again == first
    assert not [q["sql"] for q in captured if '"providers_provider"' in q["sql"]]
    assert client.get(f"{url}&page=2").content.decode().count('class="provider-item"') == 50

    listed = re.search(r'p/([\w-]+)/">([^<]+)</a>', first)
    provider = Provider.objects.get(locale=map_page.locale, external_id=listed.group(1))
    with django_capture_on_commit_callbacks(execute=True):
        Provider.objects.filter(pk=provider.pk).update(name=f"{provider.name} (нов адрес)")
    assert f"{listed.group(2)} (нов адрес)" in client.get(url).content.decode()
