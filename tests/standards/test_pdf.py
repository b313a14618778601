"""The PDFs the site makes, as a reader downloads them, are tagged PDF/UA-1 documents
whose covers carry the EU emblem and the programme notice (Regulation (EU) 821/2014).

The statute (each language's "Download the statute" link) and every language edition of
the demo publications (the link to the edition in the page's own language) are fetched
once, opened once with pikepdf and read once with poppler's pdftotext (installed by
scripts/ensure-system.sh). What is checked is what PDF/UA-1 (ISO 14289-1) asks of these
files: a structure tree of real headings, paragraphs and figures, every figure with
alternative text, the document's language, its title shown in the title bar and in the
XMP metadata with the PDF/UA identification, and every font embedded.
"""

import cmath
import math
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation
from lxml import etree
from lxml import html as lxml_html

from home.models import FundingNotice, SiteSettings
from home.pdf import Section, build_pdf
from library.models import StatutePage
from publications.models import PublicationIndexPage, PublicationPage
from tests.publications.factories import publication_pages
from tests.standards.conftest import funding_notice, statute_pages

pytestmark = [pytest.mark.django_db]

LANGUAGES = ("bg", "ro", "en")
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
# Operators that put something on the page (ISO 32000-1, 8.2): each must be inside marked
# content, as real content or as an artifact (ISO 14289-1, 7.1).
PAINTING = {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "Tj", "TJ", "'", '"', "Do"}
PAINTING |= {"INLINE IMAGE"}
EMBLEM = Path(settings.BASE_DIR) / "static" / "img" / "eu-emblem.svg"
SVG = "{http://www.w3.org/2000/svg}"


@dataclass
class Downloaded:
    url: str
    language: str
    title: str  # the title of the page that links to the file
    contents: list = field(default_factory=list)  # (chapter, page) of a publication
    pdf: pikepdf.Pdf = None
    pages: list[str] = field(default_factory=list)  # pdftotext, one string a page

    def check(self, condition, problem):
        if not condition:
            pytest.fail(f"{self.url} ({self.language}): {problem}", pytrace=False)


def squashed(text):
    """Text without its spaces: a line may break after a dash, where the source has none."""
    return "".join(text.split())


def text_pages(content):
    result = subprocess.run(  # noqa: S603 - fixed argv, the PDF on standard input
        ["pdftotext", "-enc", "UTF-8", "-", "-"],  # noqa: S607
        input=content,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, f"pdftotext: {result.stderr.decode()}"
    return [" ".join(page.split()) for page in result.stdout.decode().split("\f")]


def download(client, url, **fields):
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    assert response["Content-Type"] == "application/pdf", f"{url}: {response['Content-Type']}"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return Downloaded(url, pdf=pikepdf.open(BytesIO(content)), pages=text_pages(content), **fields)


def link(client, page, xpath):
    html = lxml_html.fromstring(client.get(page.url).content)
    links = html.xpath(xpath)
    assert links, f"{page.url}: no link {xpath}"
    return links[0].get("href")


@pytest.fixture(scope="module")
def published(django_db_setup, django_db_blocker):
    """The downloads and the funding notices, on the site's EU funding notice, the statute
    and the demo's two publications in three languages, made in a transaction rolled
    back once everything is fetched."""
    with django_db_blocker.unblock(), transaction.atomic():
        funding_notice()  # first: the publications' PDFs carry it on their covers
        statute_pages()
        index = PublicationIndexPage.objects.get(locale__language_code="bg")
        for key in ("compendium", "brochure"):
            publication_pages(index, key)
        found = fetch_documents()
        result = funding_notices()
        transaction.set_rollback(True)
    cache.clear()
    return found, result


def fetch_documents():
    client = Client(HTTP_HOST="localhost")  # no User-Agent: not counted as a download
    found = {}
    for language in LANGUAGES:
        statute = StatutePage.objects.live().get(locale__language_code=language)
        url = link(client, statute, "//a[@download][contains(@href, 'pdf')]")
        found[language] = [download(client, url, language=language, title=statute.title)]
        publications = PublicationPage.objects.live().filter(locale__language_code=language)
        for page in publications:
            url = link(client, page, f"//a[@type='application/pdf'][@hreflang='{language}']")
            contents = [(entry.value["title"], entry.value["page"]) for entry in page.contents]
            found[language].append(
                download(client, url, language=language, title=page.title, contents=contents)
            )
    return found


def funding_notices():
    source = SiteSettings.objects.get(site__is_default_site=True).funding_notice
    assert source is not None, "the site has no funding notice"
    result = {}
    for language in LANGUAGES:
        notice = FundingNotice.objects.get(
            translation_key=source.translation_key, locale__language_code=language
        )
        with translation.override(language):
            result[language] = (notice, translation.gettext("European Union"))
    return result


@pytest.fixture(scope="module")
def documents(published):
    """{language: [Downloaded]}: the statute and each publication, in that language."""
    found, _notices = published
    assert all(len(files) >= 3 for files in found.values()), found
    return found


@pytest.fixture(scope="module")
def notices(published):
    """The site's funding notice in each language, and "European Union" written out."""
    _documents, result = published
    return result


def structure(pdf):
    """(Counter of structure types, [(Alt, page index)] of the figures) of the tag tree."""
    pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
    types, figures = Counter(), []
    pending = list(pdf.Root.StructTreeRoot.K)
    while pending:
        element = pending.pop()
        if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
            continue  # a marked-content id or an annotation reference
        types[str(element.S)] += 1
        if element.S == "/Figure":
            page = pages.get(element.Pg.objgen) if "/Pg" in element else None
            figures.append((str(element.get("/Alt", "")), page))
        kids = element.get("/K")
        pending.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
    return types, figures


def unmarked_painting(pdf):
    """(page, operator) of what is drawn outside any marked-content sequence."""
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        depth = 0
        for _operands, operator in pikepdf.parse_content_stream(page):
            operator = str(operator)
            depth += {"BDC": 1, "BMC": 1, "EMC": -1}.get(operator, 0)
            if depth == 0 and operator in PAINTING:
                found.append((number, operator))
    return found


def unembedded_fonts(pdf):
    missing = []
    for font in (o for o in pdf.objects if isinstance(o, pikepdf.Dictionary)):
        if font.get("/Type") != "/Font" or font.get("/Subtype") in ("/Type0", "/Type3"):
            continue  # a Type0 font's glyphs are in its descendant font, listed itself
        descriptor = font.get("/FontDescriptor")
        if descriptor is None or not any(key in descriptor for key in FONT_FILES):
            missing.append(str(font.get("/BaseFont")))
    return missing


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdfs_are_tagged_pdf_ua(documents, language):
    for document in documents[language]:
        pdf, root = document.pdf, document.pdf.Root
        document.check("/StructTreeRoot" in root, "no structure tree: not tagged")
        mark_info = root.get("/MarkInfo", {})
        document.check(bool(mark_info.get("/Marked")), "/MarkInfo /Marked is not true")
        types, figures = structure(pdf)
        for needed in ("/H1", "/P", "/Figure"):
            document.check(types[needed] >= 1, f"no {needed} in the structure tree: {types}")
        document.check(sum(types.values()) > 30, f"a trivial structure tree: {types}")
        document.check(
            all(alt for alt, _page in figures), f"a figure without alternative text: {figures}"
        )
        unmarked = unmarked_painting(pdf)
        document.check(not unmarked, f"drawn neither as content nor artifact: {unmarked[:5]}")
        document.check(
            str(root.get("/Lang")) == language, f"/Lang is {root.get('/Lang')!r}, not {language}"
        )
        preferences = root.get("/ViewerPreferences", {})
        document.check(
            bool(preferences.get("/DisplayDocTitle")), "the title bar shows the file name"
        )
        info_title = str(pdf.docinfo.get("/Title", ""))
        document.check(info_title == document.title, f"info /Title is {info_title!r}")

        metadata = pdf.open_metadata()
        document.check(
            metadata.get("pdfuaid:part") == "1", f"pdfuaid:part is {metadata.get('pdfuaid:part')}"
        )
        document.check(
            metadata.get("dc:title") == document.title, f"dc:title is {metadata.get('dc:title')!r}"
        )
        document.check(
            metadata.get("dc:language") == {language},
            f"dc:language is {metadata.get('dc:language')}",
        )
        document.check(bool(metadata.get("dc:creator")), "no dc:creator")
        missing = unembedded_fonts(pdf)
        document.check(not missing, f"fonts not embedded: {missing}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_covers_carry_the_eu_emblem_and_programme_notice(documents, notices, language):
    notice, union = notices[language]
    for document in documents[language]:
        _types, figures = structure(document.pdf)
        document.check(
            (notice.emblem_alt, 0) in figures,
            f"no figure with the EU emblem's alternative text on the cover: {figures}",
        )
        cover = document.pages[0]
        for text in (
            union,
            notice.fund_reference,
            notice.programme,
            f"{notice.project_title} · {notice.project_code}",
            document.title.partition(": ")[0],
        ):
            document.check(
                squashed(text) in squashed(cover), f"{text!r} is not on the cover: {cover!r}"
            )


@pytest.mark.parametrize("language", LANGUAGES)
def test_publication_contents_give_the_pages_chapters_start_on(documents, language):
    publications = [document for document in documents[language] if document.contents]
    assert publications, f"no publication with a table of contents in {language}"
    for document in publications:
        for chapter, number in document.contents:
            page = document.pages[number - 1] if 0 < number <= len(document.pages) else ""
            document.check(
                squashed(chapter) in squashed(page),
                f"contents: {chapter!r} is not on page {number}",
            )


def test_the_eu_emblem_is_the_official_one():
    """Twelve upright five-pointed gold stars on a circle of a third of the flag's height,
    each a eighteenth of it in radius, on reflex blue; width to height 3:2."""
    svg = etree.parse(str(EMBLEM)).getroot()
    _x, _y, width, height = (float(value) for value in svg.get("viewBox").split())
    assert width / height == 1.5
    background = svg.find(f"{SVG}rect")
    assert background.get("fill").lower() in ("#039", "#003399")
    assert float(background.get("width")) == width and float(background.get("height")) == height
    stars = svg.findall(f".//{SVG}polygon")
    assert len(stars) == 12
    fills = {(star.get("fill") or star.getparent().get("fill")).lower() for star in stars}
    assert fills <= {"#fc0", "#ffcc00"}, fills
    centre = complex(width / 2, height / 2)
    angles = []
    for star in stars:
        points = [complex(*map(float, pair.split(","))) for pair in star.get("points").split()]
        assert len(points) == 10
        middle = sum(points) / 10
        assert abs(abs(middle - centre) - height / 3) < 0.5
        tip = min(points, key=lambda point: point.imag)  # the highest point: upright
        assert abs(tip - (middle - 1j * height / 18)) < 0.5
        angles.append(round(math.degrees(cmath.phase(middle - centre))) % 360)
    assert sorted(angles) == list(range(0, 360, 30))


@override_settings(PDF_FONT_DIR="/nonexistent/fonts")
def test_missing_fonts_are_named_with_the_package_to_install():
    with pytest.raises(ImproperlyConfigured, match="DejaVuSans.ttf.*fonts-dejavu-core"):
        build_pdf("Title", "en", [Section("Heading", ["Text."])])
