"""Equality data of the people who complained, in aggregate only, small numbers suppressed.

Counted over the stage 1 complaints received in the period (counting-rules.md, stage 1
``received``). Equality data is held apart from the case (domain.md §4): a complaint's own
record when it came from a register, otherwise its resident's. Any count from 1 to 4 is
suppressed (shown as "fewer than 5", null in the JSON, and named in ``suppressed``), so that
nobody can be picked out; where only one count of a question would be suppressed, the next
smallest is suppressed too, so the hidden one cannot be worked out from the total.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from putright.complaints.models import Complaint, Stage
from putright.landlords.models import Landlord
from putright.reports.document import SMALL_NUMBER
from putright.reports.tally import fetch, sql_date, table
from putright.residents.models import EqualityData
from putright.rules.codes import Jurisdiction, Kind

QUESTIONS = ("age_band", "sex", "ethnicity", "disability")
NOT_RECORDED = "not_recorded"


def suppress(
    counts: dict[str, int], threshold: int = SMALL_NUMBER
) -> tuple[dict[str, int | None], list[str]]:
    """Counts with every one from 1 to ``threshold - 1`` replaced by None, and the keys
    hidden. A lone hidden count takes the next smallest with it (secondary suppression)."""
    hidden = {key for key, n in counts.items() if 0 < n < threshold}
    if len(hidden) == 1:
        shown = sorted((n, key) for key, n in counts.items() if key not in hidden and n > 0)
        if shown:
            hidden.add(shown[0][1])
    published = {key: (None if key in hidden else n) for key, n in counts.items()}
    return published, sorted(hidden, key=lambda key: list(counts).index(key))


def _answer_rows(landlord: Landlord, start: dt.date, end: dt.date) -> Counter[tuple[Any, ...]]:
    """The four answers of each stage 1 complaint received in the period that has equality
    data, counted by the database (one row per distinct set of answers): the complaint's
    own record, or else its resident's."""
    answers = ", ".join(f"e.{q}" for q in QUESTIONS)
    received = (
        f"FROM {table(Stage)} s CROSS JOIN {table(Complaint)} c "
        f"CROSS JOIN {table(EqualityData)} e "
        "WHERE c.id = s.complaint_id AND s.landlord_id = %s AND s.number = 1 "
        "AND s.requested_on BETWEEN %s AND %s AND s.not_accepted_reason = %s "
        "AND c.kind = %s AND c.jurisdiction = %s "
    )
    grouped = f"GROUP BY {', '.join(str(i) for i in range(1, len(QUESTIONS) + 1))}"
    params = [landlord.pk, sql_date(start), sql_date(end), "", Kind.COMPLAINT, Jurisdiction.HOUSING]
    counted: Counter[tuple[Any, ...]] = Counter()
    for *row, n in fetch(
        f"SELECT {answers}, COUNT(*) {received} AND e.complaint_id = c.id {grouped}", params
    ):
        counted[tuple(row)] += n
    # A register import attaches equality data to the complaint; residents' own records are
    # looked for only when the landlord has any.
    if EqualityData.objects.filter(landlord=landlord, resident__isnull=False).exists():
        theirs = (
            f"SELECT {answers}, COUNT(*) {received} AND e.resident_id = c.resident_id "
            f"AND NOT EXISTS (SELECT 1 FROM {table(EqualityData)} o WHERE o.complaint_id = c.id) "
            f"{grouped}"
        )
        for *row, n in fetch(theirs, params):
            counted[tuple(row)] += n
    return counted


def _received(landlord: Landlord, start: dt.date, end: dt.date) -> int:
    """Stage 1 complaints received in the period (counting-rules.md), when not counted yet."""
    return (
        Stage.objects.filter(
            landlord=landlord,
            number=1,
            requested_on__gte=start,
            requested_on__lte=end,
            not_accepted_reason="",
            complaint__kind=Kind.COMPLAINT,
            complaint__jurisdiction=Jurisdiction.HOUSING,
        )
        .order_by()
        .count()
    )


def equality_figures(
    landlord: Landlord, start: dt.date, end: dt.date, *, complaints: int | None = None
) -> dict[str, Any]:
    """Answers to each equality question among the complainants, suppressed as above.
    ``complaints``: the stage 1 complaints received in the period, if already counted."""
    rows = _answer_rows(landlord, start, end)
    if complaints is None:
        complaints = _received(landlord, start, end)
    answered = sum(rows.values())
    figures: dict[str, Any] = {"complaints": complaints, "threshold": SMALL_NUMBER}
    published, hidden = suppress({"with_equality_data": answered})
    figures["with_equality_data"] = published["with_equality_data"]
    figures["with_equality_data_suppressed"] = bool(hidden)
    for index, question in enumerate(QUESTIONS):
        counts: Counter[str] = Counter()
        for row, n in rows.items():
            counts[row[index] or NOT_RECORDED] += n
        counts[NOT_RECORDED] += complaints - answered
        ordered = dict(
            sorted(
                ((key, n) for key, n in counts.items() if n),
                key=lambda item: (item[0] == NOT_RECORDED, -item[1], item[0]),
            )
        )
        shown, suppressed = suppress(ordered)
        figures[question] = {"counts": shown, "suppressed": suppressed}
    return figures
