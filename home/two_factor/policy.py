"""Who must use two-step verification, and what a user has set up."""

from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from home.roles import MODERATORS

RECOVERY_CODES = 10


def is_required(user):
    """Publishers and administrators must verify, where the deployment enforces it.

    Production enforces it (settings.TWO_FACTOR_REQUIRED); everyone else may opt in.
    """
    if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or user.groups.filter(name=MODERATORS).exists()
        or user.has_perm("auth.change_user")
    )


def authenticator(user):
    """The user's confirmed authenticator app, or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_device(user):
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def has_two_factor(user):
    return user.is_authenticated and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def format_code(token):
    """A recovery code as shown: two groups of four, easier to copy by hand."""
    return f"{token[:4]}-{token[4:]}"


def normalise_code(text):
    """What the user typed, as stored: spaces, dashes and case do not matter."""
    return "".join(text.split()).replace("-", "").lower()
