"""Library index (25 acts, filters applied) ≤ 12 queries, an act page ≤ 10, the statute, a
good practice and the comparison ≤ 12: equal at 10 and 100 acts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from library.models import LegislationPage, LibraryIndexPage, PracticePage, StatutePage, Topic
from tests.library.factories import (
    LegislationPageFactory,
    demo_acts,
    demo_practices,
    demo_statute,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def library(module_data):
    """A library as the demo's in every language: acts that amend, repeal or match one
    another, each with its articles, topics and translations, the good practices and the
    statute with its members."""
    module_data(_library)


def _library(languages=("bg", "ro", "en")):
    demo_acts(
        "bg-persons-with-disabilities-act",
        "bg-integration-disabilities-act",
        "bg-social-assistance-act",
        "ro-social-assistance-law",
        "ro-law-194-2018",
        languages=languages,
    )
    demo_practices(languages)
    demo_statute(languages)


def fill(language, total):
    """Bring the language's library to ``total`` acts, each with a topic."""
    index = LibraryIndexPage.objects.get(locale__language_code=language)
    topic = Topic.objects.filter(locale=index.locale).first()
    existing = LegislationPage.objects.child_of(index).count()
    LegislationPageFactory.create_batch(total - existing, parent=index, topics=[topic])
    return index


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_index_queries_do_not_grow(client, language):
    index = fill(language, 10)
    filtered = f"{index.url}?jurisdiction=RO&status=in_force&sort=title"
    small = (count(client, index.url), count(client, filtered))
    fill(language, 100)
    large = (count(client, index.url), count(client, filtered))
    assert max(small) <= 12
    assert large == small


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_act_page_queries_do_not_grow(client, language):
    index = fill(language, 10)
    act = LegislationPage.objects.live().child_of(index).filter(relations__isnull=False).first()
    small = (count(client, act.url), count(client, f"{act.url}compare/"))
    fill(language, 100)
    large = (count(client, act.url), count(client, f"{act.url}compare/"))
    assert small[0] <= 10
    assert large == small


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_statute_practice_and_comparison_queries_do_not_grow(client, language):
    index = fill(language, 10)
    statute = StatutePage.objects.live().child_of(index).get()
    practice = PracticePage.objects.live().child_of(index).first()
    urls = [statute.url, practice.url, f"{index.url}compare/"]
    small = [count(client, url) for url in urls]
    fill(language, 100)
    large = [count(client, url) for url in urls]
    assert max(small) <= 12
    assert large == small
