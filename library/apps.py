from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Policy library")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.signals import invalidate_on_change
        from library.models import Topic

        invalidate_on_change(Topic)
