from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home.translation import views
from home.translation.panels import TranslationProgressPanel
from home.translation.permissions import check_snippet

urls = (
    [
        path("", views.queue_view, name="queue"),
        path("<int:translation_id>/edit/", views.edit_view, name="edit"),
        path("<int:translation_id>/ready/", views.ready_for_review_view, name="ready"),
        path("export/", views.export_view, name="export"),
        path("upload/", views.upload_view, name="upload"),
    ],
    "translation_queue",
)


@hooks.register("register_admin_urls")
def register_queue_urls():
    return [path("translations/", include(urls))]


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return MenuItem(
        _("Translation queue"), reverse("translation_queue:queue"), icon_name="globe", order=180
    )


@hooks.register("construct_homepage_panels")
def add_translation_panel(request, panels):
    panels.append(TranslationProgressPanel(request))


@hooks.register("before_edit_snippet", order=-10)
def refuse_other_languages(request, instance):
    """Runs before wagtail-localize swaps in its editor for a translation."""
    check_snippet(request.user, instance)
