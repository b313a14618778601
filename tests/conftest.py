import os
import threading

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Page, Site

from tests import demo_template, shared

STARTED_RUN = pytest.StashKey[bool]()
COLLECTING = pytest.StashKey[threading.Thread]()


def pytest_configure(config):
    """The first pytest process (not an xdist worker) makes the run's shared folder and
    builds the SQLite demo template.

    In a run with workers (``make test``), production's ``collectstatic`` runs beside the
    template's build, at the lowest priority: on the core that the build leaves idle."""
    if hasattr(config, "workerinput"):
        return
    config.stash[STARTED_RUN] = shared.start_run()
    if config.stash[STARTED_RUN] and getattr(config.option, "numprocesses", None):
        thread = threading.Thread(target=shared.collected_static, args=(True,), daemon=True)
        thread.start()
        config.stash[COLLECTING] = thread
    if demo_template.uses_sqlite() and demo_template.ENV_VAR not in os.environ:
        folder = demo_template.ensure_template(report=lambda line: print(f"\n{line}"))  # noqa: T201
        os.environ[demo_template.ENV_VAR] = str(folder)  # inherited by the workers


# The longest files, first: pytest-xdist hands whole files to its two workers in the order
# collected (``--no-loadscope-reorder``), so these start at once and the short files fill
# in around them; the workers then end within seconds of each other. Seconds of work on
# this 2-core machine: journeys 60-80, phone layout 75, accessibility 45, community 35,
# provider map 22, admin CSP 16.
LONGEST_FIRST = (
    "tests/browser/test_journeys.py",
    "tests/browser/test_phone_layout.py",
    "tests/browser/test_accessibility.py",
    "tests/browser/test_community.py",
    "tests/browser/test_provider_map.py",
    "tests/browser/test_admin_csp.py",
)


def pytest_collection_modifyitems(items):
    rank = {path: index for index, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))


def pytest_unconfigure(config):
    if thread := config.stash.get(COLLECTING, None):
        thread.join()
    if config.stash.get(STARTED_RUN, False):
        shared.end_run()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite each process's test database is its own copy of the demo template, with
    the template's media added to the process's media folder."""
    template = os.environ.get(demo_template.ENV_VAR)
    if not template:
        return
    database = tmp_path_factory.mktemp("database") / "test.sqlite3"
    demo_template.copy_template(template, database, settings.MEDIA_ROOT)
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(database)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the demo site in three languages: copied from the template,
    or (PostgreSQL, ``--create-db``) loaded once per database."""
    from news.models import NewsPage

    with django_db_blocker.unblock():
        if not NewsPage.objects.exists():
            call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
            call_command("setup_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115


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
def homes(site):
    """The home page of each language tree, by language code."""
    return {
        page.locale.language_code: page.specific
        for page in site.root_page.get_translations(inclusive=True).select_related("locale")
    }


@pytest.fixture
def client(client):
    client.defaults["HTTP_HOST"] = "localhost"
    return client


def page_in(language, slug):
    return Page.objects.get(locale__language_code=language, slug=slug).specific
