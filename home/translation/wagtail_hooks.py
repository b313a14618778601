from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
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
        path("uploads/<int:pk>/", views.upload_job_view, name="upload_job"),
    ],
    "translation_queue",
)


@hooks.register("register_admin_urls")
def register_queue_urls():
    return [path("translations/", include(urls))]


@hooks.register("register_admin_urls", order=-100)
def narrow_submit_translation_urls():
    """Placed before wagtail-localize's own patterns for the same addresses, so every
    link to "Translate" (page menus, snippet listings, the queue) opens the form that
    offers only the user's languages."""
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            views.SubmitPageTranslationView.as_view(),
            name="translation_submit_page",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            views.SubmitSnippetTranslationView.as_view(),
            name="translation_submit_snippet",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return MenuItem(
        _("Translation queue"), reverse("translation_queue:queue"), icon_name="globe", order=180
    )


@hooks.register("insert_editor_js")
def translation_editor_js():
    return format_html(
        '<script src="{}" data-ready-url="{}" data-ready-label="{}" data-ready-hint="{}"></script>',
        static("translation/editor.js"),
        reverse("translation_queue:ready", args=[0]),
        _("Mark ready for review"),
        _("When every text is translated, the moderators publish it after their review."),
    )


@hooks.register("construct_homepage_panels")
def add_translation_panel(request, panels):
    panels.append(TranslationProgressPanel(request))


@hooks.register("before_edit_snippet", order=-10)
def refuse_other_languages(request, instance):
    """Runs before wagtail-localize swaps in its editor for a translation."""
    check_snippet(request.user, instance)
