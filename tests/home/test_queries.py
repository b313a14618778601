"""Query budgets: home ≤ 8, standard page ≤ 8, language switcher + hreflang ≤ 1,
and the counts do not grow with the amount of content."""

from unittest import mock

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Site

from home.templatetags import site_tags
from library.models import LibraryIndexPage
from tests.conftest import page_in
from tests.home.factories import PartnerFactory, StandardPageFactory
from tests.library.factories import LegislationPageFactory

pytestmark = pytest.mark.django_db


def grow_content(homes, count):
    """Add partners, timeline entries and menu pages in every language."""
    for home in homes.values():
        PartnerFactory.create_batch(count, locale=home.locale)
        StandardPageFactory.create_batch(count, parent=home, show_in_menus=True)
        home.activities.extend([("activity", home.activities[0].value)] * count)
        home.save_revision().publish()


def queries_for(client, path):
    client.get(path)  # warm the chrome and rendition caches, as in production
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize("path", ["/bg/", "/ro/", "/en/"])
def test_home_page_queries_do_not_grow(client, homes, path):
    small = queries_for(client, path)
    grow_content(homes, 15)
    large = queries_for(client, path)
    assert small <= 8
    assert large == small


@pytest.mark.parametrize("path", ["/bg/za-proekta/", "/ro/despre-proiect/", "/en/about/"])
def test_standard_page_queries_do_not_grow(client, homes, about, path):
    small = queries_for(client, path)
    grow_content(homes, 15)
    large = queries_for(client, path)
    assert small <= 8
    assert large == small


def test_language_switcher_and_hreflang_cost_one_query(rf, about):
    page = page_in("ro", "despre-proiect")
    request = rf.get("/ro/despre-proiect/", HTTP_HOST="localhost")
    # Routing has already resolved the site, its root page and the site's root paths
    # before any template runs.
    Site.find_for_request(request).root_page  # noqa: B018
    page.get_url(request)
    template = Template(
        "{% load site_tags %}{% language_versions as versions %}{% breadcrumbs as crumbs %}"
        "{% for v in versions %}{{ v.url }} {{ v.absolute_url }}{% endfor %}"
        "{% include 'includes/language_switcher.html' %}"
    )
    with translation.override("ro"), CaptureQueriesContext(connection) as context:
        html = template.render(Context({"request": request, "page": page}))
    assert len(context) == 1
    assert "/bg/za-proekta/" in html and "/en/about/" in html


def test_a_pages_switcher_and_breadcrumbs_are_kept_until_the_next_publish(client):
    """A page's own address shows the same language versions and breadcrumbs every time:
    worked out once (one query), then kept with the site's content until a publish."""
    library = LibraryIndexPage.objects.get(locale__language_code="en")
    statute = LegislationPageFactory(parent=library, title="Social Services Act")
    with mock.patch.object(site_tags, "_page_relatives", wraps=site_tags._page_relatives) as made:
        assert library.title in client.get(statute.url).content.decode()
        assert client.get(statute.url).status_code == 200
        assert made.call_count == 1

        library.title = "Policy library"
        library.save_revision().publish()
        html = client.get(statute.url).content.decode()
        assert made.call_count == 2
    breadcrumbs = html[html.index('class="breadcrumbs"') :]
    assert f'<a href="{library.url}">Policy library</a>' in breadcrumbs
