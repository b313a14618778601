import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import WorkflowState

from home.roles import EDITORS, MODERATORS, TRANSLATOR_GROUPS
from tests.conftest import page_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_user(django_user_model):
    def make(username, group_name):
        user = django_user_model.objects.create_user(username, password="long-enough-password")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_romanian_translator_edits_only_the_romanian_tree(client, make_user, about):
    client.force_login(make_user("ioana", TRANSLATOR_GROUPS["ro"]))
    romanian, bulgarian = page_in("ro", "despre-proiect"), page_in("bg", "za-proekta")

    assert client.get(edit_url(romanian)).status_code == 200
    refused = client.get(edit_url(bulgarian))
    assert refused.status_code == 302
    assert refused.url == reverse("wagtailadmin_home")

    post = client.post(edit_url(bulgarian), {"title": "Пробив", "slug": "za-proekta"})
    assert post.status_code == 302
    bulgarian.refresh_from_db()
    assert bulgarian.title != "Пробив"


def test_translator_cannot_publish(client, make_user, about):
    user = make_user("ivan", TRANSLATOR_GROUPS["en"])
    page = page_in("en", "about")
    permissions = page.permissions_for_user(user)
    assert permissions.can_edit() and not permissions.can_publish()


def test_editor_submission_waits_for_a_moderator(client, make_user, about):
    page = page_in("bg", "za-proekta")
    editor, moderator = make_user("elena", EDITORS), make_user("marin", MODERATORS)

    client.force_login(editor)
    data = {
        "title": "За проекта (ново)",
        "slug": "za-proekta",
        "lead": page.lead,
        "body-count": "0",
        "action-submit": "Submit",
    }
    response = client.post(edit_url(page), data)
    assert response.status_code == 302
    client.get(response.url)  # the editor lands in the admin and reads its confirmation
    page.refresh_from_db()
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.title == "За проекта"  # the live page is unchanged while it waits
    assert client.get("/bg/za-proekta/").content.decode().count("За проекта (ново)") == 0
    assert not page.permissions_for_user(editor).can_publish()

    client.force_login(moderator)
    task_state = state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    response = client.post(approve, {"comment": ""})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.title == "За проекта (ново)" and page.live


def test_editors_manage_partners_and_translators_only_translate_them(client, make_user):
    partners = reverse("wagtailsnippets_home_partner:list")
    client.force_login(make_user("eva", EDITORS))
    assert client.get(partners).status_code == 200
    assert client.get(reverse("wagtailsnippets_home_partner:add")).status_code == 200
    client.force_login(make_user("radu", TRANSLATOR_GROUPS["ro"]))
    assert client.get(partners).status_code == 200  # their own language's partners
    assert client.get(reverse("wagtailsnippets_home_partner:add")).status_code == 302
