"""Keep the site search in step with the shared resources (search.documents), and the
cached pages with the members' accounts (home.page_cache)."""

from django.conf import settings
from django.db.models.signals import post_save
from wagtail.signals import page_published, page_unpublished

from community.models import CommunityPage, Member, Resource


def on_resource_saved(sender, instance, raw=False, **kwargs):
    """Published and public: found; anything else: gone (a deleted one goes by cascade)."""
    if raw:
        return
    from search.documents import index_resource

    index_resource(instance)


def on_community_page_changed(sender, instance, **kwargs):
    """A community page went live or was withdrawn: its language's resources follow it."""
    from search.documents import index_resources

    index_resources()


def on_account_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """Only members with an active account show (the provider map's badges, the member
    directory), but the page cache does not follow the accounts' table, which every login
    writes: a saved account purges what shows members, as a write to their table would.
    A login saves only ``last_login`` and purges nothing."""
    if raw or (update_fields is not None and set(update_fields) <= {"last_login"}):
        return
    from home.page_cache import written

    written(Member._meta.db_table)


def connect():
    post_save.connect(on_resource_saved, sender=Resource, dispatch_uid="community-resource-search")
    post_save.connect(
        on_account_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="community-account-cache"
    )
    for signal in (page_published, page_unpublished):
        signal.connect(
            on_community_page_changed,
            sender=CommunityPage,
            dispatch_uid=f"community-page-search-{id(signal)}",
        )
