"""Browser quality checks: the real site runs in a subprocess on a fresh SQLite database
and is checked over HTTP with Chromium (axe-core) and the Nu Html Checker.

Nothing here imports Django: the site is a separate process, so these tests need no
pytest-django database access.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.demo_template import copy_template, ensure_template

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Overridable so a missing browser can be simulated.
BROWSER_EXECUTABLE = Path(os.environ.get("BROWSER_EXECUTABLE", "/usr/bin/chromium"))
SETUP_COMMAND = "sudo bash scripts/ensure-browser.sh"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Nothing leaves this machine: Chromium sends every request for another host to a proxy
# on the discard port, where it fails at once (IP addresses included). Pages keep their
# HTTP cache, which a Playwright route for every request would turn off.
NO_NETWORK_PROXY = {"server": "http://127.0.0.1:9", "bypass": ",".join(sorted(LOCAL_HOSTS))}

NOT_RUN = pytest.StashKey[int]()
VNU_INFO = pytest.StashKey[list[str]]()


def missing_prerequisites() -> list[str]:
    missing = [str(BROWSER_EXECUTABLE)] if not BROWSER_EXECUTABLE.exists() else []
    missing += [str(f.relative_to(ROOT)) for f in (AXE_JS, VNU_JAR) if not f.exists()]
    return missing + (["java"] if shutil.which("java") is None else [])


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: browser quality check (needs Chromium, Java, node_modules)"
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip (or, under CI=true, fail) browser checks whose tools are not installed."""
    if item.get_closest_marker("browser") is None or not (missing := missing_prerequisites()):
        return
    reason = f"BROWSER CHECK NOT RUN: missing {', '.join(missing)}; run `{SETUP_COMMAND}`"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: scripts/ensure-browser.sh must run first)", pytrace=False)
    item.config.stash[NOT_RUN] = item.config.stash.get(NOT_RUN, 0) + 1
    pytest.skip(reason)


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    if info := config.stash.get(VNU_INFO, []):
        terminalreporter.section("Nu Html Checker warnings (allowed)", sep="-")
        for line in info:
            terminalreporter.write_line(line)
    if not_run := config.stash.get(NOT_RUN, 0):
        terminalreporter.section("BROWSER CHECKS NOT RUN", sep="!", red=True, bold=True)
        terminalreporter.write_line(
            f"{not_run} browser check(s) were SKIPPED, not passed: missing "
            f"{', '.join(missing_prerequisites())}.",
            red=True,
            bold=True,
        )
        terminalreporter.write_line(f"Install them with:  {SETUP_COMMAND}", bold=True)
        terminalreporter.write_line("With CI=true these checks fail instead of skipping.")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(*args: str, env: dict[str, str]) -> None:
    try:
        command = [sys.executable, "manage.py", *args]
        subprocess.run(  # noqa: S603 - fixed argv, no shell
            command, cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=900
        )
    except subprocess.CalledProcessError as exc:
        pytest.fail(
            f"manage.py {' '.join(args)} exited {exc.returncode}:\n{exc.stdout}\n{exc.stderr}",
            pytrace=False,
        )


def _answers_http(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=2).close()  # noqa: S310 - local http URL
    except urllib.error.HTTPError:
        return True  # any HTTP status means the server is up
    except OSError:
        return False
    return True


@pytest.fixture(scope="session")
def site_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of the site subprocess: its settings, SQLite database and media.

    Every ``manage.py`` command meant for the served site must run with it.
    """
    tmp = tmp_path_factory.mktemp("site")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp / 'browser.sqlite3'}",
        "MEDIA_ROOT": str(tmp / "media"),
        "EMAIL_FILE_PATH": str(tmp / "mail"),  # journeys read what the site sent
        # Anonymous pages come from the page cache, as in production; the cache is a folder
        # the site and the journeys' manage.py commands share, so their writes purge it.
        "PAGE_CACHE": "on",
        "CACHE_URL": f"file://{tmp / 'cache'}",
        "PYTHONUNBUFFERED": "1",
    }


@pytest.fixture(scope="session")
def site_url(site_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh SQLite database with the demo content (a copy of the demo template,
    tests/demo_template.py), served by runserver."""
    env = site_env
    tmp = tmp_path_factory.mktemp("server")
    template = ensure_template("demo")
    copy_template(template, env["DATABASE_URL"].removeprefix("sqlite:///"), env["MEDIA_ROOT"])

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env["PUBLIC_BASE_URL"] = url  # absolute links (canonical, hreflang) point at this server
    _manage("sync_site_url", env=env)
    log_path = tmp / "runserver.log"
    with log_path.open("w") as log:
        command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"]
        server = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            [*command, "--noreload", "--insecure"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while not _answers_http(f"{url}/"):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    f"runserver did not answer on {url} within 60 s "
                    f"(exit code {server.poll()}):\n{log_path.read_text()}",
                    pytrace=False,
                )
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def staff(site_url: str, site_env: dict[str, str]):
    """Roles and workflows (``setup_roles``) and the staff of the journeys, created in the
    served site's database: {username: journeys.StaffUser}, admin language English."""
    from .journeys import STAFF, create_staff

    create_staff(site_env)
    return {user.username: user for user in STAFF}


@pytest.fixture(scope="package")
def browser():
    """Headless Debian Chromium.

    Package scope, not session: while Playwright's sync API is started, an asyncio loop
    runs in this thread, and Django's ORM would raise SynchronousOnlyOperation in any
    test collected after this package.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(BROWSER_EXECUTABLE),
            headless=True,
            args=CHROMIUM_ARGS,
            proxy=NO_NETWORK_PROXY,
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE_JS.read_text()


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    return VNU_JAR


@pytest.fixture(scope="session")
def vnu_warnings(pytestconfig: pytest.Config) -> list[str]:
    """Allowed Nu Html Checker warnings, listed in the terminal summary."""
    return pytestconfig.stash.setdefault(VNU_INFO, [])


@pytest.fixture
def blocked_requests() -> list[str]:
    """Outside URLs the page tried to load (they were aborted)."""
    return []


@pytest.fixture
def page(browser, blocked_requests: list[str]):
    """A page in a fresh context that bypasses the site's CSP (to inject axe-core)
    and can only reach 127.0.0.1/localhost."""

    context = keep_local(browser.new_context(bypass_csp=True), blocked_requests)
    yield context.new_page()
    context.close()


# How long an action or a wait may take before it fails. On a busy 2-core machine an admin
# save (revision, search and reference indexes, workflow e-mails) has taken over 30 s,
# Playwright's default; a hang still fails. Speed is make bench's, not the tests'.
ACTION_TIMEOUT_MS = 60_000


def keep_local(context, blocked: list[str]):
    """Note in ``blocked`` every request this context makes to another host: none of them
    leaves the machine (the browser's proxy, see ``browser``), and the test says which.
    Its actions and waits may take ``ACTION_TIMEOUT_MS``."""
    context.on("request", lambda request: note_outside(request.url, blocked))
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    return context


def note_outside(url: str, blocked: list[str]) -> None:
    parts = urlsplit(url)
    if parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname not in LOCAL_HOSTS:
        blocked.append(url)


# Journeys: each person in their own browser context ---------------------------------


@pytest.fixture(scope="module")
def signed_in(browser, site_url: str, staff) -> Iterator[tuple[dict, list[str]]]:
    """Each person signs in once through the login form and keeps their own browser
    context for the module (their session, and the admin's static files in its cache):
    ({username: context}, the outside URLs their pages tried to load)."""
    from .journeys import log_in

    contexts, outside = {}, []
    for user in staff.values():
        context = keep_local(browser.new_context(locale="en-GB"), outside)
        page = context.new_page()
        log_in(page, site_url, user)
        page.close()
        contexts[user.username] = context
    yield contexts, outside
    for context in contexts.values():
        context.close()


@pytest.fixture
def outside_requests(signed_in) -> dict[str, list[str]]:
    """Outside URLs that this test's pages tried to load (aborted): by visitors, by staff."""
    _contexts, admin = signed_in
    admin.clear()
    return {"public": [], "admin": admin}


@pytest.fixture
def open_as(browser, signed_in, outside_requests) -> Iterator:
    """``open_as(user)``: a new tab in that person's browser context; ``open_as()``: a
    visitor's page, in a browser context of its own."""
    staff_contexts, _outside = signed_in
    pages, visitors = [], []

    def open_page(user=None):
        if user:
            page = staff_contexts[user.username].new_page()
        else:
            context = keep_local(browser.new_context(locale="en-GB"), outside_requests["public"])
            visitors.append(context)
            page = context.new_page()
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        if not page.is_closed():
            page.close()
    for context in visitors:
        context.close()
