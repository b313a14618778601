from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from home.contributions import Section


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News and events")
    default_auto_field = "django.db.models.BigAutoField"
    # What the app adds to the shared parts of the site (home.contributions).
    section = Section("newsindexpage", _("News"))
    translated_pages = ["newsindexpage", "newspage"]
    translatable_snippets = ["newscategory"]
    search_kinds = {"newspage": "news"}
    demo = (20, "news.demo.build")

    def ready(self):
        from home.signals import invalidate_on_change
        from news.models import NewsCategory

        invalidate_on_change(NewsCategory)
