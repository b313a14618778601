"""Demo publications: the compendium and the brochure as real PDFs in three languages."""

import io
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils.translation import gettext, override
from wagtail.documents import get_document_model
from wagtail.models import Site

from home.demo import drawings
from home.demo.support import (
    LANGUAGES,
    SOURCE_LANGUAGE,
    get_or_create_image,
    index_page_fields,
    load_yaml,
    pick,
    stream,
    translate,
)
from home.pdf import Section, build_pdf
from publications.models import PublicationEdition, PublicationIndexPage, PublicationPage

DATA = Path(__file__).parent / "publications.yaml"


def build(log):
    data = load_yaml(DATA)
    home = Site.objects.get(is_default_site=True).root_page.specific
    index = PublicationIndexPage.objects.child_of(home).first()
    if index is None:
        index = index_page_fields(data["index"], SOURCE_LANGUAGE, PublicationIndexPage())
        home.add_child(instance=index)
        index.save_revision().publish()
    translate(index, lambda lang: index_page_fields(data["index"], lang, PublicationIndexPage()))

    for position, item in enumerate(data["publications"]):
        page = build_publication(index, item, position, log)
        translate(
            page,
            lambda lang, item=item, page=page: publication_fields(
                item, lang, PublicationPage(cover=page.cover), page.edition_page_numbers
            ),
        )
    log(f"publications: {len(data['publications'])}")


def publication_fields(data, language, page, section_pages):
    page.kind = data["kind"]
    page.title = pick(data["title"], language)
    page.slug = pick(data["slug"], language)
    page.subtitle = pick(data["subtitle"], language)
    page.audience = pick(data["audience"], language)
    page.abstract = pick(data["abstract"], language)
    page.authors = pick(data["authors"], language)
    page.publisher = pick(data["publisher"], language)
    page.edition = pick(data["edition"], language)
    page.year = data["year"]
    with override(language):
        page.cover_alt = gettext(
            "Cover of “%(title)s”: the network's two-ring mark, "
            "the word %(kind)s and the year %(year)s"
        ) % {"title": page.title, "kind": data["kind"].upper(), "year": data["year"]}
    page.contents = stream(
        [
            {"type": "entry", "value": {"title": chapter["title"], "page": number}}
            for chapter, number in zip(data["chapters"], section_pages, strict=True)
        ],
        language,
        f"publication.{data['key']}.contents",
    )
    return page


def make_pdf(data, language, cover):
    sections = [
        Section(
            pick(chapter["title"], language),
            [pick(paragraph, language) for paragraph in chapter["paragraphs"]],
        )
        for chapter in data["chapters"]
    ]
    with override(language):
        footer = gettext("Regional Network for Social Cohesion") + " · ROBG-193"
        disclaimer = gettext(
            "The content of this material does not necessarily represent the "
            "official position of the European Union."
        )
    sections.append(Section("", [disclaimer]))
    return build_pdf(
        pick(data["title"], language),
        language,
        sections,
        subtitle=pick(data["subtitle"], language),
        author=pick(data["authors"], language),
        footer=footer,
        cover=cover,
        new_page_per_section=data["kind"] == "compendium",
    )


def build_publication(index, data, position, log):
    slug = pick(data["slug"], SOURCE_LANGUAGE)
    existing = PublicationPage.objects.child_of(index).filter(slug=slug).first()
    if existing:
        existing.edition_page_numbers = [entry.value["page"] for entry in existing.contents]
        return existing
    cover_image = get_or_create_image(
        f"Cover: {pick(data['title'], 'en')}",
        lambda: drawings.cover(data["kind"], data["year"], position),
        alt_text=f"Cover of {pick(data['title'], 'en')}",
    )
    Document = get_document_model()
    editions, section_pages = [], None
    with cover_image.open_file() as handle:
        cover_bytes = handle.read()
    for language in LANGUAGES:
        pdf = make_pdf(data, language, io.BytesIO(cover_bytes))
        section_pages = section_pages or pdf.section_pages[: len(data["chapters"])]
        document = Document(title=f"{pick(data['title'], language)} ({language})")
        document.file.save(f"{data['key']}-{language}.pdf", ContentFile(pdf.content), save=False)
        document._set_document_file_metadata()
        document.save()
        editions.append(
            PublicationEdition(
                language=language, document=document, pages=pdf.pages, sort_order=len(editions)
            )
        )
        log(f"    {data['key']} ({language}): {pdf.pages} pages, {len(pdf.content) // 1024} KB")
    page = publication_fields(
        data, SOURCE_LANGUAGE, PublicationPage(cover=cover_image), section_pages
    )
    page.editions = editions
    index.add_child(instance=page)
    page.save_revision().publish()
    page.edition_page_numbers = section_pages
    return page
