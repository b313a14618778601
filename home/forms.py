"""Uploads are checked by content, not only by extension."""

import zipfile

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm

OPEN_DOCUMENT_TYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "epub": "application/epub+zip",
}
OFFICE_FOLDERS = {"docx": "word/", "xlsx": "xl/"}


def content_matches_extension(uploaded, extension):
    """Does the file really hold what its extension says (magic bytes, package layout)?"""
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
            if extension in OFFICE_FOLDERS:
                return "[Content_Types].xml" in names and any(
                    name.startswith(OFFICE_FOLDERS[extension]) for name in names
                )
            if extension in OPEN_DOCUMENT_TYPES:
                return (
                    "mimetype" in names
                    and archive.read("mimetype").strip() == OPEN_DOCUMENT_TYPES[extension].encode()
                )
    except zipfile.BadZipFile:
        return False
    finally:
        uploaded.seek(0)
    return False


def check_uploaded_document(uploaded):
    """Refuse a new upload whose type, size or content is not what documents may be.

    Shared by Wagtail's document form and the community's resource form, so both say the
    same thing about the same file.
    """
    extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
    allowed = settings.WAGTAILDOCS_EXTENSIONS
    if extension not in allowed:
        raise forms.ValidationError(
            _("Only these file types can be uploaded: %(types)s.")
            % {"types": ", ".join(ext.upper() for ext in allowed)}
        )
    if uploaded.size > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE:
        raise forms.ValidationError(
            _("This file is %(size)s; the limit is %(limit)s.")
            % {
                "size": filesizeformat(uploaded.size),
                "limit": filesizeformat(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE),
            }
        )
    if not content_matches_extension(uploaded, extension):
        raise forms.ValidationError(
            _(
                "This file is not really a %(type)s file: its content does not match its "
                "name. Save it again as %(type)s and upload it."
            )
            % {"type": extension.upper()}
        )
    return uploaded


class SafeDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not uploaded or not hasattr(uploaded, "content_type"):
            return uploaded  # unchanged on edit
        return check_uploaded_document(uploaded)
