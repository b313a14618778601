from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from home.contributions import Section


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Policy library")
    default_auto_field = "django.db.models.BigAutoField"
    # What the app adds to the shared parts of the site (home.contributions).
    section = Section("libraryindexpage", _("Library"))
    translated_pages = ["libraryindexpage", "legislationpage", "practicepage", "statutepage"]
    translatable_snippets = ["topic"]
    search_kinds = {
        "legislationpage": "legislation",
        "statutepage": "legislation",
        "practicepage": "practice",
    }
    demo = (40, "library.demo.build")  # after providers: the statute links members

    def ready(self):
        from home.signals import invalidate_on_change
        from library.models import Topic

        invalidate_on_change(Topic)
