"""Ready for review goes to the moderators; publishing clears it; machine text is labelled."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from home.roles import MODERATORS, TRANSLATOR_GROUPS
from home.translation.models import ReviewRequest

pytestmark = pytest.mark.django_db
URL = "/admin/translations/"


@pytest.fixture
def people(django_user_model):
    translator = django_user_model.objects.create_user(
        "ioana", email="ioana@example.org", password="long-enough-password"
    )
    translator.groups.add(Group.objects.get(name=TRANSLATOR_GROUPS["ro"]))
    moderator = django_user_model.objects.create_user(
        "marin", email="marin@example.org", password="long-enough-password"
    )
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    return translator, moderator


def row_state(client, title):
    html = client.get(
        URL, {"language": "ro", "type": "home.standardpage", "state": "all"}
    ).content.decode()
    for state, found in re.findall(
        r'<tr class="queue-row queue-row--(\w+)">\s*<td><a href="[^"]*">([^<]+)</a>', html
    ):
        if found == title:
            return state
    return None


def test_ready_for_review_tells_the_moderators_and_publishing_clears_it(
    client, people, contacts, django_capture_on_commit_callbacks
):
    translator, moderator = people
    page = contacts["bg"]
    page.lead = "Пишете ни по всяко време."
    page.save_revision().publish()
    source, _changed = TranslationSource.update_or_create_from_instance(page)
    romanian = Locale.objects.get(language_code="ro")
    segment = source.stringsegment_set.get(string__data="Пишете ни по всяко време.")
    StringTranslation.objects.create(
        translation_of=segment.string,
        context=segment.context,
        locale=romanian,
        data="Scrieți-ne oricând.",
    )
    translation = Translation.objects.get(source=source, target_locale=romanian)
    target = page.get_translation(romanian)
    edit = f"/admin/pages/{target.pk}/edit/"

    client.force_login(translator)
    response = client.post(f"{URL}{translation.pk}/ready/", {"next": URL})
    assert response.status_code == 302 and response.url == URL
    assert row_state(client, page.title) == "ready_for_review"
    assert "Scrieți-ne oricând." not in client.get(target.url).content.decode()  # not live yet
    (message,) = [m for m in mail.outbox if "marin@example.org" in m.to]
    assert page.title in message.subject and edit in message.body
    assert "ioana@example.org" not in message.to  # translators are not moderators

    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, {"action": "publish"})
    assert "Scrieți-ne oricând." in client.get(target.url).content.decode()
    assert not ReviewRequest.objects.filter(translation=translation).exists()
    assert row_state(client, page.title) == "up_to_date"


def test_a_snippet_ready_for_review_is_mailed_to_moderators_and_cleared_on_publish(
    client, people, partners
):
    translator, _moderator = people
    romanian = partners["ro"]
    translation = Translation.objects.get(
        source__object_id=romanian.translation_key, target_locale=romanian.locale
    )
    StringTranslation.objects.filter(
        locale=romanian.locale, context__object_id=romanian.translation_key
    ).first().delete()  # in progress: one text waits for the translator
    client.force_login(translator)
    client.post(f"{URL}{translation.pk}/ready/", {"next": URL, "confirm": "incomplete"})
    assert ReviewRequest.objects.filter(translation=translation).exists()
    (message,) = [m for m in mail.outbox if "marin@example.org" in m.to]
    assert translation.source.object_repr in message.subject
    assert f"/admin/snippets/home/partner/edit/{romanian.pk}/" in message.body
    romanian.save_revision().publish()  # a moderator publishes the translation
    assert not ReviewRequest.objects.filter(translation=translation).exists()


def test_a_foreign_next_address_is_not_followed(client, people):
    translator, _moderator = people
    translation = Translation.objects.filter(target_locale__language_code="ro").first()
    client.force_login(translator)
    response = client.post(f"{URL}{translation.pk}/ready/", {"next": "https://evil.example/"})
    assert response.url == URL


def test_machine_translated_segments_are_labelled_until_a_person_saves_them(
    client, admin_user, contacts
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin_user)
    romanian = Locale.objects.get(language_code="ro")
    translation = Translation.objects.filter(
        target_locale=romanian, source__specific_content_type__model="standardpage"
    ).first()
    strings = StringTranslation.objects.filter(
        locale=romanian, context__object=translation.source.object
    ).order_by("pk")[:2]
    StringTranslation.objects.filter(pk__in=[s.pk for s in strings]).update(
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    )
    html = client.get(URL, {"language": "ro", "state": "all"}).content.decode()
    assert "2 machine-translated, not yet checked" in html

    first = StringTranslation.objects.get(pk=strings[0].pk)
    first.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL  # a person saved it
    first.save()
    html = client.get(URL, {"language": "ro", "state": "all"}).content.decode()
    assert "1 machine-translated, not yet checked" in html
