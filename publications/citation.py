"""BibTeX and RIS records of a publication, one entry per language edition."""

import re

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from home.utils import public_url


def _bibtex_escape(text):
    return re.sub(r"([{}\\&%$#_])", r"\\\1", text)


def bibtex(page, request):
    entries = []
    for edition in page.edition_list:
        fields = {
            "title": page.title + (f": {page.subtitle}" if page.subtitle else ""),
            # Each organisation in braces, so BibTeX keeps its name whole; " and " between.
            "author": " and ".join("{" + _bibtex_escape(name) + "}" for name in page.author_list),
            "publisher": page.publisher,
            "year": str(page.year),
            "edition": page.edition,
            "language": edition.language,
            "isbn": edition.isbn,
            "pages": str(edition.pages or ""),
            "url": public_url(edition.download_url),
        }
        body = ",\n".join(
            f"  {name} = {{{_bibtex_escape(value) if name != 'author' else value}}}"
            for name, value in fields.items()
            if value
        )
        entries.append(f"@book{{{page.slug}-{edition.language},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


def ris(page, request):
    records = []
    for edition in page.edition_list:
        lines = [
            ("TY", "BOOK"),
            ("TI", page.title),
            ("T2", page.subtitle),
            *(("AU", name) for name in page.author_list),  # RIS: one AU line per author
            ("PB", page.publisher),
            ("PY", str(page.year)),
            ("ET", page.edition),
            ("LA", edition.language),
            ("SN", edition.isbn),
            ("SP", str(edition.pages or "")),
            ("UR", public_url(edition.download_url)),
        ]
        records.append(
            "\r\n".join(f"{tag}  - {value}" for tag, value in lines if value) + "\r\nER  - "
        )
    return "\r\n".join(records) + "\r\n"


def _response(text, content_type, filename):
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def bibtex_response(page, request):
    return _response(bibtex(page, request), "application/x-bibtex", f"{page.slug}.bib")


def ris_response(page, request):
    return _response(ris(page, request), "application/x-research-info-systems", f"{page.slug}.ris")
