"""The staff page "Explore the figures" (issue 13): choose a year, a stage, measures and one
or two dimensions; see the breakdown as a table and a chart, and download it as CSV (the
`putright report breakdown` CSV) or XLSX (the table as shown). The figures are those of
``putright.reports.breakdown``; this module only reads the choices and words the page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import QueryDict

from putright.landlords.models import SubCause
from putright.reports.breakdown import Breakdown, breakdown
from putright.reports.charts import bar_chart
from putright.reports.document import Chart, Column, ColumnKind, Table, format_cell
from putright.rules import codes
from putright.rules.counting import (
    CHANGE,
    DIMENSIONS,
    LAST_YEAR,
    MEASURES,
    NOT_RECORDED,
    SHARE,
    breakdown_problems,
    financial_year,
    financial_year_label,
)

#: What the page counts when nothing is chosen yet: Oxford's table.
DEFAULT_MEASURES = ("received", "upheld")
DEFAULT_BY = "service_area"

_CODE_LABELS: dict[str, dict[str, str]] = {
    "root_cause": dict(codes.RootCause.choices()),
    "escalation_reason": dict(codes.EscalationReason.choices()),
    "not_accepted_reason": dict(codes.NotAcceptedReason.choices()),
    "compensation_reason": dict(codes.CompensationReason.choices()),
    "tenure": dict(codes.Tenure.choices()),
    "channel": dict(codes.Channel.choices()),
    "kind": dict(codes.Kind.choices()),
}
_QUARTERS = {
    "Q1": "Q1 (April to June)",
    "Q2": "Q2 (July to September)",
    "Q3": "Q3 (October to December)",
    "Q4": "Q4 (January to March)",
}
_KINDS: dict[str, ColumnKind] = {"count": "count", "pct": "percent", "money": "money"}


@dataclass(frozen=True)
class ValueWords:
    """How a landlord's breakdown values read in words: a code's label (the landlord's own
    for its sub-causes), a month's name, the landlord's name for its own stages."""

    landlord_name: str
    sub_causes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, landlord: Any) -> ValueWords:
        labels = SubCause.objects.filter(landlord=landlord).values_list("code", "label")
        return cls(landlord.name, dict(labels))

    def __call__(self, dimension: str, value: str) -> str:
        if value == NOT_RECORDED:
            return "Not recorded"
        if dimension == "handler" and value == "landlord":
            return f"{self.landlord_name} (landlord)"
        if dimension == "quarter":
            return _QUARTERS.get(value, value)
        if dimension == "month":
            year, month = value.split("-")
            return f"{dt.date(int(year), int(month), 1):%B %Y}"
        if dimension == "sub_cause":
            return self.sub_causes.get(value, value)
        return _CODE_LABELS.get(dimension, {}).get(value, value)


@dataclass
class Choices:
    """What the person chose on the form, and what is wrong with it (field: message)."""

    year: int
    stage: int
    measures: list[str]
    by: list[str]
    asked: bool
    problems: dict[str, str] = field(default_factory=dict)
    compare: bool = False

    @classmethod
    def read(cls, data: QueryDict, years: list[int]) -> Choices:
        asked = "by" in data
        problems: dict[str, str] = {}
        year = years[0]
        year_text, stage_text = str(data.get("year", "")), str(data.get("stage", ""))
        if year_text:
            try:
                year = int(year_text)
            except ValueError:
                year = -1
            if year not in years:
                problems["year"] = "Choose a financial year from the list."
                year = years[0]
        stage = 1
        if stage_text:
            stage = {"1": 1, "2": 2}.get(stage_text, 0)
            if not stage:
                problems["stage"] = "Choose stage 1 or stage 2."
                stage = 1
        measures = data.getlist("measure") if asked else list(DEFAULT_MEASURES)
        by = [str(d) for d in (data.get("by", DEFAULT_BY), data.get("then", "")) if d]
        if asked:
            for name, message in breakdown_problems(stage, measures, by).items():
                problems.setdefault(name, message)
        return cls(year, stage, measures, by, asked, problems, data.get("compare") == "yes")

    def query(self) -> str:
        """The choices as a query string, for the download links."""
        data = QueryDict(mutable=True)
        data.update({"year": str(self.year), "stage": str(self.stage)})
        data.setlist("measure", self.measures)
        data["by"] = self.by[0]
        if len(self.by) > 1:
            data["then"] = self.by[1]
        if self.compare:
            data["compare"] = "yes"
        return data.urlencode()


@dataclass
class Shown:
    """The breakdown as the page shows it: headings, rows of text, the chart."""

    headings: list[tuple[str, bool]]
    rows: list[list[tuple[str, bool]]]
    totals: list[tuple[str, bool]]
    chart: Any
    caption: str
    spreadsheet_headings: list[str]
    spreadsheet_rows: list[list[Any]]


def _columns(result: Breakdown) -> list[tuple[str, str, ColumnKind]]:
    """(key in a row, heading, kind) for each measure, a count's share beside it."""
    columns: list[tuple[str, str, ColumnKind]] = []
    for name in result.measures:
        if name.endswith(SHARE):
            continue
        measure = MEASURES[name]
        columns.append((name, measure.label, _KINDS[measure.kind]))
        if measure.shareable:
            columns.append((name + SHARE, f"Share of the total {measure.label.lower()}", "percent"))
        if result.compare:
            columns.append((name + LAST_YEAR, f"{measure.label}, last year", _KINDS[measure.kind]))
            if measure.shareable:
                columns.append((name + CHANGE, f"Change in {measure.label.lower()}", "percent"))
    return columns


def _cell(value: Any, kind: ColumnKind) -> Any:
    return Decimal(value) if kind == "money" and value is not None else value


def shown(result: Breakdown, words: ValueWords) -> Shown:
    columns = _columns(result)
    labels = [DIMENSIONS[d] for d in result.by]
    headings = [(h, False) for h in labels] + [(h, True) for _, h, _ in columns]
    rows, sheet_rows = [], []
    for row in result.rows:
        names = [words(d, row[d]) for d in result.by]
        values = [_cell(row.get(key), kind) for key, _, kind in columns]
        rows.append(
            [(n, False) for n in names]
            + [
                (format_cell(v, kind), True)
                for v, (_, _, kind) in zip(values, columns, strict=True)
            ]
        )
        sheet_rows.append([*names, *(float(v) if isinstance(v, Decimal) else v for v in values)])
    totals = [("All", False)] + [("", False)] * (len(result.by) - 1)
    for key, _, kind in columns:
        value = result.totals.get(key)
        if key.endswith(SHARE):
            value = 100.0 if result.rows else None
        totals.append((format_cell(_cell(value, kind), kind), True))
    stage = f"stage {result.stage}"
    measure_words = ", ".join(MEASURES[m].label.lower() for m in result.measures if m in MEASURES)
    caption = (
        f"{measure_words.capitalize()} at {stage} by {' and '.join(label.lower() for label in labels)}, "
        f"{financial_year_label(result.year)}"
    )
    first_key, first_heading, first_kind = columns[0]
    chart_table = Table(
        key="explore-chart",
        caption=f"{first_heading} at {stage} by {' and '.join(label.lower() for label in labels)}",
        columns=[Column(" and ".join(labels)), Column(first_heading, first_kind)],
        rows=[[" / ".join(r[i][0] for i in range(len(result.by))), _cell(v.get(first_key), first_kind)]
              for r, v in zip(rows, result.rows, strict=True)],
        summary=f"{first_heading} for each row of the table below, "
        f"{financial_year_label(result.year)}.",
        chart=Chart(value_columns=(1,), label_column=0),
    )  # fmt: skip
    return Shown(
        headings=headings,
        rows=rows,
        totals=totals,
        chart=bar_chart(chart_table, "explore-chart"),
        caption=caption,
        spreadsheet_headings=[h for h, _ in headings],
        spreadsheet_rows=sheet_rows,
    )


def explore_context(landlord: Any, choices: Choices) -> dict[str, Any]:
    """The page's figures for choices with no problem (None when not asked yet)."""
    if choices.problems or not choices.by:
        return {"result": None}
    result = breakdown(
        landlord,
        choices.year,
        stage=choices.stage,
        measures=choices.measures,
        by=choices.by,
        compare=choices.compare,
    )
    return {"result": result, "shown": shown(result, ValueWords.of(landlord))}


def period_words(year: int) -> str:
    start, end = financial_year(year)
    return f"1 April {start.year} to 31 March {end.year}"
