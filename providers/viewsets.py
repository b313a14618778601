from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from home.viewsets import TranslatableSnippetViewSet, listing_language
from providers.models import District, Provider, ServiceType, TargetGroup


class ProviderFilterSet(WagtailFilterSet):
    """The provider listing's filters, offering the terms of the language listed.

    The service type and target group filters select providers by id, so that a search
    (run by the search backend, which filters only on FilterFields) can be filtered too.
    """

    class Meta:
        model = Provider
        fields = ["country", "district", "service_types", "target_groups", "network_member"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = listing_language(self.request) if self.request is not None else ""
        for name in ("district", "service_types", "target_groups"):
            terms = self.filters[name]
            terms.queryset = terms.queryset.model.objects.all()
            if language:
                terms.queryset = terms.queryset.filter(locale__language_code=language)
        for name in ("service_types", "target_groups"):
            self.filters[name].method = self.filter_by_term

    def filter_by_term(self, queryset, name, terms):
        if not terms:
            return queryset
        relation = Provider._meta.get_field(name)
        through = relation.remote_field.through
        providers = through.objects.filter(
            **{f"{relation.m2m_reverse_field_name()}__in": terms}
        ).values_list(relation.m2m_field_name(), flat=True)
        return queryset.filter(pk__in=list(providers))


class ProviderViewSet(TranslatableSnippetViewSet):
    model = Provider
    icon = "site"
    menu_label = _("Providers")
    list_display = ["name", "settlement", "district", "country", "network_member", "locale"]
    filterset_class = ProviderFilterSet  # Wagtail adds its language filter (?locale=)
    # No search_fields: Provider is indexed, and the search backend searches its indexed
    # fields (the SQLite backend cannot restrict a search to named fields).
    list_per_page = 50
    ordering = ["name"]


class DistrictViewSet(TranslatableSnippetViewSet):
    model = District
    icon = "globe"
    menu_label = _("Districts")
    list_display = ["name", "code", "country", "in_programme_area", "locale"]
    list_filter = ["country", "in_programme_area", "locale"]
    search_fields = ["name", "code"]


class ServiceTypeViewSet(TranslatableSnippetViewSet):
    model = ServiceType
    icon = "tag"
    menu_label = _("Service types")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "slug"]


class TargetGroupViewSet(TranslatableSnippetViewSet):
    model = TargetGroup
    icon = "group"
    menu_label = _("Target groups")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "slug"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (ProviderViewSet, DistrictViewSet, ServiceTypeViewSet, TargetGroupViewSet)
    menu_icon = "site"
    menu_label = _("Provider directory")
    menu_name = "provider-directory"
    menu_order = 170
