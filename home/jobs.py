"""Work too long for a request, run by the background worker, and what the admin shows of it.

A job row holds the uploaded file (in the database, not the public media: a worker on
another machine reads it there; it is cleared once the job has run), who uploaded it and
in which admin language the worker writes its messages, and when it ran. The task runs
on the "background" backend (the database queue of ``manage.py db_worker --backend
background``, README "Background tasks"). Provider imports (providers.jobs) and PO
uploads (home.translation.jobs) are such jobs.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

BACKGROUND = "background"


class BackgroundJob(models.Model):
    """Each job model adds its ``Status`` choices (with WAITING, RUNNING, SUCCEEDED and
    FAILED), its ``status`` field and what it counts."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file_name = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("file content"), editable=False)
    # The uploader's admin language: the worker writes the messages in it.
    language = models.CharField(_("messages language"), max_length=10, blank=True)
    message = models.TextField(_("message"), blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.file_name

    @property
    def finished(self):
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)


def enqueue(job, task):
    """Queue ``task`` for ``job`` (with an immediate backend it runs at once)."""
    result = task.enqueue(job.pk)
    type(job).objects.filter(pk=job.pk).update(task_id=str(result.id))
    return result
