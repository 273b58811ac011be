"""A table of text, numbers and dates as a spreadsheet download (CSV or XLSX) that opens
as text, never as formulas.

Spreadsheets take a cell beginning with =, +, -, @, a tab or a carriage return as a
formula, which a resident's words or a name typed into a complaint could use to run
something on the computer of whoever opens the download (CSV injection, OWASP). Such a
cell is written with an apostrophe before it, which spreadsheets read as "this is text";
numbers and dates are written as themselves.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

#: What a spreadsheet may read as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: How an XLSX download shows a date: 8 April 2024.
DATE_FORMAT = "d mmmm yyyy"

Cell = str | int | dt.date | None


def neutralise(value: Cell) -> Cell:
    """Text that a spreadsheet could take as a formula, made plain text; anything else
    as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def table_csv(headings: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """The table as CSV in UTF-8, with the byte order mark spreadsheets look for to read
    "£" and accented names rightly; dates as 2024-04-08."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in headings])
    for row in rows:
        writer.writerow(_csv_cell(v) for v in row)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(value: Cell) -> Cell:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise(value)


def table_xlsx(title: str, headings: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """The table as one XLSX sheet named ``title``: bold headings, the heading row frozen,
    text stored as text, dates as dates."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    widths = [len(h) for h in headings]
    for number, heading in enumerate(headings, start=1):
        cell = sheet.cell(row=1, column=number, value=neutralise(heading))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row_number, row in enumerate(rows, start=2):
        for number, value in enumerate(row, start=1):
            _write(sheet.cell(row=row_number, column=number), value)
            widths[number - 1] = max(widths[number - 1], min(60, len(str(value or ""))))
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width + 2
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write(cell: Any, value: Cell) -> None:
    if isinstance(value, str):
        cell.value = neutralise(value)
        cell.data_type = "s"  # never a formula, whatever the text
    else:
        cell.value = value
        if isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
