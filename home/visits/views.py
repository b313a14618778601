"""The visit counter's endpoint: the page's beacon (POST) or, without JavaScript, its image.

Pages may come from a shared cache, so they cannot count themselves; the browser tells
this view which page it shows. Nothing is set (no cookie) and nothing about the visitor
is kept: the repeat window lives in the cache under a daily salted hash (home.counting).
"""

import base64
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from home.counting import countable
from home.visits.counter import REPEAT_WINDOW_SECONDS, page_of, record

# The smallest transparent GIF: 1×1, one transparent colour.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def declined(request):
    """Visitors who asked not to be tracked, and the site's own staff."""
    if request.headers.get("DNT") == "1" or request.headers.get("Sec-GPC") == "1":
        return True
    origin = request.headers.get("Origin")
    # By host only: behind a proxy that ends TLS the scheme seen here may differ.
    if origin and urlsplit(origin).netloc != request.get_host():
        return True  # another site's page posting on our behalf
    referer = urlsplit(request.headers.get("Referer", "")).path
    if referer.startswith(reverse("wagtailadmin_home")):
        return True  # the editor's preview
    # Only a signed-in visitor carries a session: the anonymous cost no query here.
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        user = request.user
        return user.is_authenticated and (
            user.is_staff or user.has_perm("wagtailadmin.access_admin")
        )
    return False


def count_visit(request):
    """Count the visit the request reports; False for junk (nothing is recorded)."""
    data = request.POST if request.method == "POST" else request.GET
    page = page_of(data.get("path", ""), data.get("lang") or None)
    if page is None:
        return False
    language, section, path = page
    if not declined(request) and countable(
        request, f"{language}|{path}", seconds=REPEAT_WINDOW_SECONDS, kind="visit"
    ):
        record(language, section, path)
    return True


@csrf_exempt  # a beacon carries no token; all it can do is add one to a count
@require_http_methods(["GET", "POST"])
def count(request):
    valid = count_visit(request)
    if request.method == "GET":
        response = HttpResponse(PIXEL, content_type="image/gif")
    else:
        response = HttpResponse(status=204 if valid else 400)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response
