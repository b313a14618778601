"""WCAG 2.1 A/AA checks with axe-core in Chromium. Every page in every language is checked
at 320 px with the phone menu open (tests/browser/test_phone_layout.py, in the same visit as
its layout); here, at desktop width, what a wide screen shows besides (the full header, the
sidebars): once per page type, the languages taken in turn."""

from urllib.parse import urlsplit

import pytest

from .conftest import keep_local
from .pages import one_of_each_type

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    # Only violations are read: axe skips the detail of passes and inapplicable rules.
    "resultTypes": ["violations"],
}
DESKTOP = {"width": 1366, "height": 768}


@pytest.fixture(scope="module")
def tab(browser):
    """(page, blocked requests): one desktop tab for the module, so each check pays for a
    navigation, not a new browser context (static files stay cached)."""
    blocked = []
    context = browser.new_context(bypass_csp=True, viewport=DESKTOP)
    keep_local(context, blocked)
    yield context.new_page(), blocked
    context.close()


def describe(violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe violation(s):"]
    for violation in violations:
        lines.append(f"- {violation['id']} [{violation['impact']}] {violation['help']}")
        lines += [f"    {node['target']}: {node['html']}" for node in violation["nodes"][:3]]
    return "\n".join(lines)


def axe_problems(page, axe_source) -> list[str]:
    """axe-core on the page as it stands; a phone's menu is opened first, so that axe
    checks it too."""
    if (
        page.is_visible("button.menu-toggle")
        and page.get_attribute("button.menu-toggle", "aria-expanded") != "true"
    ):
        page.click("button.menu-toggle")
    page.evaluate(axe_source)
    if violations := page.evaluate("o => axe.run(document, o)", AXE_OPTIONS)["violations"]:
        return [describe(violations)]
    return []


def check(page, blocked_requests, axe_source, url: str) -> list[str]:
    response = page.goto(url, wait_until="load")
    if response is None or response.status != 200:
        pytest.fail(f"GET {url} returned {response and response.status}", pytrace=False)

    problems = []
    lang = urlsplit(url).path.strip("/").split("/")[0]
    if (html_lang := page.get_attribute("html", "lang")) != lang:
        problems.append(f'<html lang="{html_lang}">, expected "{lang}"')
    problems += axe_problems(page, axe_source)
    if blocked_requests:
        problems.append("Page tried to load outside URLs (blocked):")
        problems += [f"    {url}" for url in dict.fromkeys(blocked_requests)]
    return problems


@pytest.mark.parametrize("path", [pytest.param(path, id=name) for name, path in one_of_each_type()])
def test_accessibility(tab, axe_source, site_url, path):
    page, blocked = tab
    blocked.clear()
    if problems := check(page, blocked, axe_source, site_url + path):
        pytest.fail("\n".join(problems), pytrace=False)
