"""Elasticsearch / OpenSearch: the same search with the engine's own language analyzers.

With ``SEARCH_URL`` set, Wagtail's search backend points at the cluster and the search
documents are indexed there (search_fields below) instead of in the database's
full-text index. Wagtail's backend gives a model one analyzer per field, not per
language, so every language has its own fields — ``title_bg``/``text_bg`` with a
Bulgarian analyzer, ``*_ro`` with a Romanian one that first maps the cedilla letters
ş ţ to ș ț and folds diacritics, ``*_en`` with English stemming — and a language's
page searches only its fields. Latin-letter queries on the Bulgarian site are also
searched in Cyrillic (search.analysis reverses the official transliteration).
"""

from django.conf import settings
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from search.analysis import analyze_query, cyrillic_spelling
from search.cluster import ANALYZERS, TITLE_BOOST


def is_configured():
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return "elasticsearch" in backend or "opensearch" in backend


def search_fields():
    fields = [index.FilterField("locale_id"), index.FilterField("kind")]
    for language, analyzer in ANALYZERS.items():
        fields += [
            index.SearchField(
                f"title_{language}", boost=TITLE_BOOST, es_extra={"analyzer": analyzer}
            ),
            index.SearchField(f"text_{language}", es_extra={"analyzer": analyzer}),
        ]
    return fields


def query_text(text, language):
    """On the Bulgarian site a query with Latin letters is read as transliterated Bulgarian."""
    if language == "bg" and any("a" <= char <= "z" for char in text.lower()):
        return cyrillic_spelling(text)
    return text


class ExternalSearch:
    """The same interface as search.engine.Search, answered by the cluster."""

    def __init__(self, locale, text):
        from search.models import SearchDocument

        self.language = locale.language_code
        self.terms = analyze_query(text, self.language)  # for highlighting
        self.text = query_text(text, self.language)
        self.documents = SearchDocument.objects.filter(locale=locale)
        self.backend = get_search_backend()

    def _search(self, documents):
        return self.backend.search(
            self.text,
            documents,
            fields=[f"title_{self.language}", f"text_{self.language}"],
            operator="and",
        )

    def counts(self):
        if not self.terms:
            return {}
        return dict(self._search(self.documents).facet("kind"))

    def results(self, kind=None):
        if not self.terms:
            return self.documents.none()
        documents = self.documents.filter(kind=kind) if kind else self.documents
        return self._search(documents)
