from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from home.viewsets import TranslatableSnippetViewSet
from providers.models import District, Provider, ServiceType, TargetGroup


class ProviderViewSet(TranslatableSnippetViewSet):
    model = Provider
    icon = "site"
    menu_label = _("Providers")
    list_display = ["name", "settlement", "district", "country", "network_member", "locale"]
    list_filter = [
        "country",
        "district",
        "service_types",
        "target_groups",
        "network_member",
        "locale",
    ]
    search_fields = ["name", "alternate_name", "settlement", "municipality"]
    list_per_page = 50
    ordering = ["name"]


class DistrictViewSet(TranslatableSnippetViewSet):
    model = District
    icon = "globe"
    menu_label = _("Districts")
    list_display = ["name", "code", "country", "in_programme_area", "locale"]
    list_filter = ["country", "in_programme_area", "locale"]


class ServiceTypeViewSet(TranslatableSnippetViewSet):
    model = ServiceType
    icon = "tag"
    menu_label = _("Service types")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]


class TargetGroupViewSet(TranslatableSnippetViewSet):
    model = TargetGroup
    icon = "group"
    menu_label = _("Target groups")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (ProviderViewSet, DistrictViewSet, ServiceTypeViewSet, TargetGroupViewSet)
    menu_icon = "site"
    menu_label = _("Provider directory")
    menu_name = "provider-directory"
    menu_order = 170
