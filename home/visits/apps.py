from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home.visits"
    label = "visits"
    verbose_name = _("Visits")
    demo = (70, "home.visits.demo.build")  # page paths of every tree, community included
