"""Demo publications: the compendium and the brochure as real PDFs in three languages."""

import json
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils.translation import gettext, override
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail_localize.models import (
    SegmentOverride,
    Translation,
    TranslationContext,
    TranslationSource,
)

from home.demo import drawings
from home.demo.support import (
    LANGUAGES,
    SOURCE_LANGUAGE,
    DemoDataError,
    get_or_create_image,
    index_page_fields,
    load_yaml,
    pick,
    refresh_page,
    stream,
    translate,
)
from home.pdf import Cover, Section, build_pdf
from publications.models import PublicationEdition, PublicationIndexPage, PublicationPage

DATA = Path(__file__).parent / "publications.yaml"


def build_sections(log):
    """The publications' index in three languages; returns it."""
    data = load_yaml(DATA)
    home = Site.objects.get(is_default_site=True).root_page.specific
    index = PublicationIndexPage.objects.child_of(home).first()
    if index is None:
        index = index_page_fields(data["index"], SOURCE_LANGUAGE, PublicationIndexPage())
        home.add_child(instance=index)
        index.save_revision().publish()
    refresh_page(
        index, lambda lang, page: index_page_fields(data["index"], lang, page), ["seo_title"]
    )
    translate(index, lambda lang: index_page_fields(data["index"], lang, PublicationIndexPage()))
    return index


def build(log):
    data = load_yaml(DATA)
    index = build_sections(log)

    for position, item in enumerate(data["publications"]):
        pdfs = edition_pdfs(item, position)
        page = build_publication(index, item, position, pdfs, log)
        translate(
            page,
            lambda lang, item=item, page=page: publication_fields(
                item, lang, PublicationPage(cover=page.cover), page.edition_page_numbers
            ),
        )
        refresh_covers(page, item, position)
        refresh_editions(page, item, pdfs, log)
    # The English-only covers ("COMPENDIUM", "BROCHURE") that the per-language ones replaced.
    get_image_model().objects.filter(title__startswith="Cover: ").delete()
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
    page.cover_alt = pick(data["cover_alt"], language)
    page.contents = stream(
        [
            {"type": "entry", "value": {"title": chapter["title"], "page": number}}
            for chapter, number in zip(data["chapters"], section_pages, strict=True)
        ],
        language,
        f"publication.{data['key']}.contents",
    )
    return page


def make_pdf(data, language, position):
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
    ink, paper = drawings.POSTER_COLOURS[position % len(drawings.POSTER_COLOURS)]
    label = " · ".join(
        (pick(data["publisher"], language), pick(data["edition"], language), str(data["year"]))
    )
    return build_pdf(
        pick(data["title"], language),
        language,
        sections,
        subtitle=pick(data["subtitle"], language),
        author=pick(data["authors"], language),
        footer=footer,
        cover=Cover(ink=ink, paper=paper, label=label),
        # Each chapter on its own page: its first page is then the same in every
        # language, as the table of contents, shared by the translations, says.
        new_page_per_section=True,
    )


def edition_pdfs(data, position):
    """The PDF of each language edition; their chapters must start on the same pages."""
    pdfs = {language: make_pdf(data, language, position) for language in LANGUAGES}
    starts = {
        language: pdf.section_pages[: len(data["chapters"])] for language, pdf in pdfs.items()
    }
    if len({tuple(pages) for pages in starts.values()}) > 1:
        raise DemoDataError(f"{data['key']}: chapters start on different pages: {starts}")
    return pdfs


def chapter_pages(data, pdfs):
    return pdfs[SOURCE_LANGUAGE].section_pages[: len(data["chapters"])]


def cover_image(data, language, position):
    """The cover of one language edition: the title in that language; the admin title
    is Bulgarian like the rest of the media library."""
    return get_or_create_image(
        f"Корица ({language}): {pick(data['title'], language)}",
        lambda: drawings.cover(pick(data["title"], language), data["year"], position),
        alt_text=pick(data["cover_alt"], SOURCE_LANGUAGE),
    )


def build_publication(index, data, position, pdfs, log):
    slug = pick(data["slug"], SOURCE_LANGUAGE)
    existing = PublicationPage.objects.child_of(index).filter(slug=slug).first()
    if existing:
        existing.edition_page_numbers = chapter_pages(data, pdfs)
        return existing
    covers = {language: cover_image(data, language, position) for language in LANGUAGES}
    Document = get_document_model()
    editions = []
    for language, pdf in pdfs.items():
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
        data,
        SOURCE_LANGUAGE,
        PublicationPage(cover=covers[SOURCE_LANGUAGE]),
        chapter_pages(data, pdfs),
    )
    page.editions = editions
    index.add_child(instance=page)
    page.save_revision().publish()
    page.edition_page_numbers = chapter_pages(data, pdfs)
    return page


def refresh_editions(page, data, pdfs, log):
    """Brings the PDFs of a demo built earlier up to date (such as the untagged ones made
    before the documents were accessible), with their page counts and the table of
    contents; the PDFs are the same from run to run, so a rerun changes nothing."""
    for edition in page.editions.select_related("document"):
        pdf, document = pdfs[edition.language], edition.document
        with document.open_file() as handle:
            if handle.read() == pdf.content:
                continue
        document.file.delete(save=False)
        document.file.save(
            f"{data['key']}-{edition.language}.pdf", ContentFile(pdf.content), save=False
        )
        document._set_document_file_metadata()
        document.save()
        PublicationEdition.objects.filter(document=document).update(pages=pdf.pages)
        log(f"    {data['key']} ({edition.language}): PDF brought up to date")
    refresh_page(
        page,
        lambda lang, shadow: publication_fields(data, lang, shadow, page.edition_page_numbers),
        ["contents"],
    )


def refresh_covers(page, data, position):
    """Each translation shows the cover in its own language: the synchronised cover is
    overridden per locale, as a translator would in the translation editor.

    Also brings a demo built before per-language covers up to date (cover and its
    alternative text); a rerun with nothing new changes nothing.
    """
    covers = {language: cover_image(data, language, position) for language in LANGUAGES}
    if page.cover_id != covers[SOURCE_LANGUAGE].pk:
        page.cover = covers[SOURCE_LANGUAGE]
        page.save_revision().publish()
    refresh_page(
        page,
        lambda lang, shadow: publication_fields(data, lang, shadow, page.edition_page_numbers),
        ["cover_alt"],
    )
    source = TranslationSource.objects.get_for_instance(page)
    context = TranslationContext.objects.get(object_id=source.object_id, path="cover")
    for translation in page.get_translations().select_related("locale"):
        language = translation.locale.language_code
        wanted = json.dumps(covers[language].pk)
        override, created = SegmentOverride.objects.get_or_create(
            locale=translation.locale, context=context, defaults={"data_json": wanted}
        )
        if (
            not created
            and override.data_json == wanted
            and translation.cover_id == covers[language].pk
        ):
            continue
        override.data_json = wanted
        override.save()
        Translation.objects.get(source=source, target_locale=translation.locale).save_target(
            publish=True
        )
