"""Test data for the news app (see tests/home/factories.py for how pages are made)."""

import datetime

import factory

from news.models import NewsPage
from tests.home.factories import LivePageFactory


class NewsPageFactory(LivePageFactory):
    """Give ``parent`` (a news index); one day apart, oldest first."""

    title = factory.Sequence(lambda n: f"Item {n}")
    lead = "Lead."
    date = factory.Sequence(lambda n: datetime.date(2021, 1, 1) + datetime.timedelta(days=n))

    class Meta:
        model = NewsPage
