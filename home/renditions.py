"""Image renditions: no cache write on a read, and filter specs parsed once per process.

1. Renditions read from the cache are not written back to it on every request.

Wagtail 8.0.1 marks a rendition "from the cache" only when it came from a prefetch, so
each one read from the cache is written straight back (a Redis write per image per page
view), and ``get_rendition()`` writes unconditionally. Fixed upstream in wagtail/wagtail
#14541 (commit c1c39fe, 2026-08-26), after 8.0.1: this applies the same behaviour to
8.0.1 only, and does nothing on any other version, so an upgrade drops it.

2. A ``{% picture %}`` tag makes new ``Filter`` objects on every render, and each one
parses its spec into operations, checking every operation's arguments with
``inspect.getcallargs``: about half of the tag's time, sixty times on a news list. The
operations of a spec never change (they hold its parsed arguments and nothing else), so
they are kept per spec, for as many specs as the templates use.
"""

from functools import lru_cache

import wagtail
from django.utils.functional import cached_property
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import AbstractImage, Filter

PATCHED_VERSION = "8.0.1"


def find_existing_renditions(self, *filters):
    """Renditions found in the cache are marked as such; the rest as Wagtail finds them."""
    if self._get_prefetched_renditions() is not None:
        return _find_existing_renditions(self, *filters)
    Rendition = self.get_rendition_model()
    by_key = {
        Rendition.construct_cache_key(self, item.get_cache_key(self), item.spec): item
        for item in filters
    }
    found = {}
    for key, rendition in Rendition.cache_backend.get_many(list(by_key)).items():
        rendition.image = self
        rendition._from_cache = True
        found[by_key[key]] = rendition
    missing = [item for item in filters if item not in found]
    if missing:
        found |= _find_existing_renditions(self, *missing)
    return found


def get_rendition(self, filter):
    """The one rendition, through ``get_renditions()``, which writes only what is new."""
    if not isinstance(filter, str | Filter):
        raise InvalidFilterSpecError(
            "Unrecognised filter format - string or Filter instance expected"
        )
    return next(iter(self.get_renditions(filter).values()))


_find_existing_renditions = AbstractImage.find_existing_renditions
_parse_operations = Filter.operations.func


@lru_cache(maxsize=512)
def _operations_of(spec):
    return tuple(_parse_operations(Filter(spec=spec)))


def operations(self):
    """The spec's operations, parsed once (a new list each time, the same operations)."""
    return list(_operations_of(self.spec))


def patch():
    if wagtail.__version__ == PATCHED_VERSION:
        AbstractImage.find_existing_renditions = find_existing_renditions
        AbstractImage.get_rendition = get_rendition
    if Filter.operations.func is _parse_operations:
        memoised = cached_property(operations)
        memoised.__set_name__(Filter, "operations")
        Filter.operations = memoised
