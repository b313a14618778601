from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


def paginate(items, request, per_page, parameter="page", count=None):
    """The requested page of ``items``; nonsense or out-of-range numbers give the first page.

    ``count``, when the caller already knows it, saves the paginator's COUNT query.
    """
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # overrides the cached property
    try:
        return paginator.page(request.GET.get(parameter, 1))
    except (PageNotAnInteger, EmptyPage):
        return paginator.page(1)
