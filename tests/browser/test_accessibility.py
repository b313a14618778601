"""WCAG 2.1 A/AA checks with axe-core in Chromium."""

from urllib.parse import urlsplit

import pytest

from .conftest import only_local
from .pages import PAGES

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    # Only violations are read: axe skips the detail of passes and inapplicable rules.
    "resultTypes": ["violations"],
}
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 320, "height": 568}


@pytest.fixture(scope="module")
def tabs(browser):
    """tabs(viewport) -> (page, blocked requests): one tab per viewport for the module, so
    each check pays for a navigation, not a new browser context (static files stay cached).
    """
    opened = {}

    def get(viewport):
        key = viewport["width"]
        if key not in opened:
            blocked = []
            context = browser.new_context(bypass_csp=True, viewport=viewport)
            context.route("**/*", lambda route, blocked=blocked: only_local(route, blocked))
            opened[key] = (context.new_page(), blocked)
        page, blocked = opened[key]
        blocked.clear()
        return page, blocked

    yield get
    for page, _blocked in opened.values():
        page.context.close()


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
def test_accessibility(tabs, axe_source, site_url, path):
    page, blocked = tabs(DESKTOP)
    if problems := check(page, blocked, axe_source, site_url + path):
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.mark.parametrize("path", [pytest.param(path, id=name) for name, path in PAGES])
def test_accessibility_on_a_phone(tabs, axe_source, site_url, path):
    """The same at 320 CSS px (WCAG 1.4.10 Reflow), with the phone menu open."""
    page, blocked = tabs(PHONE)
    if problems := check(page, blocked, axe_source, site_url + path):
        pytest.fail("320 px:\n" + "\n".join(problems), pytrace=False)
