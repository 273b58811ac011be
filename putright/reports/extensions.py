"""Extensions and their reasons (Code 6.4, 6.5, 6.15, 6.16), for the annual report.

Counted over the same stages as ``extended`` in counting-rules.md: the stage N responses
sent in the period that had an agreed extension. An extension beyond 10 (stage 1) or 20
(stage 2) working days in all needs a good reason (Code 6.4, 6.15). A register import
records one extension per stage with no decision date; extensions decided in Putright
carry the date, and whether the Ombudsman's contact details were given (Code 6.5, 6.16).
The database groups the extended responses of both stages with their decisions, and the
decisions by reason; only the groups come back to Python.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from putright.complaints.models import Complaint, Extension, Stage
from putright.landlords.models import Landlord
from putright.reports.breakdown import Counts
from putright.reports.tally import StageTally, fetch, flag, sql_date, table
from putright.rules.codes import Jurisdiction, Kind
from putright.rules.counting import NOT_RECORDED
from putright.rules.timescales import EXTENSION_LIMIT_WORKING_DAYS

#: The key under which extensions with no reason written down are counted.
NO_REASON = "not_recorded"


def average(total: int, count: int) -> float | None:
    """``total / count`` to one decimal place, half up; None when there is nothing to average."""
    if count == 0:
        return None
    value = Decimal(total) / Decimal(count)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class ReasonCodes:
    """Each stage's extended responses that have extensions (``cases``), and of those, by
    each reason code their extensions give ("" none: a response counts under each)."""

    cases: dict[int, int]
    codes: dict[int, Counter[str]]

    def counts(self, number: int, stage: StageTally) -> Counts:
        """The breakdown of ``extended`` by ``extension_reason`` for stage ``number``, with
        the tally's count of that stage's extended responses in the same period: those
        with no extension recorded count as not recorded, as the breakdown counts them."""
        counts: Counts = {}
        for code, n in self.codes[number].items():
            counts.setdefault((code or NOT_RECORDED,), Counter())["extended"] += n
        if missing := stage.extended - self.cases[number]:
            counts.setdefault((NOT_RECORDED,), Counter())["extended"] += missing
        return counts


def extension_figures(landlord: Landlord, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Each stage's extensions among the responses sent between ``start`` and ``end``:
    ``{"stage1": {...}, "stage2": {...}}``."""
    return extensions_counted(landlord, start, end)[0]


def extensions_counted(
    landlord: Landlord, start: dt.date, end: dt.date
) -> tuple[dict[str, Any], ReasonCodes]:
    """``extension_figures``, and the extended responses by reason code from the same query
    (the coded detail's, ``putright.reports.coded``)."""
    # Read once from the extensions (far fewer than stages), then their stage and complaint.
    extensions = (
        "SELECT s.number AS stage_number, e.stage_id AS stage, "
        "s.extension_working_days AS days, e.reason AS reason, e.reason_code AS code, "
        f"{flag('e.good_reason <> %s')} AS good_reason, "
        f"{flag('e.decided_on IS NOT NULL')} AS dated, "
        f"{flag('e.decided_on IS NOT NULL AND e.ombudsman_details_given')} AS details_given "
        f"FROM {table(Extension)} e CROSS JOIN {table(Stage)} s CROSS JOIN {table(Complaint)} c "
        "WHERE s.id = e.stage_id AND c.id = s.complaint_id "
        "AND s.landlord_id = %s AND s.responded_on BETWEEN %s AND %s "
        "AND s.extension_working_days > 0 AND c.kind = %s AND c.jurisdiction = %s"
    )
    params = ["", landlord.pk, sql_date(start), sql_date(end), Kind.COMPLAINT, Jurisdiction.HOUSING]
    # Each extended response with its decisions added up, then grouped by its stage, its
    # working days in all and whether any decision gave a good reason; and the decisions
    # by stage and reason; and the responses by stage and each reason code they give.
    rows = fetch(
        f"WITH extensions AS ({extensions}) "
        "SELECT 0, stage_number, days, good_reason, '', COUNT(*), SUM(decisions), SUM(dated), "
        "SUM(details_given) FROM (SELECT stage_number, days, MAX(good_reason) AS good_reason, "
        "COUNT(*) AS decisions, SUM(dated) AS dated, SUM(details_given) AS details_given "
        "FROM extensions GROUP BY stage, stage_number, days) responses GROUP BY 2, 3, 4 "
        "UNION ALL SELECT 1, stage_number, 0, 0, COALESCE(reason, ''), COUNT(*), 0, 0, 0 "
        "FROM extensions GROUP BY 2, 5 "
        "UNION ALL SELECT 2, stage_number, 0, 0, code, COUNT(DISTINCT stage), 0, 0, 0 "
        "FROM extensions GROUP BY 2, 5",
        params,
    )
    stages: dict[int, list[tuple[int, bool, int]]] = {1: [], 2: []}
    decisions: dict[int, Counter[str]] = {1: Counter(), 2: Counter()}
    reasons: dict[int, Counter[str]] = {1: Counter(), 2: Counter()}
    codes: dict[int, Counter[str]] = {1: Counter(), 2: Counter()}
    for which, number, days, good, reason, n, decided, dated, details_given in rows:
        if which == 2:
            codes[number][reason] += int(n)
            continue
        if which == 1:
            reasons[number][" ".join(reason.split()) or NO_REASON] += int(n)
            continue
        stages[number].append((int(days), bool(good), int(n)))
        decisions[number]["decisions"] += int(decided)
        decisions[number]["dated"] += int(dated or 0)
        decisions[number]["details_given"] += int(details_given or 0)
    figures = {f"stage{n}": _figures(n, stages[n], reasons[n], decisions[n]) for n in (1, 2)}
    cases = {n: figures[f"stage{n}"]["cases"] for n in (1, 2)}
    return figures, ReasonCodes(cases, codes)


def _figures(
    number: int,
    stages: list[tuple[int, bool, int]],
    reasons: Counter[str],
    decisions: Counter[str],
) -> dict[str, Any]:
    """One stage's figures from its extended responses grouped as (working days in all,
    a good reason given, how many)."""
    limit = EXTENSION_LIMIT_WORKING_DAYS[number]
    cases = sum(n for _, _, n in stages)
    over = [(good, n) for days, good, n in stages if days > limit]
    return {
        "cases": cases,
        "limit_working_days": limit,
        "average_working_days": average(sum(days * n for days, _, n in stages), cases),
        "over_limit": sum(n for _, n in over),
        "over_limit_with_good_reason": sum(n for good, n in over if good),
        "decisions": decisions["decisions"],
        "decisions_recorded_in_putright": decisions["dated"],
        "ombudsman_details_given": decisions["details_given"],
        "by_reason": dict(sorted(reasons.items(), key=lambda item: (-item[1], item[0]))),
    }
