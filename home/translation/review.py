"""Review before publishing, built on wagtail-localize without forking its editor.

A translator without publish permission marks a translation "ready for review"; the
moderators get an e-mail with a link to the translation in wagtail-localize's editor,
where they read it next to the source and press Publish. The translated text is not
saved to the page before that: wagtail-localize's "save draft" writes the fields of
the live page row, so it would go live unreviewed. The request is cleared when the
translation is published (pages), saved again (snippets), or its workflow is
rejected or cancelled.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.mail import send_mail
from wagtail.models import DraftStateMixin, Page, TranslatableMixin
from wagtail.signals import page_published, published, workflow_cancelled, workflow_rejected

from home.roles import MODERATORS
from home.translation.models import ReviewRequest
from home.utils import public_url


def request_review(translation, user):
    """Mark ``translation`` ready for review and tell those who can publish it."""
    target = translation.get_target_instance()
    ReviewRequest.objects.update_or_create(translation=translation, defaults={"requested_by": user})
    _email_moderators(translation, target, user)
    return target


def _email_moderators(translation, target, user):
    recipients = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=MODERATORS)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    if not recipients:
        return
    if isinstance(target, Page):
        path = reverse("wagtailadmin_pages:edit", args=[target.pk])
    else:
        path = reverse(target.snippet_viewset.get_url_name("edit"), args=[target.pk])
    link = public_url(path)
    language = translation.target_locale.get_display_name()
    send_mail(
        _("Translation ready for review: %(title)s (%(language)s)")
        % {"title": translation.source.object_repr, "language": language},
        _(
            "%(user)s marked the %(language)s translation of “%(title)s” ready for review.\n\n%(link)s"
        )
        % {
            "user": user.get_full_name() or user.get_username(),
            "language": language,
            "title": translation.source.object_repr,
            "link": link,
        },
        list(recipients),
    )


def clear_requests(instance):
    ReviewRequest.objects.filter(
        translation__source__object_id=instance.translation_key,
        translation__target_locale_id=instance.locale_id,
    ).delete()


def on_page_published(sender, instance, **kwargs):
    clear_requests(instance)


def on_workflow_closed(sender, instance, **kwargs):
    content = instance.content_object
    if isinstance(content, TranslatableMixin):
        clear_requests(content)


def on_snippet_saved(sender, instance, raw=False, **kwargs):
    """Snippets without a draft state go live when saved."""
    if (
        not raw
        and isinstance(instance, TranslatableMixin)
        and not isinstance(instance, Page | DraftStateMixin)
    ):
        clear_requests(instance)


def on_snippet_published(sender, instance, **kwargs):
    if isinstance(instance, TranslatableMixin) and not isinstance(instance, Page):
        clear_requests(instance)


def connect():
    page_published.connect(on_page_published, dispatch_uid="translation-review-published")
    workflow_rejected.connect(on_workflow_closed, dispatch_uid="translation-review-rejected")
    workflow_cancelled.connect(on_workflow_closed, dispatch_uid="translation-review-cancelled")
    post_save.connect(on_snippet_saved, dispatch_uid="translation-review-snippet")
    published.connect(on_snippet_published, dispatch_uid="translation-review-snippet-published")
