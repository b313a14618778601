from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationQueueConfig(AppConfig):
    name = "home.translation"
    label = "translation_queue"
    verbose_name = _("Translation queue")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.translation import permissions, review, signals

        signals.connect()
        review.connect()
        permissions.register_policies()
