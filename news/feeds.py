"""RSS 2.0, Atom and iCalendar feeds of a news index (one per language)."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from home.utils import public_hostname, public_page_url, public_url

FEED_LENGTH = 30


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.index.title} – {_('Regional Network for Social Cohesion')}"

    def link(self):
        return public_page_url(self.index, self.request)

    def description(self):
        return self.index.lead or self.index.search_description

    def feed_url(self):
        return public_url(self.request.get_full_path())

    def language(self):
        return self.index.locale.language_code

    def items(self):
        return self.index.get_news_items()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return public_page_url(item, self.request)

    def item_guid(self, item):
        return public_page_url(item, self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(9)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.category.name] if item.category else []


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()


def ical_response(index, request):
    """The events of this language's news as an iCalendar feed."""
    calendar = Calendar()
    calendar.add("prodid", "-//Regional Network for Social Cohesion//News events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{index.title} – {_('Regional Network for Social Cohesion')}")
    host = public_hostname()
    for item in index.get_news_items().filter(event_start__isnull=False)[:200]:
        event = Event()
        event.add("uid", f"{item.translation_key}-{item.locale_id}@{host}")
        event.add("summary", item.title)
        event.add("description", item.lead)
        event.add("dtstart", item.event_start)
        event.add("dtend", item.event_end or item.event_start + datetime.timedelta(hours=2))
        event.add("dtstamp", item.last_published_at or timezone.now())
        event.add("url", public_page_url(item, request))
        if item.event_place:
            event.add("location", item.event_place)
        if item.event_latitude is not None:
            event.add("geo", (float(item.event_latitude), float(item.event_longitude)))
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="events-{index.locale.language_code}.ics"'
    return response
