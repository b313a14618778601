"""The directory as an Open Referral HSDS 3.0 tabular data package, in one language.

A zip of CSV tables and the datapackage.json that describes them. The tables, their
columns (all of them, in the standard's order), types, primary and foreign keys are those
of the standard's own datapackage.json (github.com/openreferral/specification), so that
``frictionless validate`` passes the package against our descriptor and against theirs
(tests/standards/test_open_data.py checks both).
"""

import csv
import io
import json
import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.formatting import language_name
from home.translation.models import SourceChange
from home.utils import public_url
from providers.exports import provider_url
from providers.importer import guard
from providers.models import ServiceType, TargetGroup

# Every id in the package is a UUID derived from this fixed namespace and the record's
# external id, so a record keeps its id across downloads, re-imports, hosts and languages.
NAMESPACE = uuid.UUID("63b1dd76-0dc2-4cea-a4d6-f6ddee0dc68e")
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}


@dataclass(frozen=True)
class Table:
    name: str  # the standard's resource name
    path: str
    columns: str  # every column of the standard's table, in its order
    required: str = ""

    def column_names(self):
        return self.columns.split()


TABLES = (
    Table(
        "organization",
        "organizations.csv",
        "id name alternate_name description email website tax_status tax_id "
        "year_incorporated legal_status logo uri parent_organization_id",
        required="name description",
    ),
    Table(
        "service",
        "services.csv",
        "id organization_id program_id name alternate_name description url email status "
        "interpretation_services application_process fees_description wait_time fees "
        "accreditations eligibility_description minimum_age maximum_age assured_date "
        "assurer_email licenses alert last_modified",
        required="organization_id name status",
    ),
    Table(
        "location",
        "locations.csv",
        "id location_type url organization_id name alternate_name description transportation "
        "latitude longitude external_identifier external_identifier_type",
        required="location_type",
    ),
    Table(
        "service_at_location",
        "service_at_location.csv",
        "id service_id location_id description",
        required="service_id location_id",
    ),
    Table(
        "address",
        "addresses.csv",
        "id location_id attention address_1 address_2 city region state_province postal_code "
        "country address_type",
        required="address_1 city state_province postal_code country address_type",
    ),
    Table(
        "phone",
        "phones.csv",
        "id location_id service_id organization_id contact_id service_at_location_id number "
        "extension type description",
        required="number",
    ),
    Table("language", "languages.csv", "id service_id location_id phone_id name code note"),
    Table("taxonomy", "taxonomies.csv", "id name description uri version", "name description"),
    Table(
        "taxonomy_term",
        "taxonomy_terms.csv",
        "id code name description parent_id taxonomy language taxonomy_id term_uri",
        required="name description",
    ),
    Table(
        "attribute",
        "attributes.csv",
        "id link_id taxonomy_term_id link_type link_entity value",
        required="link_id taxonomy_term_id link_entity",
    ),
)
TABLE_NAMES = {table.name for table in TABLES}

# The standard's types of the columns that are not free text. Ids ("id", "…_id") are UUIDs.
NUMBER = {"type": "number"}
EMAIL = {"type": "string", "format": "email"}
URI = {"type": "string", "format": "uri"}
TYPES = {
    "tax_id": {"type": "string"},  # a tax number, not one of the package's ids
    "latitude": NUMBER,
    "longitude": NUMBER,
    "year_incorporated": NUMBER,
    "minimum_age": NUMBER,
    "maximum_age": NUMBER,
    "extension": NUMBER,
    "assured_date": {"type": "date"},
    "last_modified": {"type": "datetime"},
    "email": EMAIL,
    "assurer_email": EMAIL,
    "website": URI,
    "uri": URI,
    "url": URI,
    "term_uri": URI,
}
ENUMS = {
    "status": ["active", "inactive", "defunct", "temporarily closed"],
    "location_type": ["physical", "postal", "virtual"],
    "address_type": ["physical", "postal", "virtual"],
}


@dataclass(frozen=True)
class Taxonomy:
    model: type
    parameter: str  # the map page's filter by a term of it
    description: str


# By the link_type of the attributes that use them.
TAXONOMIES = {
    "service_type": Taxonomy(
        ServiceType,
        "service",
        gettext_lazy("The kinds of social service that providers in the directory offer."),
    ),
    "target_group": Taxonomy(
        TargetGroup,
        "group",
        gettext_lazy("The groups of people that providers in the directory serve."),
    ),
}


def hsds_id(kind, *keys):
    return str(uuid.uuid5(NAMESPACE, "/".join((kind, *keys))))


def field_type(column):
    if column in TYPES:
        return TYPES[column]
    if column == "id" or column.endswith("_id"):
        return {"type": "string", "format": "uuid"}
    return {"type": "string"}


def schema(table):
    fields = []
    required = {"id", *table.required.split()}
    for column in table.column_names():
        constraints = {"required": True} if column in required else {}
        if column == "id":
            constraints["unique"] = True
        if column in ENUMS:
            constraints["enum"] = ENUMS[column]
        fields.append({"name": column, **field_type(column), "constraints": constraints})
    # As the standard: a column named after a table of the package refers to its rows.
    foreign_keys = [
        {"fields": column, "reference": {"resource": column[: -len("_id")], "fields": "id"}}
        for column in table.column_names()
        if column.endswith("_id") and column[: -len("_id")] in TABLE_NAMES
    ]
    return {"fields": fields, "primaryKey": ["id"], "foreignKeys": foreign_keys}


def descriptor(language, homepage, created):
    return {
        "profile": "tabular-data-package",
        "name": f"social-service-providers-{language}",
        "title": f"{_('Social service providers')} – {settings.SITE_NAME}",
        "description": _(
            "The directory of social service providers in the Bulgarian–Romanian border "
            "region, in the Open Referral Human Services Data Specification (HSDS) 3.0."
        ),
        "homepage": homepage,
        "created": created,
        "keywords": ["HSDS", "Open Referral", "social services", "Bulgaria", "Romania"],
        "licenses": [LICENSE],
        "sources": [{"title": str(settings.SITE_NAME), "path": homepage}],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": table.name,
                "path": table.path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema(table),
            }
            for table in TABLES
        ],
    }


def package_bytes(providers, base, language):
    """The zip of the providers' tables and its datapackage.json, in the active language."""
    homepage = public_url(base or f"/{language}/")
    tables = Tables(base).fill(providers)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as package:
        for table in TABLES:
            package.writestr(table.path, csv_text(table, tables[table.name]))
        created = timezone.now().astimezone(UTC).isoformat(timespec="seconds")
        package.writestr(
            "datapackage.json",
            json.dumps(
                descriptor(language, homepage, created.replace("+00:00", "Z")),
                ensure_ascii=False,
                indent=2,
            ),
        )
    return archive.getvalue()


def csv_text(table, records):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=table.column_names())
    writer.writeheader()
    writer.writerows(
        {column: cell(column, value) for column, value in record.items()} for record in records
    )
    return buffer.getvalue()


def cell(column, value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        # The standard asks for milliseconds.
        stamp = value.astimezone(UTC).isoformat(timespec="milliseconds")
        return stamp.replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if field_type(column) == {"type": "string"}:
        # Free text may open in a spreadsheet: it must not run as a formula there. Ids,
        # e-mails, web addresses and numbers cannot start one and must stay as they are.
        return guard(value)
    return str(value)


class Tables:
    """The package's rows, table by table, built from the providers in one pass."""

    def __init__(self, base):
        self.base = base
        self.rows = {table.name: [] for table in TABLES}
        self.terms = {}

    def fill(self, providers):
        # When each provider last changed in this language (home.translation records it).
        changed = SourceChange.objects.filter(
            translation_key=OuterRef("translation_key"), locale_id=OuterRef("locale_id")
        ).values("changed_at")[:1]
        providers = (
            providers.select_related("district")
            .prefetch_related("service_types__locale", "target_groups__locale")
            .annotate(last_modified=Subquery(changed))
            .order_by("name")
        )
        for provider in providers:
            self.add_provider(provider)
        self.add_taxonomies()
        return self.rows

    def add(self, table, **values):
        self.rows[table].append(values)

    def add_provider(self, provider):
        key = provider.external_id
        organization_id = hsds_id("organization", key)
        service_id = hsds_id("service", key)
        location_id = hsds_id("location", key)
        url = provider_url(self.base, provider)
        self.add(
            "organization",
            id=organization_id,
            name=provider.name,
            alternate_name=provider.alternate_name,
            # Required by HSDS: what the directory says of every provider, when it has no text.
            description=provider.description
            or f"{provider.get_legal_form_display()}, {provider.settlement}",
            email=provider.email,
            website=provider.website,
            legal_status=provider.get_legal_form_display(),
            uri=url,
        )
        self.add(
            "service",
            id=service_id,
            organization_id=organization_id,
            name=provider.name,
            alternate_name=provider.alternate_name,
            description=provider.description,
            url=url,
            email=provider.email,
            status=provider.status,
            assured_date=provider.last_verified,
            licenses=provider.licence,
            last_modified=provider.last_modified,
        )
        point = provider.public_point  # none for a confidential location
        self.add(
            "location",
            id=location_id,
            location_type="physical",
            organization_id=organization_id,
            name=provider.settlement,
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
            external_identifier=provider.district.code,
            external_identifier_type="NUTS3",
        )
        self.add(
            "service_at_location",
            id=hsds_id("service_at_location", key),
            service_id=service_id,
            location_id=location_id,
        )
        self.add_address(provider, location_id)
        if provider.phone:
            self.add(
                "phone",
                id=hsds_id("phone", key),
                organization_id=organization_id,
                number=provider.phone,
            )
        for code in dict.fromkeys(provider.language_list):  # each language once
            self.add(
                "language",
                id=hsds_id("language", key, code),
                service_id=service_id,
                name=language_name(code),
                code=code,
            )
        for link_type, terms in (
            ("service_type", provider.service_types.all()),
            ("target_group", provider.target_groups.all()),
        ):
            for term in terms:
                term_id = self.term_id(link_type, term)
                self.add(
                    "attribute",
                    id=hsds_id("attribute", key, link_type, term.slug),
                    link_id=service_id,
                    taxonomy_term_id=term_id,
                    link_type=link_type,
                    link_entity="service",
                )

    def add_address(self, provider, location_id):
        """The postal address, one value in every language, where the public may see it.

        HSDS requires the postal code of every address: a provider whose code is not known
        yet keeps its street address on its page and in the spreadsheet, but has no row
        here rather than one that fails the standard or a code guessed from the street.
        """
        if provider.confidential_location or not (provider.address and provider.postal_code):
            return
        self.add(
            "address",
            id=hsds_id("address", provider.external_id),
            location_id=location_id,
            address_1=provider.address,
            city=provider.settlement,
            region=provider.municipality_label,
            state_province=provider.district.name,
            postal_code=provider.postal_code,
            country=provider.country,
            address_type="physical",
        )

    def term_id(self, link_type, term):
        """The term's id; the term joins the taxonomy_term table once, in its language."""
        term_id = hsds_id("taxonomy_term", link_type, term.slug)
        self.terms.setdefault(term_id, (link_type, term))
        return term_id

    def add_taxonomies(self):
        for link_type, taxonomy in TAXONOMIES.items():
            self.add(
                "taxonomy",
                id=hsds_id("taxonomy", link_type),
                name=str(capfirst(taxonomy.model._meta.verbose_name_plural)),
                description=str(taxonomy.description),
            )
        for term_id, (link_type, term) in sorted(self.terms.items()):
            taxonomy = TAXONOMIES[link_type]
            self.add(
                "taxonomy_term",
                id=term_id,
                code=term.slug,
                name=term.name,
                # Required by HSDS; the directory's terms have a name only.
                description=f"{capfirst(taxonomy.model._meta.verbose_name)}: {term.name}",
                language=term.locale.language_code,
                taxonomy_id=hsds_id("taxonomy", link_type),
                term_uri=public_url(f"{self.base}?{taxonomy.parameter}={term.slug}"),
            )
