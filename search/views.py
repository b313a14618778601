from django.shortcuts import render
from wagtail.models import Locale, Page

from home.pagination import paginate

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search(request):
    """Site search in the visitor's language only."""
    query = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        results = (
            Page.objects.live().public().filter(locale=Locale.get_active()).specific().search(query)
        )
    page_obj = paginate(results, request, RESULTS_PER_PAGE)
    return render(
        request,
        "search/search.html",
        {"search_query": query, "page_obj": page_obj, "paginator": page_obj.paginator},
    )
