"""The sitemap: every public page of every language tree and every provider's page, each
with its language versions (hreflang) and x-default, all on the public address.

Wagtail's own sitemap lists only the default language's tree, and providers are snippets
shown under the provider map page (``p/<external_id>/``), which no page tree holds.
"""

from functools import cached_property

from django.conf import settings
from django.db.models import Q, QuerySet
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from home.utils import public_page_url
from providers.models import Provider, ProviderMapPage


class Concatenation:
    """Sequences one after another, as the paginator sees one: it counts them and takes
    only the slice of the sitemap page it shows, so a queryset fetches just those rows."""

    def __init__(self, *parts):
        self.parts = parts

    @cached_property
    def sizes(self):
        return [part.count() if isinstance(part, QuerySet) else len(part) for part in self.parts]

    def count(self):
        return sum(self.sizes)

    def __getitem__(self, window):
        start, stop = window.start or 0, window.stop
        items = []
        for part, size in zip(self.parts, self.sizes, strict=True):
            if start < size and stop > 0:
                items += part[max(start, 0) : min(stop, size)]
            start, stop = start - size, stop - size
        return items


def hreflang_links(versions):
    """Alternates for the URL of each language, and x-default on the default language's
    version, as the pages' own head has them (templates/base.html)."""
    links = [{"lang_code": code, "location": url} for code, url in versions.items()]
    if settings.LANGUAGE_CODE in versions:
        links.append({"lang_code": "x-default", "location": versions[settings.LANGUAGE_CODE]})
    return links


def in_language_order(urls):
    """``{code: url}`` in the order of settings.LANGUAGES, for a stable sitemap."""
    return {code: urls[code] for code, _name in settings.LANGUAGES if code in urls}


class I18nSitemap(Sitemap):
    """Pages first, in tree order, then providers by language.

    The query count does not grow with the site: the language versions of all pages and
    of all providers take one query each, and the paginator fetches only the entries of
    the sitemap page it shows. Each entry is one <url>, so Sitemap.limit (50,000 entries)
    keeps every file within the protocol's 50,000 URLs; later pages are ``?p=2``…
    """

    @cached_property
    def trees(self):
        """The site's home page of every language, and all below them."""
        root = self.get_wagtail_site().root_page
        trees = Q()
        for home in root.get_translations(inclusive=True):
            trees |= Q(path__startswith=home.path)
        return trees

    def live_pages(self):
        return Page.objects.live().public().filter(self.trees).order_by("path")

    @cached_property
    def provider_maps(self):
        """The public provider map page of each language, by locale id."""
        maps = ProviderMapPage.objects.live().public().filter(self.trees).select_related("locale")
        return {page.locale_id: page for page in maps}

    def provider_url(self, map_page, external_id):
        route = map_page.reverse_subpage("provider", kwargs={"external_id": external_id})
        return f"{public_page_url(map_page, self.request)}{route}"

    def live_providers(self):
        return Provider.objects.filter(live=True, locale_id__in=self.provider_maps)

    def items(self):
        pages = self.live_pages().defer_streamfields().specific()
        providers = self.live_providers().order_by("locale_id", "external_id")
        return Concatenation(pages, providers.only("external_id", "locale", "last_published_at"))

    @cached_property
    def page_versions(self):
        """{translation key: {language code: URL}} of every public page."""
        versions = {}
        pages = (
            self.live_pages()
            .select_related("locale")
            .only("url_path", "translation_key", "locale__language_code")
        )
        for page in pages:
            urls = versions.setdefault(page.translation_key, {})
            urls[page.locale.language_code] = public_page_url(page, self.request)
        return {key: in_language_order(urls) for key, urls in versions.items()}

    @cached_property
    def provider_versions(self):
        """{external id: {language code: URL}} of every provider shown on the site."""
        versions = {}
        rows = self.live_providers().values_list("external_id", "locale_id")
        for external_id, locale_id in rows:
            map_page = self.provider_maps[locale_id]
            urls = versions.setdefault(external_id, {})
            urls[map_page.locale.language_code] = self.provider_url(map_page, external_id)
        return {key: in_language_order(urls) for key, urls in versions.items()}

    # A page or provider published between the queries has no versions yet: it is listed
    # without alternates rather than failing the whole sitemap.

    def page_urls(self, page):
        links = hreflang_links(self.page_versions.get(page.translation_key, {}))
        return [{**entry, "alternates": links} for entry in page.get_sitemap_urls(self.request)]

    def provider_urls(self, provider):
        map_page = self.provider_maps[provider.locale_id]
        versions = self.provider_versions.get(provider.external_id, {})
        return [
            {
                "location": self.provider_url(map_page, provider.external_id),
                "lastmod": provider.last_published_at,
                "alternates": hreflang_links(versions),
            }
        ]

    def _urls(self, page, protocol, domain):
        urls = []
        for item in self.paginator.page(page).object_list:
            urls += self.provider_urls(item) if isinstance(item, Provider) else self.page_urls(item)
        # The response's Last-Modified, when every entry has a date.
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
