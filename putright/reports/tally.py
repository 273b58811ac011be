"""Counting the annual figures for one or more periods in a few grouped passes over the record.

The figures of counting-rules.md are all counts of stage and complaint rows by a handful of
small properties (the stage, which period a date falls in, on time or not, the outcome, the
service area ...). So instead of one query per figure, each pass reads the rows once, has the
database turn each into those properties and count the rows that share them (``GROUP BY``),
and hands Python only the distinct groups with their counts. The figures are then added up
from those counts. A year and the year before are counted in the same passes.

- stages: every stage of a Housing Ombudsman complaint requested, acknowledged or answered
  in one of the periods, with its own contractor and its complaint's service area, tenure, theme and
  root cause. The properties are packed into one integer per row (``Packing``); the
  database groups the rows by it (and by the complaint's sub-cause, on an answered row
  with a root cause), then adds the groups up four ways: by the small properties alone (a
  few thousand groups), by where a stage was received with its service area, contractor
  and theme (a few hundred), the answers with a root cause by stage, period answered
  in, root cause and sub-cause (the coded detail's), and the stages received or answered
  by stage, periods, refusal, escalation reason, service area and contractor with the
  answers' counts (the annual report's default breakdowns', ``StageTally.place_counts``).
  Python gets only those. Where the
  ids would not fit one 64-bit number, the ids are grouped as columns of their own instead.
- remedies: the remedies of the stages answered in the periods, money in whole pence
  (exact, whatever the database's number types): grouped per stage for the compensation
  cases and totals, and per stage number, kind and compensation reason for the rest.
- records: the complaint table's rows received or withdrawn in the periods, by kind.

The SQL is plain and portable (SQLite and PostgreSQL): CASE, COALESCE, BETWEEN, GROUP BY, a
WITH query used twice (which both databases work out once and keep; SQLite before 3.35
would work it out twice, the same figures more slowly). On SQLite the stage pass reads the table in its own order
(``NOT INDEXED``), which for a year or two of a landlord's record is several times faster
than going through an index, and the packing is done in a subquery that SQLite may not fold
into the grouping (``LIMIT -1``), so that its sorter holds one number per row rather than
every column the packing reads. docs/performance.md ("Reports") has the measurements, and
those of the approach this replaced (Python counting each row with ``collections.Counter``):
the two cost the same CPU time within a few per cent. The rules themselves are those of
``putright.rules.counting``; the tests hold these counts to ``annual_figures_by_rules``,
which applies them row by row, on SQLite and PostgreSQL.
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
from putright.landlords.models import Contractor, Landlord, ServiceArea, SubCause, Theme
from putright.landlords.replica import reading_connection
from putright.reports.periods import Period
from putright.reports.session import counting_session
from putright.rules import counting
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

#: Packed numbers stay below this, inside a signed 64-bit integer with room to spare.
PACKED_LIMIT = 1 << 62

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
    #: The responses whose complaint has a root cause, by it and the complaint's sub-cause
    #: id (None: no sub-cause): the coded detail's root causes by sub-cause.
    sub_causes: Counter[tuple[str, int | None]] = field(default_factory=Counter)
    #: The breakdown engine's base counts of the stage (received and not accepted by the
    #: period received in, ``ANSWER_COUNTS`` by the period answered in)
    #: by (service area id, contractor id, escalation reason) (None: no id): the report's
    #: default breakdowns, counted in the stage pass (``StageGrouping.by_place_counts``),
    #: keyed (service area, contractor, reason, count).
    place_counts: Counter[tuple[int | None, int | None, str, str]] = field(default_factory=Counter)


@dataclass
class PeriodTally:
    period: Period
    stages: dict[int, StageTally] = field(
        default_factory=lambda: {1: StageTally(), 2: StageTally()}
    )
    records: Counter[str] = field(default_factory=Counter)
    withdrawn: int = 0
    #: The remedies of the stages answered in the period, grouped (``remedy_groups``).
    remedy_groups: list[RemedyGroup] = field(default_factory=list)
    remedy_responses: list[RemedyResponses] = field(default_factory=list)


def table(model: Any) -> str:
    """A model's table name, quoted for raw SQL."""
    return connection.ops.quote_name(model._meta.db_table)


def sql_date(value: Any) -> Any:
    """A date as a query parameter for this database."""
    return connection.ops.adapt_datefield_value(value)


def fetch(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """The rows of a raw query, from the replica inside ``reading_from_replica``."""
    with reading_connection().cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor)


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
    """SQL giving 1 + the index of the column's value in ``values``, or 0 (blank). Blank is
    tested first: most rows leave one or more of these columns blank (a stage 1 has no
    escalation reason, most stages no refusal)."""
    whens = " ".join(f"WHEN '{v}' THEN {i}" for i, v in enumerate(values, start=1))
    return f"(CASE {column} WHEN '' THEN 0 {whens} ELSE 0 END)"


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

    def part_sql(self, packed: str, index: int) -> str:
        """SQL taking part ``index`` out of the packed number ``packed`` (whole numbers:
        integer division), "%%" the drivers' escape for "%"."""
        scale = 1
        for _, radix in self.parts[:index]:
            scale *= radix
        return f"(({packed} / {scale}) %% {self.parts[index][1]})"


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


def _id_radix(model: Any) -> int:
    """A radix just above the highest id in use (0 stands for none: ids start at 1)."""
    return (model.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1


def _wide(expression: str) -> str:
    """SQLite's integers are 64-bit already; elsewhere a product of packed parts must not
    overflow 32 bits."""
    return expression if connection.vendor == "sqlite" else f"CAST({expression} AS BIGINT)"


def _ids_packing() -> Packing:
    """Service area, contractor and theme ids packed by radices just above the highest ids
    in use (0 stands for none: ids start at 1)."""
    radices = [_id_radix(model) for model in (ServiceArea, Contractor, Theme)]
    # The contractor is the stage's own (issue 13): each stage counts under its handler.
    columns = ("c.service_area_id", "s.contractor_id", "c.theme_id")
    return Packing(
        tuple(
            (_wide(f"COALESCE({column}, 0)"), radix)
            for column, radix in zip(columns, radices, strict=True)
        )
    )


#: The stage pass's column of a response's sub-cause id: only where the complaint has a
#: root cause (the coded detail counts no other), else 0, so that the rows' groups multiply
#: by the sub-causes only where they are counted.
SUB_CAUSE = (
    "(CASE WHEN s.responded_on IS NOT NULL AND c.root_cause <> '' "
    "THEN COALESCE(c.sub_cause_id, 0) ELSE 0 END)"
)

#: Where the stage number, the periods received and answered in, the flags, the outcome,
#: the refusal, the escalation reason and the root cause are in the packed properties
#: (``_stage_packing``).
_NUMBER, _RECEIVED, _RESPONDED, _FLAGS, _OUTCOME, _REFUSAL, _ESCALATION, _ROOT_CAUSE = (
    0,
    1,
    2,
    4,
    5,
    6,
    7,
    8,
)
#: Where the service area and contractor ids are in the place (``_received_slot`` first).
_AREA, _CONTRACTOR = 1, 2

#: The breakdown engine's base counts of an answer, without compensation, in the order the
#: stage pass gives them.
ANSWER_COUNTS = counting.ANSWER_COUNTS


def _received_slot(periods: Sequence[Period], params: list[Any]) -> tuple[str, int]:
    """Where an accepted stage was received: 2 x the period + the stage (0 or 1), or less
    than 2 when it was not received in a period or was refused. With the ids beside it, it
    lets the service area, contractor and theme be counted apart from the other properties."""
    received = _period_of("s.requested_on", periods, params)
    expression = (
        f"(CASE WHEN s.not_accepted_reason = '' THEN {received} * 2 + s.number - 1 ELSE 0 END)"
    )
    return expression, 2 * (len(periods) + 1)


def full_scan() -> str:
    """SQLite reads a table in its own order faster than through an index when most of it
    is wanted, as here; other databases' planners judge that for themselves."""
    return " NOT INDEXED" if connection.vendor == "sqlite" else ""


def unfolded() -> str:
    """Ends a subquery that SQLite must not fold into the grouping around it: folded, its
    sorter would carry every column the expressions read instead of their one result, and
    the stage pass would take about 1.7 times as long. PostgreSQL groups by hashing and needs
    nothing."""
    return " LIMIT -1" if connection.vendor == "sqlite" else ""


@dataclass(frozen=True)
class StageGrouping:
    """How the stage pass's rows are grouped: by ``properties`` and by ``place`` (where the
    stage was received, its service area, contractor and theme), packed into one number per
    row when they fit, else the place in columns of its own."""

    properties: Packing
    place: Packing
    packed: bool
    #: The answered rows with a root cause grouped by (stage number, period answered in,
    #: root cause, sub-cause id), packed into one number from the properties ``k`` and the
    #: sub-cause column ``sc``.
    causes: Packing

    @classmethod
    def of(cls, periods: Sequence[Period], params: list[Any]) -> StageGrouping:
        properties = _stage_packing(periods, params)
        place = Packing((_received_slot(periods, params), *_ids_packing().parts))
        causes = Packing(
            (
                *(
                    (properties.part_sql("k", i), properties.parts[i][1])
                    for i in (_NUMBER, _RESPONDED, _ROOT_CAUSE)
                ),
                (_wide("sc"), _id_radix(SubCause)),
            )
        )
        return cls(properties, place, properties.size * place.size < PACKED_LIMIT, causes)

    def columns(self) -> list[str]:
        """The inner query's columns, named as ``keys`` names them."""
        if self.packed:
            packed = Packing((*self.properties.parts, *self.place.parts)).sql()
            return [f"{packed} AS k", f"{SUB_CAUSE} AS sc"]
        places = [f"{expression} AS p{i}" for i, (expression, _) in enumerate(self.place.parts)]
        return [f"{self.properties.sql()} AS k", *places, f"{SUB_CAUSE} AS sc"]

    def keys(self) -> list[str]:
        places = [] if self.packed else [f"p{i}" for i in range(len(self.place.parts))]
        return ["k", *places, "sc"]

    def by_properties(self) -> list[str]:
        """The grouped rows added up by their properties (as wide as ``by_place``)."""
        if self.packed:
            return [f"k %% {self.properties.size}"]  # "%%": the drivers' escape for "%"
        return ["k", *(["0"] * (len(self.place.parts) - 1))]

    def by_place(self) -> list[str]:
        if self.packed:
            return [f"k / {self.properties.size}"]
        return [f"p{i}" for i in range(len(self.place.parts))]

    def by_cause(self) -> list[str]:
        """The answered rows with a root cause added up by their stage, period answered in,
        root cause and sub-cause (as wide as ``by_place``)."""
        return [self.causes.sql(), *(["0"] * (len(self.by_place()) - 1))]

    def answered_with_cause(self) -> str:
        """The condition on a group of ``stage_groups`` for ``by_cause``."""
        parts = (self.properties.part_sql("k", i) for i in (_RESPONDED, _ROOT_CAUSE))
        return " AND ".join(f"{part} > 0" for part in parts)

    def place_of(self, values: Sequence[int]) -> list[int]:
        """(slot, service area, contractor, theme) from a ``by_place`` row's values."""
        return self.place.unpack(values[0]) if self.packed else [int(v) for v in values]

    def _place_part(self, index: int) -> str:
        """SQL taking part ``index`` of the place out of a ``stage_groups`` row."""
        if self.packed:
            return self.place.part_sql(f"(k / {self.properties.size})", index)
        return f"p{index}"

    def _counts_key(self) -> Packing:
        """What ``by_place_counts`` groups by: the stage, the periods received and answered
        in, whether refused and the escalation reason, then (packed: in the same number)
        the service area and contractor ids."""
        radix = self.properties.parts[_RECEIVED][1]
        refused = f"(CASE WHEN {self.properties.part_sql('k', _REFUSAL)} > 0 THEN 1 ELSE 0 END)"
        parts: list[tuple[str, int]] = [
            (self.properties.part_sql("k", _NUMBER), 2),
            (self.properties.part_sql("k", _RECEIVED), radix),
            (self.properties.part_sql("k", _RESPONDED), radix),
            (refused, 2),
            (self.properties.part_sql("k", _ESCALATION), self.properties.parts[_ESCALATION][1]),
        ]
        if self.packed:
            parts += [(self._place_part(i), self.place.parts[i][1]) for i in (_AREA, _CONTRACTOR)]
        return Packing(tuple(parts))

    def by_place_counts(self) -> list[str]:
        """The rows received or answered in a period added up by ``_counts_key`` (as wide
        as ``by_place``), for the breakdown engine's base counts by service area, handler,
        division and escalation reason (``StageTally.place_counts``)."""
        key = self._counts_key().sql()
        if self.packed:
            return [key]
        return [key, self._place_part(_AREA), self._place_part(_CONTRACTOR), "0"]

    def received_or_answered(self) -> str:
        """The condition on a group of ``stage_groups`` for ``by_place_counts``."""
        parts = (self.properties.part_sql("k", i) for i in (_RECEIVED, _RESPONDED))
        return " OR ".join(f"{part} > 0" for part in parts)

    def answer_sums(self) -> list[str]:
        """``by_place_counts``'s sums of ``ANSWER_COUNTS`` after the first (the rows: the
        answered when the group was answered in a period)."""
        outcome = self.properties.part_sql("k", _OUTCOME)
        flags = self.properties.part_sql("k", _FLAGS)

        def code(value: str) -> int:
            return OUTCOMES.index(value) + 1

        upheld = f"{code(Outcome.UPHELD.value)}, {code(Outcome.PARTLY_UPHELD.value)}"
        conditions = [
            f"{outcome} IN ({upheld})",
            f"{outcome} = {code(Outcome.NOT_UPHELD.value)}",
            *(f"({flags} / {bit}) %% 2 = 1" for bit in (WITHIN, WITHIN_EXTENSION, EXTENDED)),
        ]
        return [f"CAST(SUM(CASE WHEN {c} THEN n ELSE 0 END) AS BIGINT)" for c in conditions]

    def place_counts_of(self, values: Sequence[int]) -> list[int]:
        """(stage - 1, period received in, period answered in, refused, escalation reason
        code, service area id, contractor id) from a ``by_place_counts`` row's values."""
        unpacked = self._counts_key().unpack(int(values[0]))
        return unpacked if self.packed else [*unpacked, int(values[1]), int(values[2])]


def _stage_groups(
    landlord: Landlord, periods: Sequence[Period], *, place_counts: bool = False
) -> tuple[StageGrouping, list[tuple[Any, ...]]]:
    """Every stage row of a Housing Ombudsman complaint touching the periods, grouped by
    the database: ``(0, properties, ..., count)`` rows counting them by their small
    properties, ``(1, place ..., count)`` rows by where they were received and their
    complaint's service area, contractor and theme, and ``(2, cause, ..., count)`` rows
    counting the answers with a root cause by their stage, period answered in, root cause
    and sub-cause (``StageGrouping.causes``), and ``(3, key, ..., count, sums ...)`` rows
    counting those received or answered in a period by ``StageGrouping.by_place_counts``
    (only with ``place_counts``: the annual report's, which alone uses them).
    Every row ends in its count and the five sums of ``StageGrouping.answer_sums`` (0 in
    all but the last kind of row)."""
    params: list[Any] = []
    grouping = StageGrouping.of(periods, params)
    params += [landlord.pk, Kind.COMPLAINT.value, Jurisdiction.HOUSING.value]
    window = " OR ".join(
        _in_any(column, periods, params)
        for column in ("s.requested_on", "s.responded_on", "s.acknowledged_on")
    )
    keys = ", ".join(grouping.keys())
    width = len(grouping.by_place())
    place_positions = ", ".join(str(i) for i in range(2, width + 2))
    none = ", 0" * (len(ANSWER_COUNTS) - 1)
    sql = (
        f"WITH stage_groups AS (SELECT {keys}, COUNT(*) AS n FROM ("
        f"SELECT {', '.join(grouping.columns())} FROM {table(Stage)} s{full_scan()} "
        f"INNER JOIN {table(Complaint)} c ON c.id = s.complaint_id "
        "WHERE s.landlord_id = %s AND c.kind = %s AND c.jurisdiction = %s "
        f"AND ({window}){unfolded()}) stage_rows GROUP BY {keys}) "
        f"SELECT 0, {', '.join(grouping.by_properties())}, CAST(SUM(n) AS BIGINT){none} "
        "FROM stage_groups GROUP BY 2 "
        f"UNION ALL SELECT 1, {', '.join(grouping.by_place())}, CAST(SUM(n) AS BIGINT){none} "
        f"FROM stage_groups GROUP BY {place_positions} "
        f"UNION ALL SELECT 2, {', '.join(grouping.by_cause())}, CAST(SUM(n) AS BIGINT){none} "
        f"FROM stage_groups WHERE {grouping.answered_with_cause()} GROUP BY 2"
    )
    if place_counts:
        sql += (
            f" UNION ALL SELECT 3, {', '.join(grouping.by_place_counts())}, "
            f"CAST(SUM(n) AS BIGINT), {', '.join(grouping.answer_sums())} FROM stage_groups "
            f"WHERE {grouping.received_or_answered()} GROUP BY {place_positions}"
        )
    return grouping, fetch(sql, params)


@dataclass(frozen=True, slots=True)
class RemedyGroup:
    """The remedies of a period's stage N responses that share a kind, whether they are
    compensation (financial, more than nothing offered) and its reason ("" when not)."""

    number: int
    kind: str
    compensation: bool
    reason: str
    remedies: int
    with_due_date: int
    #: How many responses (stages) these remedies belong to.
    responses: int
    offered_pence: int
    accepted_pence: int
    paid_pence: int


@dataclass(frozen=True, slots=True)
class RemedyResponses:
    """A period's stage N responses with at least one remedy, grouped by whether any of
    their remedies was compensation, and any compensation was paid."""

    number: int
    compensation: bool
    paid: bool
    responses: int


def remedy_groups(landlord: Landlord, periods: Sequence[Period]) -> list[tuple[Any, ...]]:
    """The remedies of the stages answered in the periods, read once (from the remedies, far
    fewer than stages, then their stage and complaint) and grouped by the database twice:

    - ``(0, period, number, "", "", compensation, paid, offers, responses, 0, 0, pence, 0,
      0)``: the responses, by whether any of their remedies is compensation (financial,
      more than nothing offered), any compensation was paid, and their financial remedies
      offer more than nothing in all (``offers``, with the pence they offer in all);
    - ``(1, period, number, kind, reason, compensation, 0, 0, remedies, with a due date,
      responses, pence offered, accepted, paid)``: the remedies by kind, and compensation
      by its reason.
    """
    params: list[Any] = []
    offered = pence("r.amount_offered")
    compensation = flag(f"r.kind = '{RemedyKind.FINANCIAL.value}' AND {offered} > 0")
    answered = _period_of("s.responded_on", periods, params)
    params += [landlord.pk, Kind.COMPLAINT.value, Jurisdiction.HOUSING.value]
    window = _in_any("s.responded_on", periods, params)
    remedies = (
        f"SELECT {answered} AS answered_in, s.number AS stage_number, r.stage_id AS stage, "
        f"r.kind AS kind, COALESCE(r.compensation_reason, '') AS reason, "
        f"{compensation} AS compensation, {flag('r.paid_on IS NOT NULL')} AS was_paid, "
        f"{flag('r.due_on IS NOT NULL')} AS dated, {offered} AS offered, "
        f"{pence('r.amount_accepted')} AS accepted, {pence('r.amount_paid')} AS paid "
        f"FROM {table(Remedy)} r CROSS JOIN {table(Stage)} s CROSS JOIN {table(Complaint)} c "
        "WHERE s.id = r.stage_id AND c.id = s.complaint_id "
        f"AND s.landlord_id = %s AND c.kind = %s AND c.jurisdiction = %s AND {window}"
    )
    financial = RemedyKind.FINANCIAL.value
    # A response's compensation (counting-rules.md): its financial remedies' offers added up.
    responses = (
        "SELECT answered_in, stage_number, MAX(compensation) AS compensation, "
        "MAX(compensation * was_paid) AS paid, "
        f"SUM(CASE WHEN kind = '{financial}' THEN offered END) AS financial "
        "FROM remedies GROUP BY stage, answered_in, stage_number"
    )

    def total(column: str) -> str:
        return f"CAST(SUM(CASE WHEN compensation = 1 THEN {column} END) AS BIGINT)"

    sql = (
        f"WITH remedies AS ({remedies}) "
        f"SELECT 0, answered_in, stage_number, '', '', compensation, paid, "
        f"{flag('financial > 0')}, COUNT(*), 0, 0, "
        "CAST(SUM(CASE WHEN financial > 0 THEN financial ELSE 0 END) AS BIGINT), 0, 0 "
        f"FROM ({responses}) responses GROUP BY 2, 3, 6, 7, 8 "
        "UNION ALL SELECT 1, answered_in, stage_number, kind, "
        "CASE WHEN compensation = 1 THEN reason ELSE '' END, compensation, 0, 0, COUNT(*), "
        "SUM(dated), COUNT(DISTINCT stage), "
        f"{total('offered')}, {total('accepted')}, {total('paid')} "
        "FROM remedies GROUP BY 2, 3, 4, 5, 6"
    )
    return fetch(sql, params)


def _add_remedies(tallies: list[PeriodTally], rows: list[tuple[Any, ...]]) -> None:
    """counting-rules.md: a stage answered in the period whose financial remedies offer more
    than nothing in all is a case of compensation, for that sum. The groups are kept for
    the report's tables of compensation and remedies (``putright.reports.remedies``)."""
    for which, period, number, kind, reason, compensation, paid, offers, n, *rest in rows:
        if not period:
            continue
        counted = tallies[period - 1]
        dated, responses, *money = (int(value or 0) for value in rest)
        if which == 0:
            counted.remedy_responses.append(
                RemedyResponses(number, bool(compensation), bool(paid), int(n))
            )
            if offers:
                stage = counted.stages[number]
                stage.compensated += int(n)
                stage.compensation_pence += money[0]
        else:
            counted.remedy_groups.append(
                RemedyGroup(
                    number, kind, bool(compensation), reason, int(n), dated, responses, *money
                )
            )


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


@counting_session()
def tally(
    landlord: Landlord, periods: Sequence[Period], *, place_counts: bool = False
) -> list[PeriodTally]:
    """The counts behind the annual figures for each of ``periods``, which must not overlap;
    with ``place_counts``, the stages' ``StageTally.place_counts`` too (the annual report's
    default breakdowns)."""
    ordered = sorted(periods, key=lambda p: p.start)
    for before, after in itertools.pairwise(ordered):
        if after.start <= before.end:
            raise ValueError("the periods counted together must not overlap")
    tallies = [PeriodTally(p) for p in periods]
    with reading_many_rows():
        grouping, stage_groups = _stage_groups(landlord, periods, place_counts=place_counts)
        remedies = remedy_groups(landlord, periods)
        records = _record_rows(landlord, periods)
    _add_stage_groups(tallies, grouping, stage_groups)
    _add_remedies(tallies, remedies)
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


def _add_stage_groups(
    tallies: list[PeriodTally], grouping: StageGrouping, rows: list[tuple[Any, ...]]
) -> None:
    """Add the grouped stage rows to the tallies: those by their small properties (a few
    thousand), the service area, contractor and theme of those received by where they
    were received (a few hundred), the answers by root cause and sub-cause, and the
    breakdown engine's base counts by service area, contractor and escalation reason."""
    width = len(grouping.by_place())
    for which, *rest in rows:
        values, n, sums = rest[:width], int(rest[width]), rest[width + 1 :]
        if which == 3:
            _add_place_counts(tallies, grouping.place_counts_of(values), n, sums)
            continue
        if which == 0:
            _add_counts(tallies, _Row.unpack(grouping.properties, int(values[0])), n)
            continue
        if which == 2:
            number, responded, cause, sub_cause = grouping.causes.unpack(int(values[0]))
            stage = tallies[responded - 1].stages[number + 1]
            stage.sub_causes[_decoded(ROOT_CAUSES, cause), sub_cause or None] += n
            continue
        slot, *ids = grouping.place_of(values)
        if slot < 2:
            continue
        period, stage_index = divmod(slot, 2)
        # "None" is 0: ids start at 1.
        service_area, contractor, theme = (i or None for i in ids)
        stage = tallies[period - 1].stages[stage_index + 1]
        stage.service_areas[service_area] += n
        stage.contractors[contractor] += n
        stage.themes[theme] += n


def _add_place_counts(
    tallies: list[PeriodTally], key: list[int], n: int, sums: Sequence[Any]
) -> None:
    """A ``by_place_counts`` group: received or not accepted in the period it was received
    in, and its answers' counts in the period it was answered in."""
    number, received, responded, refused, escalation, area, contractor = key
    place = (area or None, contractor or None, _decoded(ESCALATION_REASONS, escalation))
    if received:
        counts = tallies[received - 1].stages[number + 1].place_counts
        counts[(*place, "not_accepted" if refused else "received")] += n
    if responded:
        counts = tallies[responded - 1].stages[number + 1].place_counts
        for name, value in zip(ANSWER_COUNTS, (n, *sums), strict=True):
            counts[(*place, name)] += int(value)


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
