"""A per-site, per-language cache for what many pages show: the chrome, home page lists.

Everything is dropped at once (a version bump) whenever a page is published,
unpublished, moved or deleted, or a snippet or setting it may show is saved.
"""

from django.core.cache import cache
from django.utils.translation import get_language
from wagtail.models import Site

VERSION_KEY = "site-content-version"


def cached_per_language(request, name, compute, timeout=60 * 60):
    site = Site.find_for_request(request)
    version = cache.get_or_set(VERSION_KEY, 1)
    key = f"site-content:{version}:{site.pk if site else 0}:{get_language()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def invalidate(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1)
