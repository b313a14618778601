"""Nobody guesses in: five wrong passwords pause that account from that address."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
PASSWORD = "the-right-password-2026"  # noqa: S105 (a test account)


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        "marin", password=PASSWORD, is_staff=True, is_superuser=True
    )


def attempt(client, url, password, address="203.0.113.7"):
    return client.post(url, {"username": "marin", "password": password}, REMOTE_ADDR=address)


@pytest.mark.parametrize(
    "url, language, message",
    [
        ("/admin/login/", "bg", "Влизането е спряно"),
    ],
)
def test_five_wrong_passwords_pause_that_account_from_that_address(staff, url, language, message):
    client = Client(HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE=language)
    for _ in range(4):
        assert attempt(client, url, "wrong-password").status_code == 200  # the form again
    locked = attempt(client, url, "wrong-password")
    assert locked.status_code == 429
    refused = attempt(client, url, PASSWORD)  # even the right password now
    assert refused.status_code == 429
    page = refused.content.decode()
    assert message in page and f'<html lang="{language}"' in page
    assert "_auth_user_id" not in client.session

    elsewhere = Client(HTTP_HOST="localhost")
    response = attempt(elsewhere, url, PASSWORD, address="198.51.100.9")
    assert response.status_code == 302  # the owner, from their own address, signs in


def test_a_success_clears_the_count(staff):
    client = Client(HTTP_HOST="localhost")
    for _ in range(4):
        attempt(client, "/admin/login/", "wrong-password")
    assert attempt(client, "/admin/login/", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "/admin/login/", "wrong-password").status_code == 200


def test_five_wrong_page_passwords_pause_that_address(homes):
    from wagtail.models import PageViewRestriction

    from tests.home.factories import StandardPageFactory

    page = StandardPageFactory(parent=homes["ro"], slug="contact")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="parola-buna-2026"
    )
    url = f"/ro/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    client = Client(HTTP_HOST="localhost")

    def guess(password, address="203.0.113.7"):
        data = {"password": password, "return_url": page.url}
        return client.post(url, data, REMOTE_ADDR=address)

    for _ in range(5):
        assert guess("greșită").status_code == 200  # the form again, with its error
    refused = guess("parola-buna-2026")
    assert refused.status_code == 429
    assert "prea multe parole greșite pentru această pagină" in refused.content.decode()
    assert guess("parola-buna-2026", address="198.51.100.9").status_code == 302


def test_a_forged_forwarded_address_does_not_reset_the_count(staff):
    """Directly on the internet, X-Forwarded-For is the guesser's own words: ignored."""
    client = Client(HTTP_HOST="localhost")
    for number in range(5):
        client.post(
            "/admin/login/",
            {"username": "marin", "password": "wrong-password"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )
    response = attempt(client, "/admin/login/", PASSWORD)
    assert response.status_code == 429


def test_behind_the_proxy_the_address_it_saw_counts(staff, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client(HTTP_HOST="localhost")
    for number in range(5):  # the guesser forges the left part; the proxy appends the truth
        client.post(
            "/admin/login/",
            {"username": "marin", "password": "wrong-password"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 203.0.113.7",
        )
    login = {"username": "marin", "password": PASSWORD}
    guesser = client.post(
        "/admin/login/", login, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert guesser.status_code == 429
    owner = Client(HTTP_HOST="localhost").post(
        "/admin/login/", login, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9"
    )
    assert owner.status_code == 302  # same proxy, another visitor: not locked out
