from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvidersConfig(AppConfig):
    name = "providers"
    verbose_name = _("Social service providers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.signals import invalidate_on_change
        from providers import signals
        from providers.models import District, Provider, ServiceType, TargetGroup

        invalidate_on_change(District, ServiceType, TargetGroup, Provider)
        signals.connect()
