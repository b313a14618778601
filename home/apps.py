from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"
    # What the app adds to the shared parts of the site (home.contributions).
    translated_pages = ["homepage", "standardpage"]
    translatable_snippets = ["partner", "fundingnotice"]
    demo = (10, "home.demo.build")

    def ready(self):
        from home import page_cache, purging, renditions, signals

        renditions.patch()
        signals.connect()
        page_cache.connect()
        purging.connect()
