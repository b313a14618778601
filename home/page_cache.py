"""Anonymous pages from the shared cache, purged by what they show.

An anonymous GET of a public address (a page, a feed, an export, the sitemap) is kept in
the shared cache (Redis in production), keyed by host, language, path and query. Each
entry remembers what it was made from, as *tags* with the version each had then:

- ``page:<id>`` for every page the response loaded (the page itself, the pages it lists
  or links to with their titles), and ``tree:<id>`` for the page served: its listings of
  what lies below it (an index lists its children, the home page the latest news);
- ``locale:<language>``, the shape of that language's tree (menus, breadcrumbs): what is
  live, where and under which title;
- ``table:<name>`` for every other table its queries read (snippets, settings, images,
  providers, taxonomy, community), found from the SQL itself;
- ``tree:*`` for a response that is not a page (sitemap, search, exports).

A write to a table, seen in the SQL too (the ORM, bulk updates and raw statements alike),
bumps its tag once the transaction commits; publishing, unpublishing, moving or deleting a
page bumps its pages, trees and language (home.purging). An entry whose tags have all kept
their versions is served: one cache round trip when nothing was written anywhere since it
was stored, two otherwise. Nothing is stored when anything was purged while it rendered.

Never cached: a request carrying a session or a message, a response setting a cookie or
marked private (``never_cache``), anything but a 200, the admin, accounts and counters.
Cached responses carry ``Cache-Control: public, s-maxage`` and an ``ETag`` (304s come from
``ConditionalGetMiddleware`` around this one); others to a request with a session say
``private``. A table written behind SQL's back (a trigger) is caught by the timeout.
"""

import hashlib
import re
import time
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_init
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip as ACCEPTS_GZIP
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.text import compress_string
from django.utils.translation import get_language_from_path, get_language_from_request
from modelcluster.fields import ParentalKey
from wagtail.models import Page

from cms.middleware import compressible

ENTRY_PREFIX = "page-cache:"
GZIP_SUFFIX = ":gzip"
TAG_PREFIX = "page-cache-tag:"
FRAGMENT_PREFIX = "page-cache-fragment:"
# Bumped with any tag: an entry stored under the current sequence is valid without
# looking at its tags (the common case, one round trip).
SEQUENCE_KEY = "page-cache-sequence"
ALL_PAGES = "tree:*"

# Tables that are not what pages show: reads of them make no tag, writes purge nothing.
# Counters change on every visit; revisions, logs, workflow and translation state are the
# admin's; renditions are made while pages render; pages themselves have their own tags.
NOT_TRACKED = (
    "auth_",
    "axes_",
    "django_",
    "account_",
    "otp_",
    "visits_",
    "publications_downloadcount",
    "search_fts",
    "wagtail_localize",
    "wagtailadmin_",
    "wagtailcore_comment",
    "wagtailcore_groupapprovaltask",
    "wagtailcore_grouppagepermission",
    "wagtailcore_modellogentry",
    "wagtailcore_pagelogentry",
    "wagtailcore_pagesubscription",
    "wagtailcore_referenceindex",
    "wagtailcore_revision",
    "wagtailcore_task",
    "wagtailcore_uploadedfile",
    "wagtailcore_workflow",
    "wagtailimages_rendition",
    "wagtailsearch_",
    "wagtailusers_",
    "home_userprofile",
)
EXCLUDED_PATHS = re.compile(
    r"^/(?:admin|django-admin|visits|documents|downloads|static|media|__debug__)/"
    r"|^/[a-z]{2}/(?:account|_util)/"
)
MAX_QUERY_LENGTH = 1000
READ_TABLES = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)
WRITTEN_TABLE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE
)


def config(name):
    return settings.PAGE_CACHE[name]


# What a response is made from -------------------------------------------------------

_collector = ContextVar("page_cache_collector", default=None)


class Collector:
    def __init__(self):
        self.tags = set()


@contextmanager
def collecting():
    """Gather the tags of what runs inside; an enclosing collection gets them too."""
    outer = _collector.get()
    collector = Collector()
    token = _collector.set(collector)
    try:
        yield collector
    finally:
        _collector.reset(token)
        if outer is not None:
            outer.tags |= collector.tags


def depends_on(*tags):
    """Declare tags for what the current response shows without a query to see it by."""
    collector = _collector.get()
    if collector is not None:
        collector.tags.update(tags)


@lru_cache(maxsize=1)
def tracked_tables():
    """Tables whose rows pages show, besides the pages' own (tracked by their tags): not a
    page type's, nor a page's inline children (written when the page is published)."""
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if issubclass(model, Page) or table.startswith(NOT_TRACKED):
            continue
        fields = model._meta.get_fields()
        if any(isinstance(field, ParentalKey) for field in fields):
            continue
        if model._meta.auto_created and any(
            field.is_relation and field.related_model and issubclass(field.related_model, Page)
            for field in fields
        ):
            continue
        tables.add(table)
    return frozenset(tables)


def _page_loaded(sender, instance, **kwargs):
    collector = _collector.get()
    if collector is not None and instance.pk is not None:
        collector.tags.add(f"page:{instance.pk}")


def _observe_sql(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if isinstance(sql, str):
        head = sql[:16].lstrip()[:7].upper()
        if head.startswith(("INSERT", "UPDATE", "DELETE", "REPLACE")):
            match = WRITTEN_TABLE.match(sql)
            if match and match.group(1) in tracked_tables():
                _written(context["connection"], match.group(1))
        else:
            collector = _collector.get()
            if collector is not None:
                tracked = tracked_tables()
                collector.tags.update(
                    f"table:{table}" for table in READ_TABLES.findall(sql) if table in tracked
                )
    return result


def written(table, using=DEFAULT_DB_ALIAS):
    """Purge what shows ``table`` as a write to it would, for a change the SQL does not show
    (a row of an untracked table that decides which of its rows show)."""
    _written(connections[using], table)


def _written(connection, table):
    """Bump the table's tag once the transaction commits (at once outside one): a page
    rendered in between, from the rows before, must not be stored as current."""
    if not connection.in_atomic_block:
        purge(f"table:{table}")
        return
    # One bump per table per transaction. Django replaces its list of commit hooks on
    # each commit or rollback, so a list seen before means the same transaction.
    hooks = connection.run_on_commit
    seen = getattr(connection, "_page_cache_written", None)
    if seen is None or seen[0] is not hooks:
        seen = (hooks, set())
        connection._page_cache_written = seen
    if table not in seen[1]:
        seen[1].add(table)

        def bump():
            seen[1].discard(table)  # a later write in a new transaction bumps it again
            purge(f"table:{table}")

        connection.on_commit(bump)


def _watch_connection(sender, connection, **kwargs):
    if _observe_sql not in connection.execute_wrappers:
        connection.execute_wrappers.append(_observe_sql)


def connect():
    connection_created.connect(_watch_connection, dispatch_uid="page-cache-sql")
    for model in apps.get_models():
        if issubclass(model, Page):
            post_init.connect(_page_loaded, sender=model, dispatch_uid=f"page-cache-{model}")


# Versions ------------------------------------------------------------------------------


def purge(*tags):
    """Everything that shows what these tags name is stale from now on, on every worker."""
    if not tags:
        return
    version = time.time_ns()
    cache.set_many({TAG_PREFIX + tag: version for tag in tags} | {SEQUENCE_KEY: version}, None)


def current_versions(tags):
    """The tags' versions and the sequence, each drawn anew if the cache lost it (or never
    had it). An entry never holds an empty sequence: were the sequence evicted later, an
    empty one would match it and serve the entry without checking its tags."""
    keys = [TAG_PREFIX + tag for tag in tags]
    found = cache.get_many([*keys, SEQUENCE_KEY])
    missing = {key: time.time_ns() for key in [*keys, SEQUENCE_KEY] if key not in found}
    if missing:  # any new version will do: no entry was stored under it
        cache.set_many(missing, None)
        found |= missing
    return {tag: found[TAG_PREFIX + tag] for tag in tags}, found[SEQUENCE_KEY]


def cached_fragment(key, compute, timeout):
    """``compute()``, kept in the shared cache with the versions of the tags of what it
    read, and served while none of them has changed since: for a part of a page made from
    rows that change without a publish (providers, community members). One cache round
    trip when nothing was written anywhere since it was stored, two otherwise; nothing is
    stored when something it read was written while it was computed. What it was made from
    goes to the enclosing page's entry, as if it had been computed."""
    key = FRAGMENT_PREFIX + hashlib.sha256(key.encode()).hexdigest()
    found = cache.get_many([key, SEQUENCE_KEY])
    entry, sequence = found.get(key), found.get(SEQUENCE_KEY)
    if entry is not None and (entry["sequence"] == sequence or _tags_kept(entry["tags"])):
        depends_on(*entry["tags"])
        return entry["value"]
    if sequence is None:
        cache.add(SEQUENCE_KEY, time.time_ns(), None)
        sequence = cache.get(SEQUENCE_KEY)
    with collecting() as collector:
        value = compute()
    tags = collector.tags or {ALL_PAGES}
    versions, sequence_after = current_versions(sorted(tags))
    if sequence_after == sequence:
        cache.set(key, {"sequence": sequence, "tags": versions, "value": value}, timeout)
    return value


def _tags_kept(versions):
    found = cache.get_many([TAG_PREFIX + tag for tag in versions])
    return all(found.get(TAG_PREFIX + tag) == version for tag, version in versions.items())


# The middleware ------------------------------------------------------------------------


def entry_key(request, language):
    address = (
        f"{request.get_host()}\n{language}\n{request.path}\n{request.META.get('QUERY_STRING', '')}"
    )
    return ENTRY_PREFIX + hashlib.sha256(address.encode()).hexdigest()


def may_serve_from_cache(request):
    if request.method != "GET" or not config("ENABLED"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return False
    return not EXCLUDED_PATHS.match(request.path_info)


def may_store(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if len(response.content) > config("MAX_BYTES"):
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def shared_cache_control(response):
    patch_cache_control(response, public=True, max_age=0, s_maxage=config("SHARED_SECONDS"))


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_serve_from_cache(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                patch_cache_control(response, private=True)
            return response

        language = get_language_from_path(request.path_info) or get_language_from_request(request)
        key = entry_key(request, language)
        # Each encoding is its own entry: a visit fetches only the body it is sent.
        accepts_gzip = bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
        found = cache.get_many([key + GZIP_SUFFIX if accepts_gzip else key, SEQUENCE_KEY])
        entry = found.get(key + GZIP_SUFFIX if accepts_gzip else key)
        sequence = found.get(SEQUENCE_KEY)
        if sequence is None:  # a new or emptied cache: start one before rendering
            cache.add(SEQUENCE_KEY, time.time_ns(), None)
            sequence = cache.get(SEQUENCE_KEY)
        if entry is not None and (entry["sequence"] == sequence or self.still_valid(entry)):
            return self.from_entry(entry)

        with collecting() as collector:
            response = self.get_response(request)
        if may_store(response):
            self.store(key, language, collector.tags, sequence, response)
        return response

    @staticmethod
    def still_valid(entry):
        return _tags_kept(entry["tags"])

    @staticmethod
    def from_entry(entry):
        response = HttpResponse(entry["body"], status=entry["status"])
        for name, value in entry["headers"]:
            response.headers[name] = value
        response.headers["Age"] = str(max(0, int(time.time() - entry["stored"])))
        response.headers["X-Cache"] = "hit"
        return response

    @staticmethod
    def store(key, language, tags, sequence_before, response):
        tags = set(tags) | {f"locale:{language}"}
        if not any(tag.startswith("tree:") for tag in tags):
            tags.add(ALL_PAGES)
        versions, sequence = current_versions(sorted(tags))
        shared_cache_control(response)
        set_response_etag(response)
        if compressible(response):
            patch_vary_headers(response, ("Accept-Encoding",))
        response.headers["X-Cache"] = "miss"
        if sequence != sequence_before:  # something was purged while this rendered
            return
        headers = [(name, value) for name, value in response.items() if name != "X-Cache"]
        plain = {
            "sequence": sequence,
            "tags": versions,
            "status": response.status_code,
            "headers": headers,
            "body": response.content,
            "stored": time.time(),
        }
        compressed = plain
        if compressible(response):
            # Compressed once here rather than on every visit (no padding: nothing secret).
            body = compress_string(response.content)
            compressed = plain | {"body": body, "headers": gzip_headers(headers, len(body))}
        cache.set_many({key: plain, key + GZIP_SUFFIX: compressed}, config("SECONDS"))


def gzip_headers(headers, length):
    replaced = {"content-length", "etag", "content-encoding"}
    kept = [(name, value) for name, value in headers if name.lower() not in replaced]
    etag = {name.lower(): value for name, value in headers}.get("etag", "")
    return [
        *kept,
        ("Content-Encoding", "gzip"),
        ("Content-Length", str(length)),
        ("ETag", f"W/{etag}" if etag and not etag.startswith("W/") else etag),
    ]
