import xml.etree.ElementTree as ET

import pytest
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.utils import translation

from cms.views import server_error
from tests.home.factories import StandardPageFactory, translated_pages

pytestmark = pytest.mark.django_db

SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


@pytest.mark.parametrize(
    "accept, target",
    [
        ("ro-RO,ro;q=0.9,en;q=0.5", "/ro/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("bg", "/bg/"),
        ("fr-FR,fr;q=0.9", "/bg/"),
        ("", "/bg/"),
    ],
)
def test_root_redirects_by_browser_language(client, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response.url == target


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://localhost/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()
    assert "Disallow: /ro/account/" in response.content.decode()  # sign-in and sign-up pages


def test_sitemap_lists_every_language_with_alternates(client, homes):
    translated_pages(
        StandardPageFactory,
        homes["bg"],
        {
            "bg": {"title": "За проекта", "slug": "za-proekta"},
            "ro": {"title": "Despre proiect", "slug": "despre-proiect"},
            "en": {"title": "About", "slug": "about"},
        },
    )
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    urls = {u.find("s:loc", SITEMAP_NS).text: u for u in root.findall("s:url", SITEMAP_NS)}
    for path in ("/bg/", "/ro/", "/en/", "/bg/za-proekta/", "/ro/despre-proiect/", "/en/about/"):
        assert f"http://localhost{path}" in urls
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in urls["http://localhost/ro/despre-proiect/"].findall("x:link", SITEMAP_NS)
    }
    assert alternates == {
        "bg": "http://localhost/bg/za-proekta/",
        "ro": "http://localhost/ro/despre-proiect/",
        "en": "http://localhost/en/about/",
        "x-default": "http://localhost/bg/za-proekta/",
    }


@pytest.mark.parametrize(
    "language, text",
    [
        ("bg", "Страницата не е намерена"),
        ("ro", "Pagina nu a fost găsită"),
        ("en", "Page not found"),
    ],
)
def test_404_speaks_the_visitors_language(client, language, text):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    assert text in response.content.decode()
    assert f'<html lang="{language}"' in response.content.decode()


def test_500_page_is_localized():
    request = RequestFactory().get("/ro/")
    with translation.override("ro"):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="ro"' in html
    assert "Pagina principală" in html or "pagina principală" in html


def test_search_returns_only_the_visitors_language(client):
    html = client.get("/ro/search/", {"q": "Vasiliada"}).content.decode()
    assert "/ro/" in html
    assert 'href="/bg/za-proekta/"' not in html.split("search-results", 1)[-1]


def test_anonymous_pages_set_no_cookies_and_send_security_headers(client):
    response = client.get("/en/about/")
    assert not response.cookies
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_the_site_serves_images_but_never_documents_from_the_media_folder(client, settings):
    """SERVE_IMAGES (development, the browser checks' site): a page's rendition loads from
    the site itself; an uploaded document is only ever reached through its own view."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    rendition = get_image_model().objects.first().get_rendition("width-200")
    rendition.file.open()  # the rendition's file exists in MEDIA_ROOT
    rendition.file.close()
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:16] == rendition.file.open().read(16)
    rendition.file.close()

    document = get_document_model().objects.create(
        title="Minutes", file=ContentFile(b"minutes of the board", name="minutes.txt")
    )
    assert (settings.MEDIA_ROOT / document.file.name).is_file()
    assert client.get(f"/media/{document.file.name}").status_code == 404
