import io

import pytest
from django.core.management import CommandError, call_command
from django.utils.translation import override
from openpyxl import Workbook

from providers.contract import NAMES
from providers.models import Provider
from tests.providers.factories import ProviderFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "external_id": "ro-test-centre",
    "name": "Centrul de zi Test",
    "legal_form": "ngo",
    "country": "RO",
    "district": "RO411",
    "settlement": "Craiova",
    "latitude": "44.3302",
    "longitude": "23.7949",
    "service_types": "day-care",
    "target_groups": "children-and-families",
    "email": "contact@example.org",
    "network_member": "no",
}


def write_csv(tmp_path, rows, name="providers.csv", columns=NAMES):
    header = ",".join(columns)
    lines = [header] + [",".join(row.get(column, "") for column in columns) for row in rows]
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_import_creates_then_updates_idempotently(tmp_path, capsys):
    path = write_csv(tmp_path, [GOOD])
    call_command("import_providers", str(path), "--language", "ro")
    provider = Provider.objects.get(external_id="ro-test-centre", locale__language_code="ro")
    assert provider.name == "Centrul de zi Test" and provider.district.code == "RO411"
    assert [s.slug for s in provider.service_types.all()] == ["day-care"]
    call_command("import_providers", str(path), "--language", "ro")
    assert Provider.objects.filter(external_id="ro-test-centre").count() == 1
    assert "updated 1" in capsys.readouterr().out


def test_dry_run_changes_nothing(tmp_path, capsys):
    path = write_csv(tmp_path, [GOOD])
    call_command("import_providers", str(path), "--language", "ro", "--dry-run")
    assert not Provider.objects.filter(external_id="ro-test-centre").exists()
    assert "Would create 1" in capsys.readouterr().out


@override("en")
def test_one_bad_row_imports_nothing_and_lists_every_error(tmp_path, capsys):
    bad_rows = [
        GOOD,
        {**GOOD, "external_id": "x1", "district": "XX999"},
        {**GOOD, "external_id": "x2", "latitude": "51.5", "longitude": "-0.12"},
        {**GOOD, "external_id": "x3", "name": ""},
        {**GOOD, "external_id": "x4", "email": "not-an-email"},
        {**GOOD},  # duplicate id
        {**GOOD, "external_id": "x5", "postal_code": "2005"},
        {**GOOD, "external_id": "x6", "country": "BG", "district": "BG311", "postal_code": "37OO"},
        {**GOOD, "external_id": "x7", "country": "HU", "postal_code": ""},
    ]
    before = Provider.objects.count()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_providers", str(write_csv(tmp_path, bad_rows)), "--language", "ro")
    assert Provider.objects.count() == before
    errors = capsys.readouterr().err
    assert "line 3, column “district”: unknown district “XX999”" in errors
    assert "line 4, column “latitude”: coordinates outside the region" in errors
    assert "line 5, column “name”: this value is required" in errors
    assert "line 6, column “email”: malformed e-mail address" in errors
    assert "line 7, column “external_id”: duplicate id: also on line 2" in errors
    assert (
        "line 8, column “postal_code”: a Romanian postal code has six digits, such as 205200"
        in errors
    )
    assert (
        "line 9, column “postal_code”: a Bulgarian postal code has four digits, such as 3700"
        in errors
    )
    assert "line 10, column “country”: use one of: BG, RO" in errors


@override("en")
def test_xlsx_and_wrong_files(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(NAMES)
    sheet.append([GOOD.get(column, "") for column in NAMES])
    path = tmp_path / "providers.xlsx"
    workbook.save(path)
    call_command("import_providers", str(path), "--language", "ro")
    assert Provider.objects.filter(external_id="ro-test-centre").exists()
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    with pytest.raises(CommandError, match="not a readable XLSX"):
        call_command("import_providers", str(broken))
    text = tmp_path / "providers.txt"
    text.write_text("external_id,name")
    with pytest.raises(CommandError, match="Upload a .csv or .xlsx"):
        call_command("import_providers", str(text))


def test_staff_import_from_the_admin(client, admin_user, tmp_path):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin_user)
    content = write_csv(tmp_path, [{**GOOD, "district": "NOPE"}]).read_bytes()
    upload = io.BytesIO(content)
    upload.name = "providers.csv"
    from wagtail.models import Locale

    locale = Locale.objects.get(language_code="ro")
    response = client.post("/admin/providers/import/", {"file": upload, "language": locale.pk})
    html = response.content.decode()
    assert response.status_code == 200 and "nothing was imported" in html
    assert "unknown district" in html
    upload = io.BytesIO(write_csv(tmp_path, [GOOD]).read_bytes())
    upload.name = "providers.csv"
    response = client.post("/admin/providers/import/", {"file": upload, "language": locale.pk})
    assert response.status_code == 302
    assert Provider.objects.filter(external_id="ro-test-centre").exists()


def test_an_xlsx_bomb_is_refused_before_it_is_opened(tmp_path, capsys):
    import zipfile

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (90 * 2**20))
    assert path.stat().st_size < 1024 * 1024
    with override("en"), pytest.raises(CommandError, match="unpacks to 90 MB; at most 80 MB"):
        call_command("import_providers", str(path), "--language", "ro")


@override("en")
@pytest.mark.parametrize("dry_run", [True, False])
def test_a_nul_byte_is_a_row_error_in_the_dry_run_as_in_the_import(tmp_path, dry_run, capsys):
    path = write_csv(tmp_path, [{**GOOD, "name": "Centrul\x00de zi"}])
    arguments = ["--dry-run"] if dry_run else []
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_providers", str(path), "--language", "ro", *arguments)
    assert "line 2, column “name”: contains a NUL character" in capsys.readouterr().err
    assert not Provider.objects.filter(external_id="ro-test-centre").exists()


def test_the_postal_code_column_is_read_and_an_older_file_without_it_keeps_it(tmp_path):
    call_command(
        "import_providers",
        str(write_csv(tmp_path, [{**GOOD, "postal_code": "200585"}])),
        "--language",
        "ro",
    )
    provider = Provider.objects.get(external_id="ro-test-centre", locale__language_code="ro")
    assert provider.postal_code == "200585"
    older = [column for column in NAMES if column != "postal_code"]
    assert len(older) == len(NAMES) - 1
    renamed = {**GOOD, "name": "Centrul de zi Test nou"}
    path = write_csv(tmp_path, [renamed], name="older.csv", columns=older)
    call_command("import_providers", str(path), "--language", "ro")
    provider.refresh_from_db()
    assert (provider.name, provider.postal_code) == ("Centrul de zi Test nou", "200585")


@pytest.mark.django_db
def test_every_column_of_the_contract_is_written_from_the_providers_own_value():
    """One definition (providers.contract) for the import and the exports: each column
    writes what the provider holds (tests/standards/test_open_data.py imports it back)."""
    from providers.contract import COLUMNS, REQUIRED, TEXT_FIELDS

    provider = ProviderFactory(
        postal_code="3700",
        phone="+359 94 600 000",
        email="vidin@example.org",
        service_types=["day-care"],
        description="Дневна грижа за деца.",
    )
    row = {column.name: column.value(provider) for column in COLUMNS}
    assert set(REQUIRED) <= {name for name, value in row.items() if value not in ("", None)}
    for name in TEXT_FIELDS:
        assert row[name] == getattr(provider, name)
    assert (row["latitude"], row["longitude"]) == (provider.latitude, provider.longitude)
    assert row["district"] == provider.district.code
