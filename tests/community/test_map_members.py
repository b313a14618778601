"""The provider map marks the organisations where approved community members work: a badge
in the list, a note with links to public profiles on the provider's page, a GeoJSON property
for the map's markers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.management.commands.synthetic_providers import create_synthetic
from community.models import Member
from providers.models import Provider, ProviderMapPage
from tests.community.text import translated
from tests.providers.factories import ProviderFactory, demo_provider

pytestmark = pytest.mark.django_db

EXTERNAL_ID = "bg-fyc-vidin"


def badge(language):
    return translated("Community members work here", language)


def map_page(language):
    return ProviderMapPage.objects.get(locale__language_code=language)


def provider_in(language):
    return Provider.objects.get(locale__language_code=language, external_id=EXTERNAL_ID)


@pytest.fixture
def vidin(community_pages):
    """The Vidin provider (in three languages; its Bulgarian version), with no community
    member linked to it yet."""
    return demo_provider("bg-fyc-vidin")["bg"]


def list_item(html, external_id):
    """The list's entry of one provider (its heading line)."""
    start = html.index(f"p/{external_id}/")
    return html[start : html.index("</h2>", start)]


def feature(client, language, external_id):
    data = client.get(f"/{language}/providers/data.geojson").json()
    return next(f for f in data["features"] if f["id"] == external_id)


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_an_approved_member_marks_the_provider_in_every_language(
    client, make_member, vidin, language
):
    member = make_member(provider=vidin, profile_public=True, full_name="Мария Петрова")
    page = map_page(language)

    html = client.get(page.url, {"q": provider_in(language).name[:20]}).content.decode()
    assert badge(language) in list_item(html, EXTERNAL_ID)

    detail = client.get(f"{page.url}p/{EXTERNAL_ID}/").content.decode()
    assert badge(language) in detail
    community = {
        "bg": "/bg/obshtnost/",
        "ro": "/ro/comunitate/",
        "en": "/en/community/",
    }[language]
    # A Cyrillic name on the Romanian and English pages is marked as Bulgarian.
    name = "Мария Петрова" if language == "bg" else '<span lang="bg">Мария Петрова</span>'
    assert f'<a href="{community}members/{member.pk}/">{name}</a>' in detail

    assert feature(client, language, EXTERNAL_ID)["properties"]["community_members"] == 1


@pytest.mark.parametrize("status", [Member.Status.PENDING, Member.Status.SUSPENDED])
def test_members_not_approved_do_not_mark_it(client, make_member, vidin, status):
    make_member(provider=vidin, profile_public=True, status=status, full_name="Иван Иванов")
    page = map_page("en")
    html = client.get(page.url, {"q": provider_in("en").name[:20]}).content.decode()
    assert badge("en") not in list_item(html, EXTERNAL_ID)
    detail = client.get(f"{page.url}p/{EXTERNAL_ID}/").content.decode()
    assert badge("en") not in detail and "Иван Иванов" not in detail
    assert "community_members" not in feature(client, "en", EXTERNAL_ID)["properties"]


def test_an_inactive_account_does_not_count(client, make_member, vidin):
    member = make_member(provider=vidin, profile_public=True)
    member.user.is_active = False
    member.user.save()
    assert "community_members" not in feature(client, "bg", EXTERNAL_ID)["properties"]


def test_a_private_profile_is_counted_but_not_named(client, make_member, vidin):
    make_member("ana@example.org", provider=vidin, profile_public=True, full_name="Ana Popescu")
    make_member("ivo@example.org", provider=vidin, profile_public=False, full_name="Иво Тайнов")
    detail = client.get(f"{map_page('en').url}p/{EXTERNAL_ID}/").content.decode()
    assert "2 members of our community of practice work at this organisation." in detail
    assert ">Ana Popescu</a>" in detail and "Иво Тайнов" not in detail
    assert feature(client, "ro", EXTERNAL_ID)["properties"]["community_members"] == 2


def test_the_map_has_a_key_for_the_markers(client, vidin):
    html = client.get(map_page("ro").url).content.decode()
    assert 'id="provider-map-key"' in html
    assert f'data-community-label="{badge("ro")}"' in html


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_query_counts_do_not_grow_with_providers_or_members(client, make_member, vidin):
    ProviderFactory.create_batch(2)
    ProviderFactory.create_batch(2, romanian=True)
    page = map_page("bg")
    make_member("one@example.org", provider=vidin, profile_public=True)
    urls = [
        page.url,
        f"{page.url}?country=BG",
        f"{page.url}p/{EXTERNAL_ID}/",
        "/bg/providers/data.geojson",
    ]
    small = [queries(client, url) for url in urls]
    others = list(Provider.objects.filter(locale=page.locale).exclude(pk=vidin.pk)[:20])
    for number, provider in enumerate(others):
        make_member(f"m{number}@example.org", provider=provider, profile_public=number % 2 == 0)
        make_member(f"n{number}@example.org", provider=vidin, profile_public=number % 2 == 1)
    create_synthetic(500, page.locale)
    large = [queries(client, url) for url in urls]
    assert large == small


def test_the_badge_follows_an_approval_and_a_suspension_at_once(
    client, make_member, vidin, django_capture_on_commit_callbacks
):
    """The list is kept until a row it shows is written (home.page_cache.cached_fragment):
    a decision made by a bulk update, without a signal, still shows on the next visit."""
    page = map_page("bg")
    query = {"q": provider_in("bg").name[:20]}
    with django_capture_on_commit_callbacks(execute=True):  # each change its own request
        member = make_member(provider=provider_in("bg"), status=Member.Status.PENDING)
    assert badge("bg") not in list_item(client.get(page.url, query).content.decode(), EXTERNAL_ID)
    with django_capture_on_commit_callbacks(execute=True):
        Member.objects.filter(pk=member.pk).update(status=Member.Status.APPROVED)
    assert badge("bg") in list_item(client.get(page.url, query).content.decode(), EXTERNAL_ID)
    with django_capture_on_commit_callbacks(execute=True):
        Member.objects.filter(pk=member.pk).update(status=Member.Status.SUSPENDED)
    assert badge("bg") not in list_item(client.get(page.url, query).content.decode(), EXTERNAL_ID)


def test_a_deactivated_account_takes_its_badge_away_at_once(
    client, make_member, vidin, django_capture_on_commit_callbacks
):
    page = map_page("en")
    query = {"q": provider_in("en").name[:20]}
    with django_capture_on_commit_callbacks(execute=True):
        member = make_member(provider=provider_in("bg"))
    assert badge("en") in list_item(client.get(page.url, query).content.decode(), EXTERNAL_ID)
    with django_capture_on_commit_callbacks(execute=True):
        member.user.is_active = False
        member.user.save()
    assert badge("en") not in list_item(client.get(page.url, query).content.decode(), EXTERNAL_ID)
