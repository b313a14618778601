"""The map enhances the list: same filters, same providers, accessible with JavaScript on."""

import re

import pytest

from .test_accessibility import AXE_OPTIONS, describe

pytestmark = pytest.mark.browser


def listed(page):
    text = page.text_content(".result-count")
    return int(re.search(r"\d+", text).group())


@pytest.mark.parametrize(
    "language, path",
    [
        ("bg", "/bg/dostavchitsi/"),
        ("ro", "/ro/furnizori/"),
        ("en", "/en/providers/"),
    ],
)
def test_map_markers_follow_the_filters(
    page, blocked_requests, axe_source, site_url, language, path
):
    page.goto(site_url + path)
    page.wait_for_selector("#provider-map[data-markers]")
    everyone = int(page.get_attribute("#provider-map", "data-markers"))
    assert everyone == listed(page) > 0

    page.select_option("#f-country", "RO")
    page.click("#provider-filters button[type=submit]")
    page.wait_for_selector("#provider-map[data-markers]")
    romanian = int(page.get_attribute("#provider-map", "data-markers"))
    assert romanian == listed(page) < everyone
    assert "country=RO" in page.url

    page.focus(".leaflet-marker-icon")
    assert page.evaluate("document.activeElement.classList.contains('leaflet-marker-icon')")
    page.evaluate(axe_source)
    violations = page.evaluate("o => axe.run(document, o)", AXE_OPTIONS)["violations"]
    assert not violations, describe(violations)
    assert not blocked_requests, blocked_requests
