from django.conf import settings
from django.http import HttpResponse
from django.urls import path, re_path
from django.views.decorators.cache import never_cache
from django.views.static import serve

from cms.urls import handler404, handler500  # noqa: F401
from cms.urls import urlpatterns as site_urlpatterns

# A fixed page of 7 KB: what the full middleware stack costs on its own, the ceiling a
# page can reach on the same server. Marked private, so the page cache never keeps it.
BARE_PAGE = (
    "<!doctype html><title>bare</title>\n"
    + ("<p>" + "Social cohesion across the border. " * 3 + "</p>\n") * 65
)


@never_cache
def bare(request):
    return HttpResponse(BARE_PAGE)


# Images as the production proxy serves them from MEDIA_ROOT (README, deployment).
media = [
    re_path(
        rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>{folder}/.*)$",
        serve,
        {"document_root": settings.MEDIA_ROOT},
    )
    for folder in ("images", "original_images")
]

urlpatterns = [path("__bench__/bare/", bare), *media, *site_urlpatterns]
