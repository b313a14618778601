"""The site-content cache: nothing from before a publish comes back, on one worker or many."""

import os
import shutil
import socket
import subprocess
import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils.translation import get_language
from wagtail.models import Site

from home.caching import VERSION_KEY, cached_per_language, invalidate
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def new_request():
    return RequestFactory().get("/bg/", HTTP_HOST="localhost")


def read(value, request=None):
    """What a request (a new one unless given) reads from the cache for the probe."""
    return cached_per_language(request or new_request(), "probe", lambda: value)


def test_content_from_before_a_publish_never_comes_back():
    assert read("before") == "before"
    invalidate()  # a page was published
    assert read("after") == "after"
    cache.delete(VERSION_KEY)  # the version is lost: evicted, or the cache restarted
    assert read("newest") == "newest"  # not "before", made under the first version


def test_a_request_reads_the_version_once_and_sees_its_own_publish():
    request = new_request()
    assert read("before", request) == "before"
    with mock.patch.object(cache, "get", wraps=cache.get) as get:
        assert cached_per_language(request, "other", lambda: "other") == "other"
    assert [call.args[0] for call in get.call_args_list] == [  # the entry, not the version
        f"site-content:{cache.get(VERSION_KEY)}:{Site.objects.get().pk}:{get_language()}:other"
    ]
    invalidate()  # the request publishes a page, then renders
    assert read("after", request) == "after"


@pytest.fixture(scope="module")
def redis_url():
    """A Redis server of the test's own, on a free port (never the machine's data)."""
    binary = shutil.which("redis-server")
    if binary is None:
        message = "redis-server is missing: run `sudo bash scripts/ensure-browser.sh`"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(  # noqa: S603 - fixed argv
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    import redis

    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield url
    server.terminate()
    server.wait(timeout=10)


def test_two_workers_sharing_redis_see_a_publish_at_once(redis_url, settings):
    import redis

    from cms.cache import RedisCache

    settings.CACHES = {"default": {"BACKEND": "cms.cache.RedisCache", "LOCATION": redis_url}}
    other_worker = RedisCache(redis_url, {})
    assert read("before") == "before"
    assert read("ignored") == "before"  # served from Redis

    other_worker.incr(VERSION_KEY)  # the other worker publishes (home.caching.invalidate)
    assert read("after") == "after"

    raw = redis.Redis.from_url(redis_url)
    (version_key,) = raw.keys(f"*{VERSION_KEY}")
    assert raw.ttl(version_key) == -1  # the version outlives every entry made under it


def test_a_worker_keeps_what_it_read_and_sees_another_workers_publish_at_once(redis_url, settings):
    from cms.cache import RedisCache

    settings.CACHES = {"default": {"BACKEND": "cms.cache.RedisCache", "LOCATION": redis_url}}
    other_worker = RedisCache(redis_url, {})
    cache.clear()  # the server is the module's: nothing from an earlier test
    assert read(["before"]) == ["before"]
    with mock.patch.object(cache, "get", wraps=cache.get) as get:
        kept = read(["ignored"])
        assert kept == ["before"]
    # One round trip, for the version: the entry itself comes from this process.
    assert [call.args[0] for call in get.call_args_list] == [VERSION_KEY]
    kept.append("changed by its reader")
    assert read(["ignored"]) == ["before"]  # each read is a copy of its own

    other_worker.incr(VERSION_KEY)  # the other worker publishes
    assert read(["after"]) == ["after"]


def test_an_entry_kept_in_the_process_expires_with_the_shared_one():
    def short(value):
        return cached_per_language(new_request(), "short", lambda: value, timeout=60)

    assert short("first") == "first"
    assert short("second") == "first"
    later = time.time() + 61
    with mock.patch("time.time", return_value=later):
        assert short("third") == "third"


def test_the_redis_cache_makes_one_client_for_all_its_calls(redis_url):
    import redis

    from cms.cache import RedisCache

    with mock.patch.object(redis, "Redis", wraps=redis.Redis) as made:
        cache = RedisCache(redis_url, {})
        cache.set("a", 1)
        cache.set_many({"b": 2, "c": 3})
        assert cache.get("a") == 1
        assert cache.get_many(["b", "c", "missing"]) == {"b": 2, "c": 3}
        cache.incr("a")
        assert cache.get("a") == 2
    assert made.call_count == 1


def test_the_site_is_looked_up_once_per_version_and_a_new_site_is_served_at_once(client, homes):
    def site_queries(host):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/bg/", HTTP_HOST=host)
        assert response.status_code == 200
        # Wagtail's lookup by host (its site root paths have a cache of their own).
        looked_up = [
            q
            for q in queries.captured_queries
            if 'FROM "wagtailcore_site"' in q["sql"] and "CASE WHEN" in q["sql"]
        ]
        return response.content.decode(), len(looked_up)

    first, lookups = site_queries("127.0.0.1")
    assert lookups == 1 and "<h1" in first
    again, lookups = site_queries("127.0.0.1")
    assert lookups == 0 and again == first  # the same answer, without the query

    # A site of its own for 127.0.0.1, rooted at the "about" page: served at once.
    about = StandardPageFactory(parent=homes["bg"], title="За проекта", slug="za-proekta")
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=about, site_name="About")
    page, lookups = site_queries("127.0.0.1")
    assert lookups == 1
    assert about.title in page and page != first
