"""Routing keeps Wagtail's rule: a live page's own sub-routes (the news feeds, the library's
comparison and ELI addresses) come before its children, even a child slugged like one;
the page form refuses such a slug in the first place."""

import pytest
from django.urls import reverse

from home.caching import invalidate
from home.routing import owns_subpath, reserved_slugs
from library.models import LegislationPage, LibraryIndexPage, PracticePage
from news.models import NewsCategory, NewsIndexPage, NewsPage
from tests.home.test_slugs import _news_data
from tests.library.factories import LegislationPageFactory
from tests.news.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


def child_slugged(parent, model, slug):
    """A live child with this slug, as an import or a move could make it (no form)."""
    title = f"Child slugged {slug}"
    if model is NewsPage:
        return NewsPageFactory(parent=parent, slug=slug, title=title)
    page = PracticePage(title=title, slug=slug, organisation="Свободен младежки център")
    parent.add_child(instance=page)
    invalidate()
    return page


@pytest.mark.parametrize(
    ("route", "content_type"),
    [
        ("rss/", "application/rss+xml"),
        ("atom/", "application/atom+xml"),
        ("calendar/", "text/calendar"),
    ],
)
def test_a_news_item_slugged_like_a_feed_does_not_hide_the_feed(client, route, content_type):
    index = NewsIndexPage.objects.get(locale__language_code="bg")
    child = child_slugged(index, NewsPage, route.strip("/"))
    assert child.live and child.url == f"{index.url}{route}"
    response = client.get(f"{index.url}{route}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)  # the feed, not the child's page


def test_a_library_page_slugged_compare_does_not_hide_the_comparison(client):
    index = LibraryIndexPage.objects.get(locale__language_code="en")
    child_slugged(index, PracticePage, "compare")
    response = client.get(f"{index.url}compare/")
    assert response.status_code == 200
    assert response.context["page"].pk == index.pk
    assert "<h1>Child slugged compare</h1>" not in response.content.decode()


def test_a_library_page_slugged_eli_does_not_hide_the_eli_addresses(client):
    index = LibraryIndexPage.objects.get(locale__language_code="bg")
    LegislationPageFactory(parent=index, jurisdiction="RO", act_type="law", year=2011, number="292")
    child = child_slugged(index, PracticePage, "eli")
    response = client.get(f"{index.url}eli/ro/lege/2011/292/")
    assert response.status_code == 302
    assert response.url in {act.url for act in LegislationPage.objects.live()}  # the act
    # What no sub-route answers still goes down to the child, as in Wagtail.
    assert client.get(child.url).context["page"].pk == child.pk


def test_an_unpublished_index_passes_its_addresses_to_its_children(client):
    """Wagtail's rule both ways: only a live page answers with its own sub-routes."""
    index = NewsIndexPage.objects.get(locale__language_code="bg")
    child = child_slugged(index, NewsPage, "rss")
    index.unpublish()
    assert client.get(index.url).status_code == 404
    response = client.get(child.url)
    assert response.status_code == 200
    assert response.context["page"].pk == child.pk


def test_a_child_page_with_an_ordinary_slug_still_routes_to_the_child(client):
    index = NewsIndexPage.objects.get(locale__language_code="ro")
    item = NewsPageFactory(parent=index, title="Forum la Ruse")
    response = client.get(item.url)
    assert response.status_code == 200
    assert response.context["page"].pk == item.pk


def _add_url(language):
    index = NewsIndexPage.objects.get(locale__language_code=language)
    category = NewsCategory.objects.filter(locale__language_code=language).first()
    return index, category, reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])


def test_the_page_form_refuses_a_slug_the_parent_uses_for_a_feed(client, admin_user):
    client.force_login(admin_user)
    index, category, url = _add_url("en")
    response = client.post(url, _news_data("Our new feed", "rss", category))
    assert response.status_code == 200
    # The admin speaks the editor's language (Bulgarian by default).
    assert "Адресът „rss“ вече се използва от страницата над тази" in response.content.decode()
    assert not NewsPage.objects.child_of(index).filter(slug="rss").exists()


def test_a_slug_made_from_the_title_steps_around_the_parents_routes(client, admin_user):
    client.force_login(admin_user)
    index, category, url = _add_url("en")
    response = client.post(url, _news_data("RSS", "", category))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert NewsPage.objects.child_of(index).get(title="RSS").slug == "rss-2"


def test_the_rule_knows_which_classes_have_routes_of_their_own():
    assert reserved_slugs(NewsIndexPage) == {"rss", "atom", "calendar"}
    assert reserved_slugs(LibraryIndexPage) == {"compare", "eli"}
    assert owns_subpath(LibraryIndexPage, ["eli", "ro", "lege", "2011", "292"])
    assert not owns_subpath(LibraryIndexPage, ["eli"])  # no route: the child answers
    assert not owns_subpath(NewsPage, ["rss"])
    assert reserved_slugs(None) == set() and not owns_subpath(None, ["rss"])  # a removed type
