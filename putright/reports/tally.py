"""Counting the annual figures for one or more periods in a few passes over the record.

The figures of counting-rules.md are all counts of stage and complaint rows by a handful of
small properties (the stage, which period a date falls in, on time or not, the outcome, the
service area ...). So instead of one query per figure, each pass reads the rows once, turns
each into a short tuple of those properties, and lets the database hand back the rows while
Python counts the distinct tuples (``collections.Counter``, in C). The figures are then
added up from those counts. A year and the year before are counted in the same passes.

- stages: every stage of a Housing Ombudsman complaint requested, acknowledged or answered
  in one of the periods, with its complaint's service area, contractor, tenure, theme and
  root cause;
- remedies: the remedies of the stages answered in the periods, money in whole pence
  (exact, whatever the database's number types), summed per stage for compensation;
- records: the complaint table's rows received or withdrawn in the periods, by kind.

The SQL is plain and portable (SQLite and PostgreSQL): CASE, COALESCE, BETWEEN; on SQLite the stage
pass reads the table in its own order (``NOT INDEXED``), which for a year or two of a
landlord's record is several times faster than going through an index. The rules
themselves are those of ``putright.rules.counting``; the tests hold these counts to
``annual_figures_by_rules``, which applies them row by row.
"""

from __future__ import annotations

import contextlib
import itertools
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection

from putright.complaints.models import Complaint, Remedy, Stage
from putright.landlords.models import Contractor, Landlord, ServiceArea, Theme
from putright.reports.periods import Period
from putright.rules.codes import (
    EscalationReason,
    Jurisdiction,
    Kind,
    NotAcceptedReason,
    Outcome,
    RemedyKind,
    RootCause,
    Tenure,
)

#: Bits of the stage flags column.
WITHIN, WITHIN_EXTENSION, EXTENDED, ACKNOWLEDGED_WITHIN = 1, 2, 4, 8


@dataclass
class StageTally:
    """The counts of one stage (1 or 2) in one period."""

    received: int = 0
    refused: int = 0
    responded: int = 0
    within: int = 0
    within_extension: int = 0
    extended: int = 0
    acknowledged: int = 0
    acknowledged_within: int = 0
    compensated: int = 0
    compensation_pence: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    service_areas: Counter[int | None] = field(default_factory=Counter)
    contractors: Counter[int | None] = field(default_factory=Counter)
    tenures: Counter[str] = field(default_factory=Counter)
    themes: Counter[int | None] = field(default_factory=Counter)
    root_causes: Counter[str] = field(default_factory=Counter)
    refused_reasons: Counter[str] = field(default_factory=Counter)
    escalation_reasons: Counter[str] = field(default_factory=Counter)


@dataclass
class PeriodTally:
    period: Period
    stages: dict[int, StageTally] = field(
        default_factory=lambda: {1: StageTally(), 2: StageTally()}
    )
    records: Counter[str] = field(default_factory=Counter)
    withdrawn: int = 0
    #: The remedies of the stages answered in the period, as ``remedy_rows`` gives them
    #: (without the period).
    remedies: list[tuple[Any, ...]] = field(default_factory=list)


def table(model: Any) -> str:
    """A model's table name, quoted for raw SQL."""
    return connection.ops.quote_name(model._meta.db_table)


def sql_date(value: Any) -> Any:
    """A date as a query parameter for this database."""
    return connection.ops.adapt_datefield_value(value)


def fetch(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor)


def fetch_iter(sql: str, params: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
    """The rows one by one, for counting as they come."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        yield from cursor.cursor  # the driver's own cursor: no wrapper per row


def flag(condition: str) -> str:
    """1 where the condition holds, else 0 (portable: no boolean arithmetic)."""
    return f"(CASE WHEN {condition} THEN 1 ELSE 0 END)"


def pence(column: str) -> str:
    """An amount of money in whole pence, exact whatever the column's storage."""
    return f"CAST(ROUND({column} * 100) AS BIGINT)"


def _period_of(column: str, periods: Sequence[Period], params: list[Any]) -> str:
    """SQL giving 1 + the index of the period the date falls in, or 0 (none, or no date).
    The periods are taken in date order, so most dates need two comparisons at most."""
    whens, last_end = [], None
    for period in sorted(periods, key=lambda p: p.start):
        index = periods.index(period) + 1
        # A period that starts the day after the one before needs no "before it" test.
        if last_end is None or (period.start - last_end).days != 1:
            whens.append(f"WHEN {column} < %s THEN 0")
            params.append(sql_date(period.start))
        whens.append(f"WHEN {column} <= %s THEN {index}")
        params.append(sql_date(period.end))
        last_end = period.end
    return f"(CASE {' '.join(whens)} ELSE 0 END)"


def _code(column: str, values: Sequence[str]) -> str:
    """SQL giving 1 + the index of the column's value in ``values``, or 0 (blank)."""
    whens = " ".join(f"WHEN '{v}' THEN {i}" for i, v in enumerate(values, start=1))
    return f"(CASE {column} {whens} ELSE 0 END)"


@dataclass(frozen=True)
class Packing:
    """Several small whole numbers packed into one integer, so the database hands back one
    number per row and Python counts numbers: ``sum(value * radix-product)``."""

    parts: tuple[tuple[str, int], ...]  # (SQL expression, how many values it can take)

    def sql(self) -> str:
        terms, scale = [], 1
        for expression, radix in self.parts:
            terms.append(f"({expression}) * {scale}" if scale > 1 else f"({expression})")
            scale *= radix
        return "(" + " + ".join(terms) + ")"

    @property
    def size(self) -> int:
        """How many distinct packed numbers there can be."""
        size = 1
        for _, radix in self.parts:
            size *= radix
        return size

    def unpack(self, value: int) -> list[int]:
        values = []
        for _, radix in self.parts:
            value, part = divmod(value, radix)
            values.append(part)
        return values


OUTCOMES = tuple(Outcome.values())
REFUSALS = tuple(NotAcceptedReason.values())
ESCALATION_REASONS = tuple(EscalationReason.values())
ROOT_CAUSES = tuple(RootCause.values())
TENURES = tuple(Tenure.values())


def _decoded(values: Sequence[str], code: int) -> str:
    return values[code - 1] if code else ""


def _in_any(column: str, periods: Sequence[Period], params: list[Any]) -> str:
    params += [sql_date(min(p.start for p in periods)), sql_date(max(p.end for p in periods))]
    return f"{column} BETWEEN %s AND %s"


def _flag(condition: str, bit: int) -> str:
    return f"(CASE WHEN {condition} THEN {bit} ELSE 0 END)"


@contextlib.contextmanager
def reading_many_rows() -> Iterator[None]:
    """On SQLite, read through a memory map with a bigger page cache while counting: the
    passes read most of the complaint and stage tables. Put back afterwards."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA mmap_size")
        (mmap_before,) = cursor.fetchone() or (0,)
        cursor.execute("PRAGMA cache_size")
        (cache_before,) = cursor.fetchone()
        cursor.execute("PRAGMA mmap_size = 4294967296")
        cursor.execute("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA mmap_size = {int(mmap_before)}")
            cursor.execute(f"PRAGMA cache_size = {int(cache_before)}")


def _stage_packing(periods: Sequence[Period], params: list[Any]) -> Packing:
    radix = len(periods) + 1
    flags = " + ".join(
        [
            _flag("s.responded_on <= s.response_due", WITHIN),
            _flag("s.responded_on <= s.response_due_extended", WITHIN_EXTENSION),
            _flag("s.extension_working_days > 0", EXTENDED),
            _flag("s.acknowledged_on <= s.acknowledgement_due", ACKNOWLEDGED_WITHIN),
        ]
    )
    return Packing(
        (
            ("(s.number - 1)", 2),
            (_period_of("s.requested_on", periods, params), radix),
            (_period_of("s.responded_on", periods, params), radix),
            (_period_of("s.acknowledged_on", periods, params), radix),
            (flags, 16),
            (_code("s.outcome", OUTCOMES), len(OUTCOMES) + 1),
            (_code("s.not_accepted_reason", REFUSALS), len(REFUSALS) + 1),
            (_code("s.escalation_reason", ESCALATION_REASONS), len(ESCALATION_REASONS) + 1),
            (_code("c.root_cause", ROOT_CAUSES), len(ROOT_CAUSES) + 1),
            (_code("c.tenure", TENURES), len(TENURES) + 1),
        )
    )


def _ids_packing() -> Packing:
    """Service area, contractor and theme ids packed by radices just above the highest ids
    in use (0 stands for none: ids start at 1)."""
    radices = [
        (model.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        for model in (ServiceArea, Contractor, Theme)
    ]
    columns = ("c.service_area_id", "c.contractor_id", "c.theme_id")
    # SQLite's integers are 64-bit already; elsewhere the product must not overflow 32 bits.
    wide = "{}" if connection.vendor == "sqlite" else "CAST({} AS BIGINT)"
    return Packing(
        tuple(
            (wide.format(f"COALESCE({column}, 0)"), radix)
            for column, radix in zip(columns, radices, strict=True)
        )
    )


def _received_slot(periods: Sequence[Period], params: list[Any]) -> tuple[str, int]:
    """Where an accepted stage was received: 2 x the period + the stage (0 or 1), or less
    than 2 when it was not received in a period or was refused. Packed next to the ids, it
    lets the service area, contractor and theme be counted without unpacking each row."""
    received = _period_of("s.requested_on", periods, params)
    expression = (
        f"(CASE WHEN s.not_accepted_reason = '' THEN {received} * 2 + s.number - 1 ELSE 0 END)"
    )
    return expression, 2 * (len(periods) + 1)


def full_scan() -> str:
    """SQLite reads a table in its own order faster than through an index when most of it
    is wanted, as here; other databases' planners judge that for themselves."""
    return " NOT INDEXED" if connection.vendor == "sqlite" else ""


def _stage_rows(
    landlord: Landlord, periods: Sequence[Period]
) -> tuple[Packing, Packing, bool, Counter[tuple[Any, ...]]]:
    """Every stage row of a Housing Ombudsman complaint touching the periods, as one packed
    number of its small properties and its complaint's service area, contractor and theme
    (or the ids apart, should they not fit one 64-bit number), counted."""
    params: list[Any] = []
    properties = _stage_packing(periods, params)
    ids = _ids_packing()
    slot = _received_slot(periods, params)
    packed = properties.size * slot[1] * ids.size < 1 << 62
    if packed:
        selected = Packing((*properties.parts, slot, *ids.parts)).sql()
    else:
        selected = f"{properties.sql()}, c.service_area_id, c.contractor_id, c.theme_id"
    params += [landlord.pk, Kind.COMPLAINT.value, Jurisdiction.HOUSING.value]
    window = " OR ".join(
        _in_any(column, periods, params)
        for column in ("s.requested_on", "s.responded_on", "s.acknowledged_on")
    )
    sql = (
        f"SELECT {selected} FROM {table(Stage)} s{full_scan()} "
        f"INNER JOIN {table(Complaint)} c ON c.id = s.complaint_id "
        "WHERE s.landlord_id = %s AND c.kind = %s AND c.jurisdiction = %s "
        f"AND ({window})"
    )
    return properties, Packing((slot, *ids.parts)), packed, Counter(fetch_iter(sql, params))


def remedy_rows(landlord: Landlord, periods: Sequence[Period]) -> list[tuple[Any, ...]]:
    """Every remedy of the stages answered in the periods: (period answered, stage number,
    stage id, kind, compensation reason, pence offered, accepted and paid, paid or not,
    dated or not). Read from the remedies (far fewer than stages), then their stage and
    complaint."""
    params: list[Any] = []
    responded = _period_of("s.responded_on", periods, params)
    params += [landlord.pk, Kind.COMPLAINT.value, Jurisdiction.HOUSING.value]
    window = _in_any("s.responded_on", periods, params)
    sql = (
        f"SELECT {responded}, s.number, s.id, r.kind, r.compensation_reason, "
        f"{pence('r.amount_offered')}, {pence('r.amount_accepted')}, {pence('r.amount_paid')}, "
        f"{flag('r.paid_on IS NOT NULL')}, {flag('r.due_on IS NOT NULL')} "
        f"FROM {table(Remedy)} r CROSS JOIN {table(Stage)} s CROSS JOIN {table(Complaint)} c "
        "WHERE s.id = r.stage_id AND c.id = s.complaint_id "
        f"AND s.landlord_id = %s AND c.kind = %s AND c.jurisdiction = %s AND {window}"
    )
    return fetch(sql, params)


def _add_compensation(tallies: list[PeriodTally], rows: list[tuple[Any, ...]]) -> None:
    """counting-rules.md: a stage answered in the period whose financial remedies offer more
    than nothing in all is a case of compensation, for that sum."""
    offered: dict[tuple[int, int, int], int] = {}
    financial = RemedyKind.FINANCIAL.value
    for row in rows:
        if row[0] and row[3] == financial and row[5] is not None:
            key = (row[0], row[1], row[2])
            offered[key] = offered.get(key, 0) + row[5]
    for (period, number, _), total in offered.items():
        if total > 0:
            stage = tallies[period - 1].stages[number]
            stage.compensated += 1
            stage.compensation_pence += total


def _record_rows(landlord: Landlord, periods: Sequence[Period]) -> list[tuple[Any, ...]]:
    """(kind, period received, period withdrawn, count) of Housing Ombudsman records: those
    received in the periods by kind, then the complaints withdrawn in them. Each through
    its date's index: the window is a year or two of a record that may hold many."""
    params: list[Any] = []
    received = _period_of("c.received_on", periods, params)
    params += [landlord.pk, Jurisdiction.HOUSING.value]
    window = _in_any("c.received_on", periods, params)
    by_kind = (
        f"SELECT c.kind, {received}, 0, COUNT(*) FROM {table(Complaint)} c "
        f"WHERE c.landlord_id = %s AND c.jurisdiction = %s AND {window} GROUP BY c.kind, 2"
    )
    withdrawn_params: list[Any] = []
    withdrawn = _period_of("c.withdrawn_on", periods, withdrawn_params)
    withdrawn_params += [landlord.pk, Jurisdiction.HOUSING.value, Kind.COMPLAINT.value]
    withdrawn_window = _in_any("c.withdrawn_on", periods, withdrawn_params)
    by_withdrawal = (
        f"SELECT c.kind, 0, {withdrawn}, COUNT(*) FROM {table(Complaint)} c "
        "WHERE c.landlord_id = %s AND c.jurisdiction = %s AND c.kind = %s "
        f"AND {withdrawn_window} GROUP BY c.kind, 3"
    )
    return fetch(by_kind, params) + fetch(by_withdrawal, withdrawn_params)


def tally(landlord: Landlord, periods: Sequence[Period]) -> list[PeriodTally]:
    """The counts behind the annual figures for each of ``periods``, which must not overlap."""
    ordered = sorted(periods, key=lambda p: p.start)
    for before, after in itertools.pairwise(ordered):
        if after.start <= before.end:
            raise ValueError("the periods counted together must not overlap")
    tallies = [PeriodTally(p) for p in periods]
    with reading_many_rows():
        properties, ids, packed, stage_rows = _stage_rows(landlord, periods)
        remedies = remedy_rows(landlord, periods)
        records = _record_rows(landlord, periods)
    _add_stage_rows(tallies, properties, ids, packed, stage_rows)
    _add_compensation(tallies, remedies)
    for period, *row in remedies:
        if period:
            tallies[period - 1].remedies.append(tuple(row))
    for kind, received, withdrawn, n in records:
        if received:
            tallies[received - 1].records[kind] += n
        if withdrawn and kind == Kind.COMPLAINT:
            tallies[withdrawn - 1].withdrawn += n
    return tallies


@dataclass(frozen=True, slots=True)
class _Row:
    """The small properties of a stage row, unpacked."""

    number: int
    received: int
    responded: int
    acknowledged: int
    flags: int
    outcome: str
    refusal: str
    escalation_reason: str
    root_cause: str
    tenure: str

    @classmethod
    def unpack(cls, packing: Packing, key: int) -> _Row:
        number, received, responded, acknowledged, flags, *codes = packing.unpack(key)
        outcome, refusal, escalation, root, tenure = codes
        return cls(
            number + 1,
            received,
            responded,
            acknowledged,
            flags,
            _decoded(OUTCOMES, outcome),
            _decoded(REFUSALS, refusal),
            _decoded(ESCALATION_REASONS, escalation),
            _decoded(ROOT_CAUSES, root),
            _decoded(TENURES, tenure),
        )


def _add_stage_rows(
    tallies: list[PeriodTally],
    properties: Packing,
    placed: Packing,
    packed: bool,
    rows: Counter[tuple[Any, ...]],
) -> None:
    """Add the counted rows to the tallies: by their small properties (a few thousand
    distinct values), and the service area, contractor and theme of those received by where
    they were received (the high part of the packed number)."""
    size = properties.size
    by_key: dict[int, int] = {}
    by_place: dict[Any, int] = {}
    if packed:
        for (value,), n in rows.items():
            place, key = divmod(value, size)
            by_key[key] = by_key.get(key, 0) + n
            by_place[place] = by_place.get(place, 0) + n
    else:
        for row, n in rows.items():
            key = row[0]
            by_key[key] = by_key.get(key, 0) + n
            r = _Row.unpack(properties, key)
            slot = 2 * r.received + r.number - 1 if r.received and not r.refusal else 0
            place = (slot, *row[1:])
            by_place[place] = by_place.get(place, 0) + n
    for key, n in by_key.items():
        _add_counts(tallies, _Row.unpack(properties, key), n)
    for place, n in by_place.items():
        slot, *ids = placed.unpack(place) if packed else place
        if slot < 2:
            continue
        period, stage_index = divmod(slot, 2)
        # "None" is 0: ids start at 1.
        service_area, contractor, theme = (i or None for i in ids)
        stage = tallies[period - 1].stages[stage_index + 1]
        stage.service_areas[service_area] += n
        stage.contractors[contractor] += n
        stage.themes[theme] += n


def _add_counts(tallies: list[PeriodTally], r: _Row, n: int) -> None:
    if r.received:
        stage = tallies[r.received - 1].stages[r.number]
        if r.refusal:
            stage.refused += n
            stage.refused_reasons[r.refusal] += n
        else:
            stage.received += n
            stage.tenures[r.tenure or "unknown"] += n
            if r.number == 2:
                stage.escalation_reasons[r.escalation_reason or "not_given"] += n
    if r.responded:
        stage = tallies[r.responded - 1].stages[r.number]
        stage.responded += n
        stage.within += n if r.flags & WITHIN else 0
        stage.within_extension += n if r.flags & WITHIN_EXTENSION else 0
        stage.extended += n if r.flags & EXTENDED else 0
        if r.outcome:
            stage.outcomes[r.outcome] += n
        if r.root_cause:
            stage.root_causes[r.root_cause] += n
    if r.acknowledged:
        stage = tallies[r.acknowledged - 1].stages[r.number]
        stage.acknowledged += n
        stage.acknowledged_within += n if r.flags & ACKNOWLEDGED_WITHIN else 0


@dataclass(frozen=True)
class Names:
    """The landlord's service areas, contractors and themes, by id."""

    service_areas: dict[int, str]
    contractors: dict[int, str]
    themes: dict[int, str]

    @classmethod
    def of(cls, landlord: Landlord) -> Names:
        return cls(
            dict(ServiceArea.objects.filter(landlord=landlord).values_list("id", "name")),
            dict(Contractor.objects.filter(landlord=landlord).values_list("id", "name")),
            dict(Theme.objects.filter(landlord=landlord).values_list("id", "name")),
        )


def largest_first(counts: Counter[str]) -> dict[str, int]:
    """Counts as a dict, largest first, then by name; nothing counted zero."""
    return dict(
        sorted(((k, n) for k, n in counts.items() if n), key=lambda item: (-item[1], item[0]))
    )


def named(
    counts: Counter[Any], names: dict[int, str], default: str | None = None
) -> dict[str, int]:
    """Counts by id as counts by name; no id counts under ``default``, or is left out."""
    result: Counter[str] = Counter()
    for key, n in counts.items():
        name = names.get(key) if key is not None else default
        if name:
            result[name] += n
    return largest_first(result)


def pounds(pence: int) -> Decimal:
    return Decimal(pence) / 100


def outcomes(counts: Counter[str]) -> dict[str, int]:
    return {o.value: counts[o.value] for o in Outcome if counts[o.value]}
