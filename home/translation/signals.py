"""Record when source content changes, for exact out-of-date detection."""

from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.models import Page, TranslatableMixin
from wagtail.signals import page_published


def record_change(instance):
    from home.translation.models import SourceChange

    SourceChange.objects.update_or_create(
        translation_key=instance.translation_key,
        locale_id=instance.locale_id,
        defaults={"changed_at": timezone.now()},
    )


def on_page_published(sender, instance, **kwargs):
    record_change(instance)


def on_snippet_saved(sender, instance, raw=False, **kwargs):
    if raw or isinstance(instance, Page) or not isinstance(instance, TranslatableMixin):
        return
    if getattr(instance, "_meta", None) and instance._meta.app_label == "wagtail_localize":
        return
    record_change(instance)


def connect():
    page_published.connect(on_page_published, dispatch_uid="translation-queue-page")
    post_save.connect(on_snippet_saved, dispatch_uid="translation-queue-snippet")
