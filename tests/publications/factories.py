"""Test data for publications (see tests/home/factories.py for how pages are made)."""

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from home.demo.support import LANGUAGES, load_yaml, pick
from home.pdf import Cover, Section, build_pdf, funding_notice
from publications.demo import DATA
from publications.models import PublicationEdition, PublicationPage
from tests.home.factories import LivePageFactory, translate_page


class PublicationPageFactory(LivePageFactory):
    """Give ``parent`` (a publication index); ``editions=[PublicationEdition(…), …]`` are
    saved with the page (see ``editions_of``)."""

    title = factory.Sequence(lambda n: f"Report {n}")
    kind = "report"
    year = 2019
    abstract = "<p>Abstract.</p>"
    authors = "FYC"
    publisher = "FYC"

    class Meta:
        model = PublicationPage


def editions_of(documents):
    """Unsaved editions of ``{language: document}``, for a new publication."""
    return [PublicationEdition(language=code, document=doc) for code, doc in documents.items()]


def demo_publication(key):
    """The demo's data of a publication ("compendium" or "brochure"), {bg, ro, en} values."""
    return next(item for item in load_yaml(DATA)["publications"] if item["key"] == key)


_pdfs = {}  # WeasyPrint takes about a second a file: each is made once per process
NOTICE_FIELDS = (
    "emblem_alt",
    "fund_reference",
    "programme",
    "project_title",
    "project_code",
    "disclaimer",
)


def edition_pdf(item, language, chapters=2):
    """A real, tagged PDF of a demo publication's edition: the cover (with the site's
    funding notice, if it has one) and the first ``chapters`` chapters, each on its own
    page as in the demo, so that it has at least three pages."""
    notice = funding_notice(language)
    key = (
        item["key"],
        language,
        chapters,
        notice and tuple(getattr(notice, field) for field in NOTICE_FIELDS),
    )
    if key not in _pdfs:
        _pdfs[key] = _edition_pdf(item, language, chapters)
    return _pdfs[key]


def _edition_pdf(item, language, chapters):
    sections = [
        Section(pick(chapter["title"], language), pick(chapter["paragraphs"][:2], language))
        for chapter in item["chapters"][:chapters]
    ]
    return build_pdf(
        pick(item["title"], language),
        language,
        sections,
        subtitle=pick(item["subtitle"], language),
        author=pick(item["authors"], language),
        footer="ROBG-193",
        cover=Cover(label=f"{pick(item['publisher'], language)} · {item['year']}"),
        new_page_per_section=True,
    )


def pdf_document(title, filename, content):
    document = get_document_model()(title=title)
    document.file.save(filename, ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def publication_fields(item, language, section_pages):
    return {
        "kind": item["kind"],
        "title": pick(item["title"], language),
        "slug": pick(item["slug"], language),
        "subtitle": pick(item["subtitle"], language),
        "audience": pick(item["audience"], language),
        "abstract": pick(item["abstract"], language),
        "authors": pick(item["authors"], language),
        "publisher": pick(item["publisher"], language),
        "edition": pick(item["edition"], language),
        "year": item["year"],
        "cover_alt": pick(item["cover_alt"], language),
        "contents": [
            ("entry", {"title": pick(chapter["title"], language), "page": number})
            for chapter, number in zip(item["chapters"], section_pages, strict=False)
        ],
    }


def publication_pages(index, key="compendium", languages=LANGUAGES, chapters=2):
    """A demo publication (``key``) under ``index`` and its translations, {language:
    page}: a cover image, and an edition in each of ``languages`` with a real PDF of
    the first ``chapters`` chapters, its page count and a table of contents."""
    item = demo_publication(key)
    pdfs = {language: edition_pdf(item, language, chapters) for language in languages}
    editions = [
        PublicationEdition(
            language=language,
            document=pdf_document(
                f"{pick(item['title'], language)} ({language})",
                f"{key}-{language}.pdf",
                pdf.content,
            ),
            pages=pdf.pages,
            sort_order=number,
        )
        for number, (language, pdf) in enumerate(pdfs.items())
    ]
    starts = pdfs[languages[0]].section_pages
    source, *others = languages
    cover = wagtail_factories.ImageFactory(title=f"Корица: {pick(item['title'], source)}")
    pages = {
        source: PublicationPageFactory(
            parent=index, cover=cover, editions=editions, **publication_fields(item, source, starts)
        )
    }
    for language in others:
        pages[language] = translate_page(
            pages[source], language, **publication_fields(item, language, starts)
        )
    return pages
