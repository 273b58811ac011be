"""The tenant perception measures TP01 to TP12 in the annual report's TSM section: the
percentage satisfied beside last year's and the sector quartiles, and the answers behind
each percentage. Only the measures entered for the year are shown."""

from __future__ import annotations

from typing import Any

from putright.reports.document import NOT_ENTERED, Column, Figure, Marker, Table
from putright.reports.perception import band_label
from putright.rules.perception import ANSWERING, Answer


def _entered(value: Any) -> Figure | Marker:
    return NOT_ENTERED if value is None else Figure(value, "percent")


def perception_tables(perception: dict[str, dict[str, Any]], year: str) -> list[Table]:
    """Two tables, or none when no measure is entered: the figures with last year's and the
    sector quartiles, and the answers behind them."""
    entered = {code: e for code, e in perception.items() if e["entered"]}
    if not entered:
        return []
    figures = Table(
        "tsm-perception",
        "Tenant perception measures with last year's figures and the sector quartiles",
        [
            Column("Measure"),
            Column(f"Satisfied {year}", "figure"),
            Column("Last year", "figure"),
            Column("Change", "text"),
            Column("Sector lower quartile", "figure"),
            Column("Sector median", "figure"),
            Column("Sector upper quartile", "figure"),
            Column("Quartile band", "text"),
        ],
        [
            [
                f"{code}: {e['title']}",
                Figure(e["satisfied_pct"], "percent"),
                _entered(e["previous_pct"]),
                _change_words(e["change"]),
                _entered(e["sector"]["lower_quartile"]),
                _entered(e["sector"]["median"]),
                _entered(e["sector"]["upper_quartile"]),
                band_label(e["sector"]["band"]) or "not entered",
            ]
            for code, e in entered.items()
        ],
    )
    answers = Table(
        "tsm-perception-answers",
        "How tenants answered each perception question",
        [Column("Measure")]
        + [Column(a.label, "count") for a in ANSWERING]
        + [
            Column(Answer.NOT_APPLICABLE.label, "text"),
            Column("Respondents", "count"),
            Column("Satisfied", "count"),
        ],
        [
            [code]
            + [e["answers"][a.value] for a in ANSWERING]
            + [
                f"{e['answers'][Answer.NOT_APPLICABLE]:,}"
                if e["allows_not_applicable"]
                else "not asked",
                e["respondents"],
                e["satisfied"],
            ]
            for code, e in entered.items()
        ],
        notes=[
            "Satisfied is very satisfied plus fairly satisfied. TP11 and TP12 allow the answer "
            "'not applicable or don't know'; those answers count among the respondents but not "
            "in the percentage."
        ],
    )
    return [figures, answers]


def _change_words(change: float | None) -> str:
    if change is None:
        return "no comparison"
    if change == 0:
        return "no change"
    return f"{'up' if change > 0 else 'down'} {abs(change):.1f} percentage points"
