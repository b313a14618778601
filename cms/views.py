import sys
from functools import wraps

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.defaults import page_not_found as django_page_not_found
from wagtail import hooks
from wagtail.models import Page
from wagtail.views import serve_chain

from home.caching import cached_per_language, find_site
from home.routing import owns_subpath
from home.utils import public_url


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /visits/",
        *(f"Disallow: /{code}/account/" for code, _name in settings.LANGUAGES),
        "",
        f"Sitemap: {public_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception):
    return django_page_not_found(request, exception, template_name="404.html")


RETRY_AFTER_SECONDS = 60


def server_error(request):
    """Render 500.html with the request, so the page speaks the visitor's language.

    When the error is the database being out of reach, the site says so honestly: a 503
    with Retry-After, rendered without touching the database. The next request connects
    again by itself (health-checked persistent connections), so no restart is needed.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        template = loader.get_template("503.html")
        response = HttpResponse(template.render({"request": request}), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request": request}))


def load_specific(page):
    """The page as its own class, with the relations it declares it always shows."""
    page_class = page.specific_class
    related = getattr(page_class, "serve_select_related", ())
    if not related:
        return page.specific
    return page_class.objects.select_related(*related).get(pk=page.pk)


def find_localized_root(site):
    root = site.root_page
    return (
        Page.objects.filter(
            translation_key=root.translation_key, locale__language_code=get_language()
        )
        .only("path", "depth", "url_path", "content_type", "live")
        .first()
    ) or root


def route_for_request(request, path):
    """Find the page for ``path`` in the active language's tree with two queries.

    Wagtail's own router loads every ancestor and its specific row on the way down; we
    look up every page on the path by its ``url_path`` at once, then keep Wagtail's rule
    (home.routing): going down, a live page whose own sub-route answers what remains of
    the path takes it before its children; otherwise the deepest page found routes the
    rest with its own ``route()``.
    """
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    result = None
    site = find_site(request)
    if site is not None:
        localized_root = cached_per_language(
            request, "localized-root-page", lambda: find_localized_root(site)
        )
        components = [component for component in path.split("/") if component]
        pages = [localized_root]
        if components:
            prefixes = [
                localized_root.url_path + "/".join(components[:index]) + "/"
                for index in range(1, len(components) + 1)
            ]
            pages += (
                Page.objects.filter(url_path__in=prefixes, path__startswith=localized_root.path)
                .order_by("depth")
                .only("depth", "content_type", "live")
            )
        page = pages[-1]
        for ancestor in pages[:-1]:
            rest = components[ancestor.depth - localized_root.depth :]
            if ancestor.live and owns_subpath(ancestor.specific_class, rest):
                page = ancestor
                break
        remaining = components[page.depth - localized_root.depth :]
        # A page that does not override route() only routes to children, and the
        # lookup above found none deeper: no need to load it to answer 404.
        if not remaining or page.specific_class.route is not Page.route:
            try:
                result = load_specific(page).route(request, remaining)
            except Http404:
                result = None
    request._wagtail_route_for_request = result
    return result


def serve(request, path):
    """Wagtail's serve view, with the cheaper router above."""
    route_result = route_for_request(request, path)
    if route_result is None:
        raise Http404
    page, args, kwargs = route_result

    on_serve_chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, args, kwargs)


PASSWORD_FAILURES = 5
PASSWORD_PAUSE_SECONDS = 30 * 60


def password_attempts_limited(view):
    """Wagtail's page and document password forms, with the login's lock-out rule.

    Five wrong passwords for one restriction from one address pause that address for 30
    minutes (counted in the shared cache, so every worker agrees).
    """

    @wraps(view)
    def limited(request, *args, **kwargs):
        # Pages name it page_view_restriction_id, documents restriction_id.
        restriction = kwargs.get("page_view_restriction_id") or kwargs.get("restriction_id")
        key = f"password-failures:{view.__module__}:{restriction}:{get_client_ip_address(request)}"
        if (cache.get(key) or 0) >= PASSWORD_FAILURES:
            template = loader.get_template("account_locked.html")
            content = template.render({"request": request, "page_password": True})
            return HttpResponse(content, status=429)
        response = view(request, *args, **kwargs)
        if request.method == "POST":
            if response.status_code in (301, 302):
                cache.delete(key)
            else:
                cache.add(key, 0, PASSWORD_PAUSE_SECONDS)
                cache.incr(key)
        return response

    return limited
