"""PO uploads too large for a request are applied by the background worker.

An upload of more than IN_REQUEST_FILES PO files is stored in a POUploadJob and handed
to the "background" task backend (the database queue that ``manage.py db_worker
--backend background`` runs, README "Background tasks"), as providers/jobs.py does for
provider imports; the job page shows its progress and then its result. Smaller uploads
are applied within the request, as before.
"""

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from home.jobs import BACKGROUND
from home.translation.models import POUploadJob
from home.translation.po import POUploadError, import_files

# Every file is checked and then applied string by string: a usual batch stays in the request.
IN_REQUEST_FILES = 20


@task(backend=BACKGROUND)
def run_upload_job(job_id):
    job = POUploadJob.objects.select_related("user").get(pk=job_id)
    with translation.override(job.language or None):
        run(job)
    return {"status": job.status, "updated": len(job.updated)}


def run(job):
    if job.finished:  # a task run twice (a worker restarted) does not apply twice
        return
    job.status, job.started_at = POUploadJob.Status.RUNNING, timezone.now()
    job.processed_files = 0
    job.save(update_fields=["status", "started_at", "processed_files"])

    def progress(done, total):
        # Called outside the transaction: the job page sees each file checked.
        job.processed_files, job.total_files = done, total
        POUploadJob.objects.filter(pk=job.pk).update(processed_files=done, total_files=total)

    try:
        updated = import_files(
            job.file_name, bytes(job.content), job.languages, job.user, progress=progress
        )
    except POUploadError as error:
        finish(job, POUploadJob.Status.FAILED, message=str(error))
        return
    except Exception:
        finish(
            job,
            POUploadJob.Status.FAILED,
            message=_("The upload stopped on an unexpected error (see the worker's log)."),
        )
        raise
    job.updated = [
        {
            "id": item.pk,
            "title": item.source.object_repr,
            "language": item.target_locale.language_code,
        }
        for item in updated
    ]
    finish(job, POUploadJob.Status.SUCCEEDED)


def finish(job, status, message=""):
    job.status, job.message, job.finished_at = status, message, timezone.now()
    job.content = b""  # the file is not kept once the job has run
    job.save()
