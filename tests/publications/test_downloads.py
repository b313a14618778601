import io
import re
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home import counting
from home.counting import DOUBLE_CLICK_SECONDS
from publications.models import (
    DownloadCount,
    PublicationEdition,
    PublicationIndexPage,
    PublicationPage,
)
from tests.home import test_caching
from tests.publications.factories import publication_pages

pytestmark = [pytest.mark.django_db]
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"


@pytest.fixture
def brochure():
    """The demo's brochure in three languages, {language: page}, an edition in each."""
    index = PublicationIndexPage.objects.get(locale__language_code="bg")
    return publication_pages(index, "brochure")


@pytest.fixture
def edition(brochure):
    return PublicationEdition.objects.select_related("document", "page").get(
        page=brochure["bg"], language="bg"
    )


def get(client, edition, **headers):
    headers.setdefault("HTTP_USER_AGENT", BROWSER)
    return client.get(edition.download_url, **headers)


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def counted(edition):
    return (
        DownloadCount.objects.filter(
            publication_key=edition.page.translation_key,
            language=edition.language,
            month=timezone.localdate().replace(day=1),
        )
        .values_list("count", flat=True)
        .first()
        or 0
    )


def test_download_headers_and_body(client, edition):
    response = get(client, edition)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{edition.filename}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Accept-Ranges"] == "bytes"
    assert response["ETag"] and response["Last-Modified"]
    content = body(response)
    with edition.document.file.open("rb") as handle:
        assert content == handle.read()
    assert content.startswith(b"%PDF-")
    assert int(response["Content-Length"]) == len(content)
    assert not response.cookies


def test_conditional_requests_get_304(client, edition):
    first = get(client, edition)
    assert get(client, edition, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert get(client, edition, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_range_requests_resume_a_download(client, edition):
    with edition.document.file.open("rb") as handle:
        whole = handle.read()
    part = get(client, edition, HTTP_RANGE="bytes=0-99")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 0-99/{len(whole)}"
    assert body(part) == whole[:100]
    rest = get(client, edition, HTTP_RANGE="bytes=100-")
    assert rest.status_code == 206 and body(rest) == whole[100:]
    tail = get(client, edition, HTTP_RANGE="bytes=-50")
    assert body(tail) == whole[-50:]
    stale = get(client, edition, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"other"')
    assert stale.status_code == 200 and body(stale) == whole
    refused = get(client, edition, HTTP_RANGE=f"bytes={len(whole) + 10}-")
    assert refused.status_code == 416
    assert refused["Content-Range"] == f"bytes */{len(whole)}"
    assert get(client, edition, HTTP_RANGE="pages=1-2").status_code == 200


def test_missing_file_is_a_friendly_404(client, edition):
    storage, name = edition.document.file.storage, edition.document.file.name
    with storage.open(name, "rb") as handle:
        saved = handle.read()
    storage.delete(name)
    try:
        response = get(client, edition)
    finally:
        storage.save(name, io.BytesIO(saved))
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="bg"' in html and "Страницата не е намерена" in html
    assert client.get("/downloads/999999/nothing.pdf").status_code == 404


def test_a_download_adds_at_most_two_queries(client, edition):
    get(client, edition)
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = get(client, edition)
        body(response)
    assert response.status_code == 200
    assert len(context) <= 2


def test_counter_rules(client, edition):
    before = counted(edition)
    get(client, edition)
    assert counted(edition) == before + 1
    get(client, edition)  # same client within 30 s: a double click
    assert counted(edition) == before + 1
    get(client, edition, REMOTE_ADDR="10.1.2.3")  # another reader
    assert counted(edition) == before + 2
    get(client, edition, HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com/bot.html)")
    get(client, edition, HTTP_USER_AGENT="")
    assert counted(edition) == before + 2
    get(client, edition, REMOTE_ADDR="10.9.9.9", HTTP_RANGE="bytes=500-")  # a resumed download
    assert counted(edition) == before + 2
    get(client, edition, HTTP_IF_NONE_MATCH=get(client, edition)["ETag"], REMOTE_ADDR="10.4.4.4")
    assert counted(edition) == before + 2
    cache.clear()  # 30 s later
    get(client, edition)
    assert counted(edition) == before + 3


def test_readers_behind_the_proxy_are_told_apart(client, edition, settings):
    settings.TRUSTED_PROXY_COUNT = 1  # one HTTPS proxy in front
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    before = counted(edition)
    get(client, edition, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    get(client, edition, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)  # a double click
    get(client, edition, HTTP_X_FORWARDED_FOR="203.0.113.20", **proxy)  # another reader
    assert counted(edition) == before + 2


def test_counts_store_no_personal_data():
    fields = {field.name for field in DownloadCount._meta.get_fields()}
    assert fields == {"id", "publication_key", "language", "month", "count"}


def test_languages_are_counted_separately(client, brochure):
    page = PublicationPage.objects.get(locale__language_code="ro", kind="brochure")
    for edition in page.editions.all():
        get(client, edition)
    counts = DownloadCount.objects.filter(publication_key=page.translation_key)
    assert {count.language for count in counts} == {"bg", "ro", "en"}


def test_staff_see_the_downloads_report(client, admin_user, edition):
    get(client, edition)
    client.force_login(admin_user)
    response = client.get("/admin/reports/downloads/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and re.search(r"<td>\s*1\s*</td>", html)
    assert PublicationPage.objects.get(pk=edition.page_id).title in html


def test_a_head_request_is_not_a_download(client, edition):
    before = counted(edition)
    response = client.head(edition.download_url, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200 and response["Content-Length"]
    assert counted(edition) == before
    get(client, edition, REMOTE_ADDR="10.7.7.7")
    assert counted(edition) == before + 1


# The repeat window on the production cache: one Redis shared by several workers --------

redis_url = test_caching.redis_url  # the test's own Redis server (tests/home)


def head(client, edition, **headers):
    return client.head(edition.download_url, HTTP_USER_AGENT=BROWSER, **headers)


def test_the_repeat_window_is_shared_by_workers_on_redis(client, edition, redis_url, settings):
    """Two workers, each with its own Redis connection, answer one reader's quick repeats:
    one download is counted, not one per worker; a HEAD request counts nothing."""
    import redis
    from django.core.cache.backends.redis import RedisCache

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
    raw = redis.Redis.from_url(redis_url)
    raw.flushdb()
    workers = [RedisCache(redis_url, {}), RedisCache(redis_url, {})]  # a connection pool each

    def on_worker(number, send=get, **headers):
        with mock.patch.object(counting, "cache", workers[number % 2]):
            response = send(client, edition, **headers)
        assert response.status_code == 200
        return response

    before = counted(edition)
    for number in range(12):  # one reader's quick repeats, the workers answering in turn
        on_worker(number)
    assert counted(edition) == before + 1

    another = {"REMOTE_ADDR": "10.20.30.40"}
    on_worker(0, head, **another)
    assert counted(edition) == before + 1  # HEAD downloads nothing (and opens no window)
    on_worker(1, **another)
    on_worker(0, **another)
    assert counted(edition) == before + 2

    windows = raw.keys("*download:*")
    assert len(windows) == 2  # one per reader and file, shared by both workers
    assert all(0 < raw.ttl(key) <= DOUBLE_CLICK_SECONDS for key in windows)
