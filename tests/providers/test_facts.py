"""A provider's non-language facts are one fact in every language; exports are safe to open."""

import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Revision

from providers.hsds import hsds_id
from providers.importer import Importer, read_rows
from providers.models import Provider
from tests.providers.factories import demo_provider

pytestmark = pytest.mark.django_db
VIDIN = "bg-fyc-vidin"
RAZGRAD = "bg-zhaneta-razgrad"  # has a street address and postal code in every language


@pytest.fixture
def vidin():
    return demo_provider("bg-fyc-vidin", phone="+359 94 600 000", capacity=20)


@pytest.fixture
def razgrad():
    return demo_provider("bg-zhaneta-razgrad")


def versions(external_id=VIDIN):
    return {p.locale.language_code: p for p in Provider.objects.filter(external_id=external_id)}


def test_a_confidential_location_is_hidden_in_every_language(client, razgrad, vidin):
    romanian = versions(RAZGRAD)["ro"]
    assert romanian.latitude is not None and romanian.address and romanian.postal_code
    bulgarian = versions(RAZGRAD)["bg"]
    bulgarian.confidential_location = True
    bulgarian.save()  # ticked on the Bulgarian record only

    for language, provider in versions(RAZGRAD).items():
        assert provider.confidential_location, language
        assert provider.latitude is not None  # still stored, never shown
    for prefix, directory in (("ro", "furnizori"), ("en", "providers"), ("bg", "dostavchitsi")):
        page = client.get(f"/{prefix}/{directory}/p/{RAZGRAD}/").content.decode()
        provider = versions(RAZGRAD)[prefix]
        assert provider.address not in page, prefix
        assert "openstreetmap.org/?mlat" not in page and '"geo"' not in page, prefix
        assert '"postalCode"' not in page, prefix
        geojson = json.loads(client.get(f"/{prefix}/providers/data.geojson").content)
        ids = [
            f["properties"].get("external_id") or f["properties"].get("url")
            for f in geojson["features"]
        ]
        assert not any(RAZGRAD in str(item) for item in ids), prefix
        rows = list(
            csv.DictReader(
                io.StringIO(client.get(f"/{prefix}/providers/data.csv").content.decode("utf-8-sig"))
            )
        )
        (row,) = [r for r in rows if r["external_id"] == RAZGRAD]
        assert (row["address"], row["postal_code"], row["latitude"]) == ("", "", ""), prefix
        assert row["confidential_location"] == "yes"
        with zipfile.ZipFile(
            io.BytesIO(client.get(f"/{prefix}/providers/hsds.zip").content)
        ) as package:
            locations = package.read("locations.csv").decode()
        (location,) = [
            r
            for r in csv.DictReader(io.StringIO(locations))
            if r["id"] == hsds_id("location", RAZGRAD)
        ]
        assert str(provider.latitude) not in location.values(), prefix
        assert str(provider.longitude) not in location.values(), prefix


@pytest.mark.parametrize("saved", ["bg", "ro", "en"])
def test_saving_any_language_version_updates_the_others(vidin, saved):
    version = versions()[saved]
    version.phone = "+40 251 000 111"
    version.capacity = 42
    version.postal_code = "3701"
    version.save()
    for language, provider in versions().items():
        assert (provider.phone, provider.capacity, provider.postal_code) == (
            "+40 251 000 111",
            42,
            "3701",
        ), language


def test_an_import_in_one_language_moves_the_point_in_all(vidin, tmp_path):
    romanian = versions()["ro"]
    rows = [
        (
            2,
            {
                "external_id": VIDIN,
                "name": romanian.name,
                "legal_form": romanian.legal_form,
                "country": romanian.country,
                "district": romanian.district.code,
                "settlement": romanian.settlement,
                "address": romanian.address,
                "latitude": "43.99",
                "longitude": "22.88",
            },
        )
    ]
    result = Importer(Locale.objects.get(language_code="ro")).run(rows)
    assert result.ok, result.errors
    for language, provider in versions().items():
        assert (str(provider.latitude), str(provider.longitude)) == ("43.990000", "22.880000"), (
            language
        )


def test_a_stale_draft_does_not_bring_back_old_facts(vidin):
    romanian = versions()["ro"]
    draft = romanian.save_revision()  # a translator's draft, made before the change below
    bulgarian = versions()["bg"]
    bulgarian.phone = "+359 94 600 600"
    bulgarian.save()
    Revision.objects.get(pk=draft.pk).publish()  # a moderator publishes it later
    for language, provider in versions().items():
        assert provider.phone == "+359 94 600 600", language


def test_export_then_import_of_a_confidential_record_loses_nothing(client, razgrad, tmp_path):
    bulgarian = versions(RAZGRAD)["bg"]
    stored = (bulgarian.address, bulgarian.postal_code, bulgarian.latitude, bulgarian.longitude)
    bulgarian.confidential_location = True
    bulgarian.save()
    exported = client.get("/bg/providers/data.csv").content
    path = tmp_path / "export.csv"
    path.write_bytes(exported)
    call_command("import_providers", str(path), "--language", "bg")
    bulgarian = versions(RAZGRAD)["bg"]
    assert bulgarian.confidential_location and all(stored)
    assert (
        bulgarian.address,
        bulgarian.postal_code,
        bulgarian.latitude,
        bulgarian.longitude,
    ) == stored


def test_cells_that_would_run_as_formulas_are_neutralised_and_read_back(client, vidin, tmp_path):
    bulgarian = versions()["bg"]
    bulgarian.name = '=HYPERLINK("https://evil.example","Click")'
    bulgarian.alternate_name = "@SUM(1+1)"
    bulgarian.licence = "-2+3"
    bulgarian.phone = "+359 94 600 600"
    bulgarian.save()
    exported = client.get("/bg/providers/data.csv").content
    rows = list(csv.DictReader(io.StringIO(exported.decode("utf-8-sig"))))
    (row,) = [r for r in rows if r["external_id"] == VIDIN]
    assert row["name"] == '\'=HYPERLINK("https://evil.example","Click")'
    assert row["alternate_name"] == "'@SUM(1+1)"
    assert row["licence"] == "'-2+3" and row["phone"] == "'+359 94 600 600"
    with zipfile.ZipFile(io.BytesIO(client.get("/bg/providers/hsds.zip").content)) as package:
        organizations = package.read("organizations.csv").decode()
    assert "'=HYPERLINK(" in organizations and "\n=HYPERLINK(" not in organizations
    assert ",=HYPERLINK(" not in organizations

    (line, imported), *_ = [
        (n, r) for n, r in read_rows("export.csv", exported) if r["external_id"] == VIDIN
    ]
    assert imported["name"] == '=HYPERLINK("https://evil.example","Click")'
    assert imported["phone"] == "+359 94 600 600"


def test_the_postal_address_is_one_fact_written_as_the_country_writes_it(client, razgrad):
    razgrad = versions(RAZGRAD)
    assert {p.address for p in razgrad.values()} == {"бул. „България“ № 4, Разград"}
    razgrad["en"].address = "бул. „България“ № 6, Разград"
    razgrad["en"].save()
    assert {p.address for p in versions(RAZGRAD).values()} == {"бул. „България“ № 6, Разград"}
    page = client.get(f"/en/providers/p/{RAZGRAD}/").content.decode()
    assert (
        '<span lang="bg">бул. „България“ № 6, Разград</span> (bul. „Bulgaria“ № 6, Razgrad)' in page
    )
