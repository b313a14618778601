"""Phones first: every page type in three languages at 320 and 390 CSS px, with and without
JavaScript, and the filter sidebars at desktop width. At 320 px the same visit runs
axe-core with the menu open (WCAG 1.4.10 Reflow; desktop width in test_accessibility.py).

One browser; one context per viewport and JavaScript setting, reused across pages; one
``page.evaluate`` measures a page with JavaScript (clicking the menu button inside it), two
without (on arrival, then after following the "Menu" link). The contexts keep the site's
CSP, so the menu script is checked under the real policy.
"""

import pytest

from .conftest import keep_local
from .pages import PAGES
from .test_accessibility import axe_problems

pytestmark = pytest.mark.browser

PHONES = {320: 568, 390: 844}  # CSS px: iPhone SE (1st generation) and iPhone 12-15
DESKTOP = (1366, 900)
MIN_TARGET = 24  # WCAG 2.2 SC 2.5.8 Target Size (Minimum)
FILTER_PAGES = ("library-index", "news-index", "providers", "search-results", "search-empty")
RESULTS = ".result-count, .library__results, .news-list, .provider-list, .search-results, .search-kinds, .search-empty"

# Shared by both measurements: what is visible and how large the header's controls are.
HELPERS = """
const visible = (el) => {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
};
const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.width, r.height].map(Math.round); };
const describe = (el) => `<${el.tagName.toLowerCase()}> ${(el.textContent || el.name || "").trim().slice(0, 40)} ${box(el)}`;
const navLinks = () => [...document.querySelectorAll("#site-menu nav a")];
const root = document.documentElement;
const h1 = document.querySelector("main h1");
const brand = document.querySelector(".site-header__brand").textContent.trim();
const layout = () => ({
  scrollWidth: root.scrollWidth, innerWidth: window.innerWidth, innerHeight: window.innerHeight,
  wide: [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && visible(el))
    .slice(0, 3).map(describe),
  h1Top: h1 ? h1.getBoundingClientRect().top + window.scrollY : null,
  siteNameInTitle: document.title.split(brand).length - 1,
  languages: [...document.querySelectorAll("header .language-switcher a[hreflang]")].filter(visible).length,
  navCount: navLinks().length,
  navVisible: navLinks().filter(visible).length,
});
const small = (minimum) => [...document.querySelectorAll("header a, header button, header input, header select")]
  .filter(visible)
  .filter((el) => { const r = el.getBoundingClientRect(); return r.width < minimum || r.height < minimum; })
  .map(describe);
"""

# With JavaScript: layout on arrival, then the menu button, clicked, then Escape.
MEASURE_JS = (
    "(minimum) => {"
    + HELPERS
    + """
  const result = layout();
  const button = document.querySelector("header button.menu-toggle");
  if (!button) return result;
  const panel = document.getElementById(button.getAttribute("aria-controls"));
  const r = button.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  Object.assign(result, {
    button: true,
    buttonHit: button.contains(hit),
    controls: Boolean(panel && panel.contains(navLinks()[0] || null)),
    expandedBefore: button.getAttribute("aria-expanded"),
  });
  button.click();
  const search = document.querySelector("#site-menu input[type=search]");
  Object.assign(result, {
    expandedOpen: button.getAttribute("aria-expanded"),
    navVisibleOpen: navLinks().filter(visible).length,
    searchVisible: Boolean(search && visible(search)),
    small: small(minimum),
  });
  (search || button).dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
  Object.assign(result, {
    expandedEscape: button.getAttribute("aria-expanded"),
    focusBack: document.activeElement === button,
    navVisibleClosed: navLinks().filter(visible).length,
  });
  return result;
}"""
)

# Without JavaScript: on arrival, and again after following the "Menu" link.
MEASURE_NO_JS = (
    "(minimum) => {"
    + HELPERS
    + "return { ...layout(), target: location.hash, small: small(minimum) }; }"
)

# At desktop width: the filter form against the results beside or below it.
MEASURE_FILTERS = """(results) => {
  const form = document.querySelector("main form.filters");
  if (!form) return null;
  const f = form.getBoundingClientRect();
  const overlaps = (r) => r.width > 0 && r.height > 0 && r.left < f.right - 0.5
    && r.right > f.left + 0.5 && r.top < f.bottom - 0.5 && r.bottom > f.top + 0.5;
  const label = (el) => `<${el.tagName.toLowerCase()} class="${el.className}">`;
  return {
    results: document.querySelectorAll(results).length,
    overlapping: [...document.querySelectorAll(results)]
      .filter((el) => overlaps(el.getBoundingClientRect())).map(label),
    spilling: [...form.querySelectorAll("*")].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && (r.left < f.left - 0.5 || r.right > f.right + 0.5 || r.bottom > f.bottom + 0.5);
    }).map(label),
  };
}"""


@pytest.fixture(scope="module")
def blocked() -> list[str]:
    """Outside URLs any page of this module tried to load (aborted)."""
    return []


@pytest.fixture(scope="module")
def tab(browser, blocked):
    """tab(width, javascript) -> a page in a context of that viewport, made once and reused."""
    contexts, pages = [], {}

    def get(width: int, javascript: bool = True):
        if (width, javascript) not in pages:
            height = PHONES.get(width, DESKTOP[1])
            viewport = {"width": width, "height": height}
            context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
            keep_local(context, blocked)
            contexts.append(context)
            pages[width, javascript] = context.new_page()
        return pages[width, javascript]

    yield get
    for context in contexts:
        context.close()


def load(page, url: str) -> None:
    response = page.goto(url, wait_until="load")
    if response is None or response.status != 200:
        pytest.fail(f"GET {url} returned {response and response.status}", pytrace=False)


def arrival_problems(m: dict) -> list[str]:
    """The first screen: no sideways scroll, the h1 on it, languages shown, menu collapsed."""
    problems = []
    if m["scrollWidth"] > m["innerWidth"]:
        problems.append(f"scrolls sideways: {m['scrollWidth']} > {m['innerWidth']} px; {m['wide']}")
    if m["h1Top"] is None:
        problems.append("no h1 in main")
    elif m["h1Top"] >= m["innerHeight"]:
        problems.append(f"h1 starts at {m['h1Top']:.0f} px, below the first screen")
    if m["siteNameInTitle"] > 1:
        problems.append("the site name appears more than once in the tab title")
    if not m["languages"]:
        problems.append("no language switcher link visible in the header")
    if not m["navCount"]:
        problems.append("no main menu links in #site-menu")
    elif m["navVisible"]:
        problems.append(f"menu not collapsed: {m['navVisible']} links visible on arrival")
    return problems


def menu_problems(m: dict) -> list[str]:
    """The menu button (JavaScript on): present, uncovered, toggling aria-expanded."""
    problems = []
    if not m.get("button"):
        return [*problems, "no <button class=menu-toggle> in the header"]
    if not m["buttonHit"]:
        problems.append("the menu button is covered by another element")
    if not m["controls"]:
        problems.append("the menu button's aria-controls does not name the menu panel")
    expected = ("false", "true", "false")
    states = (m["expandedBefore"], m["expandedOpen"], m["expandedEscape"])
    if states != expected:
        problems.append(f"aria-expanded closed/open/Escape = {states}, expected {expected}")
    if m["navVisibleOpen"] != m["navCount"]:
        problems.append(f"open menu shows {m['navVisibleOpen']} of {m['navCount']} links")
    if not m["searchVisible"]:
        problems.append("the search field is not in the open menu")
    if m["navVisibleClosed"] or not m["focusBack"]:
        problems.append("Escape does not close the menu and return focus to the button")
    if m["small"]:
        problems.append(f"header targets under {MIN_TARGET} px: {m['small']}")
    return problems


def no_javascript_problems(page, url):
    load(page, url)
    problems = [
        f"without JavaScript, {p}"
        for p in arrival_problems(page.evaluate(MEASURE_NO_JS, MIN_TARGET))
    ]
    page.click("header a.menu-toggle")  # the no-JavaScript menu: a link to the panel
    m = page.evaluate(MEASURE_NO_JS, MIN_TARGET)
    if m["target"] != "#site-menu" or not m["navCount"] or m["navVisible"] != m["navCount"]:
        problems.append(f"without JavaScript the menu link does not show the menu: {m}")
    if m["small"]:
        problems.append(f"without JavaScript, header targets under {MIN_TARGET} px: {m['small']}")
    if m["scrollWidth"] > m["innerWidth"]:
        problems.append("without JavaScript the open menu scrolls sideways")
    return problems


@pytest.mark.parametrize("width", list(PHONES))
@pytest.mark.parametrize("path", [pytest.param(path, id=name) for name, path in PAGES])
def test_phone_layout(tab, blocked, axe_source, site_url, path, width):
    blocked.clear()
    page = tab(width)
    load(page, site_url + path)
    m = page.evaluate(MEASURE_JS, MIN_TARGET)
    problems = arrival_problems(m) + (menu_problems(m) if m["navCount"] else [])

    if width == min(PHONES):  # the narrowest width, the hardest case: axe with the menu
        problems += axe_problems(page, axe_source)  # open, then the page without JavaScript
        problems += no_javascript_problems(tab(width, javascript=False), site_url + path)
    if blocked:
        problems.append(f"tried to load outside URLs (blocked): {sorted(set(blocked))}")
    if problems:
        pytest.fail(f"{width} px: " + "\n".join(problems), pytrace=False)


@pytest.mark.parametrize(
    "path",
    [pytest.param(path, id=name) for name, path in PAGES if name.startswith(FILTER_PAGES)],
)
def test_filters_do_not_overlap_results_on_desktop(tab, site_url, path):
    page = tab(DESKTOP[0])
    load(page, site_url + path)
    m = page.evaluate(MEASURE_FILTERS, RESULTS)
    assert m is not None, "no form.filters in main"
    assert m["results"], "no results element found"
    assert not m["overlapping"], f"filters overlap {m['overlapping']}"
    assert not m["spilling"], f"filter controls spill out of the form: {m['spilling']}"
