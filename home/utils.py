"""Absolute URLs on the site's one public address, ``settings.PUBLIC_BASE_URL``.

Feeds, the sitemap, robots.txt, structured data, canonical links, identifiers and
e-mails use these rather than the request's host or Wagtail's Site row, so a request
that came in on another host (an internal address, a health check) never shows up in
what the site publishes.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.encoding import escape_uri_path


def public_url(url="/"):
    """``url`` (a path such as ``/bg/novini/``) as an absolute URL on the public address.

    A URL that is already absolute (a file on another host) is returned unchanged.
    """
    if urlsplit(url).scheme or url.startswith("//"):
        return url
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}/{url.lstrip('/')}"


def public_page_url(page, request=None):
    """The page's absolute URL on the public address; None if the page is not routable."""
    parts = page.get_url_parts(request)
    if parts is None or parts[2] is None:
        return None
    return public_url(parts[2])


def public_request_url(request):
    """What the request shows (a page or a route under it), on the public address and
    without the query string: the canonical URL, and the ``url`` of its structured data."""
    return public_url(escape_uri_path(request.path))


def public_hostname():
    """The public address's host name (for identifiers such as iCalendar UIDs)."""
    return urlsplit(settings.PUBLIC_BASE_URL).hostname
