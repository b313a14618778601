"""Test data for the news app (see tests/home/factories.py for how pages are made)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from news.models import NewsCategory, NewsPage
from tests.home.factories import LivePageFactory


class NewsCategoryFactory(DjangoModelFactory):
    """Give ``locale``."""

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")

    class Meta:
        model = NewsCategory


class NewsPageFactory(LivePageFactory):
    """Give ``parent`` (a news index); one day apart, oldest first."""

    title = factory.Sequence(lambda n: f"Item {n}")
    lead = "Lead."
    date = factory.Sequence(lambda n: datetime.date(2021, 1, 1) + datetime.timedelta(days=n))

    class Meta:
        model = NewsPage
