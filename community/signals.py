"""Keep the site search in step with the shared resources (search.documents)."""

from django.db.models.signals import post_save
from wagtail.signals import page_published, page_unpublished

from community.models import CommunityPage, Resource


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


def connect():
    post_save.connect(on_resource_saved, sender=Resource, dispatch_uid="community-resource-search")
    for signal in (page_published, page_unpublished):
        signal.connect(
            on_community_page_changed,
            sender=CommunityPage,
            dispatch_uid=f"community-page-search-{id(signal)}",
        )
