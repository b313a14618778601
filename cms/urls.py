from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as document_views

from cms import views
from cms.sitemaps import I18nSitemap
from providers import views as provider_views
from publications import views as publication_views
from search import views as search_views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    # Placed before Wagtail's own document URLs: the same form, with the lock-out rule.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        views.password_attempts_limited(document_views.authenticate_with_password),
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": I18nSitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("visits/", include("home.visits.urls")),  # the visit counter's beacon
    path(
        "downloads/<int:edition_id>/<str:filename>",
        publication_views.download,
        name="publication_download",
    ),
]

if settings.SERVE_IMAGES and not settings.MEDIA_BUCKET:
    from django.views.static import serve

    # Only images: uploaded documents are never served straight from the media folder.
    urlpatterns.append(
        re_path(
            r"^media/(?P<path>(?:images|original_images)/.+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("account/", include("allauth.urls")),
    path("providers/data.geojson", provider_views.geojson, name="providers_geojson"),
    path("providers/data.csv", provider_views.csv_export, name="providers_csv"),
    path("providers/data.xlsx", provider_views.xlsx_export, name="providers_xlsx"),
    path("providers/hsds.zip", provider_views.hsds_export, name="providers_hsds"),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        views.password_attempts_limited(wagtail_views.authenticate_with_password),
        name="wagtailcore_authenticate_with_password",
    ),
    # Wagtail still reverses its own login's name; there is one sign-in form (allauth's).
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailcore_login",
    ),
    re_path(r"^((?:[\w\-]+/)*)$", views.serve, name="wagtail_serve"),
    prefix_default_language=True,
)

handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"
