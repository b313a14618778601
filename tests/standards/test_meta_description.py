"""Every page search engines are given has a description for their results (Lighthouse's
SEO audit "meta-description"), in its own language and without markup."""

import re
from urllib.parse import urlsplit

import pytest
from lxml import etree

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')


def descriptions(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return DESCRIPTION.findall(response.content.decode())


def test_every_page_in_the_sitemap_describes_itself(client):
    root = etree.fromstring(client.get("/sitemap.xml").content)
    paths = [urlsplit(loc.text).path for loc in root.iter(f"{SITEMAP}loc")]
    assert len(paths) > 100
    missing = []
    for path in paths:
        found = descriptions(client, path)
        if len(found) != 1 or not found[0].strip() or "<" in found[0] or len(found[0]) > 300:
            missing.append((path, found))
    assert not missing, missing


@pytest.mark.parametrize(
    "language, expected",
    [("bg", "Търсете в новините"), ("ro", "Căutați în știri"), ("en", "Search the news")],
)
def test_search_describes_itself_and_stays_out_of_the_index(client, language, expected):
    html = client.get(f"/{language}/search/?q=test").content.decode()
    assert DESCRIPTION.search(html).group(1).startswith(expected)
    assert '<meta name="robots" content="noindex, follow">' in html
