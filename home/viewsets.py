from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import FundingNotice, Partner


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "role", "country", "locale"]
    list_filter = ["locale", "country"]
    search_fields = ["name", "city"]


class FundingNoticeViewSet(SnippetViewSet):
    model = FundingNotice
    icon = "info-circle"
    menu_label = _("Funding notice")
    list_display = ["project_code", "programme", "locale"]
    list_filter = ["locale"]
