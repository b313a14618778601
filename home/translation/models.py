from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class POUploadJob(models.Model):
    """A PO upload too large for a request, applied by the background worker (jobs.py).

    Like the provider imports' ImportJob: the uploaded file waits in the database (a
    worker on another machine reads it there) and is cleared once the job has run.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for the worker")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Done")
        FAILED = "failed", _("Nothing changed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file_name = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("file content"), editable=False)
    # The language codes the uploader translated when uploading: the files are checked
    # against them, and only the uploader and users of all of them see the job.
    languages = models.JSONField(_("languages"), default=list)
    # The uploader's admin language: the worker writes the messages in it.
    language = models.CharField(_("messages language"), max_length=10, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WAITING
    )
    total_files = models.PositiveIntegerField(_("files"), default=0)
    processed_files = models.PositiveIntegerField(_("files checked"), default=0)
    # [{"id": 12, "title": "Contacts", "language": "ro"}, …]
    updated = models.JSONField(_("translations updated"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("PO upload")
        verbose_name_plural = _("PO uploads")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.file_name

    @property
    def finished(self):
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def applying(self):
        """Every file is checked: the one all-or-nothing transaction is under way."""
        return (
            self.status == self.Status.RUNNING
            and self.total_files > 0
            and self.processed_files >= self.total_files
        )
