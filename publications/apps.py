from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from home.contributions import Section


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = _("Publications")
    default_auto_field = "django.db.models.BigAutoField"
    # What the app adds to the shared parts of the site (home.contributions).
    section = Section("publicationindexpage", _("Publications"))
    translated_pages = ["publicationindexpage", "publicationpage"]
    search_kinds = {"publicationpage": "publication"}
    demo = (50, "publications.demo.build")
