"""One way to page a list: the requested page, the first for a nonsense or lost number."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Window

#: ``count=IN_ROWS``: count the items in the rows' own query (a window over the matches).
IN_ROWS = "in-rows"
MAX_PAGE = 100_000


def paginate(items, request, per_page, parameter="page", count=None):
    """The requested page of ``items``; nonsense or out-of-range numbers give the first page.

    ``count`` saves the paginator's COUNT query: the number of items when the caller
    knows it, a function that gives it (called once, e.g. from a cache), or ``IN_ROWS``
    for a queryset whose COUNT costs as much as its rows (one query instead of two).
    """
    if count == IN_ROWS:
        return _paginate_in_rows(items, request, per_page, parameter)
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count() if callable(count) else count  # the cached property
    try:
        return paginator.page(request.GET.get(parameter, 1))
    except (PageNotAnInteger, EmptyPage):
        return paginator.page(1)


def _paginate_in_rows(items, request, per_page, parameter):
    try:
        number = int(request.GET.get(parameter, 1))
    except (TypeError, ValueError):
        number = 1
    if not 1 <= number <= MAX_PAGE:  # beyond any list, and beyond what SQL's OFFSET takes
        number = 1
    counted = items.annotate(listed=Window(Count("pk")))
    rows = list(counted[(number - 1) * per_page : number * per_page])
    if not rows and number > 1:
        number, rows = 1, list(counted[:per_page])
    paginator = Paginator(rows, per_page)
    paginator.count = rows[0].listed if rows else 0
    page_obj = paginator.page(number)
    page_obj.object_list = rows
    return page_obj
