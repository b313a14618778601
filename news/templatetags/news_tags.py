"""News on other pages (the home page): latest items, upcoming events, feed links."""

from dataclasses import dataclass, field

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from home.caching import cached_per_language
from news.models import NewsIndexPage

register = template.Library()
HOME_ITEMS = 3
# Upcoming events move into the past as time passes, so this list is kept briefly.
EVENTS_TIMEOUT = 10 * 60


@register.filter
def news_feed_urls(index, request):
    return index.feed_urls(request)


@dataclass
class NewsDigest:
    index: NewsIndexPage | None = None
    latest: list = field(default_factory=list)
    upcoming: list = field(default_factory=list)
    feeds: dict = field(default_factory=dict)


def _digest(request):
    index = NewsIndexPage.objects.live().filter(locale__language_code=get_language()).first()
    if index is None:
        return NewsDigest()
    return NewsDigest(
        index=index,
        latest=list(index.get_news_items(prefetch_renditions=False)[:HOME_ITEMS]),
        upcoming=list(
            index.get_upcoming_events(timezone.now(), prefetch_renditions=False)[:HOME_ITEMS]
        ),
        feeds=index.feed_urls(request),
    )


@register.simple_tag(takes_context=True)
def news_digest(context):
    """The language's news index, its latest items and upcoming events (cached)."""
    request = context["request"]
    return cached_per_language(
        request, "news-digest", lambda: _digest(request), timeout=EVENTS_TIMEOUT
    )
