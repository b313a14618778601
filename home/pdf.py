"""PDF documents made from our own content (the statute, the publications).

WeasyPrint typesets templates/pdf/document.html as tagged PDF/UA-1, so that screen
readers get the headings, paragraphs and reading order, the document's language and
its title, and the EU emblem's alternative text; the page furniture (bands, rings,
footers) is left out of the structure. DejaVu Sans is embedded: it covers Cyrillic and
the Romanian ș ț.
"""

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from html import unescape
from pathlib import Path
from xml.etree.ElementTree import SubElement, fromstring, tostring

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import get_template, render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint import __version__ as weasyprint_version
from weasyprint.pdf.metadata import NS, DocumentMetadata
from weasyprint.urls import URLFetcher

TEMPLATES = ("pdf/document.html", "pdf/document.css")
FONT_FILES = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}
EMBLEM = "img/eu-emblem.svg"
PUBLISHER = "Regional Network for Social Cohesion"
BULLET = "• "


@dataclass
class Block:
    """A paragraph, or a list of items."""

    text: str = ""
    items: list[str] = field(default_factory=list)


@dataclass
class Section:
    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)

    @property
    def blocks(self):
        """The paragraphs, with each run of "• " items gathered into one list."""
        blocks = []
        for paragraph in self.paragraphs:
            if not paragraph.startswith(BULLET):
                blocks.append(Block(text=paragraph))
            elif blocks and blocks[-1].items:
                blocks[-1].items.append(paragraph.removeprefix(BULLET))
            else:
                blocks.append(Block(items=[paragraph.removeprefix(BULLET)]))
        return blocks


@dataclass
class Cover:
    """The colours of a cover page and a short line under the title (an edition, a year)."""

    ink: str = "#0b5d4b"
    paper: str = "#e8f3ef"
    label: str = ""


@dataclass
class Pdf:
    content: bytes
    pages: int
    section_pages: list[int]


def html_paragraphs(html):
    """Plain paragraphs from our rich text (p and li elements), entities decoded."""
    blocks = re.findall(r"<(p|li)[^>]*>(.*?)</\1>", html or "", flags=re.S)
    texts = [unescape(re.sub(r"<[^>]+>", "", inner)).strip() for _tag, inner in blocks]
    prefixed = [
        (BULLET if tag == "li" else "") + text for (tag, _), text in zip(blocks, texts, strict=True)
    ]
    return [text for text in prefixed if text.strip("• ")]


def font_dir():
    path = Path(getattr(settings, "PDF_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))
    missing = [name for name in FONT_FILES.values() if not (path / name).exists()]
    if missing:
        raise ImproperlyConfigured(
            f"PDF fonts missing in {path}: {', '.join(missing)}. Install Debian's "
            "fonts-dejavu-core (make install does) or set PDF_FONT_DIR."
        )
    return path


@cache
def layout_version():
    """Changes with the templates and WeasyPrint, so that PDFs cached elsewhere are made
    again after an upgrade."""
    digest = hashlib.sha256(weasyprint_version.encode())
    for name in TEMPLATES:
        digest.update(Path(get_template(name).origin.name).read_bytes())
    return digest.hexdigest()[:12]


def funding_notice(language):
    """The default site's EU funding notice in the document's language, or None."""
    from wagtail.models import Site

    from home.models import FundingNotice, SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    notice_id = site and SiteSettings.for_site(site).funding_notice_id
    if not notice_id:
        return None
    notice = FundingNotice.objects.get(pk=notice_id)
    return (
        FundingNotice.objects.filter(
            translation_key=notice.translation_key, locale__language_code=language, live=True
        ).first()
        or notice
    )


class _Metadata(DocumentMetadata):
    """WeasyPrint's XMP metadata plus dc:language, which PDF/UA checkers look for."""

    def generate_rdf_metadata(self, variant, version, conformance):
        # WeasyPrint's own serialisation of our metadata, not outside input.
        rdf = fromstring(super().generate_rdf_metadata(variant, version, conformance))  # noqa: S314
        if self.lang:
            description = SubElement(rdf, f"{{{NS['rdf']}}}Description")
            description.set(f"{{{NS['rdf']}}}about", "")
            bag = SubElement(
                SubElement(description, f"{{{NS['dc']}}}language"), f"{{{NS['rdf']}}}Bag"
            )
            SubElement(bag, f"{{{NS['rdf']}}}li").text = self.lang
        return tostring(rdf, encoding="utf-8")


def build_pdf(
    title,
    language,
    sections,
    subtitle="",
    author="",
    footer="",
    cover=None,
    new_page_per_section=False,
):
    """An A4 document: a cover page with the EU funding notice, then the sections.

    section_pages are the 1-based pages on which the sections start, for tables of
    contents.
    """
    head, _, tail = title.partition(": ")
    directory = font_dir()
    with translation.override(language):
        html = render_to_string(
            TEMPLATES[0],
            {
                "language": language,
                "title": title,
                "title_head": f"{head}:" if tail else head,
                "title_tail": tail,
                "subtitle": subtitle,
                "author": author,
                "publisher": PUBLISHER,
                "footer": footer,
                "cover": cover or Cover(),
                "notice": funding_notice(language),
                "emblem": Path(finders.find(EMBLEM)).as_uri(),
                "fonts": {style: (directory / name).as_uri() for style, name in FONT_FILES.items()},
                "sections": sections,
                "new_page_per_section": new_page_per_section,
            },
        )
    # Only our own files (fonts, emblem): rendering never reaches the network.
    fetcher = URLFetcher(allowed_protocols={"file"}, fail_on_errors=True)
    document = HTML(string=html, url_fetcher=fetcher).render()
    document.metadata = _Metadata(**vars(document.metadata))
    starts = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            starts.setdefault(anchor, number)
    content = document.write_pdf(pdf_variant="pdf/ua-1")
    return Pdf(
        content=content,
        pages=len(document.pages),
        section_pages=[starts[f"section-{index}"] for index in range(1, len(sections) + 1)],
    )
