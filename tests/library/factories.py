"""Test data for the library (see tests/home/factories.py for how pages are made)."""

import datetime

import factory

from library.models import LegislationPage
from tests.home.factories import LivePageFactory


class LegislationPageFactory(LivePageFactory):
    """Give ``parent`` (a library index); ``topics=[…]`` are saved with the page."""

    title = factory.Sequence(lambda n: f"Act {n}")
    jurisdiction = "RO"
    act_type = "law"
    number = factory.Sequence(lambda n: str(1000 + n))
    official_title = factory.LazyAttribute(lambda act: f"Legea nr. {act.number}/2020")
    year = 2020
    gazette_issue = factory.Sequence(lambda n: str(n + 1))
    gazette_date = datetime.date(2020, 1, 1)
    summary = "<p>Summary.</p>"

    class Meta:
        model = LegislationPage
