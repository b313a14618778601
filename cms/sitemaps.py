from collections import defaultdict

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from home.utils import public_page_url


class I18nSitemap(Sitemap):
    """Every live page of every language tree, each with its hreflang alternates.

    Wagtail's own sitemap lists only the default language's tree.
    """

    def live_pages(self):
        root = self.get_wagtail_site().root_page
        trees = Q()
        for home in root.get_translations(inclusive=True):
            trees |= Q(path__startswith=home.path)
        return Page.objects.live().public().filter(trees).order_by("path")

    def items(self):
        return self.live_pages().defer_streamfields().specific()

    def alternates(self):
        by_key = defaultdict(list)
        pages = (
            self.live_pages()
            .select_related("locale")
            .only("url_path", "translation_key", "locale__language_code")
        )
        for page in pages:
            by_key[page.translation_key].append(
                {
                    "lang_code": page.locale.language_code,
                    "location": public_page_url(page, self.request),
                }
            )
        return by_key

    def _urls(self, page, protocol, domain):
        alternates = self.alternates()
        urls = []
        for item in self.paginator.page(page).object_list:
            for url_info in item.get_sitemap_urls(self.request):
                url_info["alternates"] = alternates[item.translation_key]
                urls.append(url_info)
        if urls:
            self.latest_lastmod = max(u["lastmod"] for u in urls)
        return urls
