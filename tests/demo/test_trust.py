"""What makes a visitor trust the site: nothing orphaned, pictures and covers in the
page's language, no invented contacts, one network name (issue 14, item 5)."""

import hashlib
import re

import pytest
from django.utils.translation import gettext, override
from wagtail.models import Page

from library.models import LibraryIndexPage, PracticePage, StatutePage
from news.models import NewsPage
from providers.models import Provider, ProviderMapPage
from publications.models import PublicationPage

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

LANGUAGES = ("bg", "ro", "en")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
NETWORK_NAMES = re.compile(r"социална кохезия|coeziune social|social cohesion", re.IGNORECASE)
ENGLISH_WORDS = re.compile(r"\b(the|and|with|of|illustration)\b", re.IGNORECASE)


def network_pages(language):
    statute = StatutePage.objects.live().get(locale__language_code=language)
    practices = list(PracticePage.objects.live().filter(locale__language_code=language))
    assert practices
    return statute, practices


@pytest.mark.parametrize("language", LANGUAGES)
def test_library_index_links_to_the_statute_and_each_good_practice(client, language):
    index = LibraryIndexPage.objects.get(locale__language_code=language)
    html = client.get(index.url).content.decode()
    statute, practices = network_pages(language)
    with override(language):
        assert gettext("The network's statute") in html
        assert gettext("Good practices") in html
    for page in (statute, *practices):
        assert f'href="{page.url}"' in html, page.title


@pytest.mark.parametrize("language", LANGUAGES)
def test_footer_navigation_links_to_the_statute_and_good_practices(client, language):
    home = Page.objects.get(depth=2, locale__language_code=language)
    html = client.get(home.url).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    statute, practices = network_pages(language)
    for page in (statute, *practices):
        assert f'href="{page.url}"' in footer, page.title


def _file_hash(image):
    with image.open_file() as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def test_every_news_picture_is_a_different_drawing():
    hashes = {}
    for page in NewsPage.objects.filter(locale__language_code="bg"):
        for block in page.gallery:
            hashes.setdefault(_file_hash(block.value["image"]), []).append(page.slug)
    assert hashes
    assert all(len(slugs) == 1 for slugs in hashes.values()), hashes


@pytest.mark.parametrize("language", LANGUAGES)
def test_news_picture_alt_text_is_in_the_page_language(client, language):
    pages = NewsPage.objects.live().filter(locale__language_code=language)
    assert pages.exists()
    for page in pages:
        html = client.get(page.url).content.decode()
        gallery = html[html.find('class="gallery"') :]
        alts = re.findall(r'<img[^>]* alt="([^"]*)"', gallery)
        assert alts, page.url
        for alt in alts:
            assert alt.strip(), page.url
            if language == "bg":
                assert CYRILLIC.search(alt) and not ENGLISH_WORDS.search(alt), alt
            else:
                assert not CYRILLIC.search(alt), alt
            if language == "ro":
                assert not re.search(r"\b(the|and|with)\b", alt), alt


def test_each_publication_edition_has_a_cover_in_its_own_language():
    for source in PublicationPage.objects.filter(locale__language_code="bg"):
        editions = {
            page.locale.language_code: page
            for page in source.get_translations(inclusive=True).select_related("cover", "locale")
        }
        assert set(editions) == set(LANGUAGES)
        hashes = {_file_hash(page.cover) for page in editions.values()}
        assert len(hashes) == len(LANGUAGES), source.title
        assert not CYRILLIC.search(editions["ro"].cover_alt + editions["en"].cover_alt)


@pytest.mark.parametrize("language", LANGUAGES)
def test_publication_page_shows_its_own_cover(client, language):
    page = PublicationPage.objects.filter(locale__language_code=language).first()
    html = client.get(page.url).content.decode()
    rendition = page.cover.get_rendition("width-300")
    stem = rendition.file.name.rsplit("/", 1)[-1].split(".")[0]
    assert stem in html
    assert f'alt="{page.cover_alt}"' in html.replace("&#x27;", "'")


@pytest.mark.parametrize(
    ("language", "country", "register"),
    [
        (language, country, register)
        for language in LANGUAGES
        for country, register in (
            ("BG", "The Agency for the Quality of Social Services keeps the register"),
            ("RO", "single electronic register of social services"),
        )
    ],
)
def test_provider_without_contacts_says_where_the_register_lists_them(
    client, language, country, register
):
    provider = Provider.objects.filter(
        locale__language_code=language, country=country, phone="", email=""
    ).first()
    assert provider is not None
    map_page = ProviderMapPage.objects.get(locale__language_code=language)
    html = client.get(f"{map_page.url}p/{provider.external_id}/").content.decode()
    with override(language):
        note = next(
            gettext(message)
            for message in (
                "Not published here. The Agency for the Quality of Social Services keeps the "
                "register of licensed social service providers in Bulgaria; public institutions "
                "publish their contacts on their own websites.",
                "Not published here. Romania's single electronic register of social services, "
                "published by the Ministry of Labour, lists accredited providers with their "
                "address and contact person.",
            )
            if register in message
        )
        assert gettext("Contacts") in html
    assert note in html.replace("&#x27;", "'")


def test_no_seo_title_names_the_network_other_than_the_site_name():
    for page in Page.objects.exclude(seo_title="").select_related("locale"):
        with override(page.locale.language_code):
            rest = page.seo_title.replace(gettext("Regional Network for Social Cohesion"), "")
        assert not NETWORK_NAMES.search(rest), (page.locale.language_code, page.seo_title)
