"""Test data for the news app (see tests/home/factories.py for how pages are made)."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone

from home.caching import invalidate
from home.demo.support import LANGUAGES, SOURCE_LANGUAGE, load_yaml
from news.demo import DATA as NEWS_DATA
from news.demo import item_fields
from news.models import NewsCategory, NewsIndexPage, NewsPage
from tests.home.factories import LivePageFactory, translate_page


def news_index(language):
    return NewsIndexPage.objects.get(locale__language_code=language)


def news_category(slug, language):
    """A news category of the sections (network, events, partners, publications)."""
    return NewsCategory.objects.get(slug=slug, locale__language_code=language)


class NewsPageFactory(LivePageFactory):
    """Give ``parent`` (a news index); one day apart, oldest first."""

    title = factory.Sequence(lambda n: f"Item {n}")
    lead = "Lead."
    date = factory.Sequence(lambda n: datetime.date(2021, 1, 1) + datetime.timedelta(days=n))

    class Meta:
        model = NewsPage


class EventNewsPageFactory(NewsPageFactory):
    """News of an event: an info day from 10:00 to 13:00 on its date, with its place and
    map coordinates (Strelcha, Bulgaria, unless told otherwise)."""

    title = factory.Sequence(lambda n: f"Info day {n}")
    lead = "Information day on the project's social services."
    event_start = factory.LazyAttribute(
        lambda page: timezone.make_aware(datetime.datetime.combine(page.date, datetime.time(10)))
    )
    event_end = factory.LazyAttribute(lambda page: page.event_start + datetime.timedelta(hours=3))
    event_place = "Strelcha, Pazardzhik district, Bulgaria"
    event_latitude = Decimal("42.500000")
    event_longitude = Decimal("24.316667")


def translated_news(fields, factory_class=NewsPageFactory, category_slug=None, **shared):
    """One news item in each language of ``fields`` ({language: {title: …, …}}): the first
    language's made with ``shared`` (factory arguments), the others its translations as
    Wagtail copies them for a translator, each with the category ``category_slug`` in its
    own language. Returns {language: page}."""
    (source_language, source_fields), *others = fields.items()
    if category_slug:
        shared["category"] = news_category(category_slug, source_language)
    source = factory_class(parent=news_index(source_language), **shared, **source_fields)
    pages = {source_language: source}
    for language, values in others:
        if category_slug:
            values = {**values, "category": news_category(category_slug, language)}
        pages[language] = translate_page(source, language, **values)
    return pages


def info_day_in_strelcha(**shared):
    """The demo's info day in Strelcha (7 November 2018) in three languages, with a
    listing image, a body, a gallery picture and tags, as the demo's news have:
    {language: page}."""
    image = wagtail_factories.ImageFactory(title="Информационен ден в Стрелча")
    pages = translated_news(
        {
            "bg": {
                "title": "Информационен ден в Стрелча",
                "slug": "informatsionen-den-v-strelcha",
                "lead": "Община Стрелча представи проекта си за социални услуги.",
                "event_place": "Стрелча, област Пазарджик, България",
            },
            "ro": {
                "title": "Zi de informare la Strelcea",
                "slug": "zi-de-informare-la-strelcea",
                "lead": "Municipalitatea Strelcea și-a prezentat proiectul de servicii sociale.",
                "event_place": "Strelcea, regiunea Pazardjik, Bulgaria",
            },
            "en": {
                "title": "Info day in Strelcha",
                "slug": "info-day-in-strelcha",
                "lead": "Strelcha Municipality presented its social services project.",
                "event_place": "Strelcha, Pazardzhik district, Bulgaria",
            },
        },
        factory_class=EventNewsPageFactory,
        category_slug="events",
        **{
            "date": datetime.date(2018, 11, 7),
            "listing_image": image,
            "body": [("rich_text", "<p>Участниците обсъдиха новите социални услуги.</p>")],
            "gallery": [("image", {"image": image, "alt_text": "Зала", "caption": "Залата"})],
            **shared,
        },
    )
    # Each language has its own tags, as in the demo.
    for language, tags in TAGS.items():
        pages[language].tags.add(*tags)
        pages[language].save()
    return pages


TAGS = {"bg": ["Стрелча", "Пазарджик"], "ro": ["Strelcea", "Pazardjik"], "en": ["Strelcha"]}


def demo_events():
    """The demo's news of events (news/demo/news.yaml) in three languages, filled by the
    demo's own ``item_fields`` (without their pictures): [{language: page}, …]."""
    events = []
    for item in load_yaml(NEWS_DATA)["items"]:
        if not item.get("event"):
            continue
        source = item_fields(item, SOURCE_LANGUAGE, NewsPage())
        news_index(SOURCE_LANGUAGE).add_child(instance=source)
        pages = {SOURCE_LANGUAGE: source}
        for language in LANGUAGES:
            if language != SOURCE_LANGUAGE:
                pages[language] = item_fields(item, language, translate_page(source, language))
                pages[language].save()
        events.append(pages)
    invalidate()
    return events
