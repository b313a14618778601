import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.roles import EDITORS, MODERATORS
from news.models import NewsCategory, NewsIndexPage, NewsPage
from tests.news.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_user(django_user_model):
    def make(username, group_name):
        user = django_user_model.objects.create_user(username, password="long-enough-password")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


def test_editor_creates_and_submits_news_and_a_moderator_publishes(client, make_user):
    index = NewsIndexPage.objects.get(locale__language_code="bg")
    category = NewsCategory.objects.get(locale__language_code="bg", slug="events")
    client.force_login(make_user("elena", EDITORS))
    data = nested_form_data(
        {
            "title": "Форум в Русе",
            "slug": "forum-v-ruse",
            "date": "2026-11-20",
            "category": category.pk,
            "lead": "Тематичен форум за услугите за деца.",
            "body": streamfield([("rich_text", rich_text("<p>Двудневна среща.</p>"))]),
            "gallery": streamfield([]),
            "related_pages": streamfield([]),
            "tags": "Ruse",
            "event_start": "2026-12-03 10:00",
            "event_place": "Русе",
            "action-submit": "Submit",
        }
    )
    add = reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])
    response = client.post(add, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = NewsPage.objects.get(slug="forum-v-ruse")
    assert not page.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert client.get("/bg/novini/forum-v-ruse/").status_code == 404

    client.force_login(make_user("marin", MODERATORS))
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.current_task_state.pk]
    )
    client.post(approve, {"comment": ""})
    page.refresh_from_db()
    assert page.live
    assert "Тематичен форум за услугите за деца." in client.get(page.url).content.decode()


def test_admin_news_listing_filters_by_category_and_locale(client, admin_user):
    for language, title in (("bg", "Форум в Русе"), ("ro", "Forum la Ruse")):
        NewsPageFactory(
            parent=NewsIndexPage.objects.get(locale__language_code=language), title=title
        )
    client.force_login(admin_user)
    url = reverse("news_items:index")
    response = client.get(url, {"locale": "ro"})
    assert response.status_code == 200
    html = response.content.decode()
    ro_titles = NewsPage.objects.filter(locale__language_code="ro").values_list("title", flat=True)
    bg_titles = NewsPage.objects.filter(locale__language_code="bg").values_list("title", flat=True)
    assert any(title in html for title in ro_titles)
    assert not any(title in html for title in bg_titles)
    category = NewsCategory.objects.get(locale__language_code="ro", slug="events")
    assert client.get(url, {"category": category.pk, "ordering": "-date"}).status_code == 200
