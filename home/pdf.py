"""PDF documents made from our own content (the statute, the publications).

fpdf2 with DejaVu Sans embedded, which covers Cyrillic and the Romanian ș ț; the PDF's
title, author and language are set so readers and assistive technology see them.
"""

import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from fpdf import FPDF

FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}


@dataclass
class Section:
    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)


def html_paragraphs(html):
    """Plain paragraphs from our rich text (p and li elements), entities decoded."""
    blocks = re.findall(r"<(p|li)[^>]*>(.*?)</\1>", html or "", flags=re.S)
    texts = [unescape(re.sub(r"<[^>]+>", "", inner)).strip() for _tag, inner in blocks]
    prefixed = [
        ("• " if tag == "li" else "") + text for (tag, _), text in zip(blocks, texts, strict=True)
    ]
    return [text for text in prefixed if text.strip("• ")]


def font_dir():
    path = Path(getattr(settings, "PDF_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))
    missing = [name for name in FONT_FILES.values() if not (path / name).exists()]
    if missing:
        raise ImproperlyConfigured(
            f"PDF fonts missing in {path}: {', '.join(missing)}. Install Debian's "
            "fonts-dejavu-core or set PDF_FONT_DIR."
        )
    return path


@dataclass
class Pdf:
    content: bytes
    pages: int
    section_pages: list[int]


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
    """A simple, readable A4 document with an optional cover image (path or file)."""
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    directory = font_dir()
    for style, name in FONT_FILES.items():
        pdf.add_font("DejaVu", style, str(directory / name))
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creator("Regional Network for Social Cohesion")
    pdf.set_lang(language)
    pdf.set_display_mode("fullwidth")

    def page_footer():
        pdf.set_y(-15)
        pdf.set_font("DejaVu", "", 8)
        pdf.cell(0, 10, f"{footer}  {pdf.page_no()}".strip(), align="C")

    pdf.footer = page_footer
    pdf.add_page()
    if cover:
        pdf.image(cover, x=20, y=20, w=120)
        pdf.set_y(20 + 120 * 1.42 + 6)
    pdf.set_font("DejaVu", "B", 18)
    pdf.multi_cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
    if subtitle:
        pdf.ln(2)
        pdf.set_font("DejaVu", "", 11)
        pdf.multi_cell(0, 6, subtitle, new_x="LMARGIN", new_y="NEXT")
    section_pages = []
    for section in sections:
        if new_page_per_section:
            pdf.add_page()
        else:
            pdf.ln(4)
        section_pages.append(pdf.page_no())
        if section.heading:
            pdf.set_font("DejaVu", "B", 12)
            pdf.multi_cell(0, 7, section.heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 10.5)
        for paragraph in section.paragraphs:
            pdf.multi_cell(0, 5.5, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
    content = bytes(pdf.output())
    return Pdf(content=content, pages=pdf.page_no(), section_pages=section_pages)
