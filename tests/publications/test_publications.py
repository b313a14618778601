import json
import re
from io import BytesIO

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils.translation import override

from home.forms import SafeDocumentForm
from publications.isbn import validate_isbn13
from publications.models import PublicationEdition, PublicationIndexPage, PublicationPage
from tests.publications.factories import publication_pages

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def publications():
    """The demo's compendium and brochure, each in three languages with three editions:
    {kind: {language: page}}."""
    index = PublicationIndexPage.objects.get(locale__language_code="bg")
    return {kind: publication_pages(index, kind) for kind in ("compendium", "brochure")}


@override("en")
def test_isbn13_checksum(publications):
    validate_isbn13("978-3-16-148410-0")
    validate_isbn13("9780306406157")
    with pytest.raises(ValidationError, match="check digit is wrong: the last digit should be 0"):
        validate_isbn13("978-3-16-148410-9")
    with pytest.raises(ValidationError, match="13 digits"):
        validate_isbn13("123")
    edition = PublicationEdition.objects.first()
    edition.isbn = "978-3-16-148410-1"
    with pytest.raises(ValidationError) as error:
        edition.full_clean()
    assert "isbn" in error.value.message_dict


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_each_page_offers_its_language_first_and_lists_the_others(client, publications, language):
    page = PublicationPage.objects.get(locale__language_code=language, kind="compendium")
    html = client.get(page.url).content.decode()
    links = re.findall(r'<a href="(/downloads/\d+/[^"]+)" hreflang="(\w\w)"', html)
    assert [code for _url, code in links][0] == language
    assert {code for _url, code in links} == {"bg", "ro", "en"}
    assert re.search(r"\(PDF, [\d.,]+\xa0\w+, \w+", html)


def test_download_links_say_format_size_and_language(client, publications):
    page = PublicationPage.objects.get(locale__language_code="en", kind="brochure")
    html = client.get(page.url).content.decode()
    assert re.search(r"\(PDF, [\d.,]+\xa0(KB|MB), in Bulgarian", html)
    assert re.search(r"\(PDF, [\d.,]+\xa0(KB|MB), in Romanian", html)


def test_scholarly_metadata_and_citations(client, publications):
    page = PublicationPage.objects.get(locale__language_code="ro", kind="compendium")
    html = client.get(page.url).content.decode()
    assert f'<meta name="citation_title" content="{page.title}">' in html
    assert '<meta name="citation_pdf_url" content="http://localhost/downloads/' in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "Book"
    assert {example["inLanguage"] for example in data["workExample"]} == {"bg", "ro", "en"}
    # "X; Y": one citation_author and one schema.org author each, in the same order.
    authors = re.findall(r'<meta name="citation_author" content="([^"]+)">', html)
    assert authors == [name.strip() for name in page.authors.split(";")]
    assert len(authors) == 2
    assert [author["name"] for author in data["author"]] == authors
    bibtex = client.get(f"{page.url}cite/bibtex/")
    assert bibtex["Content-Type"].startswith("application/x-bibtex")
    record = bibtex.content.decode()
    assert record.count("@book{") == 3
    # Reference managers see two organisations, each name kept whole.
    assert f"author = {{{{{authors[0]}}} and {{{authors[1]}}}}}" in record
    ris = client.get(f"{page.url}cite/ris/").content.decode()
    assert ris.count("TY  - BOOK") == 3 and ris.count("ER  - ") == 3
    assert re.findall(r"^AU  - (.+?)\r$", ris, flags=re.M)[:2] == authors


def test_publications_are_real_pdfs_in_each_language(publications):
    pages = PublicationPage.objects.filter(locale__language_code="bg")
    assert pages.count() == 2
    for page in pages:
        editions = {edition.language: edition for edition in page.editions.all()}
        assert set(editions) == {"bg", "ro", "en"}
        for language, edition in editions.items():
            with edition.document.file.open("rb") as handle:
                content = handle.read()
            pdf = pikepdf.open(BytesIO(content))
            assert pdf.Root.Lang == language
            assert edition.pages == len(pdf.pages) >= 2
        assert page.cover is not None


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_index_lists_publications(client, publications, language):
    index = PublicationIndexPage.objects.get(locale__language_code=language)
    html = client.get(index.url).content.decode()
    listed = PublicationPage.objects.live().child_of(index)
    assert listed.count() == 2
    for page in listed:
        assert page.title in html
    assert html.count("/downloads/") >= 6


def upload(name, content):
    return {"file": SimpleUploadedFile(name, content)}


def form(name, content):
    from wagtail.documents.forms import get_document_form
    from wagtail.documents.models import Document

    form_class = get_document_form(Document)
    assert issubclass(form_class, SafeDocumentForm)
    return form_class(data={"title": name}, files=upload(name, content))


def test_uploads_are_checked_by_content():
    assert form("report.pdf", b"%PDF-1.7\n%rest of a pdf").is_valid()
    for name, content in [
        ("report.pdf", b"<!doctype html><script>alert(1)</script>"),
        ("report.pdf", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("table.xlsx", b"PK\x03\x04not really a zip"),
        ("page.html", b"<html></html>"),
    ]:
        bound = form(name, content)
        assert not bound.is_valid()
        assert bound.errors["file"]
    with override("en"):
        message = str(form("report.pdf", b"<html>").errors["file"][0])
    assert "not really a PDF file" in message


def test_office_files_are_accepted_when_genuine(tmp_path):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    assert form("minutes.docx", buffer.getvalue()).is_valid()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    assert form("minutes.odt", buffer.getvalue()).is_valid()
    assert not form("minutes.ods", buffer.getvalue()).is_valid()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=100)
def test_upload_size_is_capped():
    bound = form("big.pdf", b"%PDF-" + b"0" * 200)
    assert not bound.is_valid()
    assert "too big" in bound.errors["file"][0]


def test_media_documents_are_not_served_raw(client, publications):
    edition = PublicationEdition.objects.select_related("document").first()
    response = client.get(f"/media/{edition.document.file.name}", follow=True)
    assert response.status_code == 404
