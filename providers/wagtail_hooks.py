from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from providers.admin_views import import_view, job_view
from providers.viewsets import DirectoryViewSetGroup

register_snippet(DirectoryViewSetGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("providers/import/", import_view, name="providers_import"),
        path("providers/import/jobs/<int:pk>/", job_view, name="providers_import_job"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("providers.add_provider")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import providers"), reverse("providers_import"), icon_name="upload", order=171
    )
