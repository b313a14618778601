"""Per-item PO files, machine pre-translation and Romanian sources, through the queue."""

import re

import polib
import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from home.models import StandardPage
from home.roles import TRANSLATOR_GROUPS

pytestmark = pytest.mark.django_db
URL = "/admin/translations/"
# Stands in for DeepL or LibreTranslate, which the environment configures in production.
DUMMY_TRANSLATOR = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}


@pytest.fixture
def translator(client, django_user_model):
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_user("ioana", password="long-enough-password")
    user.groups.add(Group.objects.get(name=TRANSLATOR_GROUPS["ro"]))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return user


def waiting_translation(page):
    page.lead = "Елате в офиса ни във Видин."
    page.save_revision().publish()
    source, _changed = TranslationSource.update_or_create_from_instance(page)
    return page, Translation.objects.get(source=source, target_locale__language_code="ro")


def row(client, title, language="ro"):
    html = client.get(
        URL, {"language": language, "type": "home.standardpage", "state": "all"}
    ).content.decode()
    for match in re.finditer(r'<tr class="queue-row queue-row--(\w+)">(.*?)</tr>', html, re.S):
        if f">{title}</a>" in match.group(2):
            return match.group(1), match.group(2)
    return None, ""


def test_po_round_trip_for_one_item_the_wagtail_localize_way(client, translator, contacts):
    page, translation = waiting_translation(contacts["bg"])
    assert row(client, page.title)[0] == "in_progress"
    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    for entry in po:
        if entry.msgid == "Елате в офиса ни във Видин.":
            entry.msgstr = "Veniți la biroul nostru din Vidin."
    upload = SimpleUploadedFile("contacte-ro.po", str(po).encode(), content_type="text/x-gettext")
    client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": upload, "next": URL},
    )
    assert StringTranslation.objects.filter(
        locale__language_code="ro", data="Veniți la biroul nostru din Vidin."
    ).exists()
    # Every text is translated; it stays in progress until a moderator publishes it.
    state, cells = row(client, page.title)
    assert state == "in_progress" and "(100 %)" in cells


def test_machine_pre_translation_is_labelled_in_the_queue(client, translator, contacts, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DUMMY_TRANSLATOR
    page, translation = waiting_translation(contacts["bg"])
    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": URL}
    )
    assert response.status_code == 302
    machine = StringTranslation.objects.filter(
        locale__language_code="ro", translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    )
    assert machine.exists()  # the dummy translator reversed the Bulgarian words
    state, cells = row(client, page.title)
    assert state == "in_progress" and "(100 %)" in cells
    assert re.search(r"\d+ machine-translated, not yet checked", cells)


def test_a_page_written_in_romanian_queues_for_bulgarian_and_english(admin_client, homes):
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username="admin"))
    profile.preferred_language = "en"
    profile.save()
    page = StandardPage(title="Rețeaua în județul Dolj", slug="reteaua-dolj")
    homes["ro"].add_child(instance=page)
    page.save_revision().publish()
    for language in ("bg", "en"):
        state, cells = row(admin_client, page.title, language)
        assert state == "not_started" and "Source: Română" in cells
    assert row(admin_client, page.title, "ro") == (None, "")

    source, _created = TranslationSource.get_or_create_from_instance(page)
    Translation.objects.create(source=source, target_locale=Locale.objects.get(language_code="bg"))
    state, cells = row(admin_client, page.title, "bg")
    assert state == "in_progress" and "Source: Română" in cells
