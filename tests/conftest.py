import os
import threading
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page, Site

from tests import demo_template, shared

COLLECTING = pytest.StashKey[threading.Thread]()
SECTIONS_VAR = "TEST_SECTIONS_TEMPLATE"  # the sections template's folder, for the workers


def pytest_configure(config):
    """The first pytest process (not an xdist worker) builds the SQLite sections template,
    the database every test starts from, unless it is kept from an earlier run.

    In a run with workers (``make test``), production's ``collectstatic`` (when not kept
    either, tests/shared.py) runs beside the tests at the lowest priority: on what the
    tests leave idle."""
    config.addinivalue_line(
        "markers",
        "demo: the module's tests run on the whole demo site instead of the sections "
        "(tests/demo_template.py); for the demo's own checks in tests/demo/, whole modules",
    )
    if hasattr(config, "workerinput"):
        return
    if getattr(config.option, "numprocesses", None):
        thread = threading.Thread(target=shared.collected_static, args=(True,), daemon=True)
        thread.start()
        config.stash[COLLECTING] = thread
    if demo_template.uses_sqlite() and SECTIONS_VAR not in os.environ:
        folder = demo_template.ensure_template("sections", report=_report)
        os.environ[SECTIONS_VAR] = str(folder)  # inherited by the workers


def _report(line):
    print(f"\n{line}")  # noqa: T201


def needs_demo(item):
    """The test runs on the demo: its module is marked so, or it serves the demo site to
    a browser (tests/browser)."""
    return bool(item.get_closest_marker("demo") or item.get_closest_marker("browser"))


# The order pytest-xdist hands whole files to its two workers (``--no-loadscope-reorder``):
# the journeys first, the longest file (85-90 s on this 2-core machine), to one worker,
# which waits for the demo template if it is being built; the tests on the sections to
# the other meanwhile; then the rest on the demo, longest first (phone layout 90 s,
# community 40, provider map 27, admin CSP 20, accessibility 18), so that the workers
# end within seconds of each other. The production settings' tests wait for
# ``collectstatic``, which runs at the lowest priority: they come late too.
FIRST = "tests/browser/test_journeys.py"
LONGEST_FIRST = (
    "tests/browser/test_phone_layout.py",
    "tests/browser/test_community.py",
    "tests/browser/test_provider_map.py",
    "tests/browser/test_admin_csp.py",
    "tests/browser/test_accessibility.py",
)
WAITS_FOR_STATIC = ("tests/cms/test_settings.py",)


@pytest.hookimpl(trylast=True)  # after ``-m`` and ``-k`` have deselected
def pytest_collection_modifyitems(config, items):
    """Tests on the sections run early, while the demo template (when a collected test
    needs it and it is not kept from an earlier run) is built in the background."""
    rank = {path: index for index, path in enumerate(LONGEST_FIRST)}

    def order(item):
        path = item.nodeid.split("::")[0]
        if path == FIRST:
            return (0, 0)
        late = needs_demo(item) or path in WAITS_FOR_STATIC
        return (1 + late, rank.get(path, len(rank)))

    items.sort(key=order)
    if demo_template.uses_sqlite() and any(needs_demo(item) for item in items):
        # Every process may ask: one builds, the others wait in their thread (a lock).
        threading.Thread(
            target=demo_template.ensure_template, args=("demo", _report), daemon=True
        ).start()


def pytest_unconfigure(config):
    if thread := config.stash.get(COLLECTING, None):
        thread.join()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite each process's test database is its own copy of the sections template,
    with the template's media added to the process's media folder."""
    template = os.environ.get(SECTIONS_VAR)
    if not template:
        return
    database = tmp_path_factory.mktemp("database") / "test.sqlite3"
    demo_template.copy_template(template, database, settings.MEDIA_ROOT)
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(database)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the sections in three languages: copied from the template,
    or (PostgreSQL, ``--create-db``) built once per database."""
    from home.models import HomePage

    with django_db_blocker.unblock():
        if not HomePage.objects.filter(latest_revision__isnull=False).exists():
            build_here("sections")


def build_here(kind):
    """The commands that build the ``kind`` template (tests/demo_template.py), run on this
    process's database: PostgreSQL's way to the same start."""
    for command in demo_template.KINDS[kind][1]:
        with open(os.devnull, "w") as quiet:
            call_command(*command, stdout=quiet)


@pytest.fixture(scope="session")
def demo_database(django_db_setup, django_db_blocker, tmp_path_factory):
    """This process's demo database, made the first time a module asks: on SQLite a copy
    of the demo template; on PostgreSQL a copy of the test database with the demo loaded
    (dropped at the end)."""
    if demo_template.uses_sqlite():
        template = demo_template.ensure_template("demo", report=_report)
        name = str(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
        demo_template.copy_template(template, name, settings.MEDIA_ROOT)
        yield name
        return
    base = connection.settings_dict["NAME"]
    name = f"{base}_demo"
    with django_db_blocker.unblock():
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{base}"')
        with using_database(name):
            build_here("demo")
    yield name
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


@contextmanager
def using_database(name):
    """The default connection on database ``name`` inside, back on its own after."""
    base = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = base


@pytest.fixture(scope="module")
def module_data(django_db_setup, django_db_blocker):
    """``module_data(build)``: what ``build()`` makes, made once for the module's tests,
    as Django's ``setUpTestData`` does: inside a transaction around the module (each
    test runs in a savepoint of it), rolled back after the last test. What waits for a
    commit (the page cache's purges) runs as the data is made, as if committed. Tests
    read the data from the database; the returned objects are shared, so leave them be."""
    from django.db import transaction
    from django.test import TestCase

    block = transaction.atomic()
    with django_db_blocker.unblock():
        block.__enter__()

    def make(build):
        with django_db_blocker.unblock(), TestCase.captureOnCommitCallbacks(execute=True):
            return build()

    try:
        yield make
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            block.__exit__(None, None, None)


@pytest.fixture(scope="module", autouse=True)
def _demo_module(request):
    """A module marked ``demo`` runs on the demo database; the others on the sections."""
    if request.node.get_closest_marker("demo") is None:
        yield
        return
    with using_database(request.getfixturevalue("demo_database")):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    """The chrome cache must not carry pages from one test's rolled-back data to another."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def homes(db):
    """The home page of each language tree, by language code."""
    from tests.home.factories import home_pages

    return home_pages()


@pytest.fixture
def demo_page(homes):
    """``demo_page(key)``: one of the demo's standard pages (home/demo/pages.yaml: about,
    contacts, privacy, accessibility), published in Bulgarian by the demo's own builder,
    with its Romanian and English versions as Wagtail copies them for a translator, filled
    with the demo's texts: {language: page}."""
    from home.caching import invalidate
    from home.demo import DATA, build_standard_page, standard_fields
    from home.demo.support import load_yaml
    from home.models import StandardPage
    from tests.home.factories import translate_page

    items = {item["key"]: item for item in load_yaml(DATA / "pages.yaml")["pages"]}
    fields = ("title", "slug", "seo_title", "search_description", "lead", "body", "show_in_menus")

    def make(key):
        item = items[key]
        pages = {"bg": build_standard_page(homes["bg"], item)}
        for language in ("ro", "en"):
            texts = standard_fields(item, language, StandardPage())
            values = {name: getattr(texts, name) for name in fields}
            pages[language] = translate_page(pages["bg"], language, **values)
        invalidate()
        return pages

    return make


@pytest.fixture
def configured_site(homes, demo_page):
    """The site's settings as the demo sets them: the programme's funding notice
    (home/demo/home.yaml) in three languages, the contact address, and the contacts,
    privacy and accessibility pages (made here) in the footer. Returns the pages by key:
    {"contacts": {language: page}, …}."""
    from django.test import TestCase
    from wagtail.models import Locale

    from home.caching import invalidate
    from home.demo import DATA, build_funding_notice, configure_site, funding_notice
    from home.demo.support import load_yaml

    def language_locale(language):
        return Locale.objects.get(language_code=language)

    data = load_yaml(DATA / "home.yaml")["funding_notice"]
    # Committed before the test, as a site's settings are: what waits for the commit
    # (the page cache's purges) runs now, not inside the test's own changes.
    with TestCase.captureOnCommitCallbacks(execute=True):
        notice = build_funding_notice(data)
        for language in ("ro", "en"):
            translation = notice.copy_for_translation(language_locale(language))
            funding_notice(data, language, translation).save()
        pages = {key: demo_page(key) for key in ("contacts", "privacy", "accessibility")}
        bulgarian = {key: versions["bg"] for key, versions in pages.items()}
        configure_site(homes["bg"], notice, bulgarian)
    invalidate()
    return pages


@pytest.fixture
def about(demo_page):
    """The demo's "about the project" page: /bg/za-proekta/, /ro/despre-proiect/, /en/about/."""
    return demo_page("about")


@pytest.fixture
def client(client):
    client.defaults["HTTP_HOST"] = "localhost"
    return client


def page_in(language, slug):
    return Page.objects.get(locale__language_code=language, slug=slug).specific
