from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Site search")
    default_auto_field = "django.db.models.BigAutoField"
    demo = (80, "search.documents.build_demo")  # last: it indexes everything the others made

    def ready(self):
        from search import external, signals
        from search.models import SearchDocument

        signals.connect()
        if external.is_configured():
            SearchDocument.search_fields = external.search_fields()
