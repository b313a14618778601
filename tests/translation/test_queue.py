import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from bench.management.commands.synthetic_providers import create_synthetic
from home.models import StandardPage
from home.roles import TRANSLATOR_GROUPS
from home.translation.models import ReviewRequest

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


def test_a_site_translated_in_full_has_nothing_waiting(admin):
    html = admin.get(URL, {"language": "ro"}).content.decode()
    assert "Nothing is waiting in this language." in html  # the queue opens on what waits
    states = {state for state, _title in rows(admin, language="ro", state="all")}
    assert states == {"up_to_date"}


def test_the_queue_opens_on_what_waits_most_urgent_first(admin, homes, contacts, partners):
    fresh = StandardPage(title="Съвсем нова страница", slug="savsem-nova")
    homes["bg"].add_child(instance=fresh)
    fresh.save_revision().publish()
    changed = contacts["bg"]
    changed.lead = "Променен текст."
    changed.save_revision().publish()
    partner = partners["bg"]
    begun = Translation.objects.get(
        source__object_id=partner.translation_key, target_locale__language_code="ro"
    )
    StringTranslation.objects.filter(
        locale__language_code="ro", context__object_id=partner.translation_key
    ).first().delete()
    waiting = Translation.objects.filter(target_locale__language_code="ro").exclude(pk=begun.pk)
    ready = waiting.filter(source__specific_content_type__model="newscategory").first()
    ReviewRequest.objects.create(translation=ready)

    found = rows(admin, language="ro")
    assert [state for state, _title in found] == [
        "ready_for_review",
        "out_of_date",
        "in_progress",
        "not_started",
    ]
    assert [title for _state, title in found][1:] == [changed.title, partner.name, fresh.title]
    html = admin.get(URL, {"language": "ro"}).content.decode()
    assert html.count(">Ready for review</button>") == 1  # offered on the item in progress only
    assert "Source: Български" in html


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
    missing = strings.first()
    missing_text = missing.translation_of.data
    missing.delete()
    html = admin.get(URL, {"language": "ro", "state": "in_progress"}).content.decode()
    assert title in html and re.search(r"\d+/\d+ \(\d+ %\)", html)
    confirm = admin.post(f"{URL}{translation.pk}/ready/", {"next": URL})
    assert confirm.status_code == 200  # below 100 %: asks first, and says what is missing
    page = confirm.content.decode()
    assert "Not translated yet" in page and missing_text[:40] in page
    assert state_of(admin, title) == "in_progress"
    admin.post(f"{URL}{translation.pk}/ready/", {"next": URL, "confirm": "incomplete"})
    assert state_of(admin, title) == "ready_for_review"


def test_up_to_date_items_cannot_be_marked_ready(admin):
    translation = Translation.objects.filter(target_locale__language_code="ro").first()
    response = admin.post(f"{URL}{translation.pk}/ready/", {"next": URL}, follow=True)
    assert "Only a translation in progress can be marked ready for review." in (
        response.content.decode()
    )
    assert not ReviewRequest.objects.filter(translation=translation).exists()


def test_the_source_language_is_labelled_as_the_source_on_the_dashboard(admin):
    html = admin.get("/admin/").content.decode()
    assert "Български</a>: source language, nothing to translate into it" in html
    assert "Română</a>: 100 % up to date" in html


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
    client, translator, contacts, django_user_model, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import StringTranslation

    from home.roles import MODERATORS

    page = contacts["bg"]
    page.lead = "Пишете ни отново."
    page.save_revision().publish()
    source, _changed = TranslationSource.update_or_create_from_instance(page)
    romanian = Locale.objects.get(language_code="ro")
    target = page.get_translation(romanian)
    segment = source.stringsegment_set.get(string__data="Пишете ни отново.")
    StringTranslation.objects.create(
        translation_of=segment.string,
        context=segment.context,
        locale=romanian,
        data="Scrieți-ne din nou.",
    )
    edit = f"/admin/pages/{target.pk}/edit/"

    client.force_login(translator)
    assert client.get(edit).status_code == 200  # the translator works in the editor
    refused = client.post(edit, {"action": "publish"})
    assert refused.status_code in (302, 403)
    assert "Scrieți-ne din nou." not in client.get(target.url).content.decode()

    moderator = django_user_model.objects.create_user("marin", password="long-enough-password")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, {"action": "publish"})
    assert "Scrieți-ne din nou." in client.get(target.url).content.decode()
