"""Extensions and their reasons (Code 6.4, 6.5, 6.15, 6.16), for the annual report.

Counted over the same stages as ``extended`` in counting-rules.md: the stage N responses
sent in the period that had an agreed extension. An extension beyond 10 (stage 1) or 20
(stage 2) working days in all needs a good reason (Code 6.4, 6.15). A register import
records one extension per stage with no decision date; extensions decided in Putright
carry the date, and whether the Ombudsman's contact details were given (Code 6.5, 6.16).
One query reads the extended stages of both stages with their extension decisions.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from putright.complaints.models import Complaint, Extension, Stage
from putright.landlords.models import Landlord
from putright.reports.tally import fetch, flag, sql_date, table
from putright.rules.codes import Jurisdiction, Kind
from putright.rules.timescales import EXTENSION_LIMIT_WORKING_DAYS

#: The key under which extensions with no reason written down are counted.
NO_REASON = "not_recorded"


def average(total: int, count: int) -> float | None:
    """``total / count`` to one decimal place, half up; None when there is nothing to average."""
    if count == 0:
        return None
    value = Decimal(total) / Decimal(count)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def extension_figures(landlord: Landlord, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Each stage's extensions among the responses sent between ``start`` and ``end``:
    ``{"stage1": {...}, "stage2": {...}}``."""
    sql = (
        "SELECT s.number, s.id, s.extension_working_days, e.reason, "
        f"{flag('e.good_reason <> %s')}, {flag('e.decided_on IS NOT NULL')}, "
        f"{flag('e.ombudsman_details_given')}, {flag('e.id IS NOT NULL')} "
        # Read from the extensions (far fewer than stages), then their stage and complaint.
        f"FROM {table(Extension)} e CROSS JOIN {table(Stage)} s CROSS JOIN {table(Complaint)} c "
        "WHERE s.id = e.stage_id AND c.id = s.complaint_id "
        "AND s.landlord_id = %s AND s.responded_on BETWEEN %s AND %s "
        "AND s.extension_working_days > 0 AND c.kind = %s AND c.jurisdiction = %s"
    )
    rows = fetch(
        sql,
        ["", landlord.pk, sql_date(start), sql_date(end), Kind.COMPLAINT, Jurisdiction.HOUSING],
    )
    stages: dict[int, dict[int, dict[str, Any]]] = {1: {}, 2: {}}
    reasons: dict[int, Counter[str]] = {1: Counter(), 2: Counter()}
    decisions: dict[int, Counter[str]] = {1: Counter(), 2: Counter()}
    for number, stage_id, days, reason, good, dated, details_given, decided in rows:
        stage = stages[number].setdefault(stage_id, {"days": days, "good_reason": False})
        stage["good_reason"] = stage["good_reason"] or bool(good)
        if decided:
            decisions[number]["decisions"] += 1
            decisions[number]["dated"] += dated
            decisions[number]["details_given"] += dated and details_given
            reasons[number][" ".join((reason or "").split()) or NO_REASON] += 1
    return {f"stage{n}": _figures(n, stages[n], reasons[n], decisions[n]) for n in (1, 2)}


def _figures(
    number: int,
    stages: dict[int, dict[str, Any]],
    reasons: Counter[str],
    decisions: Counter[str],
) -> dict[str, Any]:
    limit = EXTENSION_LIMIT_WORKING_DAYS[number]
    over = [s for s in stages.values() if s["days"] > limit]
    return {
        "cases": len(stages),
        "limit_working_days": limit,
        "average_working_days": average(sum(s["days"] for s in stages.values()), len(stages)),
        "over_limit": len(over),
        "over_limit_with_good_reason": sum(1 for s in over if s["good_reason"]),
        "decisions": decisions["decisions"],
        "decisions_recorded_in_putright": decisions["dated"],
        "ombudsman_details_given": decisions["details_given"],
        "by_reason": dict(sorted(reasons.items(), key=lambda item: (-item[1], item[0]))),
    }
