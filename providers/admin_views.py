"""Staff import: the same all-or-nothing import as the command, from the admin."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import permission_required
from wagtail.models import Locale

from providers.importer import COLUMNS, Importer, ImportFileError, read_rows

MAX_SIZE = 5 * 1024 * 1024


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
            rows = list(read_rows(upload.name, upload.read()))
        except ImportFileError as error:
            file_error = str(error)
        else:
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
        {"form": form, "result": result, "file_error": file_error, "columns": COLUMNS},
    )
