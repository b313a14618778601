"""The language switcher and the hreflang alternates lead to the same thing in the other
language: a provider, an act compared, the same filters, where they exist there."""

from html.parser import HTMLParser

import pytest
from django.conf import settings

from library.models import LibraryIndexPage, Topic
from providers.models import Provider, ProviderMapPage
from tests.home.factories import translate_page
from tests.library.factories import LegislationPageFactory
from tests.providers.factories import ProviderFactory, translate_provider

pytestmark = pytest.mark.django_db

BASE = settings.PUBLIC_BASE_URL
PROVIDERS = {"bg": "/bg/dostavchitsi/", "ro": "/ro/furnizori/", "en": "/en/providers/"}
VIDIN = "bg-fyc-vidin"


class LanguageLinks(HTMLParser):
    """The switcher's links and the page's alternates, by language code."""

    def __init__(self):
        super().__init__()
        self.switcher, self.alternates, self.current = {}, {}, None
        self._in_switcher = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and "language-switcher" in (attrs.get("class") or ""):
            self._in_switcher = True
        elif tag == "a" and self._in_switcher:
            self.switcher[attrs["hreflang"]] = attrs["href"]
        elif tag == "span" and self._in_switcher and attrs.get("aria-current"):
            self.current = attrs["lang"]
        elif tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            self.alternates[attrs["hreflang"]] = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_switcher = False


def links(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = LanguageLinks()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def vidin(db):
    """The foundation's centre in Vidin, in three languages: {language: provider}."""
    source = ProviderFactory(external_id=VIDIN, name="Център за обществена подкрепа – Видин")
    return {
        "bg": source,
        "ro": translate_provider(source, "ro", name="Centrul de sprijin comunitar – Vidin"),
        "en": translate_provider(source, "en", name="Community Support Centre – Vidin"),
    }


def in_language(page, code):
    return page.get_translations(inclusive=True).get(locale__language_code=code).specific


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_provider_page_switches_to_the_same_provider(client, vidin, language):
    page = links(client, f"{PROVIDERS[language]}p/{VIDIN}/")
    others = {code: f"{path}p/{VIDIN}/" for code, path in PROVIDERS.items() if code != language}
    assert page.current == language
    assert page.switcher == others
    assert page.alternates == {
        **{code: f"{BASE}{path}p/{VIDIN}/" for code, path in PROVIDERS.items()},
        "x-default": f"{BASE}/bg/dostavchitsi/p/{VIDIN}/",
    }


def test_provider_not_yet_in_a_language_switches_to_that_languages_list(client, vidin):
    Provider.objects.filter(external_id=VIDIN, locale__language_code="en").update(live=False)
    page = links(client, f"/bg/dostavchitsi/p/{VIDIN}/")
    assert page.switcher == {"ro": f"/ro/furnizori/p/{VIDIN}/", "en": "/en/providers/"}
    assert "en" not in page.alternates  # no alternate for what does not exist


def test_act_comparison_switches_to_the_same_comparison(client):
    library = LibraryIndexPage.objects.get(locale__language_code="ro")
    act = LegislationPageFactory(parent=library, title="Legea asistenței sociale")
    for code, title in (("bg", "Закон за социалното подпомагане"), ("en", "Social Assistance Act")):
        translate_page(act, code, title=title)
    page = links(client, f"{act.url}compare/")
    for code in ("bg", "en"):
        expected = f"{in_language(act, code).url}compare/"
        assert page.switcher[code] == expected
        assert page.alternates[code] == f"{BASE}{expected}"


def test_library_comparison_view_switches_to_the_same_view(client):
    library = LibraryIndexPage.objects.live().get(locale__language_code="en")
    page = links(client, f"{library.url}compare/")
    for code in ("bg", "ro"):
        assert page.switcher[code] == f"{in_language(library, code).url}compare/"


def test_provider_filters_and_page_number_are_kept(client):
    page = links(client, "/bg/dostavchitsi/?country=RO&service=day-care&page=1")
    assert page.switcher["ro"] == "/ro/furnizori/?country=RO&service=day-care&page=1"
    assert page.switcher["en"] == "/en/providers/?country=RO&service=day-care&page=1"
    # The alternates stay the canonical addresses, without the filters.
    assert page.alternates["ro"] == f"{BASE}/ro/furnizori/"


def test_free_text_is_dropped_and_the_page_number_with_it(client):
    page = links(client, "/bg/dostavchitsi/?q=Видин&country=BG&page=2")
    assert page.switcher["ro"] == "/ro/furnizori/?country=BG"
    assert page.switcher["en"] == "/en/providers/?country=BG"


def test_a_term_filter_is_translated_to_the_other_languages_slug(client):
    library = LibraryIndexPage.objects.live().get(locale__language_code="bg")
    topic = Topic.objects.filter(locale__language_code="bg").first()
    Topic.objects.filter(translation_key=topic.translation_key, locale__language_code="ro").update(
        slug="tema-romana"
    )
    page = links(client, f"{library.url}?jurisdiction=RO&topic={topic.slug}&page=1")
    ro_library = in_language(library, "ro").url
    assert page.switcher["ro"] == f"{ro_library}?jurisdiction=RO&topic=tema-romana&page=1"
    en_library = in_language(library, "en").url
    assert page.switcher["en"] == f"{en_library}?jurisdiction=RO&topic={topic.slug}&page=1"


def test_an_unknown_term_is_dropped(client):
    library = LibraryIndexPage.objects.live().get(locale__language_code="bg")
    page = links(client, f"{library.url}?topic=no-such-topic&year=2018&page=2")
    assert page.switcher["en"] == f"{in_language(library, 'en').url}?year=2018"


def test_news_category_and_year_are_kept(client):
    page = links(client, "/en/news/?category=network&year=2018")
    assert page.switcher["bg"].endswith("?category=network&year=2018")


def test_search_keeps_the_kind_but_not_the_words(client):
    page = links(client, "/bg/search/?q=услуги&type=news")
    assert page.switcher == {"ro": "/ro/search/?type=news", "en": "/en/search/?type=news"}


def test_a_query_string_does_not_leak_into_pages_without_filters(client, about):
    page = links(client, "/ro/despre-proiect/?utm_source=x")
    assert page.switcher == {"bg": "/bg/za-proekta/", "en": "/en/about/"}


def test_the_map_page_declares_its_filters():
    assert set(ProviderMapPage.switcher_parameters) >= {"country", "district", "service", "page"}
