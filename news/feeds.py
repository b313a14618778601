"""RSS 2.0, Atom and iCalendar feeds of a news index (one per language)."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.functional import cached_property
from django.utils.html import escape
from icalendar import Calendar, Event, Timezone

from home.utils import public_hostname, public_page_url, public_url
from news.models import network_organization

FEED_LENGTH = 30


class NewsRssFeed(Feed):
    """The latest news of one language. RSS descriptions are HTML, so plain text is escaped."""

    feed_type = Rss201rev2Feed

    def __init__(self, index):
        super().__init__()
        self.index = index
        # Feed reads ``language`` as an attribute; it never calls it.
        self.language = index.locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    @cached_property
    def network(self):
        """The network, author of all the news, with its home page in the feed's language."""
        return network_organization()

    def title(self):
        return f"{self.index.title} – {self.network['name']}"

    def link(self):
        return public_page_url(self.index, self.request)

    def plain_description(self):
        return self.index.lead or self.index.search_description

    def description(self):
        return escape(self.plain_description())

    def feed_url(self):
        return public_url(self.request.get_full_path())

    def author_name(self):
        return self.network["name"]

    def author_link(self):
        return self.network["url"]

    def items(self):
        return self.index.get_news_items()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return escape(item.lead)

    def item_author_name(self, item):
        return self.author_name()

    def item_author_link(self, item):
        return self.author_link()

    def item_link(self, item):
        return public_page_url(item, self.request)

    def item_guid(self, item):
        return public_page_url(item, self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(9)))

    def item_updateddate(self, item):
        # Never before the news date (an item dated ahead of its publishing) and always
        # present: every Atom entry must say when it last changed.
        published = self.item_pubdate(item)
        return max(item.last_published_at or published, published)

    def item_categories(self, item):
        return [item.category.name] if item.category else []


class PlainTextAtom1Feed(Atom1Feed):
    """Atom whose entry summaries are plain text (Django's Atom1Feed declares them HTML)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class NewsAtomFeed(NewsRssFeed):
    """The same news as Atom, its subtitle and summaries plain text like its titles."""

    feed_type = PlainTextAtom1Feed

    def subtitle(self):
        return self.plain_description()

    def item_description(self, item):
        return item.lead


def ical_response(index, request):
    """The events of this language's news as an iCalendar feed, in the network's time zone."""
    calendar = Calendar()
    calendar.add("prodid", "-//Regional Network for Social Cohesion//News events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{index.title} – {network_organization()['name']}")
    host = public_hostname()
    today = timezone.localdate()
    first, last = today, today
    for item in index.get_news_items().filter(event_start__isnull=False)[:200]:
        start = timezone.localtime(item.event_start)
        # Strictly after the start, as RFC 5545 wants.
        end = timezone.localtime(item.event_end_or_default)
        first, last = min(first, start.date()), max(last, end.date())
        event = Event()
        event.add("uid", f"{item.translation_key}-{item.locale_id}@{host}")
        event.add("summary", item.title)
        event.add("description", item.lead)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("dtstamp", item.last_published_at or timezone.now())
        event.add("url", public_page_url(item, request))
        if item.event_place:
            event.add("location", item.event_place)
        if item.event_latitude is not None:
            event.add("geo", (float(item.event_latitude), float(item.event_longitude)))
        calendar.add_component(event)
    # The zone the times are given in, for the years they span. It also keeps a calendar
    # with no events valid: RFC 5545 wants at least one component.
    calendar.subcomponents.insert(
        0,
        Timezone.from_tzid(
            settings.TIME_ZONE, first_date=first, last_date=last + datetime.timedelta(days=366)
        ),
    )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="events-{index.locale.language_code}.ics"'
    return response
