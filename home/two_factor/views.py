"""The screens of two-step verification: set up, verify, recovery codes and the overview."""

from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import DEVICE_ID_SESSION_KEY, verify_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from home.two_factor import policy
from home.two_factor.forms import AppCodeForm, CodeForm

NEW_CODES_SESSION_KEY = "two_factor_new_codes"
PENDING_SESSION_KEY = "two_factor_pending_device"


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _wait_message(device):
    """Why a code cannot be tried now, or None: wrong codes make the next try wait."""
    allowed, details = device.verify_is_allowed()
    if allowed or not details or not details.get("locked_until"):
        return None
    seconds = max(1, int((details["locked_until"] - timezone.now()).total_seconds()) + 1)
    return ngettext(
        "Too many wrong codes. Wait %(seconds)d second before the next try.",
        "Too many wrong codes. Wait %(seconds)d seconds before the next try.",
        seconds,
    ) % {"seconds": seconds}


def _wrong_code_message(device, hint):
    """After a wrong code: say so, and say how long the next try must wait once it matters."""
    device.refresh_from_db()
    if device.throttling_failure_count >= 3:
        return f"{hint} {_wait_message(device) or ''}".strip()
    return hint


def _new_recovery_codes(user):
    """Replaces the user's recovery codes with fresh ones and returns them (shown once)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="Recovery codes", defaults={"confirmed": True}
    )
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    tokens = [StaticToken.random_token() for _n in range(policy.RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=t) for t in tokens)
    return [policy.format_code(token) for token in tokens]


@never_cache
@login_required
def verify(request):
    """The second step after the password: a code from the app, or a recovery code."""
    user = request.user
    app = policy.authenticator(user)
    if app is None:
        return redirect(_next_url(request))
    if user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        typed = "".join(form.cleaned_data["code"].split())
        recovery = policy.recovery_device(user)
        if typed.isdigit():
            device, token = app, typed
        else:
            device, token = recovery, policy.normalise_code(typed)
        error = _wait_message(device) if device else None
        if device and error is None:
            if verify_token(user, device.persistent_id, token):
                otp_login(request, device)
                if device == recovery:
                    left = device.token_set.count()
                    messages.warning(
                        request,
                        ngettext(
                            "You signed in with a recovery code. %(count)d code is left: "
                            "make new ones under Account → Two-step verification.",
                            "You signed in with a recovery code. %(count)d codes are left: "
                            "make new ones under Account → Two-step verification.",
                            left,
                        )
                        % {"count": left},
                    )
                return redirect(_next_url(request))
            error = _wrong_code_message(device, _("That code is not right. Try the newest one."))
        elif device is None:
            error = _("That code is not right. Try the newest one.")
    return render(
        request,
        "two_factor/verify.html",
        {"form": form, "error": error, "next": _next_url(request)},
    )


def _pending_device(request):
    """The authenticator being set up: kept unconfirmed until its first code matches."""
    device = None
    pending_id = request.session.get(PENDING_SESSION_KEY)
    if pending_id:
        device = TOTPDevice.objects.filter(
            pk=pending_id, user=request.user, confirmed=False
        ).first()
    if device is None:
        TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
        device = TOTPDevice.objects.create(
            user=request.user, name="Authenticator app", confirmed=False
        )
        request.session[PENDING_SESSION_KEY] = device.pk
    return device


@never_cache
@login_required
def setup(request):
    """Connects an authenticator app: scan, type its first code, get recovery codes."""
    user = request.user
    if policy.has_two_factor(user) and not user.is_verified():
        # Whoever knows only the password must not add an app of their own.
        return redirect(f"{reverse('two_factor_verify')}?next={reverse('two_factor_setup')}")
    device = _pending_device(request)
    form = AppCodeForm(request.POST or None)
    waiting = _wait_message(device) if request.method == "POST" else None
    if waiting:
        form.is_valid()
        form.add_error("code", waiting)
    elif request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = None
                recovery = policy.recovery_device(user)
                if recovery is None or not recovery.token_set.exists():
                    codes = _new_recovery_codes(user)
            request.session.pop(PENDING_SESSION_KEY, None)
            otp_login(request, device)
            messages.success(request, _("Two-step verification is on."))
            if codes:
                request.session[NEW_CODES_SESSION_KEY] = codes
                return redirect(f"{reverse('two_factor_recovery_codes')}?next={_next_url(request)}")
            return redirect(_next_url(request))
        form.add_error(
            "code",
            _wrong_code_message(
                device, _("That code is not right. Check the phone's clock and try the newest one.")
            ),
        )
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "two_factor/setup.html",
        {
            "form": form,
            "qr_code": segno.make(device.config_url, error="m").svg_inline(
                scale=5, dark="#000", light="#fff", title=_("QR code for the authenticator app")
            ),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": policy.is_required(user),
            "next": _next_url(request),
        },
    )


@never_cache
@login_required
def recovery_codes(request):
    """New recovery codes: made on POST (verified sessions only), shown once on GET."""
    user = request.user
    if request.method == "POST":
        if not (policy.has_two_factor(user) and user.is_verified()):
            return redirect("two_factor_manage")
        request.session[NEW_CODES_SESSION_KEY] = _new_recovery_codes(user)
        messages.success(request, _("New recovery codes are ready; the old ones no longer work."))
        return redirect("two_factor_recovery_codes")
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("two_factor_manage")
    return render(
        request, "two_factor/recovery_codes.html", {"codes": codes, "next": _next_url(request)}
    )


@never_cache
@login_required
def manage(request):
    """Account → Two-step verification: what is set up, and what can be changed."""
    user = request.user
    app = policy.authenticator(user)
    recovery = policy.recovery_device(user)
    return render(
        request,
        "two_factor/manage.html",
        {
            "app": app,
            "codes_left": recovery.token_set.count() if recovery else 0,
            "required": policy.is_required(user),
            "verified": user.is_verified(),
        },
    )


@require_POST
@login_required
def turn_off(request):
    user = request.user
    if policy.is_required(user):
        messages.error(request, _("Your role requires two-step verification; it stays on."))
    elif policy.has_two_factor(user) and user.is_verified():
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user).delete()
            StaticDevice.objects.filter(user=user).delete()
        request.session.pop(DEVICE_ID_SESSION_KEY, None)
        messages.success(request, _("Two-step verification is off."))
    return redirect("two_factor_manage")
