"""Query budgets: home ≤ 8, standard page ≤ 8, language switcher + hreflang ≤ 1,
and the counts do not grow with the amount of content."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Site

from home.models import Partner, StandardPage
from tests.conftest import page_in

pytestmark = pytest.mark.django_db


def grow_content(homes, count):
    """Add partners, timeline entries and menu pages in every language."""
    for language, home in homes.items():
        for index in range(count):
            Partner.objects.create(
                name=f"Partner {index}",
                role="Partner",
                country="BG",
                locale=home.locale,
                sort_order=100 + index,
            )
            child = StandardPage(
                title=f"Section {index}", slug=f"section-{language}-{index}", show_in_menus=True
            )
            home.add_child(instance=child)
            child.save_revision().publish()
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
def test_standard_page_queries_do_not_grow(client, homes, path):
    small = queries_for(client, path)
    grow_content(homes, 15)
    large = queries_for(client, path)
    assert small <= 8
    assert large == small


def test_language_switcher_and_hreflang_cost_one_query(rf):
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
