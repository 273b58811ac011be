"""Putting things right (Code section 7), for the annual report: compensation by stage and
reason, the remedies offered by kind, and whether remedies were done by the date promised
(Code 7.3).

Compensation and remedies are counted over the stage N responses sent in the period, like
``compensation`` in counting-rules.md: a financial remedy with an amount offered above
nothing is compensation for its reason, and its response is a case. "Followed through"
counts the remedies whose promised date falls in the period and has passed. Money is added
up in whole pence, so the totals are exact. The database groups the remedies
(``putright.reports.tally.remedy_groups``); only the groups come back to Python.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from putright.complaints.models import Complaint, Remedy, Stage
from putright.landlords.models import Landlord
from putright.reports.periods import Period
from putright.reports.tally import PeriodTally, fetch, flag, pounds, sql_date, table, tally
from putright.rules.codes import Jurisdiction
from putright.rules.counting import money, percent


def putting_right_figures(landlord: Landlord, start: dt.date, end: dt.date) -> dict[str, Any]:
    """``{"compensation": {"stage1": ..., "stage2": ...}, "remedies": {"stage1": ...,
    "stage2": ...}}`` for the responses sent between ``start`` and ``end``."""
    [counted] = tally(landlord, [Period(start, end, "")])
    return putting_right_from(counted)


def putting_right_from(counted: PeriodTally) -> dict[str, Any]:
    """The same, from a period's counts: the remedies grouped by the database
    (``tally.remedy_groups``), nothing counted row by row here."""
    compensation = {}
    remedies = {}
    for n in (1, 2):
        groups = [g for g in counted.remedy_groups if g.number == n]
        responses = [r for r in counted.remedy_responses if r.number == n]
        kinds: Counter[str] = Counter()
        cases: Counter[str] = Counter()
        offered: Counter[str] = Counter()
        totals: Counter[str] = Counter()
        for g in groups:
            kinds[g.kind] += g.remedies
            totals["remedies"] += g.remedies
            totals["with_due_date"] += g.with_due_date
            if g.compensation:
                key = g.reason or "not_recorded"
                cases[key] += g.responses
                offered[key] += g.offered_pence
                totals["offered"] += g.offered_pence
                totals["accepted"] += g.accepted_pence
                totals["paid"] += g.paid_pence
        by_reason = sorted(offered.items(), key=lambda item: (-item[1], item[0]))
        compensation[f"stage{n}"] = {
            "cases": sum(r.responses for r in responses if r.compensation),
            "total_gbp": money(pounds(totals["offered"])),
            "accepted_gbp": money(pounds(totals["accepted"])),
            "paid_cases": sum(r.responses for r in responses if r.paid),
            "paid_gbp": money(pounds(totals["paid"])),
            "by_reason": {
                reason: {"cases": cases[reason], "total_gbp": money(pounds(total))}
                for reason, total in by_reason
            },
        }
        remedies[f"stage{n}"] = {
            "responses_with_a_remedy": sum(r.responses for r in responses),
            "total": totals["remedies"],
            "with_due_date": totals["with_due_date"],
            "by_kind": dict(sorted(kinds.items(), key=lambda item: (-item[1], item[0]))),
        }
    return {"compensation": compensation, "remedies": remedies}


def followed_through(
    landlord: Landlord, start: dt.date, end: dt.date, *, today: dt.date
) -> dict[str, Any]:
    """Code 7.3: of the remedies promised for a date in the period that has now passed,
    those done on or before it, done later, and not done yet."""
    last = min(end, today - dt.timedelta(days=1))
    sql = (
        f"SELECT {flag('r.done_on <= r.due_on')}, {flag('r.done_on > r.due_on')}, COUNT(*) "
        f"FROM {table(Remedy)} r CROSS JOIN {table(Stage)} s CROSS JOIN {table(Complaint)} c "
        "WHERE s.id = r.stage_id AND c.id = s.complaint_id AND s.landlord_id = %s "
        "AND c.jurisdiction = %s AND r.due_on BETWEEN %s AND %s GROUP BY 1, 2"
    )
    counts: Counter[str] = Counter()
    for on_time, late, n in fetch(
        sql, [landlord.pk, Jurisdiction.HOUSING, sql_date(start), sql_date(last)]
    ):
        counts["due"] += n
        counts["on_time" if on_time else "late" if late else "not_done"] += n
    return {
        "due": counts["due"],
        "done_on_time": counts["on_time"],
        "done_late": counts["late"],
        "not_done": counts["not_done"],
        "done_on_time_pct": percent(counts["on_time"], counts["due"]),
    }
