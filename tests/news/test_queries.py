"""News index (20 items with thumbnails) ≤ 12 queries, a news page ≤ 10, equal at 10 and 100."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import NewsCategory, NewsIndexPage, NewsPage
from tests.news.factories import NewsPageFactory, info_day_in_strelcha

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def event():
    """An event's news in three languages, with its image, gallery, tags and category."""
    return info_day_in_strelcha()


def fill_index(language, total):
    """Bring the language's index to ``total`` items, each with a thumbnail and a category
    (the events', so that the list of events grows too)."""
    index = NewsIndexPage.objects.get(locale__language_code=language)
    template = NewsPage.objects.live().child_of(index).exclude(listing_image=None).first()
    category = NewsCategory.objects.get(locale=index.locale, slug="events")
    existing = NewsPage.objects.child_of(index).count()
    NewsPageFactory.create_batch(
        total - existing, parent=index, listing_image=template.listing_image, category=category
    )
    return index


def queries_for(client, url):
    client.get(url)  # warm caches as production would be
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context), response


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_news_index_queries_do_not_grow(client, language):
    index = fill_index(language, 10)
    small, _ = queries_for(client, f"{index.url}?category=events")
    small_all, response = queries_for(client, index.url)
    fill_index(language, 100)
    large_all, response = queries_for(client, index.url)
    large, _ = queries_for(client, f"{index.url}?category=events")
    assert response.content.decode().count('class="card news-card"') == 20
    assert small_all <= 12 and small <= 12
    assert (large_all, large) == (small_all, small)


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_news_page_queries_do_not_grow(client, language):
    index = fill_index(language, 10)
    page = NewsPage.objects.live().child_of(index).filter(event_start__isnull=False).first()
    small, _ = queries_for(client, page.url)
    fill_index(language, 100)
    large, _ = queries_for(client, page.url)
    assert small <= 10
    assert large == small
