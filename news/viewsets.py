from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.pages import PageListingViewSet

from home.viewsets import TranslatableSnippetViewSet
from news.models import NewsCategory, NewsPage


class NewsPageListingViewSet(PageListingViewSet):
    """All news items of every language in one sortable, filterable admin listing."""

    model = NewsPage
    icon = "doc-full-inverse"
    menu_label = _("News")
    menu_order = 150
    add_to_admin_menu = True
    name = "news_items"
    list_display = [
        "title",
        "date",
        "category",
        "locale",
        "status_string",
        "latest_revision_created_at",
    ]
    list_filter = ["category", "date", "live"]  # Wagtail adds its own locale filter
    ordering = ["-date"]


class NewsCategoryViewSet(TranslatableSnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("News categories")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]
