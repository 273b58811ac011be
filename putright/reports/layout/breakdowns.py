"""The breakdowns the annual report carries (issue 13, items 4 and 6), laid out as tables in
the sections they belong to: each row a value of the dimension (a service area, the
landlord or a contractor, a division), each measure this year and, when there is a last
year, last year's beside it and for a count or money the change in per cent. The figures
are the report's ``breakdowns`` (the breakdown engine's rows) and nothing else, so the page,
the PDF and the spreadsheet (one sheet per breakdown) hold the JSON's numbers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from putright.reports.annual_breakdowns import KINDS
from putright.reports.document import Chart, Column, ColumnKind, Section, Table, format_cell
from putright.reports.explore import ValueWords
from putright.reports.layout.common import report_years
from putright.reports.report import AnnualReport
from putright.rules.counting import CHANGE, DIMENSIONS, LAST_YEAR, MEASURES

_KINDS: dict[str, ColumnKind] = {"count": "count", "pct": "percent", "money": "money"}

#: Why a row counts where it does, said under the tables that need it.
_NOTES = {
    "service_area": "A complaint that spans several service areas counts under its main one.",
    "division": "A complaint counts under the division of its main service area.",
    "handler": "Each stage counts under its own handler: the landlord, or the contractor that "
    "dealt with that stage for us.",
}


def _cell(value: Any, kind: ColumnKind) -> Any:
    return Decimal(value) if kind == "money" and value is not None else value


def _columns(entry: dict[str, Any], now: str, before: str | None) -> list[tuple[str, Column]]:
    """(key in a row, column) for each measure, with last year's and the change beside it."""
    columns: list[tuple[str, Column]] = []
    for name in entry["measures"]:
        measure = MEASURES[name]
        kind = _KINDS[measure.kind]
        if not (entry["compare"] and before):
            columns.append((name, Column(measure.label, kind)))
            continue
        columns.append((name, Column(f"{measure.label}, {now}", kind)))
        columns.append((name + LAST_YEAR, Column(f"{measure.label}, {before}", kind)))
        if measure.shareable:
            columns.append((name + CHANGE, Column(f"{measure.label}: change", "change")))
    return columns


def _in_all(entry: dict[str, Any], columns: list[tuple[str, Column]], stage: int, now: str) -> str:
    """The year's figures in all, in words: what the rows add up to."""
    parts = []
    for key, column in columns:
        value = entry["totals"].get(key)
        parts.append(
            f"{column.heading.lower()}: {format_cell(_cell(value, column.kind), column.kind)}"
        )
    return f"In all at stage {stage} in {now}, " + "; ".join(parts) + "."


def _summary(entry: dict[str, Any], words: ValueWords, first: str, now: str) -> str:
    rows = entry["rows"]
    if not rows:
        return f"None at stage {entry['stage']} in {now}."
    dimension = entry["by"][0]
    top = max(rows, key=lambda r: r.get(first) or 0)
    name = words(dimension, top[dimension])
    if len(entry["by"]) > 1:
        name += f", {words(entry['by'][1], top[entry['by'][1]]).lower()}"
    label = MEASURES[first].label.lower()
    total = entry["totals"].get(first)
    return f"{name} had the most ({label}): {format_cell(top.get(first), 'count')} of {format_cell(total, 'count')}."


def breakdown_table(entry: dict[str, Any], report: AnnualReport) -> Table:
    """One breakdown of the report as a table, with a chart of its first measure when it
    is broken down by one dimension."""
    now, before = report_years(report)
    words = ValueWords.of(report.landlord)
    by = entry["by"]
    columns = _columns(entry, now, before)
    rows = []
    for row in entry["rows"]:
        names: list[Any] = [words(d, row[d]) for d in by]
        rows.append(names + [_cell(row.get(key), column.kind) for key, column in columns])
    first = entry["measures"][0]
    chart = None
    if rows and len(by) == 1:
        chart = Chart((1, 2)) if entry["compare"] and before else Chart((1,))
    notes = [_in_all(entry, columns, entry["stage"], now)]
    notes += [_NOTES[d] for d in by if d in _NOTES]
    return Table(
        key=f"s{entry['stage']} {KINDS[entry['section']].key} by {by[0]}",
        caption=entry["title"],
        columns=[Column(DIMENSIONS[d]) for d in by] + [column for _, column in columns],
        rows=rows,
        summary=_summary(entry, words, first, now),
        chart=chart,
        notes=notes,
    )


def add_breakdowns(performance: Section, report: AnnualReport) -> None:
    """Put each breakdown the report carries into the section it belongs to (or, when that
    section is not in the report, at the end of the performance section)."""
    sections = {s.id: s for s in performance.walk()}
    for entry in report.figures["breakdowns"]:
        target = sections.get(KINDS[entry["section"]].section, performance)
        target.tables.append(breakdown_table(entry, report))
