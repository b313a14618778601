"""Measured search quality through the real engine (SQLite FTS5 or PostgreSQL tsvector).

The corpus documents become real pages in their language; the queries go through
the same code as the search page. The figures are printed with ``pytest -s``.
"""

import pytest
from wagtail.models import Locale

from home.models import StandardPage
from search.engine import Search
from search.models import SearchDocument
from tests.search.corpus import (
    BG_INFLECTION_PAIRS,
    BG_TRANSLITERATION_PAIRS,
    DOCUMENTS,
    OTHER_LANGUAGE_QUERIES,
    RO_DIACRITIC_TRIPLETS,
)

MIN_RECALL = 0.90


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The corpus as published pages, only they in the index (one module-wide transaction)."""
    from django.db import connection, transaction
    from wagtail.models import Site

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        SearchDocument.objects.all().delete()
        locales = {locale.language_code: locale for locale in Locale.objects.all()}
        root = Site.objects.get(is_default_site=True).root_page
        homes = {page.locale.language_code: page for page in root.get_translations(inclusive=True)}
        for number, document in enumerate(DOCUMENTS):
            page = StandardPage(
                title=document["title"],
                slug=f"corpus-{number}",
                lead=document["body"],
                locale=locales[document["language"]],
            )
            homes[document["language"]].add_child(instance=page)
            page.save_revision().publish()
        yield locales
        transaction.set_rollback(True, using=connection.alias)
        atomic.__exit__(None, None, None)


def found_texts(locale, query):
    return [f"{doc.title} {doc.text}".lower() for doc in Search(locale, query).results()]


def recall(locale, pairs):
    misses = [
        (query, form)
        for query, form in pairs
        if not any(form.lower() in text for text in found_texts(locale, query))
    ]
    return 1 - len(misses) / len(pairs), misses


@pytest.mark.django_db
def test_bulgarian_inflections_find_each_other(corpus):
    score, misses = recall(corpus["bg"], BG_INFLECTION_PAIRS)
    print(f"\nBulgarian inflection recall: {score:.3f} over {len(BG_INFLECTION_PAIRS)} pairs")  # noqa: T201
    assert len(BG_INFLECTION_PAIRS) >= 30
    assert score >= MIN_RECALL, misses


@pytest.mark.django_db
def test_latin_letters_find_bulgarian_text(corpus):
    score, misses = recall(corpus["bg"], BG_TRANSLITERATION_PAIRS)
    print(f"\nLatin-to-Cyrillic recall: {score:.3f} over {len(BG_TRANSLITERATION_PAIRS)} pairs")  # noqa: T201
    assert score >= MIN_RECALL, misses


@pytest.mark.django_db
@pytest.mark.parametrize("triplet", RO_DIACRITIC_TRIPLETS, ids=lambda triplet: triplet[2])
def test_romanian_spellings_have_identical_top_ten(corpus, triplet):
    tops = [
        [doc.pk for doc in Search(corpus["ro"], spelling).results()[:10]] for spelling in triplet
    ]
    assert tops[0], triplet
    assert tops[0] == tops[1] == tops[2]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_no_results_from_another_language(corpus, language):
    locale = corpus[language]
    for query in OTHER_LANGUAGE_QUERIES[language]:
        found = Search(locale, query).results()
        assert not found.exclude(locale=locale).exists()
        assert not found.exists(), query  # the words exist only in the other languages
