"""Publication index ≤ 10 queries and a publication page ≤ 10, equal at 5 and 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications.models import PublicationIndexPage, PublicationPage
from tests.publications.factories import (
    PublicationPageFactory,
    editions_of,
    publication_pages,
)

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def compendium():
    """The compendium in three languages, the model for the others (cover, editions)."""
    return publication_pages(PublicationIndexPage.objects.get(locale__language_code="bg"))


def fill(language, total):
    """Bring the language's index to ``total`` publications, each in three editions."""
    index = PublicationIndexPage.objects.get(locale__language_code=language)
    model = PublicationPage.objects.child_of(index).get(kind="compendium")
    documents = {edition.language: edition.document for edition in model.editions.all()}
    for _number in range(PublicationPage.objects.child_of(index).count(), total):
        PublicationPageFactory(parent=index, cover=model.cover, editions=editions_of(documents))
    return index


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_index_and_page_queries_do_not_grow(client, compendium, language):
    index = fill(language, 5)
    page = PublicationPage.objects.live().child_of(index).get(kind="compendium")
    small = (count(client, index.url), count(client, page.url))
    fill(language, 50)
    large = (count(client, index.url), count(client, page.url))
    assert small[0] <= 10 and small[1] <= 10
    assert large == small
