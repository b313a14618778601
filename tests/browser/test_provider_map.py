"""The map enhances the list: same filters, same providers, accessible with JavaScript on.

It draws the site's own base layer, so it means something with no tile server and no
network; Leaflet's controls speak the page's language; its images load from the hashed
static file names that production serves.
"""

import re
import shutil
import subprocess
import sys
import time
from urllib.parse import quote

import pytest

from tests.demo_template import ensure_template
from tests.shared import collected_static

from .conftest import ROOT, _answers_http, _free_port, _manage, keep_local
from .test_accessibility import AXE_OPTIONS, describe

pytestmark = pytest.mark.browser


def listed(page):
    text = page.text_content(".result-count")
    return int(re.search(r"\d+", text).group())


def record(page):
    """Every URL the page requests, and every response that is an error."""
    requests, errors = [], []

    def on_response(response):
        if response.status >= 400:
            errors.append(f"{response.status} {response.url}")

    page.on("request", lambda request: requests.append(request.url))
    page.on("response", on_response)
    return requests, errors


def open_map(page, url):
    page.goto(url)
    page.wait_for_selector("#provider-map[data-markers][data-base-layer=drawn]")
    page.wait_for_load_state("networkidle")  # marker images and tiles too


def run_axe(page, axe_source):
    page.evaluate(axe_source)
    violations = page.evaluate("o => axe.run(document, o)", AXE_OPTIONS)["violations"]
    assert not violations, describe(violations)


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
    run_axe(page, axe_source)
    assert not blocked_requests, blocked_requests


def test_the_map_means_something_offline(page, blocked_requests, axe_source, site_url):
    """Its own ground (two countries, 15 districts, the Danube), in Bulgarian, by keyboard."""
    requests, errors = record(page)
    open_map(page, site_url + "/bg/dostavchitsi/?q=" + quote("Калугерово"))

    assert not blocked_requests, blocked_requests
    outside = [url for url in requests if not url.startswith((site_url + "/", "data:"))]
    assert not outside, outside
    assert not errors, errors

    shapes = "#provider-map path[data-kind={}]"
    assert page.locator(shapes.format("country")).count() == 2
    assert page.locator(shapes.format("district")).count() == 15
    assert page.locator(shapes.format("river")).count() == 1
    names = page.eval_on_selector_all(
        shapes.format("district"), "paths => paths.map(p => p.getAttribute('aria-label'))"
    )
    assert {"Видин", "Русе", "Долж", "Констанца"} <= set(names)

    zoom_in = page.get_attribute(".leaflet-control-zoom-in", "title")
    assert zoom_in == page.get_attribute("#provider-map", "data-zoom-in")
    assert re.search("[а-яА-Я]", zoom_in), f"zoom control title {zoom_in!r} is not Bulgarian"
    assert "Natural Earth" in page.text_content(".leaflet-control-attribution")

    provider = page.text_content(".provider-item h2 a").strip()
    page.focus("#provider-map")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "[...document.activeElement.classList, document.activeElement.getAttribute('role')]"
    )
    assert "leaflet-marker-icon" in focused and "button" in focused
    assert page.evaluate("document.activeElement.alt") == provider

    run_axe(page, axe_source)


def test_clusters_have_names_and_open_by_keyboard(page, blocked_requests, axe_source, site_url):
    requests, errors = record(page)
    open_map(page, site_url + "/en/providers/")
    labels = page.eval_on_selector_all(
        ".marker-cluster", "clusters => clusters.map(c => c.getAttribute('aria-label'))"
    )
    assert labels and all(re.fullmatch(r"Providers in this group: \d+", label) for label in labels)
    run_axe(page, axe_source)

    # A cluster is a button in the Tab order; Enter opens it (zooms in to its providers).
    zoom = int(page.get_attribute("#provider-map", "data-zoom"))
    page.focus("#provider-map")
    for _ in range(len(labels) + 10):  # single markers may come first
        page.keyboard.press("Tab")
        if "marker-cluster" in page.evaluate("document.activeElement.className"):
            break
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") in labels
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.getElementById('provider-map').dataset.zoom > {zoom}")
    assert not errors, errors
    assert not blocked_requests, blocked_requests


@pytest.fixture(scope="module")
def production_site(site_url, site_env, tmp_path_factory):
    """The demo site as production serves its static files: collected under hashed names
    (once per run), served by WhiteNoise with DEBUG off (tests/browser/manifest_settings.py).

    Its database is its own copy of the demo, so the 2,000 providers added here for one
    test need no removal and no other check sees them."""
    tmp = tmp_path_factory.mktemp("manifest")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    database = tmp / "manifest.sqlite3"
    shutil.copyfile(ensure_template("demo") / "demo.sqlite3", database)
    env = {
        **site_env,
        "DJANGO_SETTINGS_MODULE": "tests.browser.manifest_settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "CACHE_URL": f"file://{tmp / 'cache'}",
        "STATIC_ROOT": str(collected_static()),
        "PUBLIC_BASE_URL": url,
    }
    _manage("sync_site_url", env=env)
    log_path = tmp / "runserver.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while not _answers_http(f"{url}/"):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"runserver did not answer:\n{log_path.read_text()}", pytrace=False)
            time.sleep(0.2)
        yield url, env  # (address, environment for its manage.py commands)
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize("scale", [1, 2])
def test_markers_load_from_hashed_static_names(browser, production_site, scale):
    """Leaflet cannot guess its images under hashed names: the page gives them."""
    manifest_site_url, _env = production_site

    context = browser.new_context(device_scale_factor=scale)
    keep_local(context, [])
    page = context.new_page()
    requests, errors = record(page)
    try:
        open_map(page, manifest_site_url + "/bg/dostavchitsi/?q=" + quote("Калугерово"))
    finally:
        context.close()
    assert not errors, errors
    outside = [url for url in requests if not url.startswith(manifest_site_url + "/")]
    assert not outside, outside
    images = {url.rsplit("/", 1)[1] for url in requests if "/xstatic/leaflet/images/" in url}
    icon = "marker-icon-2x" if scale == 2 else "marker-icon"
    assert {re.sub(r"\.[0-9a-f]{12}\.png$", ".png", name) for name in images} == {
        f"{icon}.png",
        "marker-shadow.png",
    }
    assert all(re.search(r"\.[0-9a-f]{12}\.png$", name) for name in images), images
    assert any("/static/providers/base-layer." in url for url in requests)


@pytest.fixture
def two_thousand_providers(production_site):
    """The production-static site's Bulgarian directory topped up to 2,000 providers."""
    _url, env = production_site
    _manage(
        "shell",
        "--no-imports",
        "-c",
        "from wagtail.models import Locale; from providers.models import Provider; "
        "from bench.management.commands.synthetic_providers import create_synthetic; "
        "bg = Locale.objects.get(language_code='bg'); "
        "create_synthetic(2000 - Provider.objects.filter(locale=bg).count(), bg)",
        env=env,
    )
    return 2000


TRANSFERRED = """() => {
  const entries = [...performance.getEntriesByType('navigation'),
                   ...performance.getEntriesByType('resource')];
  return entries.map(entry => [entry.name, entry.transferSize]);
}"""


def test_the_map_of_2000_providers_weighs_under_250_kb_on_a_phone(
    browser, production_site, two_thousand_providers
):
    """Leaflet, its clusters, the page and the GeoJSON of every provider, as production
    serves them (hashed, compressed static files; compressed pages)."""
    manifest_site_url, _env = production_site
    context = browser.new_context(viewport={"width": 360, "height": 740})
    keep_local(context, [])
    page = context.new_page()
    requests, errors = record(page)
    try:
        open_map(page, manifest_site_url + "/bg/dostavchitsi/")
        markers = int(page.get_attribute("#provider-map", "data-markers"))
        listed_here = page.locator(".provider-item").count()
        sizes = page.evaluate(TRANSFERRED)
    finally:
        context.close()
    assert not errors, errors
    assert markers >= two_thousand_providers - 40, "the map shows the whole set"
    assert listed_here == 50, "the list shows one page of it"
    total = sum(size for _url, size in sizes)
    largest = sorted(sizes, key=lambda item: -item[1])[:5]
    assert total <= 250 * 1024, f"{total / 1024:.0f} KB transferred; largest: {largest}"
