import pytest
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Page, Site


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the demo site in three languages, loaded once per database."""
    with django_db_blocker.unblock():
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
