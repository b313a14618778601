"""Members' accounts: applying, verifying, signing in and out, passwords, in three languages."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from community.models import CommunityPage, Member
from providers.models import District
from tests.community.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-long-password-77"  # noqa: S105 (a test account)
SITE_NAME = {
    "bg": "Регионална мрежа за социална кохезия",
    "ro": "Rețea Regională pentru Coeziune Socială",
    "en": "Regional Network for Social Cohesion",
}


def client_in(language, address="203.0.113.7"):
    return Client(HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE=language, REMOTE_ADDR=address)


def district(language, code="BG311"):
    return District.objects.get(locale__language_code=language, code=code)


def application(language="ro", **changes):
    data = {
        "email": "ioana@example.org",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "full_name": "Ioana Popescu",
        "organisation": "DGASPC Giurgiu",
        "country": "BG",
        "district": str(district(language).pk),
        "role": Member.Role.SOCIAL_WORKER,
        "languages": ["ro", "en"],
        "bio": "Lucrez cu familii din zona Dunării.",
        "profile_public": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_an_application_in_romanian_makes_a_pending_member_and_a_romanian_email(client):
    client = client_in("ro")
    response = client.post("/ro/account/signup/", application())
    assert response.status_code == 302
    assert response.url == "/ro/account/confirm-email/"

    member = Member.objects.select_related("user", "district").get(user__email="ioana@example.org")
    assert member.status == Member.Status.PENDING and not member.is_active_member
    assert member.full_name == "Ioana Popescu" and member.organisation == "DGASPC Giurgiu"
    assert member.language == "ro" and member.languages == ["ro", "en"]
    assert member.country == "BG" and member.district.code == "BG311"
    assert member.district.locale.language_code == "bg"  # profiles point at the source row
    assert member.profile_public is False
    user = member.user
    assert not user.is_staff and not user.is_superuser and not user.groups.exists()
    assert not EmailAddress.objects.get(user=user).verified

    [message] = mail.outbox
    assert message.to == ["ioana@example.org"]
    assert message.subject.startswith(f"[{SITE_NAME['ro']}]")
    assert SITE_NAME["ro"] in message.body
    link = link_in(message)
    assert link.startswith("http://localhost/ro/account/confirm-email/")

    page = client.get(response.url).content.decode()
    assert '<html lang="ro"' in page and 'class="site-header"' in page


def test_following_the_link_verifies_and_the_member_signs_in_by_email():
    for page in CommunityPage.objects.all():  # the demo's: this is a site without one
        page.delete()
    client = client_in("ro")
    client.post("/ro/account/signup/", application())
    confirm = path_of(link_in(mail.outbox[0]))
    assert client.get(confirm).status_code == 200  # a button to confirm (no change on GET)
    response = client.post(confirm)
    assert response.status_code == 302 and response.url == "/ro/account/login/"
    assert EmailAddress.objects.get(email="ioana@example.org").verified

    response = client.post(
        "/ro/account/login/", {"login": "Ioana@Example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/ro/"  # no community page yet: the home page of the language
    assert client.session["_auth_user_id"]


def test_an_unverified_applicant_cannot_sign_in_yet():
    client = client_in("en")
    client.post("/en/account/signup/", application("en"))
    mail.outbox.clear()
    response = client.post(
        "/en/account/login/", {"login": "ioana@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302 and response.url == "/en/account/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert mail.outbox == []  # the link is not sent again within three minutes


def test_sign_in_leads_to_my_profile_on_the_community_page(make_member, community_pages):
    make_member("maria@example.org")
    client = client_in("en")
    response = client.post(
        "/en/account/login/", {"login": "maria@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/en/community/my-profile/"


def test_a_member_never_gets_into_the_admin(make_member):
    member = make_member("maria@example.org")
    client = client_in("bg")
    client.post("/bg/account/login/", {"login": "maria@example.org", "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(member.user.pk)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url.startswith("/admin/login/")
    assert client.get("/django-admin/").status_code in (302, 403)
    member.user.refresh_from_db()
    assert not member.user.is_staff and not member.user.is_superuser


def test_a_filled_honeypot_makes_no_account(client):
    response = client_in("bg").post(
        "/bg/account/signup/", application("bg", website="http://spam.example")
    )
    assert response.status_code == 302  # a robot is told nothing
    assert not Member.objects.filter(user__email="ioana@example.org").exists()
    assert not EmailAddress.objects.filter(email="ioana@example.org").exists()
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people_and_screen_readers():
    page = client_in("bg").get("/bg/account/signup/").content.decode()
    hidden = re.search(r"<div hidden>(.*?)</div>", page, re.S).group(1)
    assert 'name="website"' in hidden and 'tabindex="-1"' in hidden
    assert 'name="website"' not in page.replace(hidden, "")
    assert "style=" not in page  # the site's CSP refuses inline styles


def test_a_district_of_the_other_country_is_refused_with_a_message():
    romanian_district = District.objects.filter(locale__language_code="en", country="RO").first()
    response = client_in("en").post(
        "/en/account/signup/", application("en", district=str(romanian_district.pk))
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "This district is in the other country." in page
    assert 'value="Ioana Popescu"' in page  # nothing typed is lost
    assert not Member.objects.filter(user__email="ioana@example.org").exists()


def test_the_profile_choices_speak_the_active_language():
    page = client_in("ro").get("/ro/account/signup/").content.decode()
    assert f'value="{district("ro").pk}"' in page
    assert f'value="{district("bg").pk}"' not in page
    assert 'type="checkbox" name="profile_public"' in page
    assert 'name="profile_public" checked' not in page


def test_too_many_applications_get_the_wait_page_in_the_site_chrome():
    client = client_in("en", address="198.51.100.20")
    before = EmailAddress.objects.count()
    for number in range(20):  # a workshop's room behind one address
        client.post("/en/account/signup/", application("en", email=f"a{number}@example.org"))
    assert EmailAddress.objects.count() == before + 20
    response = client.post("/en/account/signup/", application("en", email="late@example.org"))
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many attempts" in page and "wait a few minutes" in page
    assert 'class="site-header"' in page
    assert not EmailAddress.objects.filter(email="late@example.org").exists()


def test_five_wrong_passwords_lock_the_account_from_that_address(make_member):
    make_member("maria@example.org")
    client = client_in("ro")
    for _ in range(4):
        response = client.post(
            "/ro/account/login/", {"login": "maria@example.org", "password": "wrong-password"}
        )
        assert response.status_code == 200
    response = client.post(
        "/ro/account/login/", {"login": "MARIA@example.org", "password": "wrong-password"}
    )
    assert response.status_code == 429
    refused = client.post(
        "/ro/account/login/", {"login": "maria@example.org", "password": PASSWORD}
    )
    assert refused.status_code == 429
    assert "Autentificarea este suspendată" in refused.content.decode()
    assert "_auth_user_id" not in client.session

    # The pause is for that account from that address: another member there signs in.
    make_member("ana@example.org")
    response = client_in("ro").post(
        "/ro/account/login/", {"login": "ana@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302

    elsewhere = client_in("ro", address="198.51.100.9")
    response = elsewhere.post(
        "/ro/account/login/", {"login": "maria@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_a_successful_sign_in_clears_the_count_of_wrong_passwords(make_member):
    make_member("maria@example.org")
    client = client_in("bg")

    def sign_in(password):
        return client.post(
            "/bg/account/login/", {"login": "maria@example.org", "password": password}
        )

    for _ in range(4):
        sign_in("wrong-password")
    assert sign_in(PASSWORD).status_code == 302
    client.post("/bg/account/logout/")
    for _ in range(4):
        assert sign_in("wrong-password").status_code == 200
    assert sign_in(PASSWORD).status_code == 302


def test_the_password_reset_email_speaks_the_members_language(make_member):
    make_member("maria@example.org", language="ro")
    client = client_in("en")
    response = client.post("/en/account/password/reset/", {"email": "maria@example.org"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject.startswith(f"[{SITE_NAME['ro']}]")
    assert SITE_NAME["ro"] in message.body

    reset = client.get(path_of(link_in(message)), follow=True)
    assert reset.status_code == 200
    response = client.post(
        reset.redirect_chain[-1][0],
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    client = client_in("en")
    response = client.post(
        "/en/account/login/", {"login": "maria@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302


def test_changing_the_password_keeps_this_session(make_member):
    member = make_member("maria@example.org")
    client = client_in("bg")
    client.force_login(member.user)
    response = client.post(
        "/bg/account/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    member.user.refresh_from_db()
    assert member.user.check_password(NEW_PASSWORD)
    assert client.get("/bg/account/email/").status_code == 200


def test_a_new_email_address_is_used_only_once_verified(make_member):
    member = make_member("maria@example.org", language="ro")
    client = client_in("bg")
    client.force_login(member.user)
    response = client.post(
        "/bg/account/email/", {"action_add": "", "email": "maria.petrova@example.org"}
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["maria.petrova@example.org"]
    assert "/ro/account/confirm-email/" in link_in(message)  # the member's language
    member.user.refresh_from_db()
    assert member.user.email == "maria@example.org"
    client.post(path_of(link_in(message)))
    member.user.refresh_from_db()
    assert member.user.email == "maria.petrova@example.org"


def test_sign_out_is_a_form_in_the_header(make_member):
    member = make_member("maria@example.org")
    client = client_in("bg")
    client.force_login(member.user)
    page = client.get("/bg/").content.decode()
    assert "Мария Петрова" in page
    assert re.search(r'<form method="post" action="/bg/account/logout/">', page)
    response = client.post("/bg/account/logout/")
    assert response.status_code == 302 and response.url == "/bg/"
    assert "_auth_user_id" not in client.session
    assert 'href="/bg/account/login/"' in client.get("/bg/").content.decode()


ANONYMOUS_PAGES = ["login/", "signup/", "password/reset/", "confirm-email/", "password/reset/done/"]
MEMBER_PAGES = ["email/", "password/change/", "logout/"]


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
@pytest.mark.parametrize("route", ANONYMOUS_PAGES + MEMBER_PAGES)
def test_each_account_page_is_in_the_site_chrome(make_member, language, route):
    client = client_in(language)
    if route in MEMBER_PAGES:
        client.force_login(make_member("maria@example.org").user)
    response = client.get(f"/{language}/account/{route}")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{language}"' in page
    assert 'class="site-header"' in page and "<h1>" in page
    assert 'class="account-page"' in page
    assert SITE_NAME[language] in page
