"""``load_demo --sections-only``: a new, empty site with its structure in three languages
(the base of every test, and a production site's first step)."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision, Site
from wagtail_localize.models import Translation

from community.models import CommunityPage, Member
from home.models import HomePage
from library.models import LegislationPage, LibraryIndexPage, Topic
from news.models import NewsCategory, NewsIndexPage, NewsPage
from providers.models import District, Provider, ProviderMapPage
from publications.models import PublicationIndexPage, PublicationPage

pytestmark = pytest.mark.django_db
SECTIONS = (NewsIndexPage, ProviderMapPage, LibraryIndexPage, PublicationIndexPage, CommunityPage)


def test_each_section_is_live_in_three_languages_under_its_home(client):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    for model in (HomePage, *SECTIONS):
        pages = {page.locale.language_code: page for page in model.objects.live()}
        assert set(pages) == {"bg", "ro", "en"}, model
        assert len({page.translation_key for page in pages.values()}) == 1, model
        for language, page in pages.items():
            assert client.get(page.url).status_code == 200, (model, language)
    # wagtail-localize keeps the translations synced: translators see them in their queue.
    assert Translation.objects.filter(enabled=True).count() >= 2 * (1 + len(SECTIONS))


def test_the_reference_data_is_there_and_the_content_is_not():
    assert District.objects.filter(locale__language_code="en").count() >= 15
    assert NewsCategory.objects.filter(locale__language_code="ro").exists()
    assert Topic.objects.filter(locale__language_code="en").exists()
    for model in (NewsPage, LegislationPage, PublicationPage, Provider, Member):
        assert not model.objects.exists(), model


def test_running_it_again_changes_nothing():
    before = (
        list(Page.objects.order_by("pk").values_list("pk", "latest_revision_id")),
        Revision.objects.count(),
        District.objects.count(),
    )
    call_command("load_demo", "--sections-only", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = (
        list(Page.objects.order_by("pk").values_list("pk", "latest_revision_id")),
        Revision.objects.count(),
        District.objects.count(),
    )
    assert after == before
