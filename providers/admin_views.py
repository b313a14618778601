"""Staff import: the same all-or-nothing import as the command, from the admin.

A file of up to IN_REQUEST_ROWS rows is imported within the request; a larger one
becomes an ImportJob for the background worker, and the user is sent to its page.
Every user who may add providers sees every job: imports change the one shared
directory, so colleagues see what was imported, by whom, and why a file was refused.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.admin.auth import permission_required
from wagtail.models import Locale

from home.jobs import enqueue
from providers.contract import NAMES
from providers.importer import Importer, ImportFileError, read_rows
from providers.jobs import IN_REQUEST_ROWS, run_import_job
from providers.models import ImportJob

MAX_SIZE = 5 * 1024 * 1024
RECENT_JOBS = 10
# The job page lists this many errors; the rest are counted.
SHOWN_ERRORS = 1000


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV or XLSX file"))
    language = forms.ModelChoiceField(
        Locale.objects.all(), label=gettext_lazy("Language of the texts"), empty_label=None
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Only check the file"), required=False, initial=True
    )


@permission_required("providers.add_provider")
def import_view(request):
    result, file_error = None, None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_SIZE:
                raise ImportFileError(_("The file is larger than 5 MB."))
            content = upload.read()
            rows = list(read_rows(upload.name, content))
        except ImportFileError as error:
            file_error = str(error)
        else:
            if len(rows) > IN_REQUEST_ROWS:
                job = ImportJob.objects.create(
                    user=request.user,
                    locale=form.cleaned_data["language"],
                    file_name=upload.name[:255],
                    content=content,
                    dry_run=form.cleaned_data["dry_run"],
                    total_rows=len(rows),
                    language=get_language() or "",
                )
                enqueue(job, run_import_job)
                return redirect("providers_import_job", job.pk)
            result = Importer(form.cleaned_data["language"]).run(
                rows, dry_run=form.cleaned_data["dry_run"]
            )
            if result.ok and not result.dry_run:
                messages.success(
                    request,
                    _("Imported: %(created)s new, %(updated)s updated.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("wagtailsnippets_providers_provider:list")
    return render(
        request,
        "providers/admin/import.html",
        {
            "form": form,
            "result": result,
            "file_error": file_error,
            "columns": NAMES,
            "in_request_rows": IN_REQUEST_ROWS,
            "jobs": ImportJob.objects.defer("content", "errors").select_related("locale", "user")[
                :RECENT_JOBS
            ],
        },
    )


@permission_required("providers.add_provider")
def job_view(request, pk):
    job = get_object_or_404(
        ImportJob.objects.defer("content").select_related("locale", "user"), pk=pk
    )
    return render(
        request,
        "providers/admin/import_job.html",
        {
            "job": job,
            "job_title": _("Provider import"),
            "errors": job.errors[:SHOWN_ERRORS],
            "more_errors": max(len(job.errors) - SHOWN_ERRORS, 0),
        },
    )
