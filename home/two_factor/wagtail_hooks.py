from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from home.two_factor import views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", views.manage, name="two_factor_manage"),
        path("two-factor/verify/", views.verify, name="two_factor_verify"),
        path("two-factor/setup/", views.setup, name="two_factor_setup"),
        path("two-factor/recovery-codes/", views.recovery_codes, name="two_factor_recovery_codes"),
        path("two-factor/turn-off/", views.turn_off, name="two_factor_turn_off"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two_factor_manage"),
        "label": _("Two-step verification"),
        "help_text": _("An authenticator app and recovery codes, asked for after the password."),
    }
