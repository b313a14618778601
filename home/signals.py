"""Drop the per-language cache whenever what it shows may have changed."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.caching import invalidate
from home.models import FundingNotice, Partner, SiteSettings


def invalidate_on_change(*models):
    for model in models:
        uid = f"{model._meta.label}-invalidate"
        post_save.connect(invalidate, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"{uid}-delete")


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"site-content-{id(signal)}")
    # A view restriction takes its page (and what lies below it) out of every list at once.
    invalidate_on_change(Page, PageViewRestriction, Site, SiteSettings, FundingNotice, Partner)
