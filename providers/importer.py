"""Import providers from CSV or XLSX: validate every row first, then write all or nothing.

Column layout (first row = headers; providers.contract, the same columns as the exports):
external_id*, name*, alternate_name, legal_form* (ngo|public|municipal|private), country*
(BG|RO), district* (NUTS3 code), municipality, settlement*, address, postal_code (four
digits in BG, six in RO), latitude, longitude, confidential_location (yes|no),
service_types (slugs separated by ;), target_groups (idem), capacity, phone, email,
website, licence, languages, network_member (yes|no), description, last_verified
(YYYY-MM-DD). Only the starred columns must be there: a file without the address or
postal_code column (one exported before there was a postal code) keeps the stored values.
Rows are matched by external_id: an existing provider is updated, a new one created, in
the language the file is for.

The rows are written in batches (bulk queries, a few per 500 rows), in one transaction;
what saving each provider would have set off — the other language versions taking the
shared facts (providers.signals), the translation queue's record of the change, Wagtail's
search and reference indexes, the site search — is done for all rows at once, the
indexes after the commit (reindex). Large files run in the background (providers.jobs).
"""

import csv
import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends

from home.archives import ArchiveRefused, measured_zip
from home.caching import invalidate
from home.countries import COUNTRIES
from home.translation.models import SourceChange
from providers.contract import REQUIRED, TEXT_FIELDS
from providers.models import (
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
    SHARED_FIELDS,
    District,
    Provider,
    ServiceType,
    TargetGroup,
    postal_code_error,
)
from providers.signals import RELATIONS, providers_saved_in_bulk

WRITTEN_FIELDS = (
    *TEXT_FIELDS,
    "district",
    "confidential_location",
    "address",
    "postal_code",
    "latitude",
    "longitude",
    "capacity",
    "network_member",
    "last_verified",
    "live",
)
MAX_LENGTHS = {
    name: Provider._meta.get_field(name).max_length
    for name in (*TEXT_FIELDS, "external_id", "address")
    if Provider._meta.get_field(name).max_length
}
COUNTRY_CODES = [code for code, _name in COUNTRIES]
MAX_ROWS = 20_000
BATCH = 500
INDEX_BATCH = 2000
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
            elif len(value) > MAX_LENGTHS.get(column, len(value)):
                error(
                    column,
                    _("too long: at most %(count)s characters") % {"count": MAX_LENGTHS[column]},
                )
        external_id = row.get("external_id", "")
        if external_id in seen:
            error(
                "external_id",
                _("duplicate id: also on line %(line)s") % {"line": seen[external_id]},
            )
        seen.setdefault(external_id, line)
        if row.get("legal_form") and row["legal_form"] not in Provider.LegalForm.values:
            error("legal_form", _("unknown legal form “%(value)s”") % {"value": row["legal_form"]})
        if row.get("country") and row["country"] not in COUNTRY_CODES:
            error("country", _("use one of: %(codes)s") % {"codes": ", ".join(COUNTRY_CODES)})
        postal_code = postal_code_error(row.get("country"), row.get("postal_code"))
        if postal_code:
            error("postal_code", str(postal_code))
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

    def existing(self, external_ids):
        found = {}
        for chunk in chunked(external_ids):
            found.update(
                (provider.external_id, provider)
                for provider in Provider.objects.filter(locale=self.locale, external_id__in=chunk)
            )
        return found

    def run(self, rows, dry_run=False, progress=None):
        """Validate all rows; if none has an error (and not a dry run), write them all.

        ``progress(stage, done, total)`` hears how far the checking ("check"), the writing
        ("write": one transaction, so only its start) and the indexing ("index") got.
        """
        report = progress or (lambda stage, done, total: None)
        result = ImportResult(dry_run=dry_run)
        rows = list(rows)
        seen, valid = {}, []
        for number, (line, row) in enumerate(rows, start=1):
            point = self.validate(line, row, seen, result.errors)
            valid.append((row, point))
            if number % BATCH == 0:
                report("check", number, len(rows))
        report("check", len(rows), len(rows))
        if result.errors:
            return result
        existing = self.existing([row["external_id"] for row, _p in valid])
        result.created = sum(1 for row, _p in valid if row["external_id"] not in existing)
        result.updated = len(valid) - result.created
        if dry_run:
            return result
        report("write", 0, len(valid))
        with transaction.atomic():
            changed = self.write_all(valid, existing)
        report("write", len(valid), len(valid))
        reindex(changed, report)
        return result

    def write_all(self, valid, existing):
        """Write every row in a few queries per batch rather than a few dozen per row.

        Does what saving each provider one by one would (providers.signals keeps the
        other language versions' facts and terms the same; home.translation records the
        change), and returns the ids of every provider that changed, for reindex().
        """
        entries = []
        for row, point in valid:
            provider = existing.get(row["external_id"])
            before = None if provider is None else written_values(provider)
            provider = self.fill(provider, row, point)
            terms = {
                relation: [known[slug] for slug in slugs(row, relation)]
                for relation, known in (
                    ("service_types", self.services),
                    ("target_groups", self.groups),
                )
            }
            entries.append((provider, before, terms))
        new = [provider for provider, before, _t in entries if before is None]
        Provider.objects.bulk_create(new, batch_size=BATCH)
        edited = [
            provider
            for provider, before, _t in entries
            if before is not None and written_values(provider) != before
        ]
        Provider.objects.bulk_update(edited, WRITTEN_FIELDS, batch_size=BATCH)
        new_ids = {provider.pk for provider in new}
        changed = new_ids | {provider.pk for provider in edited}
        for relation in RELATIONS:
            changed |= set_relations(
                relation,
                {
                    provider.pk: {term.pk for term in terms[relation]}
                    for provider, _b, terms in entries
                },
                new_ids,
            )
        # A new row has a translation key of its own: only updated rows have translations.
        origins = [
            (provider, terms)
            for provider, _b, terms in entries
            if provider.pk in changed and provider.pk not in new_ids
        ]
        translations = share_in_bulk(origins)
        changed |= {provider.pk for provider in translations}
        record_changes(
            [provider for provider, _b, _t in entries if provider.pk in changed] + translations
        )
        return changed

    def fill(self, provider, row, point):
        """The provider (new when None) with the row's values, not saved."""
        provider = provider or Provider(locale=self.locale, external_id=row["external_id"])
        confidential = is_yes(row.get("confidential_location", ""))
        # The public export leaves a confidential record's address, postal code and point
        # empty: an export imported again must not erase what is stored.
        keep_location = (
            confidential and not point and not row.get("address") and not row.get("postal_code")
        )
        for name in TEXT_FIELDS:
            if name in row:
                setattr(provider, name, row[name])
        provider.district = self.districts[row["district"]]
        provider.confidential_location = confidential
        if not keep_location:
            provider.address = row.get("address", provider.address)
            provider.postal_code = row.get("postal_code", provider.postal_code)
            provider.latitude, provider.longitude = point.get("latitude"), point.get("longitude")
        provider.capacity = int(row["capacity"]) if row.get("capacity") else None
        provider.network_member = is_yes(row.get("network_member", ""))
        provider.last_verified = (
            datetime.date.fromisoformat(row["last_verified"][:10])
            if row.get("last_verified")
            else None
        )
        if provider.pk and not provider.live and provider.live_revision_id:
            provider.live = True  # as TranslatableSnippet.save does
        return provider


def slugs(row, column):
    return [slug.strip() for slug in row.get(column, "").split(";") if slug.strip()]


def written_values(provider):
    return [getattr(provider, Provider._meta.get_field(name).attname) for name in WRITTEN_FIELDS]


def chunked(items, size=BATCH):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def set_relations(relation, wanted, new_ids=()):
    """Give each provider (id: term ids) exactly these terms; the ids whose terms changed."""
    field = Provider._meta.get_field(relation)
    through = field.remote_field.through
    source, target = field.m2m_column_name(), field.m2m_reverse_name()
    current = defaultdict(set)
    for chunk in chunked(pk for pk in wanted if pk not in new_ids):
        pairs = through.objects.filter(**{f"{source}__in": chunk}).values_list(source, target)
        for pk, term in pairs:
            current[pk].add(term)
    for pk, terms in wanted.items():
        if current[pk] - terms:
            through.objects.filter(**{source: pk, f"{target}__in": current[pk] - terms}).delete()
    through.objects.bulk_create(
        [
            through(**{source: pk, target: term})
            for pk, terms in wanted.items()
            for term in terms - current[pk]
        ],
        batch_size=1000,
    )
    return {pk for pk, terms in wanted.items() if terms != current[pk]}


def share_in_bulk(origins):
    """providers.signals' share_facts and copy_taxonomies for many providers at once.

    ``origins``: (provider, {relation: terms}) just written. Every other language version
    takes their shared facts, district and terms (in its own language where translated).
    Returns the versions that changed.
    """
    if not origins:
        return []
    by_key = {provider.translation_key: (provider, terms) for provider, terms in origins}
    localized = {
        (row.translation_key, row.locale_id): row
        for model in (District, ServiceType, TargetGroup)
        for row in model.objects.all()
    }
    others = []
    for chunk in chunked(by_key):
        others += Provider.objects.filter(translation_key__in=chunk).exclude(
            pk__in=[by_key[key][0].pk for key in chunk]
        )
    edited, fields = [], set()
    wanted = {relation: {} for relation in RELATIONS}
    for other in others:
        origin, terms = by_key[other.translation_key]
        changed = [name for name in SHARED_FIELDS if getattr(other, name) != getattr(origin, name)]
        for name in changed:
            setattr(other, name, getattr(origin, name))
        district = localized.get(
            (origin.district.translation_key, other.locale_id), origin.district
        )
        if other.district_id != district.pk:
            other.district = district
            changed.append("district")
        if changed:
            edited.append(other)
            fields.update(changed)
        for relation in RELATIONS:
            wanted[relation][other.pk] = {
                localized.get((term.translation_key, other.locale_id), term).pk
                for term in terms[relation]
            }
    if edited:  # bulk_update refuses an empty list of fields
        Provider.objects.bulk_update(edited, sorted(fields), batch_size=BATCH)
    changed_ids = {other.pk for other in edited}
    for relation in RELATIONS:
        changed_ids |= set_relations(relation, wanted[relation])
    return [other for other in others if other.pk in changed_ids]


def record_changes(providers):
    """home.translation's record of when each language version changed, for many at once."""
    now = timezone.now()
    SourceChange.objects.bulk_create(
        [
            SourceChange(
                translation_key=provider.translation_key,
                locale_id=provider.locale_id,
                changed_at=now,
            )
            for provider in providers
        ],
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["translation_key", "locale"],
        update_fields=["changed_at"],
    )


def index_references(providers):
    """ReferenceIndex.create_or_update_for_object for a batch of providers in three queries
    rather than three each (the same records: a provider refers to its district)."""
    content_type = ContentType.objects.get_for_model(Provider)
    wanted = {
        (str(provider.pk), *reference)
        for provider in providers
        for reference in ReferenceIndex._extract_references_from_object(provider)
    }
    stored = {
        (object_id, to_content_type_id, to_object_id, model_path, content_path): pk
        for pk, object_id, to_content_type_id, to_object_id, model_path, content_path in (
            ReferenceIndex.objects.filter(
                base_content_type=content_type,
                object_id__in=[str(provider.pk) for provider in providers],
            ).values_list(
                "pk",
                "object_id",
                "to_content_type_id",
                "to_object_id",
                "model_path",
                "content_path",
            )
        )
    }
    ReferenceIndex.objects.bulk_create(
        [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=content_type,
                object_id=object_id,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for object_id, to_content_type_id, to_object_id, model_path, content_path in (
                wanted - stored.keys()
            )
        ],
        ignore_conflicts=True,
    )
    ReferenceIndex.objects.filter(
        pk__in=[pk for reference, pk in stored.items() if reference not in wanted]
    ).delete()


def reindex(ids, report=None):
    """After the import commits: Wagtail's search index and reference index, the site
    search and the page cache learn about the changed providers, a batch at a time."""
    report = report or (lambda stage, done, total: None)
    ids = sorted(ids)
    indexed_references = ReferenceIndex.is_indexed(Provider)
    # Larger batches here: the SQLite search backend recomputes its title norms over the
    # whole index once per batch.
    for number, chunk in enumerate(chunked(ids, INDEX_BATCH), start=1):
        providers = list(
            Provider.objects.filter(pk__in=chunk)
            .select_related("locale", "district")
            .prefetch_related("service_types", "target_groups")
        )
        with transaction.atomic():
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(Provider, providers)
            if indexed_references:
                index_references(providers)
            providers_saved_in_bulk.send(sender=Provider, instances=providers)
        report("index", min(number * INDEX_BATCH, len(ids)), len(ids))
    if ids:
        invalidate()
