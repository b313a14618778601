from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from home.contributions import Section


class ProvidersConfig(AppConfig):
    name = "providers"
    verbose_name = _("Social service providers")
    default_auto_field = "django.db.models.BigAutoField"
    # What the app adds to the shared parts of the site (home.contributions).
    section = Section("providermappage", _("Providers"))
    translated_pages = ["providermappage"]
    translatable_snippets = ["district", "servicetype", "targetgroup", "provider"]
    demo = (30, "providers.demo.build")

    def ready(self):
        from home.signals import invalidate_on_change
        from providers import signals
        from providers.models import District, Provider, ServiceType, TargetGroup

        invalidate_on_change(District, ServiceType, TargetGroup, Provider)
        signals.connect()
