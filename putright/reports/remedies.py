"""Putting things right (Code section 7), for the annual report: compensation by stage and
reason, the remedies offered by kind, and whether remedies were done by the date promised
(Code 7.3).

Compensation and remedies are counted over the stage N responses sent in the period, like
``compensation`` in counting-rules.md: a financial remedy with an amount offered above
nothing is compensation for its reason, and its response is a case. "Followed through"
counts the remedies whose promised date falls in the period and has passed. Money is added
up in whole pence, so the totals are exact.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from putright.complaints.models import Complaint, Remedy, Stage
from putright.landlords.models import Landlord
from putright.reports.periods import Period
from putright.reports.tally import fetch, flag, pounds, remedy_rows, sql_date, table
from putright.rules.codes import Jurisdiction, RemedyKind
from putright.rules.counting import money, percent


def putting_right_figures(landlord: Landlord, start: dt.date, end: dt.date) -> dict[str, Any]:
    """``{"compensation": {"stage1": ..., "stage2": ...}, "remedies": {"stage1": ...,
    "stage2": ...}}`` for the responses sent between ``start`` and ``end``."""
    rows = remedy_rows(landlord, [Period(start, end, "")])
    return putting_right_from([row[1:] for row in rows if row[0]])


def putting_right_from(rows: list[tuple[Any, ...]]) -> dict[str, Any]:
    """The same, from a period's remedy rows as ``tally`` keeps them."""
    compensated: dict[int, dict[str, set[int]]] = {1: {}, 2: {}}
    offered: dict[int, Counter[str]] = {1: Counter(), 2: Counter()}
    totals: dict[int, Counter[str]] = {1: Counter(), 2: Counter()}
    paid_cases: dict[int, set[int]] = {1: set(), 2: set()}
    kinds: dict[int, Counter[str]] = {1: Counter(), 2: Counter()}
    with_remedy: dict[int, set[int]] = {1: set(), 2: set()}
    counts: dict[int, Counter[str]] = {1: Counter(), 2: Counter()}
    for number, stage, kind, reason, amount, accepted, paid, was_paid, dated in rows:
        kinds[number][kind] += 1
        with_remedy[number].add(stage)
        counts[number]["total"] += 1
        counts[number]["with_due_date"] += dated
        if kind == RemedyKind.FINANCIAL and amount is not None and amount > 0:
            key = reason or "not_recorded"
            compensated[number].setdefault(key, set()).add(stage)
            offered[number][key] += amount
            totals[number]["offered"] += amount
            totals[number]["accepted"] += accepted or 0
            totals[number]["paid"] += paid or 0
            if was_paid:
                paid_cases[number].add(stage)
    compensation = {}
    remedies = {}
    for n in (1, 2):
        cases = set().union(*compensated[n].values()) if compensated[n] else set()
        by_reason = sorted(offered[n].items(), key=lambda item: (-item[1], item[0]))
        compensation[f"stage{n}"] = {
            "cases": len(cases),
            "total_gbp": money(pounds(totals[n]["offered"])),
            "accepted_gbp": money(pounds(totals[n]["accepted"])),
            "paid_cases": len(paid_cases[n]),
            "paid_gbp": money(pounds(totals[n]["paid"])),
            "by_reason": {
                reason: {"cases": len(compensated[n][reason]), "total_gbp": money(pounds(total))}
                for reason, total in by_reason
            },
        }
        remedies[f"stage{n}"] = {
            "responses_with_a_remedy": len(with_remedy[n]),
            "total": counts[n]["total"],
            "with_due_date": counts[n]["with_due_date"],
            "by_kind": dict(sorted(kinds[n].items(), key=lambda item: (-item[1], item[0]))),
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
