"""Provider imports too large for a request run as background tasks.

A file of more than IN_REQUEST_ROWS rows is stored in an ImportJob and handed to the
"background" task backend (a database queue that ``manage.py db_worker --backend
background`` runs, README "Background tasks"); the admin's job page shows its progress
and then its result. Smaller files are imported within the request, as before.
"""

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from home.jobs import BACKGROUND
from providers.importer import Importer, ImportFileError, read_rows
from providers.models import ImportJob

# Validation, writing and indexing take ~2 ms a row: 300 rows stay well within a request.
IN_REQUEST_ROWS = 300


@task(backend=BACKGROUND)
def run_import_job(job_id):
    job = ImportJob.objects.get(pk=job_id)
    with translation.override(job.language or None):
        run(job)
    return {
        "status": job.status,
        "created": job.created_count,
        "updated": job.updated_count,
        "errors": len(job.errors),
    }


def run(job):
    if job.finished:  # a task run twice (a worker restarted) does not import twice
        return
    job.status, job.stage, job.started_at = ImportJob.Status.RUNNING, "", timezone.now()
    job.save(update_fields=["status", "stage", "started_at"])
    try:
        rows = list(read_rows(job.file_name, bytes(job.content)))
    except ImportFileError as error:
        finish(job, ImportJob.Status.FAILED, message=str(error))
        return
    job.total_rows = len(rows)
    job.save(update_fields=["total_rows"])

    def progress(stage, done, total):
        # The importer reports outside its transaction, so the job page sees each step.
        ImportJob.objects.filter(pk=job.pk).update(stage=stage, processed_rows=done)

    try:
        result = Importer(job.locale).run(rows, dry_run=job.dry_run, progress=progress)
    except Exception:
        finish(
            job,
            ImportJob.Status.FAILED,
            message=_("The import stopped on an unexpected error (see the worker's log)."),
        )
        raise
    job.created_count, job.updated_count = result.created, result.updated
    job.errors = [
        {"line": error.line, "column": error.column, "message": error.reason}
        for error in result.errors
    ]
    finish(job, ImportJob.Status.SUCCEEDED if result.ok else ImportJob.Status.FAILED)


def finish(job, status, message=""):
    job.status, job.message, job.finished_at = status, message, timezone.now()
    job.stage = ""
    if status == ImportJob.Status.SUCCEEDED or job.errors:
        job.processed_rows = job.total_rows
    job.content = b""  # the file is not kept once the job has run
    job.save()
