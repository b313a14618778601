import unicodedata

from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.utils import normalise_query_string

from home.caching import cached_per_language
from home.contributions import sections
from home.pagination import paginate
from search import external
from search.engine import Search
from search.excerpts import excerpt, highlight
from search.external import ExternalSearch
from search.models import KINDS

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def clean_query(value):
    """The visitor's words without control characters or broken escapes, length-capped."""
    kept = (
        char
        for char in value[: MAX_QUERY_LENGTH * 4]
        if unicodedata.category(char) not in ("Cc", "Cs", "Co", "Cn") or char in "\t\n"
    )
    return " ".join("".join(kept).split())[:MAX_QUERY_LENGTH]


def promoted_queries(request):
    """The query strings editors have picks for, kept with the chrome until something
    changes (search.signals): most searches have none, and then cost no query."""
    return cached_per_language(
        request,
        "promoted-queries",
        lambda: frozenset(SearchPromotion.objects.values_list("query__query_string", flat=True)),
    )


def promotions(request, query, locale):
    """Editors' picks for this exact query (Wagtail's search promotions), in this language."""
    normalised = normalise_query_string(query)
    if not normalised or normalised not in promoted_queries(request):
        return []
    return list(
        SearchPromotion.objects.filter(query__query_string=normalised)
        .filter(Q(page__isnull=True) | Q(page__locale=locale, page__live=True))
        .select_related("page")
        .order_by("sort_order")
    )


def suggestions(locale):
    types = Q()
    # The sections' top-level pages (library, news, providers, publications).
    for section in sections().values():
        if section.suggested:
            types |= Q(content_type__app_label=section.name, content_type__model=section.page)
    return Page.objects.live().public().filter(types, locale=locale).order_by("path")


def search(request):
    """Site search in the visitor's language only, with counts per kind and excerpts."""
    # Kept with the site's content: one query less on every search.
    locale = cached_per_language(request, "locale", Locale.get_active)
    language = locale.language_code
    query = clean_query(request.GET.get("q", ""))
    kind = request.GET.get("type", "")
    notices = []
    if kind and kind not in KINDS:
        notices.append(_("There is no such type of content; showing every type."))
        kind = ""
    found = (ExternalSearch if external.is_configured() else Search)(locale, query)
    counts = found.counts()
    total = sum(counts.values())
    page_obj = paginate(
        found.results(kind or None),
        request,
        RESULTS_PER_PAGE,
        count=counts.get(kind, 0) if kind else total,
    )
    results = [
        {
            "document": document,
            "kind": KINDS[document.kind],
            "title": highlight(document.title, found.terms, language),
            "excerpt": excerpt(document.text, found.terms, language),
        }
        for document in page_obj.object_list
    ]
    context = {
        "search_query": query,
        "searched": bool(query),
        "no_words": bool(query) and not found.terms,
        "kind": kind,
        "kinds": [(key, label, counts.get(key, 0)) for key, label in KINDS.items()],
        "total": total,
        "results": results,
        "page_obj": page_obj,
        "paginator": page_obj.paginator,
        "notices": notices,
        "promotions": promotions(request, query, locale) if query and page_obj.number == 1 else [],
    }
    if query and not results:
        context["suggestions"] = suggestions(locale)
    return render(request, "search/search.html", context)
