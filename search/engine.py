"""Full-text matching over the search documents of one language.

The query goes through the same analysis as the documents (search.analysis), so only
safe terms of ``[0-9a-zа-я]`` reach SQL, always as parameters. Every term must match
(AND). PostgreSQL ranks with ts_rank over the weighted generated tsvector; SQLite
with FTS5's bm25 (title terms weigh five times the body terms).
"""

from django.db import connection
from django.db.models import BooleanField, Count, F, FloatField, Q
from django.db.models.expressions import RawSQL

from search.analysis import analyze_query
from search.models import SearchDocument

FTS = "search_searchdocument_fts"


def _postgres(documents, terms):
    query = " & ".join(terms)
    matches = RawSQL(
        "search_vector @@ to_tsquery('simple', %s)", (query,), output_field=BooleanField()
    )
    rank = RawSQL(
        "ts_rank(search_vector, to_tsquery('simple', %s))", (query,), output_field=FloatField()
    )
    return documents.filter(matches), rank.desc()


def _sqlite(documents, terms):
    # The table name is a constant and the terms are parameters of [0-9a-zа-я] only.
    query = " ".join(f'"{term}"' for term in terms)
    ids = RawSQL(f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s", (query,))  # noqa: S608, S611
    rank = RawSQL(  # noqa: S611
        f"(SELECT bm25({FTS}, 5.0, 1.0) FROM {FTS} "  # noqa: S608
        f"WHERE {FTS} MATCH %s AND rowid = search_searchdocument.id)",
        (query,),
        output_field=FloatField(),
    )
    return documents.filter(id__in=ids), rank.asc()


def _portable(documents, terms):
    """Any other database: whole-term matching with a regular expression, newest first."""
    condition = Q()
    for term in terms:
        whole = rf"(^| ){term}( |$)"
        condition &= Q(title_terms__regex=whole) | Q(body_terms__regex=whole)
    return documents.filter(condition), F("date").desc(nulls_last=True)


ENGINES = {"postgresql": _postgres, "sqlite": _sqlite}


class Search:
    """The documents of ``locale`` matching ``text``, with counts per kind."""

    def __init__(self, locale, text):
        self.terms = analyze_query(text, locale.language_code)
        documents = SearchDocument.objects.filter(locale=locale)
        if self.terms:
            engine = ENGINES.get(connection.vendor, _portable)
            self.matching, self.order = engine(documents, self.terms)
        else:
            self.matching, self.order = documents.none(), None

    def counts(self):
        """{kind: number of matches}, one query."""
        if not self.terms:
            return {}
        rows = self.matching.order_by().values_list("kind").annotate(n=Count("id"))
        return dict(rows)

    def results(self, kind=None):
        documents = self.matching
        if kind:
            documents = documents.filter(kind=kind)
        if self.order is None:
            return documents
        return documents.order_by(self.order, F("date").desc(nulls_last=True), "pk").only(
            "kind", "title", "url", "summary", "text", "date", "locale_id"
        )
