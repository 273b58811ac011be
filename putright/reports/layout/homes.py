"""The homes the landlord owned at the end of the year by property type, in the annual
report where the homes are shown (beside the rates per 1,000 homes)."""

from __future__ import annotations

from putright.reports.document import Column, Table
from putright.reports.report import AnnualReport
from putright.rules.perception import PropertyType


def homes_table(report: AnnualReport) -> Table | None:
    """Homes by property type this year (and last year's beside them when entered), or None
    when the types were not entered for this year."""
    f, p = report.figures, report.figures["previous"]
    by_type = f["homes"]["by_type"]
    if not by_type:
        return None
    now = report.period.label
    before = p["homes"]["by_type"] if p else None
    columns = [Column("Property type"), Column(now, "count")]
    if before:
        columns.append(Column(f"{report.year - 1}/{report.year % 100:02d}", "count"))
    rows = [
        [t.label, by_type[t.value]] + ([before[t.value]] if before else []) for t in PropertyType
    ]
    rows.append(
        ["All homes (LCRA and LCHO)", f["homes"]["total"]]
        + ([p["homes"]["total"]] if before and p else [])
    )
    return Table(
        "homes-by-type",
        "Homes we owned at the end of the year, by property type",
        columns,
        rows,
    )
