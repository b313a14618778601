"""Keeps a signed-in but unverified session out of the admin screens.

Runs after django-otp's OTPMiddleware, which tells whether this session has passed the
second step (``request.user.is_verified()``). A user with an authenticator app is sent
to the code screen; a user who must use one and has none, to its set-up.
"""

from functools import cached_property

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from home.two_factor import policy


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def protected_prefixes(self):
        return tuple(settings.TWO_FACTOR_PROTECTED_PREFIXES)

    @cached_property
    def open_paths(self):
        """Screens an unverified session may reach, whichever it is sent to."""
        return {
            reverse(name)
            for name in (
                "wagtailadmin_logout",
                "wagtailadmin_login",
                "wagtailadmin_javascript_catalog",
                "wagtailadmin_sprite",
            )
        }

    def __call__(self, request):
        return self.refusal(request) or self.get_response(request)

    def refusal(self, request):
        if not request.path_info.startswith(self.protected_prefixes):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if request.path_info in self.open_paths:
            return None
        verify, setup = reverse("two_factor_verify"), reverse("two_factor_setup")
        if policy.has_two_factor(user):
            target = verify
        elif policy.is_required(user):
            target = setup
        else:
            return None
        if request.path_info == target:
            return None
        next_url = request.get_full_path() if request.method == "GET" else ""
        if next_url in ("", reverse("wagtailadmin_home"), verify, setup):
            return redirect(target)
        return redirect(f"{target}?{urlencode({'next': next_url})}")
