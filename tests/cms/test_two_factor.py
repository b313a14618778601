"""Two-step verification: moderators and administrators need a code from their phone."""

import re
import time
from base64 import b32decode
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from home.roles import EDITORS, MODERATORS

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-staff-password-2026"  # noqa: S105 (a test account)


@pytest.fixture(autouse=True)
def _no_waiting(settings):
    """Wrong codes make the next try wait; only the throttling test keeps the pauses."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def make_user(django_user_model, username, group=None, **extra):
    user = django_user_model.objects.create_user(username, password=PASSWORD, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def sign_in(username):
    client = Client(HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/admin/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def code(secret, steps_ahead=0):
    totp = TOTP(b32decode(secret), step=30, t0=0, digits=6)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def set_up_app(client):
    """Walks the set-up screen as a person does; returns the key and the recovery codes."""
    page = client.get("/admin/two-factor/setup/").content.decode()
    assert "<svg" in page  # the QR code, drawn on the server
    secret = re.search(r'class="two-factor__secret">([A-Z2-7 ]+)<', page).group(1)
    secret = secret.replace(" ", "")
    wrong = client.post("/admin/two-factor/setup/", {"code": "000000"})
    assert "That code is not right" in wrong.content.decode()
    done = client.post("/admin/two-factor/setup/", {"code": code(secret)})
    assert done.status_code == 302 and "/admin/two-factor/recovery-codes/" in done["Location"]
    shown = client.get(done["Location"]).content.decode()
    codes = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", shown)
    assert len(codes) == 10
    assert client.get(done["Location"]).status_code == 302  # shown once only
    return secret, codes


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_a_moderator_must_set_up_the_app_and_then_verify_each_sign_in(django_user_model):
    make_user(django_user_model, "moderator", MODERATORS)
    client = sign_in("moderator")
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/two-factor/setup/?next=%2Fadmin%2Fpages%2F"
    secret, codes = set_up_app(client)
    assert client.get("/admin/pages/").status_code == 200

    # The next sign-in: password, then the code.
    later = sign_in("moderator")
    assert later.get("/admin/pages/")["Location"] == (
        "/admin/two-factor/verify/?next=%2Fadmin%2Fpages%2F"
    )
    assert later.get("/admin/").status_code == 302  # every admin screen waits for it
    replayed = later.post("/admin/two-factor/verify/", {"code": code(secret)})
    assert "That code is not right" in replayed.content.decode()  # a used code is spent
    response = later.post(
        "/admin/two-factor/verify/", {"code": code(secret, 1), "next": "/admin/pages/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert later.get("/admin/pages/").status_code == 200

    # A recovery code works once, typed in any case, with or without its dash.
    phoneless = sign_in("moderator")
    response = phoneless.post("/admin/two-factor/verify/", {"code": codes[0].upper()})
    assert response.status_code == 302
    assert "9 codes are left" in phoneless.get("/admin/").content.decode()
    again = sign_in("moderator")
    reused = again.post("/admin/two-factor/verify/", {"code": codes[0].replace("-", "")})
    assert "That code is not right" in reused.content.decode()
    assert again.get("/admin/").status_code == 302


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_administrators_are_required_but_editors_may_choose(django_user_model):
    make_user(django_user_model, "admin2", is_superuser=True)
    make_user(django_user_model, "editor", EDITORS)
    assert sign_in("admin2").get("/admin/")["Location"] == "/admin/two-factor/setup/"
    editor = sign_in("editor")
    assert editor.get("/admin/").status_code == 200
    overview = editor.get("/admin/two-factor/").content.decode()
    assert "Set up two-step verification" in overview

    set_up_app(editor)
    assert "Turn off two-step verification" in editor.get("/admin/two-factor/").content.decode()
    assert sign_in("editor").get("/admin/").status_code == 302  # now asked for the code
    editor.post("/admin/two-factor/turn-off/")
    assert "Set up two-step verification" in editor.get("/admin/two-factor/").content.decode()
    assert sign_in("editor").get("/admin/").status_code == 200


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_a_required_user_cannot_turn_it_off(django_user_model):
    make_user(django_user_model, "moderator", MODERATORS)
    client = sign_in("moderator")
    set_up_app(client)
    response = client.post("/admin/two-factor/turn-off/", follow=True)
    assert "requires two-step verification" in response.content.decode()
    assert sign_in("moderator").get("/admin/").status_code == 302


def test_the_password_alone_cannot_add_another_app(django_user_model):
    make_user(django_user_model, "editor", EDITORS)
    owner = sign_in("editor")
    set_up_app(owner)
    thief = sign_in("editor")
    response = thief.get("/admin/two-factor/setup/")
    assert response.status_code == 302 and response["Location"].startswith(
        "/admin/two-factor/verify/"
    )
    assert thief.post("/admin/two-factor/recovery-codes/").status_code == 302
    assert thief.post("/admin/two-factor/turn-off/").status_code == 302
    assert sign_in("editor").get("/admin/").status_code == 302  # still on


def test_wrong_codes_are_throttled(django_user_model, settings):
    make_user(django_user_model, "editor", EDITORS)
    secret, _codes = set_up_app(sign_in("editor"))
    settings.OTP_TOTP_THROTTLE_FACTOR = 1  # the default: 1 s, 2 s, 4 s… after each failure
    guesser = sign_in("editor")
    first = guesser.post("/admin/two-factor/verify/", {"code": "111111"})
    assert "That code is not right" in first.content.decode()
    for guess, pause in (("222222", 1), ("333333", 2)):  # each after its pause: still wrong
        wait("editor", pause + 0.1)
        answer = guesser.post("/admin/two-factor/verify/", {"code": guess}).content.decode()
        assert "That code is not right" in answer
    response = guesser.post("/admin/two-factor/verify/", {"code": code(secret, 1)})
    assert "Too many wrong codes" in response.content.decode()  # even the right one waits
    assert guesser.get("/admin/").status_code == 302
    wait("editor", 4.1)  # the third pause over, the right code lets them in
    response = guesser.post("/admin/two-factor/verify/", {"code": code(secret, 1)})
    assert response.status_code == 302
    assert guesser.get("/admin/").status_code == 200


def wait(username, seconds):
    """As if the person waited ``seconds`` before trying again: the last failure that
    the throttle counts from moves back by that much."""
    device = TOTPDevice.objects.get(user__username=username)
    device.throttling_failure_timestamp -= timedelta(seconds=seconds)
    device.save(update_fields=["throttling_failure_timestamp"])


def test_without_enforcement_the_development_login_just_works(django_user_model):
    make_user(django_user_model, "admin2", is_superuser=True)
    assert sign_in("admin2").get("/admin/").status_code == 200


def test_verification_speaks_the_users_language(django_user_model):
    make_user(django_user_model, "editor", EDITORS)
    set_up_app(sign_in("editor"))
    client = sign_in("editor")
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(django_user_model.objects.get(username="editor"))
    profile.preferred_language = "bg"
    profile.save()
    assert "Двуетапна проверка" in client.get("/admin/two-factor/verify/").content.decode()


def test_an_operator_resets_a_lost_phone(django_user_model, capsys):
    make_user(django_user_model, "editor", EDITORS)
    set_up_app(sign_in("editor"))
    call_command("reset_two_factor", "editor")
    assert "was reset for editor" in capsys.readouterr().out
    assert sign_in("editor").get("/admin/").status_code == 200
