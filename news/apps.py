from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News and events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.signals import invalidate_on_change
        from news.models import NewsCategory

        invalidate_on_change(NewsCategory)
