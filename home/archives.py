"""Archives are measured before they are opened: a small upload can unpack to gigabytes.

The sizes and the number of members come from the archive's central directory; Python's
zipfile never inflates a member beyond the size declared there, so checking them bounds
what any later reader (ours, polib, openpyxl) can unpack.
"""

import io
import zipfile

from django.utils.translation import gettext as _


class ArchiveRefused(ValueError):
    pass


def measured_zip(content, *, max_members, max_total_bytes):
    """A ZipFile over ``content`` once its members and unpacked size are within bounds.

    Raises zipfile.BadZipFile for what is not a zip (the caller says what was expected)
    and ArchiveRefused, with a message for the user, for one that is too big.
    """
    archive = zipfile.ZipFile(io.BytesIO(content))
    members = archive.infolist()
    if len(members) > max_members:
        archive.close()
        raise ArchiveRefused(
            _("The archive holds %(count)s files; at most %(limit)s are accepted.")
            % {"count": len(members), "limit": max_members}
        )
    total = sum(member.file_size for member in members)
    if total > max_total_bytes:
        archive.close()
        raise ArchiveRefused(
            _("The archive unpacks to %(size)s MB; at most %(limit)s MB are accepted.")
            % {"size": total // 2**20, "limit": max_total_bytes // 2**20}
        )
    return archive
