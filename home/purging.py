"""What a page's publication makes stale, here (home.page_cache) and at a CDN in front.

Publishing, unpublishing, moving or deleting a page purges, in every language it has:
the page and its own sub-addresses, the listings above it (its ancestors, which list what
lies below them, and their feeds), the sitemap and the site's search. When the page enters
or leaves its language's tree, or changes title or place in it, that language's menus and
breadcrumbs change too: every page of that language is purged.

The CDN (``WAGTAILFRONTENDCACHE``, configured from the environment in the settings) is
sent the same addresses after the transaction commits, through Wagtail's frontend-cache
backends, and for a move also the addresses the page and those below it have left.
Writes to other tables purge the site's own cache at once (home.page_cache); a CDN sees
them when its copy expires (``PAGE_CACHE["SHARED_SECONDS"]``).
"""

import copy

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, pre_save
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Locale, Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from home import page_cache
from home.utils import public_url

SHAPE = ("title", "slug", "url_path", "show_in_menus", "live")


def shape(page):
    """What menus, breadcrumbs and listings elsewhere show of a page."""
    return tuple(getattr(page, name) for name in SHAPE)


def remember_shape(sender, instance, raw=False, **kwargs):
    """Before a page's row is written: its shape as it stands, which is the live one
    (drafts live in revisions)."""
    if raw or not isinstance(instance, Page) or instance.pk is None:
        return
    instance._shape_before = Page.objects.filter(pk=instance.pk).values_list(*SHAPE).first()


def shape_changed(page):
    return getattr(page, "_shape_before", None) != shape(page)


def language_of(page):
    return Locale.objects.filter(pk=page.locale_id).values_list("language_code", flat=True).first()


def versions_of(page):
    """The page in every language it has."""
    return list(Page.objects.filter(translation_key=page.translation_key).specific())


def ancestors_of(pages):
    paths = {page.path[:end] for page in pages for end in range(4, len(page.path), 4)}
    return list(Page.objects.filter(path__in=paths, depth__gt=1).specific())


def purge_pages(pages, languages, *, gone=(), moved_from=()):
    """Purge these pages (and ``gone``, deleted ones), their listings and the languages'
    shape, once the transaction commits; at a CDN also ``moved_from``, pages as they
    stood at the addresses they have left."""
    ancestors = ancestors_of([*pages, *gone])
    tags = {page_cache.ALL_PAGES}
    tags |= {f"page:{page.pk}" for page in [*pages, *gone]}
    tags |= {f"tree:{page.pk}" for page in [*pages, *gone, *ancestors]}
    tags |= {f"locale:{language}" for language in languages if language}
    # The addresses are worked out now: a deleted page has none after the commit.
    urls = (
        frontend_urls(pages, gone, ancestors, languages, moved_from)
        if frontend_configured()
        else ()
    )

    def run():
        page_cache.purge(*tags)
        if urls:
            PurgeBatch(urls).purge()

    transaction.on_commit(run)


def frontend_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def frontend_urls(pages, gone, ancestors, languages, moved_from=()):
    batch = PurgeBatch()
    batch.add_pages([*pages, *ancestors, *moved_from])  # with get_cached_paths() (feeds)
    batch.add_urls(url for page in gone if (url := page.get_full_url()))
    batch.add_url(public_url(reverse("sitemap")))
    if languages:
        shown = Page.objects.live().filter(locale__language_code__in=languages, depth__gt=1)
        batch.add_pages(shown.specific())
    return sorted(batch.urls)


def on_publish_or_unpublish(sender, instance, **kwargs):
    languages = {language_of(instance)} if shape_changed(instance) else set()
    purge_pages(versions_of(instance), languages)


def on_move(sender, instance, **kwargs):
    pages = versions_of(instance)
    before = kwargs.get("parent_page_before")
    moved_from = ()
    if frontend_configured():
        moved_from = at_old_addresses(
            instance, kwargs.get("url_path_before"), kwargs.get("url_path_after")
        )
    purge_pages(
        [*pages, *([before.specific] if before else [])],
        {language_of(instance)},
        moved_from=moved_from,
    )


def at_old_addresses(page, url_path_before, url_path_after):
    """The moved page and everything below it, each as it was at the address it left (a
    CDN keeps serving those until told). Nothing when the move kept the address."""
    if not url_path_before or url_path_before == url_path_after:
        return []
    moved = [page.specific, *page.get_descendants().specific()]
    old = []
    for item in moved:
        item = copy.copy(item)
        item.url_path = url_path_before + item.url_path[len(url_path_after) :]
        old.append(item)
    return old


def on_delete(sender, instance, **kwargs):
    """Each page of a deleted branch: its language's shape is purged in the site's cache,
    the addresses of the page and its listings at the CDN."""
    purge_pages([], set(), gone=[instance])
    language = language_of(instance)
    if language:
        transaction.on_commit(lambda: page_cache.purge(f"locale:{language}"))


def connect():
    page_published.connect(on_publish_or_unpublish, dispatch_uid="page-cache-published")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(on_move, dispatch_uid="page-cache-moved")
    post_delete.connect(on_delete, sender=Page, dispatch_uid="page-cache-deleted")
    pre_save.connect(remember_shape, dispatch_uid="page-cache-shape")
