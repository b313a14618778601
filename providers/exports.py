"""The directory as a spreadsheet, CSV or XLSX: the import's columns and the provider's URL.

Both keep numbers and dates as such (an XLSX cell is a number or a date; CSV writes them
as the import reads them), and neither lets a cell run as a formula. The import reads
either file back (providers.importer).
"""

import csv
import datetime
import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from home.utils import public_url
from providers.contract import COLUMNS, NAMES
from providers.importer import FORMULA_STARTS, guard

SPREADSHEET_COLUMNS = [*NAMES, "url"]
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def provider_url(base, provider):
    """The provider's page under the map page at ``base``, on the public address."""
    return public_url(f"{base}p/{provider.external_id}/")


def spreadsheet_rows(providers, base):
    """One dict per provider, by column; numbers, dates and empty values stay typed."""
    providers = (
        providers.select_related("district")
        .prefetch_related("service_types", "target_groups")
        .order_by("name")
    )
    for provider in providers:
        yield {
            **{column.name: column.value(provider) for column in COLUMNS},
            "url": provider_url(base, provider),
        }


def csv_text(rows):
    """Comma-separated, with the byte-order mark by which Excel recognises UTF-8."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SPREADSHEET_COLUMNS)
    writer.writeheader()
    writer.writerows({key: csv_value(value) for key, value in row.items()} for row in rows)
    return "\ufeff" + buffer.getvalue()


def csv_value(value):
    if value is None:
        return ""
    # Only text is guarded: a number or a date must stay one for the import and for others.
    return guard(value) if isinstance(value, str) else str(value)


def xlsx_bytes(rows, sheet_title):
    """A workbook of one sheet: a bold, frozen header row with filters, then typed cells."""
    workbook = Workbook(write_only=True)  # streamed: a large directory stays out of memory
    sheet = workbook.create_sheet(sheet_title[:31])  # Excel's limit for a sheet's name
    sheet.freeze_panes = "A2"
    header = []
    for name in SPREADSHEET_COLUMNS:
        cell = text_cell(sheet, name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    last_row = 1
    for row in rows:
        sheet.append([xlsx_cell(sheet, row[name]) for name in SPREADSHEET_COLUMNS])
        last_row += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(SPREADSHEET_COLUMNS))}{last_row}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_cell(sheet, value):
    if value == "":
        return None  # an empty cell, as Excel leaves one
    if isinstance(value, str):
        return text_cell(sheet, value)
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, datetime.date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def text_cell(sheet, text):
    """A cell that holds ``text`` as text, even when it looks like a formula.

    openpyxl stores a string starting with "=" as a formula; the cell is made text again,
    and marked with Excel's quote prefix so that it stays text when someone edits it.
    Control characters that XML cannot hold (pasted into a description) are left out.
    """
    cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", text))
    if text.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell
