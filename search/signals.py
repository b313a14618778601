"""Keep the search documents in step with publishing, moves and provider edits."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import documents
from search.models import SearchDocument


def on_published(sender, instance, **kwargs):
    before = SearchDocument.objects.filter(page=instance).values_list("url", flat=True).first()
    documents.index_page(instance)
    after = SearchDocument.objects.filter(page=instance).values_list("url", flat=True).first()
    if before and after and before != after:
        documents.index_subtree(instance)


def on_unpublished(sender, instance, **kwargs):
    SearchDocument.objects.filter(page=instance).delete()


def on_moved(sender, instance, **kwargs):
    documents.index_subtree(instance)


def on_restriction_changed(sender, instance, **kwargs):
    documents.index_subtree(instance.page)


def on_provider_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        documents.index_provider(instance)


def on_provider_m2m(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and hasattr(instance, "external_id"):
        documents.index_provider(instance)


def on_providers_saved_in_bulk(sender, instances, **kwargs):
    documents.index_providers(instances)


def connect():
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    from home.signals import invalidate_on_change
    from providers.models import Provider
    from providers.signals import providers_saved_in_bulk

    invalidate_on_change(SearchPromotion, Query)  # search.views.promoted_queries

    page_published.connect(on_published, dispatch_uid="search-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search-unpublished")
    post_page_move.connect(on_moved, dispatch_uid="search-moved")
    for signal in (post_save, post_delete):
        signal.connect(
            on_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search-restriction-{id(signal)}",
        )
    post_save.connect(on_provider_saved, sender=Provider, dispatch_uid="search-provider")
    providers_saved_in_bulk.connect(on_providers_saved_in_bulk, dispatch_uid="search-providers")
    for relation in (Provider.service_types.through, Provider.target_groups.through):
        m2m_changed.connect(
            on_provider_m2m, sender=relation, dispatch_uid=f"search-provider-{relation.__name__}"
        )
