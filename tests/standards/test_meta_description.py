"""Pages describe themselves for search engines' results (Lighthouse's SEO audit
"meta-description"); tests/demo/test_site.py checks every page of the demo's sitemap."""

import re

import pytest

pytestmark = pytest.mark.django_db

DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')


def descriptions(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return DESCRIPTION.findall(response.content.decode())


@pytest.mark.parametrize(
    "language, expected",
    [("bg", "Търсете в новините"), ("ro", "Căutați în știri"), ("en", "Search the news")],
)
def test_search_describes_itself_and_stays_out_of_the_index(client, language, expected):
    html = client.get(f"/{language}/search/?q=test").content.decode()
    assert DESCRIPTION.search(html).group(1).startswith(expected)
    assert '<meta name="robots" content="noindex, follow">' in html
