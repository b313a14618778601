import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from home.models import Partner, StandardPage
from home.roles import TRANSLATOR_GROUPS
from home.translation.models import ReviewRequest
from providers.management.commands.synthetic_providers import create_synthetic

pytestmark = pytest.mark.django_db
URL = "/admin/translations/"


@pytest.fixture
def translator(django_user_model):
    user = django_user_model.objects.create_user("ioana", password="long-enough-password")
    user.groups.add(Group.objects.get(name=TRANSLATOR_GROUPS["ro"]))
    return user


@pytest.fixture
def admin(client, admin_user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin_user)
    return client


def rows(client, **params):
    html = client.get(URL, params).content.decode()
    return re.findall(
        r'<tr class="queue-row queue-row--(\w+)">\s*<td><a href="[^"]*">([^<]+)</a>', html
    )


def state_of(client, title, language="ro"):
    for state in ("not_started", "in_progress", "out_of_date", "ready_for_review", "up_to_date"):
        if any(found == title for _s, found in rows(client, language=language, state=state)):
            return state
    return None


def test_demo_content_is_up_to_date(admin):
    states = {state for state, _title in rows(admin, language="ro")}
    assert states == {"up_to_date"}


def test_new_page_is_not_started(admin, homes):
    page = StandardPage(title="Нова страница", slug="nova-stranitsa")
    homes["bg"].add_child(instance=page)
    page.save_revision().publish()
    assert state_of(admin, "Нова страница") == "not_started"


def test_editing_a_source_page_makes_its_translation_out_of_date_until_synced(admin):
    page = StandardPage.objects.get(locale__language_code="bg", slug="kontakti")
    assert state_of(admin, page.title) == "up_to_date"
    page.lead = "Нов текст."
    page.save_revision().publish()
    assert state_of(admin, page.title) == "out_of_date"
    assert state_of(admin, page.title, "en") == "out_of_date"
    TranslationSource.update_or_create_from_instance(page)  # "Sync translated pages"
    # Synced: no longer out of date, and the new sentence now waits for the translator.
    assert state_of(admin, page.title) == "in_progress"


def test_editing_a_source_snippet_makes_its_translation_out_of_date(admin):
    partner = Partner.objects.get(locale__language_code="bg", sort_order=0)
    assert state_of(admin, partner.name) == "up_to_date"
    partner.description = "Нова информация."
    partner.save()
    assert state_of(admin, partner.name) == "out_of_date"
    TranslationSource.update_or_create_from_instance(partner)
    assert state_of(admin, partner.name) == "in_progress"


def test_progress_and_ready_for_review(admin):
    romanian = Locale.objects.get(language_code="ro")
    translation = (
        Translation.objects.filter(target_locale=romanian, source__object_repr="Contacte").first()
        or Translation.objects.filter(target_locale=romanian).first()
    )
    title = translation.source.object_repr
    strings = StringTranslation.objects.filter(
        locale=romanian, context__object=translation.source.object
    )
    strings.first().delete()
    html = admin.get(URL, {"language": "ro", "state": "in_progress"}).content.decode()
    assert title in html and re.search(r"\d+/\d+ \(\d+ %\)", html)
    admin.post(f"{URL}{translation.pk}/ready/", {"next": URL})
    assert state_of(admin, title) == "ready_for_review"


def test_translators_see_only_their_language(client, translator):
    client.force_login(translator)
    html = client.get(URL, {"language": "en"}).content.decode()
    languages = re.search(r'<select name="language">(.*?)</select>', html, re.S).group(1)
    assert languages == '<option value="ro" selected>Română</option>'
    english = Translation.objects.filter(target_locale__language_code="en").first()
    refused = client.post(f"{URL}{english.pk}/ready/")
    assert refused.status_code == 302 and refused.url == "/admin/"
    assert not ReviewRequest.objects.filter(translation=english).exists()
    assert client.get(f"{URL}{english.pk}/edit/").url == "/admin/"
    romanian = Translation.objects.filter(target_locale__language_code="ro").first()
    assert client.get(f"{URL}{romanian.pk}/edit/").status_code == 302


def count(client):
    client.get(URL, {"language": "ro"})
    with CaptureQueriesContext(connection) as context:
        response = client.get(URL, {"language": "ro"})
    assert response.status_code == 200
    return len(context)


def test_queue_queries_do_not_grow(admin):
    small = count(admin)
    create_synthetic(1000, Locale.objects.get(language_code="bg"))
    large = count(admin)
    html = admin.get(URL, {"language": "ro", "state": "not_started"}).content.decode()
    assert "Not started: <strong>1000</strong>" in html
    assert small <= 15 and large == small


def test_translator_cannot_publish_but_a_moderator_can(
    client, translator, django_user_model, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import StringTranslation

    from home.roles import MODERATORS

    page = StandardPage.objects.get(locale__language_code="bg", slug="kontakti")
    page.lead = "Пишете ни."
    page.save_revision().publish()
    source, _changed = TranslationSource.update_or_create_from_instance(page)
    romanian = Locale.objects.get(language_code="ro")
    target = page.get_translation(romanian)
    segment = source.stringsegment_set.get(string__data="Пишете ни.")
    StringTranslation.objects.create(
        translation_of=segment.string, context=segment.context, locale=romanian, data="Scrieți-ne."
    )
    edit = f"/admin/pages/{target.pk}/edit/"

    client.force_login(translator)
    assert client.get(edit).status_code == 200  # the translator works in the editor
    refused = client.post(edit, {"action": "publish"})
    assert refused.status_code in (302, 403)
    assert "Scrieți-ne." not in client.get(target.url).content.decode()

    moderator = django_user_model.objects.create_user("marin", password="long-enough-password")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, {"action": "publish"})
    assert "Scrieți-ne." in client.get(target.url).content.decode()
