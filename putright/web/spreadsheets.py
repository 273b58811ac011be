"""A table of text, numbers and dates as a spreadsheet download (CSV or XLSX) that opens
as text, never as formulas: the one place every CSV and XLSX Putright writes makes its
cells safe (the register, the work queue, the reports, the TSM return, the compliance
view, the self-assessment, the case file bundle's manifest).

Spreadsheets take a cell beginning with =, +, -, @ (or their full-width forms), a tab or a
carriage return as a formula, and some skip leading spaces or line breaks first, so a
resident's words or a name typed into a complaint could run something on the computer of
whoever opens the download (CSV injection, OWASP). In a CSV such a cell is written with an
apostrophe before it, which spreadsheets read as "this is text" (:func:`neutralise`); a
cell that already begins with apostrophes before such text gets one more, so that
:func:`restore` gives back exactly what was written, and the register's import reads an
export as it was (register-csv.md, "Text a spreadsheet would run"). In an XLSX the text is
stored as text, with the spreadsheet's own text mark (quotePrefix), so it shows exactly
what was typed (:func:`put_text`). Numbers and dates are written as themselves.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from typing import IO, Any, overload

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

#: What a spreadsheet may read as the start of a formula: the four signs, their full-width
#: forms (which some spreadsheets read as the signs), a tab and a carriage return.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_SIGNS = "=+\\-@\uff1d\uff0b\uff0d\uff20"
#: What a spreadsheet may pass over before a sign: spaces and line breaks.
PASSED_OVER = " \n\x0b\x0c\xa0"
#: Text a spreadsheet would run, after any apostrophes already written before it.
_RUNS = re.compile(rf"(?:[\t\r]|[{PASSED_OVER}]*[{_SIGNS}])")
_NEUTRALISED = re.compile(rf"'+{_RUNS.pattern}")
_AFTER_APOSTROPHES = re.compile(rf"'*{_RUNS.pattern}")
#: The first characters worth a closer look: most cells start with none of them.
WATCHED = frozenset("'" + "".join(FORMULA_STARTS) + PASSED_OVER)
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: How an XLSX download shows a date: 8 April 2024.
DATE_FORMAT = "d mmmm yyyy"

Cell = str | int | dt.date | None


def would_run(text: str) -> bool:
    """Whether a spreadsheet could take ``text`` as a formula."""
    return _RUNS.match(text) is not None


@overload
def neutralise(value: str) -> str: ...
@overload
def neutralise(value: Cell) -> Cell: ...
def neutralise(value: Cell) -> Cell:
    """Text that a spreadsheet could take as a formula, made plain text with an apostrophe
    before it; text that begins with apostrophes before such text gets one more, so that
    :func:`restore` undoes it exactly. Anything else as it is."""
    if not isinstance(value, str) or value[:1] not in WATCHED:
        return value
    if _AFTER_APOSTROPHES.match(value):
        return "'" + value
    return value


def restore(text: str) -> str:
    """The text :func:`neutralise` was given: one apostrophe taken off text that begins with
    apostrophes before what a spreadsheet would run; any other text as it is."""
    if text[:1] == "'" and _NEUTRALISED.match(text):
        return text[1:]
    return text


class SafeCsvWriter:
    """``csv.writer`` whose every text cell is neutralised: the way every CSV is written."""

    def __init__(self, out: IO[str], **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out: IO[str], **options: Any) -> SafeCsvWriter:
    """A CSV writer on ``out`` (``csv.writer``'s options) that writes no formula."""
    return SafeCsvWriter(out, **options)


def put_value(cell: SheetCell, value: Any) -> SheetCell:
    """Store ``value`` in an XLSX cell: text always as text (never a formula, whatever it
    says), with the spreadsheet's text mark when it looks like one, so it shows as typed
    and stays text when edited; characters XML cannot hold become U+FFFD."""
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        cell.data_type = "s"
        if would_run(value):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def table_csv(headings: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """The table as CSV in UTF-8, with the byte order mark spreadsheets look for to read
    "£" and accented names rightly; dates as 2024-04-08."""
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\r\n")
    writer.writerow(headings)
    for row in rows:
        writer.writerow(_csv_cell(v) for v in row)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(value: Cell) -> Cell:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def table_xlsx(title: str, headings: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """The table as one XLSX sheet named ``title``: bold headings, the heading row frozen,
    text stored as text, dates as dates."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    widths = [len(h) for h in headings]
    for number, heading in enumerate(headings, start=1):
        cell = put_value(sheet.cell(row=1, column=number), heading)
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


def _write(cell: SheetCell, value: Cell) -> None:
    put_value(cell, value)
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
