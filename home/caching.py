"""A per-site, per-language cache for what many pages show: the chrome, home page lists.

Everything is dropped at once (a version bump) whenever a page is published,
unpublished, moved or deleted, or a snippet or setting it may show is saved.

The version never expires. Should the cache lose it (eviction, a restart of a shared
cache), a new one is drawn from the clock rather than starting again at 1, so entries made
under an old version can never be read again.
"""

import pickle
import threading
import time
from collections import OrderedDict

from django.core.cache import cache
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail.models import Site

from home import page_cache

VERSION_KEY = "site-content-version"
# Bumped by invalidate() in this process, so that a request which publishes and then
# renders does not keep the version it read before.
_local_changes = 0


def current_version(request=None):
    """The site content's version; read once per request (one cache round trip less for
    every later entry the request reads)."""
    memo = getattr(request, "_site_content_version", None)
    if memo is not None and memo[0] == _local_changes:
        return memo[1]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    if request is not None:
        request._site_content_version = (_local_changes, version)
    return version


# (host, port, content version) -> (Site, the page cache's tags of its lookup), in this
# process: see find_site().
_sites = {}


def find_site(request):
    """``Site.find_for_request``, remembered in this process until the site content's next
    version (saving or deleting a Site or a page bumps it): the lookup is one query with a
    CASE ordering, on every page the page cache does not answer. Wagtail's own later calls
    in the request read the same answer (``request._wagtail_site``). What the lookup read
    goes with it, so a cached page still depends on its site (home.page_cache)."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = (
        split_domain_port(request._get_raw_host())[0],
        request.get_port(),
        current_version(request),
    )
    if key not in _sites:
        if len(_sites) >= 64:  # entries of older versions are never read again
            _sites.clear()
        with page_cache.collecting() as collector:
            site = Site._find_for_request(request)
        _sites[key] = (site, frozenset(collector.tags))
    site, tags = _sites[key]
    page_cache.depends_on(*tags)
    request._wagtail_site = site
    return site


# What this process last read or made of the cache's entries, pickled as the cache keeps
# them: see cached_per_language(). The most recently used entries, a few megabytes at most.
_entries = OrderedDict()
_entries_lock = threading.Lock()  # for threaded servers (runserver, gthread workers)
LOCAL_ENTRIES = 256


def cached_per_language(request, name, compute, timeout=60 * 60):
    """``compute()``, kept per site and language until the next change. What it was made
    from goes with it, so the pages that show it are purged with it (home.page_cache).

    An entry read from the shared cache is kept in this process too, under the same key:
    the key names the content version, which the request read from the shared cache, so a
    change made on any worker is seen at once. Each read unpickles a copy of its own, as a
    read from the shared cache would; both copies expire at the same moment."""
    site = find_site(request)
    key = (
        f"site-content:{current_version(request)}:{site.pk if site else 0}:{get_language()}:{name}"
    )
    now = time.time()
    with _entries_lock:
        local = _entries.get(key)
        if local is not None:
            _entries.move_to_end(key)
    if local is not None and local[0] > now:
        value, tags, _expires = pickle.loads(local[1])  # noqa: S301 - this process's own bytes
    else:
        found = cache.get(key)
        if found is None or len(found) != 3:  # missing, or stored by an earlier release
            with page_cache.collecting() as collector:
                value = compute()
            found = (value, frozenset(collector.tags), now + timeout)
            cache.set(key, found, timeout)
            _keep(key, found)
            return value
        value, tags, _expires = found
        _keep(key, found)
    page_cache.depends_on(*tags)
    return value


def _keep(key, entry):
    pickled = pickle.dumps(entry, pickle.HIGHEST_PROTOCOL)
    with _entries_lock:
        _entries[key] = (entry[2], pickled)
        _entries.move_to_end(key)
        while len(_entries) > LOCAL_ENTRIES:
            _entries.popitem(last=False)


def invalidate(**kwargs):
    global _local_changes
    _local_changes += 1
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # lost: any new version will do, none of the old entries match it
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
