"""Downloads of publication files: HTTP done properly, and counted honestly."""

import mimetypes
import re

from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date
from django.views.decorators.http import require_safe

from home.counting import countable
from publications.access import may_be_restricted, page_refusal
from publications.models import DownloadCount, PublicationEdition

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def count_download(request, edition):
    if not countable(request, f"{edition.page.translation_key}|{edition.language}"):
        return
    DownloadCount.increment(
        edition.page.translation_key, edition.language, timezone.localdate().replace(day=1)
    )


def parse_range(header, size):
    """(start, end) of a single byte range, None to send everything, or "invalid"."""
    match = RANGE.match(header.strip())
    if not match or (not match.group(1) and not match.group(2)):
        return None
    first, last = match.groups()
    if first == "":
        length = int(last)
        if length == 0:
            return "invalid"
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        return "invalid"
    return start, end


def read_slice(handle, start, end):
    try:
        handle.seek(start)
        remaining = end - start + 1
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        handle.close()


@require_safe
def download(request, edition_id, filename):
    """The file goes only to whoever may see the edition's page (publications.access)."""
    edition = (
        PublicationEdition.objects.select_related("document", "page")
        .annotate(restricted=may_be_restricted("page__path"))
        .filter(pk=edition_id)
        .first()
    )
    if edition is None:
        raise Http404("No such publication file.")
    refused = page_refusal(request, edition.page, edition.restricted)
    if refused is not None:
        return refused
    public = edition.page.live and not edition.restricted
    document = edition.document
    try:
        handle = document.file.open("rb")
        size = document.file.size
    except (FileNotFoundError, OSError, ValueError) as error:
        raise Http404("The file of this publication is missing.") from error

    modified = document.created_at
    etag = f'"{document.file_hash or size}-{int(modified.timestamp())}"'
    not_modified = get_conditional_response(
        request, etag=etag, last_modified=int(modified.timestamp())
    )
    if not_modified is not None:
        handle.close()
        return not_modified

    content_type = mimetypes.guess_type(edition.filename)[0] or "application/octet-stream"
    byte_range = None
    if "Range" in request.headers and request.headers.get("If-Range", etag) == etag:
        byte_range = parse_range(request.headers["Range"], size)
    if byte_range == "invalid":
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response

    if request.method == "GET" and (byte_range is None or byte_range[0] == 0) and edition.page.live:
        # A resumed download is not a new one, a HEAD request downloads nothing, and an
        # editor checking a draft is not a reader.
        count_download(request, edition)
    if byte_range is None:
        response = FileResponse(handle, content_type=content_type)
        response["Content-Length"] = str(size)
    else:
        start, end = byte_range
        response = StreamingHttpResponse(
            read_slice(handle, start, end), status=206, content_type=content_type
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    response["Content-Disposition"] = content_disposition_header(True, edition.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified.timestamp())
    # Shared caches must ask us each time, so that every download is counted; a file
    # that is not for everyone is kept out of them altogether.
    response["Cache-Control"] = "public, no-cache" if public else "private, no-cache"
    return response
