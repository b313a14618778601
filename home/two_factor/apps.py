from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwoFactorConfig(AppConfig):
    name = "home.two_factor"
    label = "two_factor"
    verbose_name = _("Two-step verification")
