"""Two people editing the same page: the later save never silently drops the earlier one."""

import html
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail import blocks
from wagtail.models import RevisionMixin
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html
from wagtail.users.models import UserProfile

from home.admin_forms import RevisionConflictMixin
from home.roles import EDITORS
from news.models import NewsCategory

pytestmark = pytest.mark.django_db

CONFLICT = "saved a newer version of this page at"


def block_form_data(block, value):
    """A block value as the admin's edit form posts it (nested, for nested_form_data)."""
    if isinstance(block, blocks.StreamBlock):
        data = {
            str(index): {
                "type": child.block_type,
                "value": block_form_data(child.block, child.value),
                "deleted": "",
                "order": str(index),
                "id": child.id or "",
            }
            for index, child in enumerate(value)
        }
        data["count"] = str(len(value))
        return data
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_form_data(child, value.get(name))
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        children = value.bound_blocks
        data = {
            str(index): {
                "value": block_form_data(block.child_block, child.value),
                "deleted": "",
                "order": str(index),
                "id": child.id or "",
            }
            for index, child in enumerate(children)
        }
        data["count"] = str(len(children))
        return data
    if isinstance(block, blocks.ChooserBlock):
        return value.pk if value else ""
    formatted = block.field.widget.format_value(block.value_for_form(value))
    if isinstance(formatted, list):  # a select
        formatted = formatted[0] if formatted else ""
    return "" if formatted is None else formatted


@pytest.fixture
def editor(django_user_model):
    def make(username, first_name, last_name):
        user = django_user_model.objects.create_user(
            username, password="long-enough-password", first_name=first_name, last_name=last_name
        )
        user.groups.add(Group.objects.get(name=EDITORS))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"  # the messages below are the admin's English ones
        profile.save()
        browser = Client(HTTP_HOST="localhost")
        browser.force_login(user)
        return user, browser

    return make


@pytest.fixture
def page(demo_page):
    """The demo's Bulgarian accessibility page: a body of several kinds of blocks."""
    return demo_page("accessibility")["bg"]


def open_editor(browser, page):
    """The edit form as the browser would post it, with the revision it was opened on."""
    response = browser.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return form_data(response, page)


def form_data(response, page):
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    body = nested_form_data({"body": block_form_data(page.body.stream_block, page.body)})
    data.update(body)
    assert data["loaded_revision_id"]
    assert data["loaded_revision_created_at"]
    return data


def save(browser, page, data, **changes):
    data = data.copy()
    for name, value in changes.items():
        data[name.replace("_", "-")] = value
    return browser.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def autosave(browser, page, data, **changes):
    """What Wagtail's autosave sends: the same form, asking for JSON."""
    data = data.copy()
    data.update(changes)
    return browser.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), data, HTTP_ACCEPT="application/json"
    )


def normalized(body):
    """A body's content as the rich text editor writes it back: no paragraph keys, no
    spaces between tags."""
    content = [(child.block_type, child.block.get_prep_value(child.value)) for child in body]
    return re.sub(r' data-block-key="[^"]*"|(?<=>)\s+(?=<)', "", str(content))


def latest(page):
    page.refresh_from_db()
    return page.get_latest_revision_as_object()


def test_the_later_save_is_refused_and_keeps_what_was_typed(editor, page):
    maria, maria_browser = editor("maria", "Maria", "Ivanova")
    petar, petar_browser = editor("petar", "Petar", "Petrov")
    original_lead = page.lead
    original_body = normalized(page.body)
    maria_form = open_editor(maria_browser, page)
    petar_form = open_editor(petar_browser, page)

    response = save(maria_browser, page, maria_form, title="Заглавие от Мария")
    assert response.status_code == 302
    assert latest(page).title == "Заглавие от Мария"

    response = save(petar_browser, page, petar_form, lead="Уводът на Петър")
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert re.search(rf"Maria Ivanova {CONFLICT} \d", content)
    assert "Уводът на Петър" in content  # his change is still in the form
    # ...and autosave waits: it would replace Maria's version before he decides.
    assert "home/pause-autosave.js" in content
    fresh = petar_browser.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert "home/pause-autosave.js" not in fresh.content.decode()
    assert latest(page).title == "Заглавие от Мария"
    assert latest(page).lead == original_lead
    assert page.get_latest_revision().user == maria

    # The form shown again carries the newest revision: saving it once more goes through.
    again = form_data(response, page)
    assert again["loaded_revision_id"] == str(page.latest_revision_id)
    assert again["lead"].strip() == "Уводът на Петър"
    response = save(petar_browser, page, again)
    assert response.status_code == 302
    assert latest(page).lead == "Уводът на Петър"
    assert page.get_latest_revision().user == petar
    assert normalized(latest(page).body) == original_body


def test_submitting_for_moderation_from_an_old_version_is_refused(editor, page):
    _maria, maria_browser = editor("maria", "Maria", "Ivanova")
    _petar, petar_browser = editor("petar", "Petar", "Petrov")
    maria_form = open_editor(maria_browser, page)
    petar_form = open_editor(petar_browser, page)
    assert save(maria_browser, page, maria_form, title="Заглавие от Мария").status_code == 302

    response = save(petar_browser, page, petar_form, lead="Уводът на Петър", action_submit="1")
    assert response.status_code == 200
    assert f"Maria Ivanova {CONFLICT}" in html.unescape(response.content.decode())
    page.refresh_from_db()
    assert page.current_workflow_state is None

    again = form_data(response, page)
    assert save(petar_browser, page, again, action_submit="1").status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state is not None
    assert latest(page).lead == "Уводът на Петър"
    # Saving again replaces her version with what he typed, as the message said.
    assert latest(page).title == page.title


def test_saving_after_ones_own_autosave_is_not_refused(editor, page):
    _maria, maria_browser = editor("maria", "Maria", "Ivanova")
    maria_form = open_editor(maria_browser, page)
    response = autosave(maria_browser, page, maria_form, title="Черновата")
    assert response.json()["success"], response.json()
    assert latest(page).title == "Черновата"

    # The form in the browser still names the revision it was opened on.
    response = save(maria_browser, page, maria_form, title="Окончателно")
    assert response.status_code == 302
    assert latest(page).title == "Окончателно"


def test_someone_elses_autosave_counts_too(editor, page):
    _maria, maria_browser = editor("maria", "Maria", "Ivanova")
    _petar, petar_browser = editor("petar", "Petar", "Petrov")
    maria_form = open_editor(maria_browser, page)
    petar_form = open_editor(petar_browser, page)
    response = autosave(maria_browser, page, maria_form, title="Черновата на Мария")
    assert response.json()["success"], response.json()

    response = save(petar_browser, page, petar_form, lead="Уводът на Петър")
    assert response.status_code == 200
    assert f"Maria Ivanova {CONFLICT}" in html.unescape(response.content.decode())
    assert latest(page).title == "Черновата на Мария"


def test_a_save_from_the_latest_version_goes_through(editor, page):
    _maria, maria_browser = editor("maria", "Maria", "Ivanova")
    maria_form = open_editor(maria_browser, page)
    assert save(maria_browser, page, maria_form, title="Първо").status_code == 302
    maria_form = open_editor(maria_browser, page)
    assert save(maria_browser, page, maria_form, title="Второ").status_code == 302
    assert latest(page).title == "Второ"


def test_every_snippet_with_revisions_checks_for_a_newer_version():
    for model in get_snippet_models():
        if issubclass(model, RevisionMixin):
            form_class = model.snippet_viewset.get_form_class()
            assert issubclass(form_class, RevisionConflictMixin), model


def test_a_snippet_saved_from_an_old_version_is_refused(editor):
    maria, maria_browser = editor("maria", "Maria", "Ivanova")
    _petar, petar_browser = editor("petar", "Petar", "Petrov")
    category = NewsCategory.objects.get(locale__language_code="bg", slug="events")
    category.save_revision(user=maria)
    url = reverse(category.snippet_viewset.get_url_name("edit"), args=[category.pk])

    def open_snippet(browser):
        response = browser.get(url)
        assert response.status_code == 200
        data = querydict_from_html(response.content.decode(), form_id="w-editor-form")
        assert data["loaded_revision_id"]
        return data

    maria_form = open_snippet(maria_browser)
    petar_form = open_snippet(petar_browser)
    maria_form["name"] = "Събития (Мария)"
    assert maria_browser.post(url, maria_form).status_code == 302

    petar_form["name"] = "Събития (Петър)"
    response = petar_browser.post(url, petar_form)
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert "Maria Ivanova saved a newer version of this item at" in content
    assert "Събития (Петър)" in content
    category.refresh_from_db()
    assert category.get_latest_revision_as_object().name == "Събития (Мария)"

    again = querydict_from_html(response.content.decode(), form_id="w-editor-form")
    assert again["loaded_revision_id"] == str(category.latest_revision_id)
    assert again["name"] == "Събития (Петър)"
    assert petar_browser.post(url, again).status_code == 302
    category.refresh_from_db()
    assert category.get_latest_revision_as_object().name == "Събития (Петър)"
