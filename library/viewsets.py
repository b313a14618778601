from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.pages import PageListingViewSet

from home.viewsets import TranslatableSnippetViewSet
from library.models import LegislationPage, Topic


class LegislationListingViewSet(PageListingViewSet):
    """Every act of every language, filterable by jurisdiction, type and status."""

    model = LegislationPage
    icon = "doc-full"
    menu_label = _("Legislation")
    menu_order = 160
    add_to_admin_menu = True
    name = "legislation"
    list_display = [
        "title",
        "jurisdiction",
        "act_type",
        "year",
        "status",
        "locale",
        "status_string",
    ]
    list_filter = ["jurisdiction", "act_type", "status", "year"]


class TopicViewSet(TranslatableSnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]
