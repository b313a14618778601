"""PO files for many translations at once: one archive out, filled files back in."""

import io
import zipfile

import polib
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail_localize.models import Translation

from home.archives import ArchiveRefused, measured_zip


class POUploadError(Exception):
    pass


def export_archive(translations):
    """A zip of one PO file per translation (wagtail-localize's own PO format)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for translation in translations:
            name = slugify(translation.source.object_repr)[:60] or "item"
            archive.writestr(
                f"{translation.pk:05d}-{name}-{translation.target_locale.language_code}.po",
                str(translation.export_po()),
            )
    return buffer.getvalue()


# A PO file of the longest demo page is ~60 KB; a queue's worth stays far below these.
MAX_ARCHIVE_MEMBERS = 500
MAX_ARCHIVE_BYTES = 50 * 2**20


def _measured(content):
    try:
        return measured_zip(
            content, max_members=MAX_ARCHIVE_MEMBERS, max_total_bytes=MAX_ARCHIVE_BYTES
        )
    except ArchiveRefused as error:
        raise POUploadError(str(error)) from error
    except zipfile.BadZipFile as error:
        raise POUploadError(_("This is not a readable ZIP archive.")) from error


def _is_po(member):
    return member.lower().endswith(".po")


def count_po_files(name, content):
    """How many PO files an upload holds, read from the archive's directory alone.

    Refuses at once, with the same messages as import_files, what is neither a .po
    file nor a readable archive of acceptable size; nothing is unpacked.
    """
    if name.lower().endswith(".zip"):
        with _measured(content) as archive:
            return sum(1 for member in archive.namelist() if _is_po(member))
    if _is_po(name):
        return 1
    raise POUploadError(_("Upload a .po file or a .zip archive of .po files."))


def _po_files(name, content):
    if name.lower().endswith(".zip"):
        with _measured(content) as archive:
            try:
                return [
                    (member, archive.read(member))
                    for member in archive.namelist()
                    if _is_po(member)
                ]
            except zipfile.BadZipFile as error:
                raise POUploadError(_("This is not a readable ZIP archive.")) from error
    if _is_po(name):
        return [(name, content)]
    raise POUploadError(_("Upload a .po file or a .zip archive of .po files."))


def import_files(name, content, allowed_languages, user, progress=None):
    """Apply every PO file, or none: a malformed or foreign file changes nothing.

    ``progress(done, total)`` is called before the files are checked and after each
    one, outside the transaction; once every file is checked, all are applied in one
    transaction, which reports nothing until it ends.
    """
    files = _po_files(name, content)
    if progress:
        progress(0, len(files))
    parsed = []
    for member, data in files:
        try:
            po = polib.pofile(data.decode("utf-8"))
        except (UnicodeDecodeError, OSError, ValueError) as error:
            raise POUploadError(_("%(file)s is not a valid PO file.") % {"file": member}) from error
        translation_id = po.metadata.get("X-WagtailLocalize-TranslationID")
        translation = (
            Translation.objects.filter(uuid=translation_id)
            .select_related("source", "target_locale")
            .first()
            if translation_id
            else None
        )
        if translation is None:
            raise POUploadError(
                _("%(file)s was not exported from this site's translation queue.")
                % {"file": member}
            )
        if translation.target_locale.language_code not in allowed_languages:
            raise POUploadError(
                _("%(file)s is for a language you do not translate.") % {"file": member}
            )
        parsed.append((translation, po))
        if progress:
            progress(len(parsed), len(files))
    if not parsed:
        raise POUploadError(_("The archive contains no PO files."))
    with transaction.atomic():
        for translation, po in parsed:
            warnings = translation.import_po(po, user=user, tool_name="PO file")
            if warnings:
                raise POUploadError(
                    _(
                        "Some strings in a file do not match the current source: "
                        "%(count)s. Export the file again."
                    )
                    % {"count": len(warnings)}
                )
    return [translation for translation, _po in parsed]
