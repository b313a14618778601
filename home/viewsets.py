from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import FundingNotice, Partner
from home.translation.permissions import user_languages


class TranslatableSnippetViewSet(SnippetViewSet):
    """A translatable snippet's admin: translators list their own languages only."""

    def get_queryset(self, request):
        return self.model._default_manager.filter(
            locale__language_code__in=user_languages(request.user)
        )


class PartnerViewSet(TranslatableSnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "role", "country", "locale"]
    list_filter = ["locale", "country"]
    search_fields = ["name", "city"]


class FundingNoticeViewSet(TranslatableSnippetViewSet):
    model = FundingNotice
    icon = "info-circle"
    menu_label = _("Funding notice")
    list_display = ["project_code", "programme", "locale"]
    list_filter = ["locale"]
