from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from publications.access import check_document
from publications.admin_views import downloads_report


@hooks.register("register_admin_urls")
def register_downloads_report_url():
    return [path("reports/downloads/", downloads_report, name="publication_downloads")]


@hooks.register("register_reports_menu_item")
def register_downloads_report_menu_item():
    return MenuItem(
        _("Publication downloads"),
        reverse("publication_downloads"),
        icon_name="download",
        order=700,
    )


# Files follow their page: a document used only by pages this visitor may not see.
hooks.register("before_serve_document", check_document)
