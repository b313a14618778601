"""A per-site, per-language cache for what many pages show: the chrome, home page lists.

Everything is dropped at once (a version bump) whenever a page is published,
unpublished, moved or deleted, or a snippet or setting it may show is saved.

The version never expires. Should the cache lose it (eviction, a restart of a shared
cache), a new one is drawn from the clock rather than starting again at 1, so entries made
under an old version can never be read again.
"""

import time

from django.core.cache import cache
from django.utils.translation import get_language
from wagtail.models import Site

from home import page_cache

VERSION_KEY = "site-content-version"


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def cached_per_language(request, name, compute, timeout=60 * 60):
    """``compute()``, kept per site and language until the next change. What it was made
    from goes with it, so the pages that show it are purged with it (home.page_cache)."""
    site = Site.find_for_request(request)
    key = f"site-content:{current_version()}:{site.pk if site else 0}:{get_language()}:{name}"
    found = cache.get(key)
    if found is None:
        with page_cache.collecting() as collector:
            value = compute()
        cache.set(key, (value, collector.tags), timeout)
        return value
    value, tags = found
    page_cache.depends_on(*tags)
    return value


def invalidate(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # lost: any new version will do, none of the old entries match it
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
