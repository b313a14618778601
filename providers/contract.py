"""The directory's data contract: the columns of a provider file, defined once.

The import reads them (providers.importer) and the CSV and XLSX exports write them
(providers.exports), in this order and with this meaning, so that an export imports back
unchanged. Each column says whether a file must have it, whether the import takes its text
as it is (the others are parsed and checked first), and how a provider's value is written.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False
    text: bool = False
    export: Callable[[Any], Any] | None = None  # provider → value; else the attribute

    def value(self, provider):
        return self.export(provider) if self.export else getattr(provider, self.name)


def yes_no(name):
    return lambda provider: "yes" if getattr(provider, name) else "no"


def unless_confidential(name):
    # A confidential location keeps its postal code out too: in a Romanian city a code
    # belongs to one street, or a part of one, and would point to the shelter.
    return lambda provider: "" if provider.confidential_location else getattr(provider, name)


def coordinate(position):
    def value(provider):
        point = provider.public_point  # none for a confidential location
        return point[position] if point else None

    return value


def slugs(name):
    return lambda provider: ";".join(item.slug for item in getattr(provider, name).all())


COLUMNS = (
    Column("external_id", required=True),
    Column("name", required=True, text=True),
    Column("alternate_name", text=True),
    Column("legal_form", required=True, text=True),  # ngo | public | municipal | private
    Column("country", required=True, text=True),  # BG | RO
    Column("district", required=True, export=lambda provider: provider.district.code),  # NUTS3
    Column("municipality", text=True),
    Column("settlement", required=True, text=True),
    Column("address", export=unless_confidential("address")),
    Column("postal_code", export=unless_confidential("postal_code")),  # BG 4 digits, RO 6
    Column("latitude", export=coordinate(0)),
    Column("longitude", export=coordinate(1)),
    Column("confidential_location", export=yes_no("confidential_location")),
    Column("service_types", export=slugs("service_types")),  # slugs separated by ;
    Column("target_groups", export=slugs("target_groups")),
    Column("capacity"),
    Column("phone", text=True),
    Column("email", text=True),
    Column("website", text=True),
    Column("licence", text=True),
    Column("languages", text=True),
    Column("network_member", export=yes_no("network_member")),
    Column("description", text=True),
    Column("last_verified"),  # YYYY-MM-DD
)
#: The header row of a provider file.
NAMES = [column.name for column in COLUMNS]
REQUIRED = [column.name for column in COLUMNS if column.required]
#: Written from the row's text as it is (the other columns are parsed first).
TEXT_FIELDS = tuple(column.name for column in COLUMNS if column.text)
