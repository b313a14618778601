"""Global chrome for every page: language versions, menu, funding notice, footer.

The chrome (menu, funding notice, footer) is the same for every page of a language, so
it is kept in the cache per site and language (home.caching). Language versions and
breadcrumbs are per page and cost one query together.
"""

import json
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import translate_url
from django.utils.encoding import escape_uri_path
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from home.caching import cached_per_language
from home.models import FundingNotice, SiteSettings
from home.utils import public_page_url, public_url

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
    translated: bool  # False: the link leads to that language's home page instead

    @property
    def is_default(self):
        return self.code == settings.LANGUAGE_CODE

    @property
    def untranslated_note(self):
        return _("not translated yet: opens the home page in this language")


@register.filter(name="public_url")
def public_url_filter(url):
    """A site-relative URL (``/downloads/…``) as an absolute URL on the public address."""
    return public_url(str(url))


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The public address of what the request shows: the page, or its sub-route (a
    provider, an act compared), without the query string."""
    request = context.get("request")
    if request is not None:
        return public_url(escape_uri_path(request.path))
    page = context.get("page")
    return public_page_url(page) if isinstance(page, Page) else ""


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page (or view) in every language."""
    return _relatives(context)[0]


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """The current page's ancestors below the site root, home page first."""
    return _relatives(context)[1]


def _relatives(context):
    """Language versions and ancestors of the page, in one query for both."""
    request = context.get("request")
    if request is None:
        return [], []
    page = context.get("page")
    return memoise_on_request(request, "relatives", lambda: _page_relatives(request, page))


def _page_relatives(request, page):
    current = get_language()
    site = Site.find_for_request(request)
    if not isinstance(page, Page) or site is None:
        path = request.get_full_path()
        versions = [
            LanguageVersion(
                code,
                name,
                url := translate_url(path, code),
                public_url(url),
                code == current,
                True,
            )
            for code, name in settings.LANGUAGES
        ]
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

    versions = []
    for code, name in settings.LANGUAGES:
        if code in pages:
            url, translated = pages[code].get_url(request), True
        elif code in homes:
            url, translated = f"{homes[code].get_url(request)}?untranslated=1", False
        else:
            continue
        versions.append(
            LanguageVersion(
                code,
                name,
                url,
                public_url(url),
                code == current and translated,
                translated,
            )
        )
    return versions, ancestors


@dataclass(frozen=True)
class Chrome:
    settings: SiteSettings | None = None
    funding_notice: FundingNotice | None = None
    menu: tuple = ()
    footer_pages: tuple = ()


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
    site_settings = (
        SiteSettings.objects.filter(site=site)
        .select_related(
            "funding_notice__locale", "contact_page", "privacy_page", "accessibility_page"
        )
        .first()
    )
    if site_settings is None:
        site_settings = SiteSettings(site=site)

    funding_notice = site_settings.funding_notice
    if funding_notice is not None and funding_notice.locale.language_code != language:
        funding_notice = (
            FundingNotice.objects.filter(
                translation_key=funding_notice.translation_key,
                locale__language_code=language,
                live=True,
            ).first()
        ) or funding_notice

    footer_keys = [
        page.translation_key
        for page in (
            site_settings.contact_page,
            site_settings.privacy_page,
            site_settings.accessibility_page,
        )
        if page is not None
    ]
    menu_depth = site.root_page.depth + 1
    pages = (
        Page.objects.live()
        .filter(locale__language_code=language)
        .filter(Q(depth=menu_depth, show_in_menus=True) | Q(translation_key__in=footer_keys))
        .order_by("path")
        .only("title", "url_path", "depth", "show_in_menus", "translation_key")
    )
    menu, localized = [], {}
    for page in pages:
        link = Link(page.pk, page.title, page.get_url(request))
        if page.depth == menu_depth and page.show_in_menus:
            menu.append(link)
        localized[page.translation_key] = link
    footer_pages = tuple(localized[key] for key in footer_keys if key in localized)
    return Chrome(site_settings, funding_notice, tuple(menu), footer_pages)


_JSON_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """Structured data as a JSON-LD script element, safe to embed in HTML."""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_LD_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


SOURCE_NOTES = {
    "bg": gettext_lazy("in Bulgarian"),
    "ro": gettext_lazy("in Romanian"),
    "en": gettext_lazy("in English"),
}
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
