"""Drop the cached site chrome whenever what it shows may have changed."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.models import FundingNotice, SiteSettings
from home.templatetags.site_tags import invalidate_chrome


def _invalidate(**kwargs):
    invalidate_chrome()


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_invalidate, dispatch_uid=f"chrome-{id(signal)}")
    for model in (Page, SiteSettings, FundingNotice):
        post_save.connect(_invalidate, sender=model, dispatch_uid=f"chrome-save-{model.__name__}")
        post_delete.connect(
            _invalidate, sender=model, dispatch_uid=f"chrome-delete-{model.__name__}"
        )
