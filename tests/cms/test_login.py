"""Refusals and logins lead somewhere real, in the visitor's language."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.shortcuts import resolve_url
from django.utils import translation
from wagtail.models import PageViewRestriction

from home.roles import TRANSLATOR_GROUPS
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_an_admin_refusal_says_so_instead_of_a_missing_login_page(client, django_user_model):
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_user("ioana", password="long-enough-password")
    user.groups.add(Group.objects.get(name=TRANSLATOR_GROUPS["ro"]))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    response = client.get("/admin/providers/import/")
    assert response.status_code == 302 and response.url == "/admin/"
    followed = client.get(response.url)
    assert "Sorry, you do not have permission to access this area." in followed.content.decode()


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_the_login_url_is_the_front_end_login_in_each_language(client, language):
    with translation.override(language):
        url = resolve_url(settings.LOGIN_URL)
    assert url == f"/{language}/account/login/"
    response = client.get(url)
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.content.decode()


def test_a_page_for_signed_in_visitors_leads_to_a_working_login(client, homes):
    page = StandardPageFactory(parent=homes["ro"], slug="contact")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302
    assert response.url.startswith("/ro/account/login/?next=")
    assert client.get(response.url).status_code == 200
