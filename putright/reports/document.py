"""A report as a document: sections of paragraphs and tables, some tables with a chart.

Every format is drawn from this one shape, so the web page, the PDF and the spreadsheet
hold the same figures: the HTML and PDF templates walk the sections, the spreadsheet
writes one sheet per table. Cells hold plain values (numbers as numbers, money as
``Decimal``, ``None`` for a figure with no denominator, ``SUPPRESSED`` for a small number
held back); the column's kind says how to show them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

#: How a column's cells are shown. "figure" holds ``Figure`` cells, each with its own kind,
#: for a table of headline figures in mixed units. "change" is a change from last year in
#: per cent, shown with its sign (+26.3%, -10.0%).
ColumnKind = Literal["text", "count", "percent", "rate", "money", "date", "figure", "change"]


class Marker:
    """A cell that holds words instead of a figure, for a reason the reader must see."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"Marker({self.text!r})"

    def __str__(self) -> str:
        return self.text


#: Counts below this are not published where they could pick people out (equality data).
SMALL_NUMBER = 5
SUPPRESSED_TEXT = f"fewer than {SMALL_NUMBER}"
#: A count from 1 to 4 held back so that nobody can be identified.
SUPPRESSED = Marker(SUPPRESSED_TEXT)
#: A figure the landlord has not typed in (TP09, a sector median).
NOT_ENTERED = Marker("not entered")
#: Shown for a figure whose denominator is nothing (counting-rules.md: null, never 0).
NO_FIGURE_TEXT = "not applicable"


@dataclass(frozen=True)
class Figure:
    """One number with its own unit, in a column of mixed figures."""

    value: Any
    kind: ColumnKind


@dataclass(frozen=True)
class Column:
    heading: str
    kind: ColumnKind = "text"


@dataclass(frozen=True)
class Chart:
    """A bar chart of one or two numeric columns (this year, and last year beside it)."""

    value_columns: tuple[int, ...] = (1,)
    label_column: int = 0


@dataclass
class Table:
    key: str
    caption: str
    columns: list[Column]
    rows: list[list[Any]]
    summary: str = ""
    chart: Chart | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def has_rows(self) -> bool:
        return bool(self.rows)


@dataclass
class Section:
    id: str
    heading: str
    code: str = ""
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    #: Text written by staff: shown as they wrote it, paragraph by paragraph.
    written: str = ""
    written_by: str = ""

    def walk(self) -> Iterator[Section]:
        yield self
        for sub in self.subsections:
            yield from sub.walk()


@dataclass
class Document:
    title: str
    landlord: str
    period: str
    sections: list[Section]
    generated_on: dt.date
    subtitle: str = ""

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def tables(self) -> Iterator[Table]:
        for section in self.walk():
            yield from section.tables


def format_cell(value: Any, kind: ColumnKind) -> str:
    """A cell as text for the page and the PDF: 1,234; 83.3%; 7.15; £1,200.50."""
    if isinstance(value, Figure):
        return format_cell(value.value, value.kind)
    if isinstance(value, Marker):
        return value.text
    if value is None:
        return NO_FIGURE_TEXT if kind in ("percent", "rate", "money", "change") else ""
    if kind == "count" and isinstance(value, int):
        return f"{value:,}"
    if kind == "percent":
        return f"{float(value):.1f}%"
    if kind == "change":
        return f"{float(value):+.1f}%" if value else "0.0%"
    if kind == "rate":
        return f"{float(value):,.2f}"
    if kind == "money":
        return f"£{Decimal(value):,.2f}"
    if kind == "date" and isinstance(value, dt.date):
        return f"{value:%-d %B %Y}"
    return str(value)


def paragraphs_of(text: str) -> list[str]:
    """Staff-written text split into paragraphs at blank lines."""
    parts = [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n")]
    return [p for p in parts if p]


def plural(n: int, one: str, many: str | None = None) -> str:
    """ "1 complaint", "2 complaints", "1,234 complaints"."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"
