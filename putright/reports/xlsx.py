"""A report ``Document`` as a spreadsheet: a first sheet naming the report and listing the
sheets, then one sheet per table, numbers stored as numbers (a percentage as 83.3 shown
"83.3%", money as pounds shown "£1,200.00") so that anyone can add them up again.

Words are stored as text, never as a formula: a name or a reason someone typed that
starts with "=", "+", "-", "@" or a tab (``web.spreadsheets.would_run``) would otherwise
be run by the spreadsheet (formula injection). Every cell goes through
``web.spreadsheets.put_value``, which writes such words as text with the spreadsheet's own
text mark (quotePrefix), so they show exactly as typed and stay text when edited."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from putright.reports.document import Document, Figure, Marker, Table
from putright.web.spreadsheets import put_value

NUMBER_FORMATS = {
    "count": "#,##0",
    "percent": '0.0"%"',
    "change": '+0.0"%";-0.0"%";0.0"%"',
    "rate": "#,##0.00",
    "money": '"£"#,##0.00',
    "date": "d mmmm yyyy",
}
HEADER_ROW = 4
_BAD_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")


def sheet_names(document: Document) -> list[str]:
    """A unique name of at most 31 characters for each table, in document order."""
    names: list[str] = []
    for table in document.tables():
        base = _BAD_SHEET_CHARACTERS.sub(" ", table.key)[:31]
        name, n = base, 2
        while name.lower() in (existing.lower() for existing in names):
            suffix = f" {n}"
            name = base[: 31 - len(suffix)] + suffix
            n += 1
        names.append(name)
    return names


def put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write ``value`` into a cell; words that a spreadsheet would read as a formula are
    kept as text (``put_value``)."""
    if isinstance(value, Promise):
        value = str(value)
    return put_value(sheet.cell(row=row, column=column), value)


def _cell_value(value: Any, kind: str) -> tuple[Any, str | None]:
    """What to store in the cell and its number format."""
    if isinstance(value, Figure):
        return _cell_value(value.value, value.kind)
    if isinstance(value, Marker):
        return value.text, None
    if value is None:
        return None, None
    if isinstance(value, Promise):  # a label marked for translation: its words
        return str(value), None
    if kind == "money" or isinstance(value, Decimal):
        return Decimal(value), NUMBER_FORMATS["money"]
    return value, NUMBER_FORMATS.get(kind)


def _write_table(sheet: Worksheet, table: Table, heading: str) -> None:
    put(sheet, 1, 1, table.caption).font = Font(bold=True, size=14)
    put(sheet, 2, 1, heading)
    if table.summary:
        put(sheet, 3, 1, table.summary)
    for column_number, column in enumerate(table.columns, start=1):
        cell = put(sheet, HEADER_ROW, column_number, column.heading)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row_number, row in enumerate(table.rows, start=HEADER_ROW + 1):
        for column_number, (value, column) in enumerate(
            zip(row, table.columns, strict=True), start=1
        ):
            stored, number_format = _cell_value(value, column.kind)
            cell = put(sheet, row_number, column_number, stored)
            if number_format:
                cell.number_format = number_format
    for offset, note in enumerate(table.notes, start=HEADER_ROW + len(table.rows) + 2):
        put(sheet, offset, 1, note)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=2)
    sheet.column_dimensions["A"].width = 48
    for column_number in range(2, len(table.columns) + 1):
        sheet.column_dimensions[get_column_letter(column_number)].width = 18


def document_xlsx(document: Document) -> bytes:
    workbook = Workbook()
    about = workbook.active
    about.title = "About"
    put(about, 1, 1, f"{document.title}, {document.period}").font = Font(bold=True, size=14)
    put(about, 2, 1, document.landlord)
    put(about, 3, 1, document.subtitle)
    put(about, 4, 1, f"Counted from the complaint records on {document.generated_on:%-d %B %Y}.")
    for column, heading in enumerate(("Sheet", "Table", "Section"), start=1):
        put(about, 6, column, heading).font = Font(bold=True)
    about.column_dimensions["A"].width = 32
    about.column_dimensions["B"].width = 60
    about.column_dimensions["C"].width = 60
    names = iter(sheet_names(document))
    row = 7
    for section in document.walk():
        heading = f"{section.code}: {section.heading}" if section.code else section.heading
        for table in section.tables:
            name = next(names)
            _write_table(workbook.create_sheet(name), table, heading)
            put(about, row, 1, name)
            put(about, row, 2, table.caption)
            put(about, row, 3, heading)
            row += 1
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
