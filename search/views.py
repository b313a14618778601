from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from wagtail.models import Locale, Page

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
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    return render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "page_obj": page_obj,
            "paginator": paginator,
        },
    )
