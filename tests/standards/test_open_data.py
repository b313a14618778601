"""The directory's open data as its consumers get it, checked by the standards' own tools.

The HSDS 3.0 data package of each language passes ``frictionless validate`` twice: against
the datapackage.json it ships, and its CSVs against Open Referral's own datapackage.json
(tests/standards/data/hsds, restricted to the tables we ship as the specification's
examples/make_datapackages.py does). The XLSX export opens in typed columns.
"""

import csv
import datetime
import io
import json
import uuid
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import frictionless
import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import translation
from django.utils.text import capfirst
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from wagtail.models import Locale

from providers.contract import NAMES
from providers.hsds import hsds_id
from providers.importer import Importer, read_rows
from providers.models import Provider, ServiceType, TargetGroup
from tests.providers.factories import demo_provider

# The test database is set up only for a run that holds a database test.
pytestmark = [pytest.mark.django_db]

LANGUAGES = ("bg", "ro", "en")
OFFICIAL = Path(__file__).parent / "data" / "hsds" / "datapackage.json"
RAZGRAD = "bg-zhaneta-razgrad"  # the demo's street address and postal code
CRAIOVA = "ro-vasiliada-craiova"  # becomes a confidential location with an address
VIDIN = "bg-fyc-vidin"  # gets a street address and a name a spreadsheet would run
SOFIA = "bg-asp"  # gets a street address, but has no postal code
ADDRESS = "бул. „България“ № 4, Разград"
HIDDEN_ADDRESS, HIDDEN_POSTAL_CODE = "str. Exemplu nr. 6, Craiova", "200581"
FORMULA = '=HYPERLINK("https://evil.example","Click")'
# The id every download gives the Free Youth Centre's organization, on every host, for good.
VIDIN_ORGANIZATION_ID = "a633254c-4886-5f6e-8213-65dd55f36ca0"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TAKEN = ("rowNumber", "fieldName", "type", "note")


@dataclass
class Download:
    """One language's HSDS zip, unpacked, and what the database says it should hold."""

    language: str
    folder: Path
    again: Path  # the same download a second time
    expected: dict

    def table(self, path, folder=None):
        text = ((folder or self.folder) / path).read_text(encoding="utf-8")
        return list(csv.DictReader(io.StringIO(text)))

    def descriptor(self):
        return json.loads((self.folder / "datapackage.json").read_text(encoding="utf-8"))

    def ids(self, folder=None):
        return {
            resource["path"]: [row["id"] for row in self.table(resource["path"], folder)]
            for resource in self.descriptor()["resources"]
        }

    def organization_id(self, external_id):
        (row,) = [
            row
            for row in self.table("organizations.csv")
            if row["uri"].endswith(f"/p/{external_id}/")
        ]
        return row["id"]

    def location(self, external_id):
        organization_id = self.organization_id(external_id)
        (row,) = [
            row for row in self.table("locations.csv") if row["organization_id"] == organization_id
        ]
        return row


@dataclass
class Published:
    packages: dict
    reimported: Path  # the Bulgarian package after Razgrad was deleted and imported again
    xlsx: object  # the Bulgarian XLSX response
    xlsx_filtered: object  # the Romanian one, for ?country=RO
    xlsx_import: object  # the import's dry run of the Bulgarian XLSX
    expected_xlsx: dict


def prepare():
    """The facts the checks need, on four of the demo's providers in three languages."""
    for external_id in (RAZGRAD, CRAIOVA, VIDIN, SOFIA):
        demo_provider(external_id)
    razgrad = Provider.objects.get(locale__language_code="bg", external_id=RAZGRAD)
    razgrad.phone, razgrad.capacity = "+359 84 611 611", 25
    razgrad.save()
    craiova = Provider.objects.get(locale__language_code="ro", external_id=CRAIOVA)
    craiova.address, craiova.postal_code = HIDDEN_ADDRESS, HIDDEN_POSTAL_CODE
    craiova.confidential_location = True
    craiova.save()
    vidin = Provider.objects.get(locale__language_code="bg", external_id=VIDIN)
    vidin.name = FORMULA
    vidin.description = "Pasted from a word processor:\x0bno XML 1.0 character."
    vidin.address = "ул. „Примерна“ № 1, Видин"
    vidin.save()
    sofia = Provider.objects.get(locale__language_code="bg", external_id=SOFIA)
    sofia.address = "ул. „Примерна“ № 2, София"
    sofia.save()


def unzip(content, folder):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        archive.extractall(folder)
    return folder


def download_zip(client, language, folder):
    response = client.get(f"/{language}/providers/hsds.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert f'filename="providers-hsds-{language}.zip"' in response["Content-Disposition"]
    return unzip(response.content, folder)


def expectations(language):
    """Names in the language, and the stored facts the package must show or hide."""
    providers = Provider.objects.filter(locale__language_code=language, live=True)
    with translation.override(language):
        taxonomies = {
            str(capfirst(model._meta.verbose_name_plural)) for model in (ServiceType, TargetGroup)
        }
    vidin = providers.get(external_id=VIDIN)
    return {
        "count": providers.count(),
        "addressed": set(
            providers.filter(confidential_location=False)
            .exclude(address="")
            .exclude(postal_code="")
            .values_list("external_id", flat=True)
        ),
        "names": dict(providers.values_list("external_id", "name")),
        "razgrad": providers.select_related("district").get(external_id=RAZGRAD),
        "craiova": providers.get(external_id=CRAIOVA),
        "vidin_terms": {term.name for term in vidin.service_types.all()}
        | {term.name for term in vidin.target_groups.all()},
        "taxonomies": taxonomies,
    }


@pytest.fixture(scope="module")
def published(django_db_setup, django_db_blocker, tmp_path_factory):
    """Every download once, in one transaction rolled back afterwards."""
    client = Client(HTTP_HOST="localhost")
    folder = tmp_path_factory.mktemp("open-data")
    with django_db_blocker.unblock(), transaction.atomic():
        prepare()
        packages = {}
        for language in LANGUAGES:
            packages[language] = Download(
                language,
                download_zip(client, language, folder / language),
                download_zip(client, language, folder / f"{language}-again"),
                expectations(language),
            )
        xlsx = client.get("/bg/providers/data.xlsx")
        xlsx_filtered = client.get("/ro/providers/data.xlsx", {"country": "RO"})
        bulgarian = Locale.objects.get(language_code="bg")
        xlsx_import = Importer(bulgarian).run(
            read_rows("providers.xlsx", xlsx.content), dry_run=True
        )
        expected_xlsx = {
            "bg": Provider.objects.filter(locale=bulgarian).count(),
            "ro-RO": Provider.objects.filter(locale__language_code="ro", country="RO").count(),
        }
        # A record that comes back through the import is the same record to HSDS.
        exported = client.get("/bg/providers/data.csv").content
        Provider.objects.filter(locale=bulgarian, external_id=RAZGRAD).delete()
        result = Importer(bulgarian).run(read_rows("providers.csv", exported))
        assert result.ok and result.created == 1, result.errors
        reimported = download_zip(client, "bg", folder / "bg-reimported")
        transaction.set_rollback(True)
    cache.clear()
    return Published(packages, reimported, xlsx, xlsx_filtered, xlsx_import, expected_xlsx)


def official_descriptor(paths):
    """Open Referral's datapackage.json with only the resources (and their foreign keys)
    of the tables at ``paths``: make_datapackages.py's restriction."""
    descriptor = json.loads(OFFICIAL.read_text(encoding="utf-8"))
    resources = [resource for resource in descriptor["resources"] if resource["path"] in paths]
    names = {resource["name"] for resource in resources}
    for resource in resources:
        resource["schema"]["foreignKeys"] = [
            key
            for key in resource["schema"].get("foreignKeys", [])
            if key["reference"]["resource"] in names
        ]
    descriptor["resources"] = resources
    return descriptor


def assert_valid(report, what):
    names = [task.name for task in report.tasks]
    errors = [
        (names[number - 1] if number else "package", *rest)
        for number, *rest in report.flatten(["taskNumber", *TAKEN])
    ]
    assert report.valid, f"{what}: {len(errors)} errors, first: {errors[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_package_passes_frictionless_against_its_own_descriptor(published, language):
    package = published.packages[language]
    report = frictionless.validate(str(package.folder / "datapackage.json"))
    assert_valid(report, f"{language} package")
    assert report.stats["tasks"] == len(package.descriptor()["resources"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_tables_pass_frictionless_against_open_referrals_descriptor(published, language):
    package = published.packages[language]
    shipped = {path.name for path in package.folder.glob("*.csv")}
    descriptor = official_descriptor(shipped)
    assert {resource["path"] for resource in descriptor["resources"]} == shipped
    assert {"addresses.csv", "taxonomies.csv", "taxonomy_terms.csv", "attributes.csv"} <= shipped
    report = frictionless.Package(descriptor, basepath=str(package.folder)).validate()
    assert_valid(report, f"{language} tables against HSDS 3.0")
    assert report.stats["tasks"] == len(shipped)


def schema_facts(schema):
    fields = [
        (
            item["name"],
            item["type"],
            item.get("format", "default"),
            item.get("constraints", {}).get("required", False),
        )
        for item in schema["fields"]
    ]
    primary_key = schema["primaryKey"]
    keys = sorted(
        (key["fields"], key["reference"]["resource"], key["reference"]["fields"])
        for key in schema.get("foreignKeys", [])
    )
    return fields, [primary_key] if isinstance(primary_key, str) else primary_key, keys


def test_the_descriptor_declares_the_standards_types_keys_and_licence(published):
    for language, package in published.packages.items():
        ours = package.descriptor()
        official = {
            resource["name"]: resource
            for resource in official_descriptor({r["path"] for r in ours["resources"]})["resources"]
        }
        assert ours["profile"] == "tabular-data-package"
        for resource in ours["resources"]:
            standard = official[resource["name"]]
            assert resource["profile"] == "tabular-data-resource", resource["name"]
            assert resource["path"] == standard["path"]
            assert schema_facts(resource["schema"]) == schema_facts(standard["schema"]), resource[
                "name"
            ]
        assert [licence["name"] for licence in ours["licenses"]] == ["CC-BY-4.0"]
        homepage = ours["homepage"]
        assert homepage.startswith(f"http://localhost/{language}/") and ours["sources"]
        assert ours["name"] == f"social-service-providers-{language}"
        created = datetime.datetime.fromisoformat(ours["created"])
        assert abs(datetime.datetime.now(datetime.UTC) - created) < datetime.timedelta(hours=1)
    assert (
        published.packages["bg"].descriptor()["title"].startswith("Доставчици на социални услуги")
    )
    assert (
        published.packages["ro"].descriptor()["title"].startswith("Furnizori de servicii sociale")
    )


def test_ids_are_uuids_that_survive_downloads_languages_and_reimports(published):
    bulgarian = published.packages["bg"]
    ids = bulgarian.ids()
    for path, values in ids.items():
        assert len(values) == len(set(values)), path
        for value in values:
            uuid.UUID(value)  # raises on anything else
    assert bulgarian.ids(bulgarian.again) == ids
    # The same provider in another language is the same organization, service and place.
    for other in ("ro", "en"):
        package = published.packages[other]
        for path in ("organizations.csv", "services.csv", "locations.csv"):
            assert sorted(package.ids()[path]) == sorted(ids[path]), (other, path)
    assert bulgarian.organization_id(VIDIN) == VIDIN_ORGANIZATION_ID
    # Razgrad was deleted and imported again from the CSV export: a new row, the same ids.
    reimported = bulgarian.ids(published.reimported)
    assert {path: sorted(values) for path, values in reimported.items()} == {
        path: sorted(values) for path, values in ids.items()
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_addresses_are_published_only_where_the_public_may_see_them(published, language):
    package = published.packages[language]
    addressed = package.expected["addressed"]
    # Sofia has no postal code, and HSDS no address without one; Craiova is confidential.
    assert RAZGRAD in addressed and VIDIN in addressed
    assert SOFIA not in addressed and CRAIOVA not in addressed
    addresses = {row["location_id"]: row for row in package.table("addresses.csv")}
    assert set(addresses) == {hsds_id("location", key) for key in addressed}
    razgrad = package.expected["razgrad"]
    address = addresses[package.location(RAZGRAD)["id"]]
    assert (address["address_1"], address["postal_code"], address["country"]) == (
        ADDRESS,  # the postal address is one fact, as the country writes it
        razgrad.postal_code,
        "BG",
    )
    assert razgrad.postal_code == "7200"
    assert (address["city"], address["state_province"]) == (
        razgrad.settlement,
        razgrad.district.name,
    )
    assert address["address_type"] == "physical"
    assert Decimal(package.location(RAZGRAD)["latitude"]) == razgrad.latitude

    craiova = package.expected["craiova"]
    hidden = package.location(CRAIOVA)
    assert craiova.latitude is not None and craiova.confidential_location
    assert (hidden["latitude"], hidden["longitude"]) == ("", "")
    everything = "".join(path.read_text() for path in package.folder.iterdir())
    assert HIDDEN_ADDRESS not in everything and HIDDEN_POSTAL_CODE not in everything


@pytest.mark.parametrize("language", LANGUAGES)
def test_taxonomy_terms_resolve_in_the_packages_language(published, language):
    package = published.packages[language]
    taxonomies = {row["id"]: row for row in package.table("taxonomies.csv")}
    terms = {row["id"]: row for row in package.table("taxonomy_terms.csv")}
    assert {row["name"] for row in taxonomies.values()} == package.expected["taxonomies"]
    assert all(term["taxonomy_id"] in taxonomies for term in terms.values())
    assert {term["language"] for term in terms.values()} == {language}
    service_id = next(
        row["id"] for row in package.table("services.csv") if row["url"].endswith(f"/p/{VIDIN}/")
    )
    linked = [row for row in package.table("attributes.csv") if row["link_id"] == service_id]
    assert {terms[row["taxonomy_term_id"]]["name"] for row in linked} == package.expected[
        "vidin_terms"
    ]
    assert {row["link_entity"] for row in linked} == {"service"}
    names = {
        row["uri"].rsplit("/p/", 1)[1].strip("/"): row["name"]
        for row in package.table("organizations.csv")
    }
    assert names[CRAIOVA] == package.expected["names"][CRAIOVA]
    assert len(names) == package.expected["count"]


def sheet_xml(content):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


def test_the_xlsx_export_opens_in_typed_columns(published):
    response = published.xlsx
    assert response.status_code == 200 and response["Content-Type"] == XLSX_TYPE
    assert 'filename="providers-bg.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header == [*NAMES, "url"]  # the import's columns and the page
    assert sheet.max_column == len(NAMES) + 1
    assert all(cell.font.b for cell in sheet[1]) and sheet.freeze_panes == "A2"
    last_column = get_column_letter(len(NAMES) + 1)
    assert sheet.auto_filter.ref == f"A1:{last_column}{published.expected_xlsx['bg'] + 1}"
    rows = {
        row[0]: dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert len(rows) == published.expected_xlsx["bg"]
    razgrad = rows[RAZGRAD]
    stored = published.packages["bg"].expected["razgrad"]
    assert isinstance(razgrad["latitude"], float) and razgrad["latitude"] == float(stored.latitude)
    assert razgrad["capacity"] == 25 and isinstance(razgrad["last_verified"], datetime.datetime)
    assert razgrad["address"] == ADDRESS and razgrad["phone"] == "+359 84 611 611"
    assert razgrad["postal_code"] == "7200"  # text, as a code keeps its leading zeros
    hidden = rows[CRAIOVA]
    assert hidden["address"] is None and hidden["postal_code"] is None
    assert hidden["latitude"] is None
    # Text that looks like a formula is kept, as text, never as a formula.
    assert rows[VIDIN]["name"] == FORMULA
    (cell,) = [row[1] for row in sheet.iter_rows(min_row=2) if row[0].value == VIDIN]
    assert cell.data_type == "s" and cell.quotePrefix
    assert "<f>" not in sheet_xml(response.content)
    assert rows[VIDIN]["description"] == "Pasted from a word processor:no XML 1.0 character."
    # …and the import reads the workbook back.
    assert published.xlsx_import.ok, published.xlsx_import.errors
    assert published.xlsx_import.created == 0


def test_the_xlsx_export_follows_the_filters(published):
    sheet = load_workbook(io.BytesIO(published.xlsx_filtered.content)).active
    countries = [
        row[NAMES.index("country")] for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert countries and set(countries) == {"RO"}
    assert len(countries) == published.expected_xlsx["ro-RO"]
    assert 'filename="providers-ro.xlsx"' in published.xlsx_filtered["Content-Disposition"]
