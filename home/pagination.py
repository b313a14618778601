from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


def paginate(items, request, per_page, parameter="page"):
    """The requested page of ``items``; nonsense or out-of-range numbers give the first page."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get(parameter, 1))
    except (PageNotAnInteger, EmptyPage):
        return paginator.page(1)
