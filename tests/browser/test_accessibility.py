"""WCAG 2.1 A/AA checks with axe-core in Chromium."""

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


@pytest.mark.parametrize("path", [pytest.param(path, id=name) for name, path in PAGES])
def test_accessibility(page, blocked_requests, axe_source, site_url, path):
    response = page.goto(site_url + path, wait_until="load")
    if response is None or response.status != 200:
        pytest.fail(f"GET {path} returned {response and response.status}", pytrace=False)

    problems = []
    lang = path.strip("/").split("/")[0]
    if (html_lang := page.get_attribute("html", "lang")) != lang:
        problems.append(f'<html lang="{html_lang}">, expected "{lang}"')
    page.evaluate(axe_source)
    if violations := page.evaluate("o => axe.run(document, o)", AXE_OPTIONS)["violations"]:
        problems.append(describe(violations))
    if blocked_requests:
        problems.append("Page tried to load outside URLs (blocked):")
        problems += [f"    {url}" for url in dict.fromkeys(blocked_requests)]
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
