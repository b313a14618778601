"""Wagtail's routing rule for pages with sub-routes, in one place.

Wagtail routes a path down the tree one slug at a time, and a routable page
(``RoutablePageMixin``) tries its own sub-routes before its children: under the news index,
``rss/`` is the feed even if a news item is slugged ``rss``. The site's router
(cms.views.route_for_request) finds the page in one query instead of one per level, and
asks these functions to keep that rule; the page form uses them to refuse a slug that a
parent's sub-route would hide.
"""

from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin


def owns_subpath(page_class, components):
    """Whether a live page of this class answers ``components`` with a sub-route of its own."""
    if not components or page_class is None:  # None: a page type since removed
        return False
    if not issubclass(page_class, RoutablePageMixin):
        return False
    try:
        page_class.get_resolver().resolve("/" + "/".join(components) + "/")
    except Resolver404:
        return False
    return True


def reserved_slugs(page_class):
    """The first segments of the class's sub-routes: a child slugged so would be hidden."""
    if page_class is None or not issubclass(page_class, RoutablePageMixin):
        return set()
    segments = set()
    for pattern in page_class.get_subpage_urls():
        first = str(pattern.pattern).lstrip("^/").split("/")[0]
        if first and "<" not in first and "(" not in first:
            segments.add(first)
    return segments
