"""Translators work on snippets of their own language only."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail_localize.models import StringSegment, Translation

from home.roles import EDITORS, TRANSLATOR_GROUPS
from providers.models import ServiceType

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(client, django_user_model):
    user = django_user_model.objects.create_user("ioana", password="long-enough-password")
    user.groups.add(Group.objects.get(name=TRANSLATOR_GROUPS["ro"]))
    client.force_login(user)
    return user


def edit_url(instance):
    return reverse(instance.snippet_viewset.get_url_name("edit"), args=[instance.pk])


def test_translator_opens_a_snippet_translation_in_their_language(client, translator, partners):
    response = client.get(edit_url(partners["ro"]))
    assert response.status_code == 200
    assert b"header-meta--locales" in response.content  # wagtail-localize's translation editor


@pytest.mark.parametrize("language", ["en", "bg"])
def test_translator_cannot_open_another_languages_snippet(client, translator, partners, language):
    response = client.get(edit_url(partners[language]))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url == "/admin/"


def put_segment(client, instance, value):
    """Save one segment of ``instance``'s translation through wagtail-localize's API."""
    translation = Translation.objects.get(
        source__object_id=instance.translation_key, target_locale=instance.locale
    )
    segment = StringSegment.objects.filter(source=translation.source).first()
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = client.put(url, f"value={value}", content_type="application/x-www-form-urlencoded")
    return response, translation


def test_translator_cannot_change_an_english_translation_through_the_localize_api(
    client, translator, partners
):
    refused, translation = put_segment(client, partners["en"], "Hijacked")
    assert refused.status_code == 403
    assert not translation.source.stringsegment_set.filter(
        string__translations__data="Hijacked"
    ).exists()
    accepted, _translation = put_segment(client, partners["ro"], "Partener")
    assert accepted.status_code in (200, 201)


def test_snippet_listing_shows_only_the_translators_language(client, translator):
    listing = reverse(ServiceType.snippet_viewset.get_url_name("list"))
    html = client.get(listing, {"locale": ""}).content.decode()
    romanian = ServiceType.objects.filter(locale__language_code="ro").first()
    english = ServiceType.objects.filter(locale__language_code="en").first()
    assert romanian.name in html
    assert edit_url(english) not in html


def test_editors_keep_every_language(client, django_user_model, partners):
    editor = django_user_model.objects.create_user("elena", password="long-enough-password")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    for language in ("bg", "ro", "en"):
        assert client.get(edit_url(partners[language])).status_code == 200
