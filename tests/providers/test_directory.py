import csv
import gzip
import io
import json
import re
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.management.commands.synthetic_providers import create_synthetic
from providers.models import Provider, ProviderMapPage
from tests.providers.factories import demo_provider

pytestmark = pytest.mark.django_db


def map_page(language):
    return ProviderMapPage.objects.get(locale__language_code=language)


@pytest.fixture(scope="module")
def vidin(module_data):
    """The Free Youth Centre, Vidin, in three languages ({language: provider})."""
    return module_data(lambda: demo_provider("bg-fyc-vidin"))


@pytest.fixture(scope="module")
def directory(vidin, module_data):
    """Four providers in three languages: two in Bulgaria, two in Romania; one of each
    does child protection."""
    return [
        vidin,
        *module_data(
            lambda: [
                demo_provider(external_id)
                for external_id in ("ro-vasiliada-craiova", "ro-dgaspc-dolj", "bg-rdsp-vidin")
            ]
        ),
    ]


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_list_works_without_javascript_and_announces_the_count(client, directory, language):
    page = map_page(language)
    create_synthetic(30 - len(directory), page.locale)
    html = client.get(page.url).content.decode()
    total = Provider.objects.filter(locale=page.locale).count()
    assert total >= 30
    assert re.search(rf'<p class="result-count" role="status" aria-live="polite">{total} ', html)
    assert html.count('class="provider-item"') == total
    assert '<link rel="alternate" type="application/geo+json"' in html


def test_filters_combine_in_a_shareable_url(client, directory):
    page = map_page("en")
    html = client.get(page.url, {"country": "RO", "service": "child-protection"}).content.decode()
    expected = Provider.objects.filter(
        locale=page.locale, country="RO", service_types__slug="child-protection"
    )
    assert expected.exists()
    assert html.count('class="provider-item"') == expected.count()
    assert "data.geojson?country=RO&amp;service=child-protection" in html


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "99999"},
        {"district": "XX"},
        {"service": "<script>"},
        {"q": "x" * 5000},
        {"q": "\x00"},
        {"member": "maybe"},
        {"country": "FR"},
    ],
)
def test_nonsense_filters_never_fail(client, directory, params):
    assert client.get(map_page("ro").url, params).status_code == 200
    for export in ("data.geojson", "data.csv", "data.xlsx", "hsds.zip"):
        assert client.get(f"/ro/providers/{export}", params).status_code == 200, export


def test_provider_page_has_structured_data_and_map_link(client, vidin):
    page = map_page("ro")
    provider = Provider.objects.get(locale=page.locale, external_id="bg-fyc-vidin")
    response = client.get(f"{page.url}p/{provider.external_id}/")
    html = response.content.decode()
    assert response.status_code == 200 and provider.name in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "Organization" and data["location"]["@type"] == "Place"
    assert data["address"]["postalCode"] == provider.postal_code == "3700"
    assert "openstreetmap.org/?mlat=" in html
    assert "Network member" in html or "Membru" in html
    assert client.get(f"{page.url}p/nobody/").status_code == 404


def test_confidential_locations_show_no_pin(client, directory):
    page = map_page("en")
    provider = Provider.objects.filter(locale=page.locale).first()
    for version in [provider, *provider.get_translations()]:
        version.confidential_location = True
        version.save()
    geojson = client.get("/en/providers/data.geojson").json()
    assert provider.external_id not in {feature["id"] for feature in geojson["features"]}
    html = client.get(f"{page.url}p/{provider.external_id}/").content.decode()
    assert "openstreetmap.org/?mlat=" not in html and '"geo"' not in html


def test_geojson_is_rfc7946_and_small(client, directory):
    response = client.get("/bg/providers/data.geojson")
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    for feature in data["features"]:
        lng, lat = feature["geometry"]["coordinates"]
        assert 20 < lng < 30 and 41 < lat < 49  # longitude first
        assert feature["properties"]["url"].startswith("http://localhost/bg/")
    page = map_page("bg")
    create_synthetic(200 - len(data["features"]), page.locale)
    big = client.get("/bg/providers/data.geojson").content
    assert len(json.loads(big)["features"]) == 200
    assert len(gzip.compress(big)) <= 10 * 1024


def test_exports_are_linked_beside_the_list_and_follow_its_filters(client, directory):
    html = client.get(map_page("en").url, {"country": "BG"}).content.decode()
    for name in ("data.csv", "data.xlsx", "hsds.zip"):
        assert f"/en/providers/{name}?country=BG" in html
    assert ">Excel spreadsheet (XLSX)</a>" in html  # the link says the format
    response = client.get("/ro/providers/data.csv", {"country": "BG"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows and {row["country"] for row in rows} == {"BG"}
    assert rows[0]["url"].startswith("http://localhost/ro/")
    archive = zipfile.ZipFile(io.BytesIO(client.get("/en/providers/hsds.zip").content))
    package = json.loads(archive.read("datapackage.json"))
    names = {resource["name"] for resource in package["resources"]}
    assert {"organization", "service", "location", "service_at_location", "address"} <= names
    organizations = list(csv.DictReader(io.StringIO(archive.read("organizations.csv").decode())))
    assert len(organizations) == Provider.objects.filter(locale__language_code="en").count()


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_query_counts_do_not_grow(client, directory):
    page = map_page("bg")
    urls = [
        page.url,
        f"{page.url}?country=BG&service=child-protection",
        "/bg/providers/data.geojson",
        "/bg/providers/data.geojson?country=RO",
    ]
    small = [queries(client, url) for url in urls]
    create_synthetic(2000, page.locale)
    large = [queries(client, url) for url in urls]
    assert max(small[:2]) <= 8 and max(small[2:]) <= 4
    assert large == small


def test_taxonomies_follow_the_source_into_translations(vidin):
    provider = Provider.objects.get(locale__language_code="bg", external_id="bg-fyc-vidin")
    translation = provider.get_translations().get(locale__language_code="ro")
    assert {t.locale_id for t in translation.service_types.all()} == {translation.locale_id}
    assert translation.service_types.count() == provider.service_types.count()
    provider.service_types.clear()
    assert translation.service_types.count() == 0


def test_map_assets_are_self_hosted_and_light(client):
    from django.contrib.staticfiles import finders

    html = client.get(map_page("en").url).content.decode()
    assets = re.findall(r'(?:src|href)="(/static/[^"]+\.(?:js|css))"', html)
    map_assets = [asset for asset in assets if "leaflet" in asset or "providers" in asset]
    assert len(map_assets) == 7  # Leaflet, clustering (JS + 2 CSS), our map.js and map.css
    assert "unpkg.com" not in html and "cdn" not in html.lower()
    total = 0
    for asset in map_assets:
        path = finders.find(asset.removeprefix("/static/"))
        with open(path, "rb") as handle:
            total += len(gzip.compress(handle.read()))
    assert total <= 70 * 1024


def test_provider_admin_uses_the_self_hosted_map(client, vidin, admin_user):
    provider = Provider.objects.get(locale__language_code="bg", external_id="bg-fyc-vidin")
    client.force_login(admin_user)
    response = client.get(f"/admin/snippets/providers/provider/edit/{provider.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "unpkg.com" not in html
    assert "xstatic/leaflet/leaflet.js" in html
    assert f"POINT({provider.longitude} {provider.latitude})" in html


def test_map_picker_saves_the_two_coordinates(vidin, admin_user):
    from decimal import Decimal

    from django.forms.models import model_to_dict
    from wagtail.admin.panels import ObjectList

    provider = Provider.objects.get(locale__language_code="bg", external_id="bg-fyc-vidin")
    form_class = ObjectList(Provider.panels).bind_to_model(Provider).get_form_class()
    data = {key: value for key, value in model_to_dict(provider).items() if value is not None}
    data["service_types"] = [item.pk for item in provider.service_types.all()]
    data["target_groups"] = [item.pk for item in provider.target_groups.all()]
    data["location"] = "SRID=4326;POINT(22.881234 44.001234)"
    form = form_class(data=data, instance=provider, for_user=admin_user)
    assert form.is_valid(), form.errors
    form.save()
    provider.refresh_from_db()
    assert (provider.latitude, provider.longitude) == (Decimal("44.001234"), Decimal("22.881234"))
    data["location"] = "SRID=4326;POINT(2.35 48.85)"  # Paris: outside the region
    assert not form_class(data=data, instance=provider, for_user=admin_user).is_valid()


def test_an_untranslated_term_carries_its_own_language_and_a_note(client, directory):
    from providers.models import ServiceType

    bulgarian = Provider.objects.get(locale__language_code="bg", external_id="ro-vasiliada-craiova")
    term = ServiceType.objects.create(
        name="Патронажна грижа", slug="patronazhna-grizha", locale=bulgarian.locale
    )
    bulgarian.service_types.add(term)  # the other versions follow, with the source row
    page = client.get("/ro/furnizori/p/ro-vasiliada-craiova/").content.decode()
    assert (
        '<span lang="bg">Патронажна грижа</span> <span class="source-note">(în bulgară)</span>'
        in page
    )
    english = client.get("/en/providers/p/ro-vasiliada-craiova/").content.decode()
    assert (
        '<span lang="bg">Патронажна грижа</span> <span class="source-note">(in Bulgarian)</span>'
        in english
    )
    own = client.get("/bg/dostavchitsi/p/ro-vasiliada-craiova/").content.decode()
    assert "Патронажна грижа" in own and 'lang="bg">Патронажна' not in own
