"""Import providers from CSV or XLSX: validate every row first, then write all or nothing.

Column layout (first row = headers; the same columns as the CSV export):
external_id*, name*, alternate_name, legal_form* (ngo|public|municipal|private), country*
(BG|RO), district* (NUTS3 code), municipality, settlement*, address, latitude, longitude,
service_types (slugs separated by ;), target_groups (idem), capacity, phone, email, website,
licence, languages, network_member (yes|no), description, last_verified (YYYY-MM-DD).
Rows are matched by external_id: an existing provider is updated, a new one created, in
the language the file is for.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from home.archives import ArchiveRefused, measured_zip
from providers.models import (
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
    District,
    Provider,
    ServiceType,
    TargetGroup,
)

REQUIRED = ["external_id", "name", "legal_form", "country", "district", "settlement"]
COLUMNS = [
    "external_id",
    "name",
    "alternate_name",
    "legal_form",
    "country",
    "district",
    "municipality",
    "settlement",
    "address",
    "latitude",
    "longitude",
    "confidential_location",
    "service_types",
    "target_groups",
    "capacity",
    "phone",
    "email",
    "website",
    "licence",
    "languages",
    "network_member",
    "description",
    "last_verified",
]
MAX_ROWS = 20_000
# An XLSX file is a zip: 20,000 rows of sheet XML unpack to ~15 MB.
MAX_XLSX_MEMBERS = 200
MAX_XLSX_BYTES = 80 * 2**20


@dataclass
class RowError:
    line: int
    column: str
    reason: str

    def __str__(self):
        return _("line %(line)s, column “%(column)s”: %(reason)s") % {
            "line": self.line,
            "column": self.column,
            "reason": self.reason,
        }


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self):
        return not self.errors


class ImportFileError(Exception):
    pass


def read_rows(name, content):
    """(line number, {column: text}) for each data row of a CSV or XLSX file."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            measured_zip(
                content, max_members=MAX_XLSX_MEMBERS, max_total_bytes=MAX_XLSX_BYTES
            ).close()
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except ArchiveRefused as error:
            raise ImportFileError(str(error)) from error
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise ImportFileError(_("This is not a readable XLSX file.")) from error
        rows = sheet.iter_rows(values_only=True)
        header = [str(cell or "").strip() for cell in next(rows, [])]
        data = (
            [unguard("" if cell is None else str(cell).strip()) for cell in row] for row in rows
        )
    elif lower.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFileError(_("The CSV file must be saved as UTF-8.")) from error
        reader = csv.reader(io.StringIO(text))
        header = [cell.strip() for cell in next(reader, [])]
        data = ([unguard(cell.strip()) for cell in row] for row in reader)
    else:
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise ImportFileError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    for number, values in enumerate(data, start=2):
        if number - 1 > MAX_ROWS:
            raise ImportFileError(_("A file may have at most %(n)s rows.") % {"n": MAX_ROWS})
        if not any(values):
            continue
        yield number, dict(zip(header, values, strict=False))


def is_yes(value):
    return value.strip().lower() in ("yes", "1", "true", "да", "da")


# OWASP's rule for spreadsheet cells: a value starting with one of these is a formula to
# Excel and LibreOffice, so the exports write it behind an apostrophe (guard), which the
# import removes again (unguard).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard(value):
    """A cell value that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def unguard(value):
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


class Importer:
    def __init__(self, locale):
        self.locale = locale
        self.districts = {d.code: d for d in District.objects.filter(locale=locale)}
        self.services = {s.slug: s for s in ServiceType.objects.filter(locale=locale)}
        self.groups = {g.slug: g for g in TargetGroup.objects.filter(locale=locale)}

    def validate(self, line, row, seen, errors):
        def error(column, reason):
            errors.append(RowError(line, column, reason))

        for column in REQUIRED:
            if not row.get(column):
                error(column, _("this value is required"))
        for column, value in row.items():
            if "\x00" in value or "\x00" in (column or ""):
                error(column, _("contains a NUL character (the file may not be text)"))
        external_id = row.get("external_id", "")
        if external_id in seen:
            error(
                "external_id",
                _("duplicate id: also on line %(line)s") % {"line": seen[external_id]},
            )
        seen.setdefault(external_id, line)
        if row.get("legal_form") and row["legal_form"] not in Provider.LegalForm.values:
            error("legal_form", _("unknown legal form “%(value)s”") % {"value": row["legal_form"]})
        if row.get("country") and row["country"] not in ("BG", "RO"):
            error("country", _("use BG or RO"))
        district = self.districts.get(row.get("district", ""))
        if row.get("district") and district is None:
            error("district", _("unknown district “%(value)s”") % {"value": row["district"]})
        elif district and row.get("country") and district.country != row["country"]:
            error(
                "district", _("this district is not in %(country)s") % {"country": row["country"]}
            )
        point = {}
        for column, (low, high) in (("latitude", LATITUDE_RANGE), ("longitude", LONGITUDE_RANGE)):
            if row.get(column):
                try:
                    value = Decimal(row[column].replace(",", "."))
                except InvalidOperation:
                    error(column, _("not a number"))
                    continue
                if not low <= value <= high:
                    error(column, _("coordinates outside the region"))
                point[column] = value.quantize(Decimal("0.000001"))
        if len(point) == 1:
            error(
                "longitude" if "latitude" in point else "latitude",
                _("give both latitude and longitude"),
            )
        if row.get("email"):
            try:
                validate_email(row["email"])
            except ValidationError:
                error("email", _("malformed e-mail address"))
        if row.get("website"):
            try:
                URLValidator()(row["website"])
            except ValidationError:
                error("website", _("malformed web address"))
        for column, known in (("service_types", self.services), ("target_groups", self.groups)):
            for slug in filter(None, (s.strip() for s in row.get(column, "").split(";"))):
                if slug not in known:
                    error(column, _("unknown value “%(value)s”") % {"value": slug})
        if row.get("capacity") and not row["capacity"].isdigit():
            error("capacity", _("a whole number is expected"))
        if row.get("last_verified"):
            try:
                datetime.date.fromisoformat(row["last_verified"][:10])
            except ValueError:
                error("last_verified", _("use the date format YYYY-MM-DD"))
        return point

    def run(self, rows, dry_run=False, progress=None):
        """Validate all rows; if none has an error (and not a dry run), write them all."""
        result = ImportResult(dry_run=dry_run)
        seen, valid = {}, []
        for line, row in rows:
            point = self.validate(line, row, seen, result.errors)
            valid.append((row, point))
        if result.errors:
            return result
        existing = {
            p.external_id: p
            for p in Provider.objects.filter(
                locale=self.locale, external_id__in=[row["external_id"] for row, _p in valid]
            )
        }
        result.created = sum(1 for row, _p in valid if row["external_id"] not in existing)
        result.updated = len(valid) - result.created
        if dry_run:
            return result
        with transaction.atomic():
            for number, (row, point) in enumerate(valid, start=1):
                self.write(existing.get(row["external_id"]), row, point)
                if progress:
                    progress(number, len(valid))
        return result

    def write(self, provider, row, point):
        provider = provider or Provider(locale=self.locale, external_id=row["external_id"])
        confidential = is_yes(row.get("confidential_location", ""))
        # The public export leaves a confidential record's address and point empty: an
        # export imported again must not erase what is stored.
        keep_location = confidential and not point and not row.get("address")
        for name in (
            "name",
            "alternate_name",
            "legal_form",
            "country",
            "municipality",
            "settlement",
            "phone",
            "email",
            "website",
            "licence",
            "languages",
            "description",
        ):
            if name in row:
                setattr(provider, name, row[name])
        provider.district = self.districts[row["district"]]
        provider.confidential_location = confidential
        if not keep_location:
            provider.address = row.get("address", provider.address)
            provider.latitude, provider.longitude = point.get("latitude"), point.get("longitude")
        provider.capacity = int(row["capacity"]) if row.get("capacity") else None
        provider.network_member = is_yes(row.get("network_member", ""))
        provider.last_verified = (
            datetime.date.fromisoformat(row["last_verified"][:10])
            if row.get("last_verified")
            else None
        )
        provider.save()
        provider.service_types.set(
            [self.services[s.strip()] for s in row.get("service_types", "").split(";") if s.strip()]
        )
        provider.target_groups.set(
            [self.groups[s.strip()] for s in row.get("target_groups", "").split(";") if s.strip()]
        )
        return provider
