"""Test data for publications (see tests/home/factories.py for how pages are made)."""

import factory

from publications.models import PublicationEdition, PublicationPage
from tests.home.factories import LivePageFactory


class PublicationPageFactory(LivePageFactory):
    """Give ``parent`` (a publication index); ``editions=[PublicationEdition(…), …]`` are
    saved with the page (see ``editions_of``)."""

    title = factory.Sequence(lambda n: f"Report {n}")
    kind = "report"
    year = 2019
    abstract = "<p>Abstract.</p>"
    authors = "FYC"
    publisher = "FYC"

    class Meta:
        model = PublicationPage


def editions_of(documents):
    """Unsaved editions of ``{language: document}``, for a new publication."""
    return [PublicationEdition(language=code, document=doc) for code, doc in documents.items()]
