from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.jobs import BackgroundJob


class SourceChange(models.Model):
    """When a language version of an object last changed (published, or saved for snippets).

    Compared with wagtail-localize's last sync of a translation source, it tells exactly
    which translations are out of date.
    """

    translation_key = models.UUIDField()
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("source change")
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "locale"], name="one_change_per_object_locale"
            )
        ]

    def __str__(self):
        return f"{self.translation_key} {self.locale_id} {self.changed_at:%Y-%m-%d %H:%M}"


class ReviewRequest(models.Model):
    """A translator marked a translation ready for review by an editor of that language."""

    translation = models.OneToOneField(
        "wagtail_localize.Translation", on_delete=models.CASCADE, related_name="review_request"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review request")

    def __str__(self):
        return f"review of translation {self.translation_id}"


class POUploadJob(BackgroundJob):
    """A PO upload too large for a request, applied by the background worker (jobs.py)."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for the worker")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Done")
        FAILED = "failed", _("Nothing changed")

    # The language codes the uploader translated when uploading: the files are checked
    # against them, and only the uploader and users of all of them see the job.
    languages = models.JSONField(_("languages"), default=list)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WAITING
    )
    total_files = models.PositiveIntegerField(_("files"), default=0)
    processed_files = models.PositiveIntegerField(_("files checked"), default=0)
    # [{"id": 12, "title": "Contacts", "language": "ro"}, …]
    updated = models.JSONField(_("translations updated"), default=list, blank=True)

    class Meta(BackgroundJob.Meta):
        verbose_name = _("PO upload")
        verbose_name_plural = _("PO uploads")

    @property
    def applying(self):
        """Every file is checked: the one all-or-nothing transaction is under way."""
        return (
            self.status == self.Status.RUNNING
            and self.total_files > 0
            and self.processed_files >= self.total_files
        )
