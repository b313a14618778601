"""Content the standards' checks run on: a few of the demo's own items (news, a standard
page, providers) in three languages, built with the apps' factories from the demo's data
(<app>/demo/*.yaml), so that each feed, file and page has real entries to validate."""

from decimal import Decimal

import pytest
import wagtail_factories
from django.utils import timezone
from wagtail.models import Locale, Site
from wagtail.rich_text import RichText

from home.demo import DATA as HOME_DATA
from home.demo import funding_notice as notice_fields
from home.demo.support import LANGUAGES, load_yaml, pick
from home.models import HomePage, SiteSettings
from library.demo import DATA as LIBRARY_DATA
from library.models import LibraryIndexPage, StatutePage
from news.demo import DATA as NEWS_DATA
from news.models import NewsCategory, NewsIndexPage
from tests.home.factories import (
    LivePageFactory,
    PartnerFactory,
    StandardPageFactory,
    translated_pages,
)
from tests.library.factories import LegislationPageFactory
from tests.news.factories import NewsPageFactory
from tests.providers.factories import demo_provider

PAGES_DATA = HOME_DATA / "pages.yaml"


def demo_item(path, section, key, field="key"):
    return next(item for item in load_yaml(path)[section] if item[field] == key)


def in_languages(fields_of):
    """{language: fields_of(language)} for the three languages, Bulgarian (the source) first."""
    return {language: fields_of(language) for language in LANGUAGES}


def about_pages():
    """The demo's "About the project" page under each home page, {language: page}."""
    item = demo_item(PAGES_DATA, "pages", "about")
    home = HomePage.objects.get(locale__language_code="bg")
    return translated_pages(
        StandardPageFactory,
        home,
        in_languages(
            lambda lang: {"title": pick(item["title"], lang), "slug": pick(item["slug"], lang)}
        ),
    )


def funding_notice():
    """The demo's EU funding notice in three languages, live, chosen in the site's
    settings (the PDFs' covers carry it). Returns the Bulgarian source."""
    data = load_yaml(HOME_DATA / "home.yaml")["funding_notice"]
    source = notice_fields(data, "bg")
    source.locale = HomePage.objects.get(locale__language_code="bg").locale
    source.save()
    for language in LANGUAGES[1:]:
        copy = source.copy_for_translation(Locale.objects.get(language_code=language))
        notice_fields(data, language, copy)
        copy.live = True
        copy.save()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.funding_notice = source
    settings.save()
    return source


def act_pages(key):
    """A demo act (``key`` in library/demo/library.yaml) in three languages, {language:
    page}: its identity and summary, without its articles."""
    item = demo_item(LIBRARY_DATA, "acts", key)
    amendment = item.get("last_amendment") or {}
    shared = {
        "jurisdiction": item["jurisdiction"],
        "act_type": item["act_type"],
        "official_title": item["official_title"],
        "number": item.get("number") or "",
        "year": item["year"],
        "adoption_date": item.get("adoption_date"),
        "gazette_issue": item["gazette_issue"],
        "gazette_date": item["gazette_date"],
        "entry_into_force": item.get("entry_into_force"),
        "status": item["status"],
        "status_date": item.get("status_date"),
        "last_amendment_issue": amendment.get("issue", ""),
        "last_amendment_date": amendment.get("date"),
        "official_url": item.get("official_url") or "",
    }

    def fields(language):
        own = {
            "title": pick(item["short_title"], language),
            "slug": pick(item["slug"], language),
            "summary": pick(item["summary"], language),
        }
        return own if language != "bg" else {**shared, **own}

    index = LibraryIndexPage.objects.get(locale__language_code="bg")
    return translated_pages(LegislationPageFactory, index, in_languages(fields))


def partners():
    """The demo's two project partners, with their websites, in each language."""
    for item in load_yaml(HOME_DATA / "home.yaml")["partners"][:2]:
        for language in LANGUAGES:
            PartnerFactory(
                locale=Locale.objects.get(language_code=language),
                name=pick(item["name"], language),
                role=pick(item["role"], language),
                country=item["country"],
                url=item["url"],
            )


class StatutePageFactory(LivePageFactory):
    class Meta:
        model = StatutePage


def statute_pages(articles=4):
    """The demo's statute, its first ``articles`` articles, in three languages."""
    item = load_yaml(LIBRARY_DATA)["statute"]

    def fields(language):
        return {
            "title": pick(item["title"], language),
            "slug": pick(item["slug"], language),
            "lead": " ".join(pick(item["lead"], language).split()),
            "adoption_date": item["adoption_date"],
            "adoption_place": pick(item["adoption_place"], language),
            "articles": [
                (
                    "article",
                    {
                        "number": article["number"],
                        "heading": pick(article["heading"], language),
                        "body": RichText(pick(article["body"], language)),
                    },
                )
                for article in item["articles"][:articles]
            ],
        }

    index = LibraryIndexPage.objects.get(locale__language_code="bg")
    return translated_pages(StatutePageFactory, index, in_languages(fields))


def aware(value):
    return timezone.make_aware(value) if value else None


def news_pages(key, image=None):
    """A demo news item (``key`` in news/demo/news.yaml) in three languages, {language:
    page}, with its event, category and a listing image."""
    item = demo_item(NEWS_DATA, "items", key)
    event = item.get("event") or {}
    category = NewsCategory.objects.filter(slug=item.get("category"), locale__language_code="bg")
    shared = {
        "date": item["date"],
        "category": category.first(),
        "listing_image": image or wagtail_factories.ImageFactory(title=f"Снимка: {key}"),
        "event_start": aware(event.get("start")),
        "event_end": aware(event.get("end")),
        "event_latitude": Decimal(str(event["latitude"])) if "latitude" in event else None,
        "event_longitude": Decimal(str(event["longitude"])) if "longitude" in event else None,
    }

    def fields(language):
        own = {
            "title": pick(item["title"], language),
            "slug": pick(item["slug"], language),
            "lead": " ".join(pick(item["lead"], language).split()),
            "event_place": pick(event["place"], language) if event else "",
        }
        return own if language != "bg" else {**shared, **own}

    pages = translated_pages(
        NewsPageFactory, NewsIndexPage.objects.get(locale__language_code="bg"), in_languages(fields)
    )
    for page in pages.values():
        if page.category_id:  # the category in the page's language
            page.category = page.category.get_translation(page.locale)
            page.save()
    return pages


@pytest.fixture
def about():
    return about_pages()


@pytest.fixture
def news():
    """Two demo news items about events, each in three languages: {key: {language: page}}."""
    return {key: news_pages(key) for key in ("final-conference-in-romania", "info-day-strelcha")}


@pytest.fixture
def directory():
    """Two demo providers in three languages: {external_id: {language: provider}}."""
    return {key: demo_provider(key) for key in ("bg-fyc-vidin", "ro-vasiliada-craiova")}
