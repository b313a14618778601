"""Test data for publications (see tests/home/factories.py for how pages are made)."""

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from home.demo.support import LANGUAGES, load_yaml, pick
from home.pdf import funding_notice
from publications.demo import DATA, make_pdf
from publications.demo import publication_fields as demo_publication_fields
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


def shortened(item, chapters):
    """The demo publication ``item`` with its first ``chapters`` chapters, two paragraphs
    each: a PDF in a second instead of several."""
    return {
        **item,
        "chapters": [
            {**chapter, "paragraphs": chapter["paragraphs"][:2]}
            for chapter in item["chapters"][:chapters]
        ],
    }


def _edition_pdf(item, language, chapters):
    return make_pdf(shortened(item, chapters), language, position=0)


def pdf_document(title, filename, content):
    document = get_document_model()(title=title)
    document.file.save(filename, ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


# What the demo's ``publication_fields`` fills in.
PUBLICATION_FIELDS = (
    "kind", "title", "slug", "subtitle", "audience", "abstract", "authors", "publisher",
    "edition", "year", "cover_alt", "contents",
)  # fmt: skip


def publication_fields(item, language, section_pages):
    """The page's values in ``language``, as the demo fills them."""
    page = demo_publication_fields(item, language, PublicationPage(), section_pages)
    return {name: getattr(page, name) for name in PUBLICATION_FIELDS}


def publication_pages(index, key="compendium", languages=LANGUAGES, chapters=2):
    """A demo publication (``key``) under ``index`` and its translations, {language:
    page}: a cover image, and an edition in each of ``languages`` with a real PDF of
    the first ``chapters`` chapters, its page count and a table of contents."""
    item = shortened(demo_publication(key), chapters)
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
    starts = pdfs[languages[0]].section_pages[: len(item["chapters"])]
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
