"""Equality data of the people who complained, in aggregate only, small numbers suppressed.

Counted over the stage 1 complaints received in the period (counting-rules.md, stage 1
``received``), as complaints or, when the landlord chooses for the year's report, as the
people who made them (Milton Keynes counts people: a resident who complained twice counts
once). Equality data is held apart from the case (domain.md §4): counting complaints, a
complaint's own record when it came from a register, otherwise its resident's; counting
people, a resident's own record, otherwise the record of their latest complaint that has
one, and a complaint with no resident is one person. Any count from 1 to one less than the
landlord's threshold (5 unless it sets another, ``EqualitySetting``) is suppressed (shown
as "fewer than 5", null in the JSON, and named in ``suppressed``), so that nobody can be
picked out; where only one count of a question would be suppressed, the next smallest is
suppressed too, so the hidden one cannot be worked out from the total.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from putright.complaints.models import Complaint, Stage
from putright.landlords.models import Landlord
from putright.reports.document import SMALL_NUMBER
from putright.reports.models import CountingUnit, EqualitySetting, EqualityYear
from putright.reports.tally import fetch, sql_date, table
from putright.residents.models import EqualityData
from putright.rules.codes import Jurisdiction, Kind
from putright.rules.counting import financial_year_of

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


def _received_sql(stage: str, complaint: str) -> str:
    """The condition that puts a stage 1 complaint in the period (counting-rules.md), for
    the tables aliased ``stage`` and ``complaint``; its parameters are ``_received_params``."""
    return (
        f"{complaint}.id = {stage}.complaint_id AND {stage}.landlord_id = %s "
        f"AND {stage}.number = 1 AND {stage}.requested_on BETWEEN %s AND %s "
        f"AND {stage}.not_accepted_reason = %s AND {complaint}.kind = %s "
        f"AND {complaint}.jurisdiction = %s"
    )


def _received_params(landlord: Landlord, start: dt.date, end: dt.date) -> list[Any]:
    return [landlord.pk, sql_date(start), sql_date(end), "", Kind.COMPLAINT, Jurisdiction.HOUSING]


def _people(landlord: Landlord, start: dt.date, end: dt.date) -> int:
    """The people who made the stage 1 complaints received in the period: each resident
    once, and each complaint with no resident as one person (counted by the database)."""
    person = "CASE WHEN c.resident_id IS NULL THEN -c.id ELSE c.resident_id END"
    rows = fetch(
        f"SELECT COUNT(DISTINCT {person}) FROM {table(Stage)} s CROSS JOIN {table(Complaint)} c "
        f"WHERE {_received_sql('s', 'c')}",
        _received_params(landlord, start, end),
    )
    return int(rows[0][0] or 0)


def _people_answer_rows(
    landlord: Landlord, start: dt.date, end: dt.date
) -> Counter[tuple[Any, ...]]:
    """The four answers of each person who made a stage 1 complaint received in the period
    and has equality data, counted by the database: a resident's own record; otherwise the
    record of their latest such complaint that has one; a complaint with no resident is a
    person of its own."""
    answers = ", ".join(f"e.{q}" for q in QUESTIONS)
    grouped = f"GROUP BY {', '.join(str(i) for i in range(1, len(QUESTIONS) + 1))}"
    params = _received_params(landlord, start, end)
    tables = (
        f"FROM {table(Stage)} s CROSS JOIN {table(Complaint)} c CROSS JOIN {table(EqualityData)} e"
    )
    counted: Counter[tuple[Any, ...]] = Counter()
    # Residents with a record of their own: one each, whichever complaints they made.
    for *row, n in fetch(
        f"SELECT {answers}, COUNT(DISTINCT c.resident_id) {tables} "
        f"WHERE {_received_sql('s', 'c')} AND e.resident_id = c.resident_id {grouped}",
        params,
    ):
        counted[tuple(row)] += n
    # The rest: a complaint's own record, for a complaint with no resident, or for the
    # latest complaint with a record of a resident who has none of their own.
    latest = (
        f"NOT EXISTS (SELECT 1 FROM {table(EqualityData)} o WHERE o.resident_id = c.resident_id) "
        f"AND NOT EXISTS (SELECT 1 FROM {table(Stage)} s2 CROSS JOIN {table(Complaint)} c2 "
        f"CROSS JOIN {table(EqualityData)} e2 WHERE {_received_sql('s2', 'c2')} "
        "AND e2.complaint_id = c2.id AND c2.resident_id = c.resident_id AND c2.id > c.id)"
    )
    for *row, n in fetch(
        f"SELECT {answers}, COUNT(*) {tables} WHERE {_received_sql('s', 'c')} "
        f"AND e.complaint_id = c.id AND (c.resident_id IS NULL OR ({latest})) {grouped}",
        params + params,
    ):
        counted[tuple(row)] += n
    return counted


def equality_options(landlord: Landlord, year: int) -> tuple[int, str]:
    """The landlord's threshold (the smallest count published) and what the year's report
    counts: complaints unless the landlord chose people."""
    setting = EqualitySetting.objects.filter(landlord=landlord).first()
    chosen = EqualityYear.objects.filter(landlord=landlord, year=year).first()
    return (
        setting.threshold if setting else SMALL_NUMBER,
        chosen.counting if chosen else CountingUnit.COMPLAINTS.value,
    )


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
    landlord: Landlord,
    start: dt.date,
    end: dt.date,
    *,
    complaints: int | None = None,
    threshold: int | None = None,
    counting: str | None = None,
) -> dict[str, Any]:
    """Answers to each equality question among the complainants, suppressed as above.
    ``complaints``: the stage 1 complaints received in the period, if already counted;
    ``threshold`` and ``counting`` (``complaints`` or ``people``): the landlord's own
    (``equality_options`` for the year the period starts in) unless given."""
    if threshold is None or counting is None:
        own_threshold, own_counting = equality_options(landlord, financial_year_of(start))
        threshold = own_threshold if threshold is None else threshold
        counting = own_counting if counting is None else counting
    if complaints is None:
        complaints = _received(landlord, start, end)
    people = _people(landlord, start, end)
    if counting == CountingUnit.PEOPLE:
        rows, counted = _people_answer_rows(landlord, start, end), people
    else:
        rows, counted = _answer_rows(landlord, start, end), complaints
    answered = sum(rows.values())
    figures: dict[str, Any] = {
        "complaints": complaints,
        "threshold": threshold,
        "counting": counting,
        "people": people,
    }
    published, hidden = suppress({"with_equality_data": answered}, threshold)
    figures["with_equality_data"] = published["with_equality_data"]
    figures["with_equality_data_suppressed"] = bool(hidden)
    for index, question in enumerate(QUESTIONS):
        counts: Counter[str] = Counter()
        for row, n in rows.items():
            counts[row[index] or NOT_RECORDED] += n
        counts[NOT_RECORDED] += counted - answered
        ordered = dict(
            sorted(
                ((key, n) for key, n in counts.items() if n),
                key=lambda item: (item[0] == NOT_RECORDED, -item[1], item[0]),
            )
        )
        shown, suppressed = suppress(ordered, threshold)
        figures[question] = {"counts": shown, "suppressed": suppressed}
    return figures
