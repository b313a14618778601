"""WCAG 2.1 A/AA checks with axe-core in Chromium."""

from urllib.parse import urlsplit

import pytest

from .pages import PAGES

pytestmark = pytest.mark.browser

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def describe(violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe violation(s):"]
    for violation in violations:
        lines.append(f"- {violation['id']} [{violation['impact']}] {violation['help']}")
        lines += [f"    {node['target']}: {node['html']}" for node in violation["nodes"][:3]]
    return "\n".join(lines)


def check(page, blocked_requests, axe_source, url: str) -> list[str]:
    response = page.goto(url, wait_until="load")
    if response is None or response.status != 200:
        pytest.fail(f"GET {url} returned {response and response.status}", pytrace=False)

    problems = []
    lang = urlsplit(url).path.strip("/").split("/")[0]
    if (html_lang := page.get_attribute("html", "lang")) != lang:
        problems.append(f'<html lang="{html_lang}">, expected "{lang}"')
    if page.is_visible("button.menu-toggle"):  # phones: open the menu so axe checks it too
        page.click("button.menu-toggle")
    page.evaluate(axe_source)
    if violations := page.evaluate("o => axe.run(document, o)", AXE_OPTIONS)["violations"]:
        problems.append(describe(violations))
    if blocked_requests:
        problems.append("Page tried to load outside URLs (blocked):")
        problems += [f"    {url}" for url in dict.fromkeys(blocked_requests)]
    return problems


@pytest.mark.parametrize("path", [pytest.param(path, id=name) for name, path in PAGES])
def test_accessibility(page, blocked_requests, axe_source, site_url, path):
    if problems := check(page, blocked_requests, axe_source, site_url + path):
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.mark.parametrize("path", [pytest.param(path, id=name) for name, path in PAGES])
def test_accessibility_on_a_phone(page, blocked_requests, axe_source, site_url, path):
    """The same at 320 CSS px (WCAG 1.4.10 Reflow), with the phone menu open."""
    page.set_viewport_size({"width": 320, "height": 568})
    if problems := check(page, blocked_requests, axe_source, site_url + path):
        pytest.fail("320 px:\n" + "\n".join(problems), pytrace=False)
