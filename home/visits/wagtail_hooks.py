from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home.visits.admin_views import PERMISSION, visits_report


class VisitsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_visits_report_url():
    return [path("reports/visits/", visits_report, name="visits_report")]


@hooks.register("register_reports_menu_item")
def register_visits_report_menu_item():
    return VisitsReportMenuItem(
        _("Site visits"), reverse("visits_report"), icon_name="view", order=710
    )
