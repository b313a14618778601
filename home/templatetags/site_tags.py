"""Global chrome for every page: language versions, menu, funding notice, footer.

The chrome (menu, funding notice, footer) is the same for every page of a language, so
it is kept in the cache per site and language (home.caching). Language versions and
breadcrumbs are per page and cost one query together.
"""

import functools
import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.db.models import F, Q
from django.urls import translate_url
from django.utils.encoding import escape_uri_path
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from home import page_cache
from home.caching import cached_per_language, find_site
from home.formatting import IN_LANGUAGE
from home.models import FundingNotice, SiteSettings
from home.utils import public_page_url, public_request_url, public_url

register = template.Library()


def memoise_on_request(request, key, compute):
    memo = request.__dict__.setdefault("_site_tags_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


@dataclass(frozen=True)
class Link:
    page_id: int
    title: str
    url: str


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str
    url: str
    absolute_url: str
    is_current: bool
    translated: bool  # False: the link leads to a page that stands in for it
    fallback: str = "home"  # what stands in: "home", or "page" (the section's own page)

    @property
    def is_default(self):
        return self.code == settings.LANGUAGE_CODE

    @property
    def untranslated_note(self):
        if self.fallback == "page":
            return _("not translated yet: opens the list in this language")
        return _("not translated yet: opens the home page in this language")


@register.filter(name="public_url")
def public_url_filter(url):
    """A site-relative URL (``/downloads/…``) as an absolute URL on the public address."""
    return public_url(str(url))


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The public address of what the request shows: the page, or its sub-route (a
    provider, an act compared).

    As Google advises, each page of a paginated list is its own canonical URL (pointing
    page 2 at page 1 would hide what only page 2 lists), while a list filtered, sorted or
    searched consolidates on the plain list. So the page number stays when it is the only
    parameter, and any other query string is dropped with it.
    """
    request = context.get("request")
    if request is None:
        page = context.get("page")
        return public_page_url(page) if isinstance(page, Page) else ""
    url = public_request_url(request)
    page_obj = context.get("page_obj")
    if page_obj is not None and page_obj.number > 1 and list(request.GET) == ["page"]:
        url = f"{url}?page={page_obj.number}"
    return url


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page (or view) in every language."""
    return _relatives(context)[0]


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """The current page's ancestors below the site root, home page first."""
    return _relatives(context)[1]


def _relatives(context):
    """Language versions and ancestors of the page, in one query for both.

    A page's own address without a query string (most requests) gives the same answer
    every time: kept with the site's content until the next change (home.caching)."""
    request = context.get("request")
    if request is None:
        return [], []
    page = context.get("page")

    def compute():
        return _page_relatives(request, page, context)

    if (
        isinstance(page, Page)
        and page.pk
        and not request.GET
        and not getattr(request, "is_preview", False)
        and context.get("route_languages") is None
    ):
        key = f"relatives:{page.pk}:{request.path}"
        return memoise_on_request(
            request, "relatives", lambda: cached_per_language(request, key, compute)
        )
    return memoise_on_request(request, "relatives", compute)


@functools.lru_cache(maxsize=4096)
def _translated_path(path, code, active):
    """translate_url() of a view's path: a resolve and a reverse per language (about 0.4 ms
    each), the same for every request of that path. The active language is in the key:
    the language prefix resolves only in it."""
    return translate_url(path, code)


def _page_relatives(request, page, context):
    current = get_language()
    site = Site.find_for_request(request)
    if not isinstance(page, Page) or site is None:
        queries = localized_queries(request, None, [code for code, _name in settings.LANGUAGES])
        versions = []
        for code, name in settings.LANGUAGES:
            path = _translated_path(request.path, code, current)
            url = _with_query(path, queries.get(code))
            versions.append(
                LanguageVersion(code, name, url, public_url(path), code == current, True)
            )
        return versions, []

    home_key = site.root_page.translation_key
    ancestor_paths = [
        page.path[: depth * page.steplen] for depth in range(site.root_page.depth, page.depth)
    ]
    candidates = (
        Page.objects.live()
        .filter(
            Q(translation_key__in=[page.translation_key, home_key]) | Q(path__in=ancestor_paths)
        )
        .select_related("locale")
        .only("title", "path", "url_path", "translation_key", "locale__language_code")
        .order_by("path")
    )
    pages, homes, ancestors = {}, {}, []
    for candidate in candidates:
        code = candidate.locale.language_code
        if candidate.path in ancestor_paths:
            ancestors.append(Link(candidate.pk, candidate.title, candidate.get_url(request)))
        if candidate.translation_key == page.translation_key:
            pages[code] = candidate
        if candidate.translation_key == home_key:
            homes[code] = candidate

    route = _sub_route(request, pages.get(current) or page)
    # A routable page's view says in which languages what it shows exists (a provider
    # may not be translated yet); by default the sub-route exists wherever the page does.
    route_languages = context.get("route_languages")
    queries = localized_queries(request, page, list(pages))
    versions = []
    for code, name in settings.LANGUAGES:
        fallback = "home"
        if code in pages and (not route or route_languages is None or code in route_languages):
            path, translated = f"{pages[code].get_url(request)}{route}", True
            url = _with_query(path, queries.get(code))
        elif code in pages:
            path, translated, fallback = pages[code].get_url(request), False, "page"
            url = path
        elif code in homes:
            path, translated = homes[code].get_url(request), False
            url = f"{path}?untranslated=1"
        else:
            continue
        versions.append(
            LanguageVersion(
                code,
                name,
                url,
                public_url(path),
                code == current and translated,
                translated,
                fallback,
            )
        )
    return versions, ancestors


def _sub_route(request, page):
    """What the request shows below the page's own URL (``p/<id>/``, ``compare/``), or ""."""
    page_url = page.get_url(request)
    if page_url and request.path.startswith(page_url):
        return escape_uri_path(request.path[len(page_url) :])
    return ""


def _with_query(path, query):
    return f"{path}?{urlencode(query, doseq=True)}" if query else path


# Parameters whose values mean nothing in another language: dropped by the switcher.
FREE_TEXT_PARAMETERS = frozenset({"q"})


def localized_queries(request, page, codes):
    """The request's query parameters as they read in each language, by language code.

    A page lists the parameters it understands in ``switcher_parameters``: ``None`` for a
    value that is the same in every language (a country code, a year, a page number),
    or a translatable snippet model whose ``slug`` names the value in each language.
    Other parameters are dropped; once a filter is dropped the page number is too, as it
    would count through a different list. Views that are not pages keep everything but
    free text. Taxonomies' slugs come from the cache, so carrying a filter over costs
    no query once the cache is warm.
    """
    if not request.GET:
        return {}
    if page is None:
        parameters = {name: None for name in request.GET if name not in FREE_TEXT_PARAMETERS}
    else:
        parameters = getattr(page.specific_class or type(page), "switcher_parameters", {})
    queries = {code: [] for code in codes}
    dropped = dict.fromkeys(codes, False)
    for name, values in request.GET.lists():
        if name == "page" and name in parameters:
            continue
        translate = parameters.get(name, False)
        for value in values:
            if translate is False:
                localized = {}
            elif translate is None:
                localized = dict.fromkeys(codes, value)
            else:
                localized = _term_slugs(request, translate, value, page.locale_id)
            for code in codes:
                if code in localized:
                    queries[code].append((name, localized[code]))
                else:
                    dropped[code] = True
    if "page" in parameters and "page" in request.GET:
        for code in codes:
            if not dropped[code]:
                queries[code].append(("page", request.GET["page"]))
    return queries


def _term_slugs(request, model, slug, locale_id):
    """A taxonomy term's slug in every language it is translated into."""
    by_slug, by_key = cached_per_language(
        request, f"term-slugs:{model._meta.label_lower}", lambda: _slug_table(model)
    )
    return by_key.get(by_slug.get((locale_id, slug)), {})


def _slug_table(model):
    """Every live term of a (small) taxonomy: keys by slug, and slugs by key and language."""
    by_slug, by_key = {}, {}
    rows = model.objects.filter(live=True).values_list(
        "translation_key", "locale_id", "locale__language_code", "slug"
    )
    for key, locale_id, code, slug in rows:
        by_slug[(locale_id, slug)] = key
        by_key.setdefault(key, {})[code] = slug
    return by_slug, by_key


@dataclass(frozen=True)
class Chrome:
    settings: SiteSettings | None = None
    funding_notice: FundingNotice | None = None
    menu: tuple = ()
    footer_pages: tuple = ()
    # (section, its pages): pages one level under a menu section that are marked
    # "show in menus", such as the library's statute and good practices.
    sections: tuple = ()


@register.simple_tag(takes_context=True)
def site_chrome(context):
    """Menu, funding notice and footer pages in the active language."""
    request = context.get("request")
    if request is None:
        return Chrome()
    return memoise_on_request(request, "chrome", lambda: _cached_chrome(request))


def _cached_chrome(request):
    site = Site.find_for_request(request)
    if site is None:
        return Chrome()
    return cached_per_language(request, "chrome", lambda: _chrome(request, site))


def _chrome(request, site):
    language = get_language()
    # The footer pages' translation keys ride along as plain columns: select_related of
    # three whole pages made this the costliest query of a page's chrome to compile.
    site_settings = (
        SiteSettings.objects.filter(site=site)
        .select_related("funding_notice")
        .annotate(
            contact_key=F("contact_page__translation_key"),
            privacy_key=F("privacy_page__translation_key"),
            accessibility_key=F("accessibility_page__translation_key"),
            notice_language=F("funding_notice__locale__language_code"),
        )
        .first()
    )
    if site_settings is None:
        site_settings = SiteSettings(site=site)
    footer_keys = [
        key
        for key in (
            getattr(site_settings, "contact_key", None),
            getattr(site_settings, "privacy_key", None),
            getattr(site_settings, "accessibility_key", None),
        )
        if key is not None
    ]
    funding_notice = site_settings.funding_notice
    if funding_notice is not None and site_settings.notice_language != language:
        funding_notice = (
            FundingNotice.objects.filter(
                translation_key=funding_notice.translation_key,
                locale__language_code=language,
                live=True,
            ).first()
        ) or funding_notice

    menu_depth = site.root_page.depth + 1
    pages = (
        Page.objects.live()
        .filter(locale__language_code=language)
        .filter(
            Q(depth__in=(menu_depth, menu_depth + 1), show_in_menus=True)
            | Q(translation_key__in=footer_keys)
        )
        .order_by("path")
        .only("title", "path", "url_path", "depth", "show_in_menus", "translation_key")
    )
    menu, localized, children = [], {}, {}
    for page in pages:
        link = Link(page.pk, page.title, page.get_url(request))
        if page.show_in_menus and page.depth == menu_depth:
            menu.append(link)
            children[page.path] = (link, [])
        elif page.show_in_menus and page.depth == menu_depth + 1:
            section = children.get(page.path[: -Page.steplen])
            if section is not None:
                section[1].append(link)
        localized[page.translation_key] = link
    footer_pages = tuple(localized[key] for key in footer_keys if key in localized)
    sections = tuple((link, tuple(items)) for link, items in children.values() if items)
    return Chrome(site_settings, funding_notice, tuple(menu), footer_pages, sections)


_JSON_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """Structured data as a JSON-LD script element, safe to embed in HTML."""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_LD_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


SOURCE_NOTES = IN_LANGUAGE
_locale_codes = {}


def locale_code(locale_id):
    if locale_id not in _locale_codes:
        _locale_codes.update(Locale.objects.values_list("pk", "language_code"))
    return _locale_codes.get(locale_id)


@register.simple_tag
def in_language(obj, text, locale_id):
    """``text`` of a translatable ``obj`` shown on a page in ``locale_id``.

    Where the object has no translation yet its source text stands in: it is marked
    with its own language, for screen readers and hyphenation, and a visible note.
    """
    if obj.locale_id == locale_id:
        return text
    code = locale_code(obj.locale_id)
    return format_html(
        '<span lang="{}">{}</span> <span class="source-note">({})</span>',
        code,
        text,
        SOURCE_NOTES.get(code, code),
    )


@register.tag
def site_fragment(parser, token):
    """``{% site_fragment "name" value… [timeout=seconds] %}…{% endsite_fragment %}``:
    what is inside, rendered once per site, language and values, until the next change.

    For what many pages or visitors see alike (the latest news, the partners): it is
    dropped with the rest of the site content on every publish (home.caching), and the
    pages it appears on are purged with what it was made from (home.page_cache). Nothing
    that depends on the visitor, the request's path or a draft goes inside; previews
    render it afresh.
    """
    return SiteFragmentNode(*_fragment_parts(parser, token, "endsite_fragment"))


class SiteFragmentNode(template.Node):
    def __init__(self, nodelist, values, timeout):
        self.nodelist = nodelist
        self.values = values
        self.timeout = timeout

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        key = ":".join(str(value.resolve(context)) for value in self.values)
        timeout = int(self.timeout.resolve(context)) if self.timeout else None
        return mark_safe(  # noqa: S308 - the template's own output, escaped as it rendered
            self.kept(request, key, lambda: self.nodelist.render(context), timeout)
        )

    def kept(self, request, key, compute, timeout):
        options = {"timeout": timeout} if timeout else {}
        return cached_per_language(request, f"fragment:{key}", compute, **options)


@register.tag
def tracked_fragment(parser, token):
    """``{% tracked_fragment "name" value… [timeout=seconds] %}…{% endtracked_fragment %}``:
    what is inside, rendered once per site, language and values, and kept until a row it
    read is written (home.page_cache.cached_fragment), not only until the next publish.

    For parts made from rows that change without one: the provider list, with its
    community badges. As with site_fragment, nothing that depends on the visitor goes
    inside, and previews render it afresh.
    """
    return TrackedFragmentNode(*_fragment_parts(parser, token, "endtracked_fragment"))


class TrackedFragmentNode(SiteFragmentNode):
    def kept(self, request, key, compute, timeout):
        site = find_site(request)
        key = f"{site.pk if site else 0}:{get_language()}:{key}"
        # What it reads from untracked tables is as fresh as a cached page.
        return page_cache.cached_fragment(key, compute, timeout or page_cache.config("SECONDS"))


def _fragment_parts(parser, token, end):
    """(nodelist, values, timeout) of ``{% tag "name" value… [timeout=seconds] %}``."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name.")
    timeout = None
    if bits[-1].startswith("timeout="):
        timeout = parser.compile_filter(bits.pop().removeprefix("timeout="))
    values = [parser.compile_filter(bit) for bit in bits[1:]]
    nodelist = parser.parse((end,))
    parser.delete_first_token()
    return nodelist, values, timeout
