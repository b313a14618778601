"""Each language's own conventions, swept over every public page of the demo site.

No Cyrillic on the Romanian and English sites except a name marked ``lang="bg"``; dates
with lower-case month names in Bulgarian and Romanian; one way of writing money, language
names and municipalities in each language.
"""

import datetime
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.utils.translation import gettext, override
from wagtail.models import Page

from home.formatting import format_date, format_file_size, format_money
from library.models import LegislationPage, LibraryIndexPage, PracticePage
from news.models import NewsPage
from providers.models import Provider, ProviderMapPage
from publications.models import PublicationPage

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
BG_MONTHS = "Януари Февруари Март Април Май Юни Юли Август Септември Октомври Ноември Декември"
RO_MONTHS = "Ianuarie Februarie Martie Aprilie Mai Iunie Iulie August Septembrie Octombrie "
RO_MONTHS += "Noiembrie Decembrie"
CAPITALISED_MONTHS = "|".join((BG_MONTHS + " " + RO_MONTHS).split())
MONTH_AFTER_NUMBER = re.compile(rf"\d\s+({CAPITALISED_MONTHS})\b")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


class LanguageTexts(HTMLParser):
    """Every text a visitor reads or hears, with the language it is marked as."""

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, lang or None)
        self.texts = []  # (lang, text)

    def lang(self):
        return next((lang for _tag, lang in reversed(self.stack) if lang), None)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang") or self.lang()
        for name in TEXT_ATTRIBUTES:
            if attrs.get(name):
                self.texts.append((lang, attrs[name]))
        if tag == "meta" and attrs.get("name") == "description":
            self.texts.append((lang, attrs.get("content") or ""))
        if tag not in VOID:
            self.stack.append((tag, attrs.get("lang")))

    def handle_endtag(self, tag):
        for position in range(len(self.stack) - 1, -1, -1):
            if self.stack[position][0] == tag:
                del self.stack[position:]
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in ("script", "style"):
            return
        if data.strip():
            self.texts.append((self.lang(), " ".join(data.split())))


def public_urls(language):
    """Every live page of one language tree, each provider and each routable view."""
    urls = []
    pages = Page.objects.live().public().filter(locale__language_code=language, depth__gt=1)
    for page in pages.specific():
        url = page.url
        if not url:
            continue
        urls.append(url)
        if isinstance(page, ProviderMapPage):
            providers = Provider.objects.filter(locale_id=page.locale_id, live=True)
            urls += [
                f"{url}p/{external_id}/"
                for external_id in providers.values_list("external_id", flat=True)
            ]
        if isinstance(page, LibraryIndexPage | LegislationPage):
            urls.append(f"{url}compare/")
    return urls


# Both sweeps read the demo as loaded and change nothing: each page is read once.
_TEXTS = {}


def texts_of(client, url):
    if url not in _TEXTS:
        response = client.get(url)
        assert response.status_code == 200, url
        parser = LanguageTexts()
        parser.feed(response.content.decode())
        _TEXTS[url] = parser.texts
    return _TEXTS[url]


@pytest.mark.parametrize("language", ["ro", "en"])
def test_no_cyrillic_outside_text_marked_bulgarian(client, language):
    found = [
        (url, text[:80])
        for url in public_urls(language)
        for lang, text in texts_of(client, url)
        if lang != "bg" and CYRILLIC.search(text)
    ]
    assert not found, f"{len(found)} texts: {found[:20]}"


@pytest.mark.parametrize("language", ["bg", "ro"])
def test_month_names_are_lower_case_in_dates(client, language):
    found = [
        (url, text[:80])
        for url in public_urls(language)
        for _lang, text in texts_of(client, url)
        if MONTH_AFTER_NUMBER.search(text)
    ]
    assert not found, f"{len(found)} texts: {found[:20]}"


@pytest.mark.parametrize(
    "language, date, datetime_, short",
    [
        ("bg", "26 април 2017 г.", "9 април 2019 г., 9:30 ч.", "26.04.2017 г."),
        ("ro", "26 aprilie 2017", "9 aprilie 2019, 09:30", "26.04.2017"),
        ("en", "26 April 2017", "9 April 2019, 09:30", "26/04/2017"),
    ],
)
def test_dates_as_each_language_writes_them(language, date, datetime_, short):
    with override(language):
        assert format_date(datetime.date(2017, 4, 26)) == date
        assert format_date(datetime.datetime(2019, 4, 9, 9, 30), "DATETIME_FORMAT") == datetime_
        assert format_date(datetime.date(2017, 4, 26), "SHORT_DATE_FORMAT") == short


def test_news_dates_on_the_pages(client):
    assert "26 април 2017 г." in client.get("/bg/novini/start-na-proekta/").content.decode()
    news = NewsPage.objects.filter(locale__language_code="ro", date="2017-04-26").first()
    assert "26 aprilie 2017" in client.get(news.url).content.decode()


@pytest.mark.parametrize(
    "language, amount",
    [
        ("bg", "353\xa0286,71\xa0евро"),
        ("ro", "353\xa0286,71\xa0euro"),
        ("en", "EUR\xa0353,286.71"),
    ],
)
def test_one_way_of_writing_money_per_language(client, language, amount):
    with override(language):
        assert format_money(Decimal("353286.71")) == amount
    html = client.get(f"/{language}/").content.decode()
    assert amount in html
    assert "353286" not in html


def test_a_practice_budget_is_written_like_every_other_amount(client):
    practice = PracticePage.objects.live().filter(budget_amount__isnull=False).first()
    if practice is None:
        pytest.skip("no practice with a budget in the demo")
    for version in practice.get_translations(inclusive=True).select_related("locale"):
        with override(version.locale.language_code):
            expected = format_money(practice.budget_amount, practice.budget_currency)
        assert expected in client.get(version.url).content.decode()


@pytest.mark.parametrize(
    "language, size", [("bg", "52,9\xa0КБ"), ("ro", "52,9\xa0KB"), ("en", "52.9\xa0KB")]
)
def test_file_sizes_in_the_languages_own_units(language, size):
    with override(language):
        assert format_file_size(54170) == size


@pytest.mark.parametrize(
    "language, edition", [("bg", "на английски"), ("ro", "în engleză"), ("en", "in English")]
)
def test_edition_languages_in_running_text(client, language, edition):
    page = PublicationPage.objects.live().filter(locale__language_code=language).first()
    html = client.get(page.url).content.decode()
    assert f", {edition})" in html or f", {edition}," in html
    assert "На английски" not in html and "În engleză" not in html


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_municipality_is_named_once_with_its_unit(client, language):
    for external_id, name, pattern in (
        (
            "bg-zhaneta-razgrad",
            {"bg": "Разград", "ro": "Razgrad", "en": "Razgrad"},
            "%(name)s Municipality",
        ),
        (
            "ro-vasiliada-craiova",
            {"bg": "Крайова", "ro": "Craiova", "en": "Craiova"},
            "Municipality of %(name)s",
        ),
    ):
        provider = Provider.objects.get(external_id=external_id, locale__language_code=language)
        with override(language):
            label = gettext(pattern) % {"name": name[language]}
            assert provider.municipality_label == label
        page = ProviderMapPage.objects.live().get(locale__language_code=language)
        html = client.get(f"{page.url}p/{external_id}/").content.decode()
        assert label in html
        place = html[html.index(label) - 80 : html.index(label) + len(label)]
        assert not re.search(r"(община|municip\w*|comun\w*)\W+(община|municip|comun)", place, re.I)


@pytest.mark.parametrize("language, tag", [("bg", "Добрич"), ("ro", "Dobrici"), ("en", "Dobrich")])
def test_news_tags_are_in_the_pages_language(client, language, tag):
    source = NewsPage.objects.get(
        locale__language_code="bg", slug="koordinatsionna-sreshta-v-dobrich"
    )
    page = source.get_translations(inclusive=True).get(locale__language_code=language).specific
    assert tag in page.tags.names()
    html = client.get(page.url).content.decode()
    tags = html[html.index('class="tags"') :]
    assert f'<span class="badge">{tag}</span>' in tags[: tags.index("</p>")]


def test_bulgarian_organisation_shows_its_original_name_marked_bulgarian(client):
    html = client.get("/en/providers/p/bg-asp/").content.decode()
    assert "<h1>Agency for Social Assistance</h1>" in html
    assert '<span lang="bg">Агенция за социално подпомагане (АСП)</span>' in html
    assert "<h1>Агенция" not in client.get("/ro/furnizori/p/bg-asp/").content.decode()
