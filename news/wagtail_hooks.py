from wagtail import hooks
from wagtail.snippets.models import register_snippet

from news.viewsets import NewsCategoryViewSet, NewsPageListingViewSet

register_snippet(NewsCategoryViewSet)


@hooks.register("register_admin_viewset")
def register_news_listing():
    return NewsPageListingViewSet()
