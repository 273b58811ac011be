"""Bringing a register's history in (register-csv.md, "Import").

``register_import`` takes rows already checked by ``putright.registers.validate`` and
writes them for one landlord, all or nothing, in one transaction. It is built for volume
(a million rows): existing references are loaded in one query, rows are written in chunks
with one prepared statement per table executed for the whole chunk, the working-day
calendar is built once, and no model instances are made for new records. A reference the landlord already has updates
that record; a row that would export exactly as stored changes nothing at all.

Every record gets one timeline event of kind "imported", marked ``imported``, that
summarises the history it brought; a later import that changes a record adds a new
imported event saying what changed (events are never edited). The history is not replayed
through the complaint services (a register holds dates and outcomes, not each command):
the events are written by the timeline's one writer in its batch form
(``putright.complaints.timeline.events_write_many``), one statement per chunk, which moves
each changed record's version on and tells listeners once per chunk (docs/api.md: an import
sends no webhooks).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from django.db import connection, models, transaction
from django.db.models import Max
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.utils import timezone

from putright.complaints.bulk import (
    rows_insert,
    rows_update,
    tables_analyze,
    tables_bare_while_loading,
)
from putright.complaints.models import Complaint, Event, EventKind, Extension, Remedy, Stage
from putright.complaints.services import next_due
from putright.complaints.timeline import TimelineEntry, events_write_many
from putright.landlords.models import Contractor, Landlord, ServiceArea, SubCause, Theme, today
from putright.landlords.selectors import staff_person
from putright.registers.columns import (
    BY_NAME,
    COLUMN_NAMES,
    COLUMNS,
    EQUALITY_COLUMNS,
    KIND_COLUMNS,
    CellType,
    format_money,
)
from putright.registers.exporter import raw_rows, register_records
from putright.registers.validate import RegisterError, RegisterRow, collector_paused
from putright.residents.models import EqualityData
from putright.rules.allocation import Organisation, allocation_problems
from putright.rules.calendar import WorkingCalendar
from putright.rules.codes import (
    Channel,
    Kind,
    MemberRole,
    NotAcceptedReason,
    Outcome,
    RemedyKind,
)
from putright.rules.hazards import WORDS_VERSION, hazard_priority
from putright.rules.lifecycle import StageStatus, State, escalation_outside_window
from putright.rules.records import record_target, responded_within_target
from putright.rules.timescales import (
    StageDueDates,
    extended_due,
    extension_in_time,
    stage_due_dates,
)

#: Rows handled together: one statement per table per chunk; small enough for SQLite's
#: 32,766 bound parameters when existing records are read back by id to compare.
CHUNK_SIZE = 20_000
#: Records created or changed from which, on PostgreSQL, the written tables are analysed
#: once the import is committed, so reports read straight after are planned for their size.
ANALYZE_AFTER = 1_000
#: The tables an import writes (``putright generate`` analyses them once it has finished).
WRITTEN_MODELS = (Complaint, Stage, Event, Extension, Remedy, EqualityData)
_COLUMN_COUNT = len(COLUMNS)
_INDEX = {name: i for i, name in enumerate(COLUMN_NAMES)}
_Row = TypeVar("_Row")


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import did (or, for a dry run, would do)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def __str__(self) -> str:
        if self.dry_run:
            return (
                f"Dry run, nothing written: {records(self.total)} would be read, "
                f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged."
            )
        return (
            f"Imported {records(self.total)}: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged."
        )


@dataclass(frozen=True)
class PeopleSpread:
    """People to write with the records an import creates, in the same statements
    (``putright generate``): each new record's resident, and each new stage the landlord's
    own staff handle its handler, spread over them in turn by the record's (the stage's)
    place among those this import creates; a stage 2 goes to ``senior`` (Code 6.13). A
    normal import takes none: its records keep no resident and no handler."""

    residents: Sequence[int]
    handlers: Sequence[int]
    senior: int

    def resident(self, place: int) -> int:
        return self.residents[place % len(self.residents)]

    def handler(self, place: int, number: int) -> int:
        return self.senior if number == 2 else self.handlers[place % len(self.handlers)]


class ImportRefused(Exception):
    """The rows cannot be imported as they are: nothing was written. ``errors`` says, row by
    row, what is wrong (``line N, column C: ...``)."""

    def __init__(self, errors: list[RegisterError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


def records(count: int) -> str:
    """A count of records in words: 1 record, 2 records."""
    return f"{count} record{'' if count == 1 else 's'}"


def register_import(
    *,
    landlord: Landlord,
    rows: Iterable[RegisterRow],
    dry_run: bool = False,
    source: str = "",
    analyze: bool = True,
    people: PeopleSpread | None = None,
    exclusive: bool = False,
) -> ImportSummary:
    """Import checked register rows for ``landlord``, all or nothing.

    A new reference creates a record; an existing one updates it only if a column differs
    (re-importing a file changes nothing). A reference in the landlord's own pattern
    (PREFIX-NNNNNN) moves ``next_reference_number`` past it, so a generated reference never
    collides with an imported one. ``dry_run`` compares and counts but writes nothing.
    ``source`` (e.g. the file name) is noted on each imported event with the row's line.

    History is taken as it is. A live allocation is not: a row that changes who handles a
    record whose open stage is allocated to someone is checked by the same rule as an
    allocation (``putright.rules.allocation``: a contractor's handler handles only its
    contractor's complaints; stage 2 only the landlord's own senior staff), and refused
    with ``ImportRefused``, naming the row, when it breaks it.

    ``analyze=False`` leaves the planner's statistics to the caller: ``putright generate``
    imports a thousand landlords one after another and analyses the tables once at the end.
    ``people`` (``putright generate`` only) gives each new record its resident and each new
    stage its handler as they are written (``PeopleSpread``).

    ``exclusive`` (``putright import-register --exclusive``, for a migration-sized load on
    PostgreSQL) writes with the written tables' foreign keys and plain indexes set aside
    and put back at the end, in the import's own transaction
    (``putright.complaints.bulk.tables_bare_while_loading``): other sessions wait on the
    tables until it commits, and never see them without their constraints. Elsewhere than
    PostgreSQL it is a normal import.
    """
    if dry_run:
        run = _Import(landlord, dry_run=True, source=source)
        with collector_paused():
            for chunk in chunked(rows, CHUNK_SIZE):
                run.add(chunk)
        run.refuse_if_wrong()
        return run.summary()
    tables = [model._meta.db_table for model in WRITTEN_MODELS]
    loading = tables_bare_while_loading(tables) if exclusive else transaction.atomic()
    with collector_paused(), _sqlite_tuned_for_bulk(), loading:
        run = _Import(landlord, dry_run=False, source=source, people=people)
        for chunk in chunked(rows, CHUNK_SIZE):
            run.add(chunk)
        run.refuse_if_wrong()
        run.finish()
    summary = run.summary()
    if analyze and summary.created + summary.updated >= ANALYZE_AFTER:
        tables_analyze(tables)
    return summary


def chunked(rows: Iterable[_Row], size: int) -> Iterator[list[_Row]]:
    """``rows`` in lists of ``size`` (the last one shorter)."""
    chunk: list[_Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@contextlib.contextmanager
def _sqlite_tuned_for_bulk() -> Iterator[None]:
    """A bigger page cache while SQLite builds its indexes (a million rows touch a dozen
    B-trees); put back afterwards. Other databases are left alone."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute("PRAGMA cache_size = -1048576")  # 1 GiB
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


# What a row means for the record -------------------------------------------------------


def complaint_state(row: RegisterRow) -> State:
    """Where the record stands after the history in the row: a service request or member
    enquiry is open, or resolved once responded to (as ``record_respond`` leaves it); a
    complaint is withdrawn, not accepted, at stage 1 or 2, or closed."""
    if not row.is_complaint:
        return State.OPEN if row.record_responded_date is None else State.RESOLVED
    if row.withdrawn_date is not None:
        return State.WITHDRAWN
    if row.not_accepted_reason:
        return State.NOT_ACCEPTED
    if row.escalated:
        done = row.s2_not_accepted_reason or row.s2_responded_date is not None
        return State.CLOSED if done else State.STAGE2
    if row.s1_responded_date is not None:
        return State.STAGE1_CLOSED
    return State.STAGE1


@dataclass(slots=True)
class StagePlan:
    """A stage as the row describes it, with its due dates computed by ``putright.rules``.
    Read-only by convention (not frozen, which costs at a million rows)."""

    number: int
    status: str
    requested: dt.date
    acknowledged: dt.date | None
    extension_working_days: int
    extension_reason: str
    extension_agreed_on: dt.date | None
    responded: dt.date | None
    outcome: str
    letter_sent: bool | None  # the register's s1/s2_letter_sent: None (empty) counts as yes
    not_accepted_reason: str
    not_accepted_detail: str
    escalation_reason: str
    outside_escalation_window: bool
    compensation_gbp: Decimal | None
    compensation_reason: str
    due: StageDueDates
    #: Who handled the stage: the contractor's name, "" for the landlord (issue 13).
    handled_by: str = ""
    #: Why it was extended, from the code list (issue 13, item 5); "" for not said.
    extension_reason_code: str = ""

    @property
    def acknowledgement_due(self) -> dt.date:
        return self.due.acknowledgement_due

    @property
    def response_due(self) -> dt.date:
        return self.due.response_due

    @property
    def response_due_extended(self) -> dt.date:
        return self.due.response_due_extended

    @property
    def has_extension(self) -> bool:
        return bool(
            self.extension_working_days
            or self.extension_reason
            or self.extension_agreed_on
            or self.extension_reason_code
        )

    @property
    def has_compensation(self) -> bool:
        return self.compensation_gbp is not None or bool(self.compensation_reason)


class DueDates:
    """``stage_due_dates`` over one landlord's calendar, remembered: a register repeats the
    same few thousand (start, acknowledgement, extension) combinations many times. An
    extension agreed after the response due date does not count (Code 6.4, 6.5)."""

    def __init__(self, calendar: WorkingCalendar) -> None:
        self.calendar = calendar
        self.known: dict[tuple[int, dt.date, dt.date | None, int], StageDueDates] = {}

    def __call__(
        self,
        stage: int,
        started: dt.date,
        acknowledged: dt.date | None,
        extension: int,
        agreed_on: dt.date | None = None,
    ) -> StageDueDates:
        key = (stage, started, acknowledged, extension)
        due = self.known.get(key)
        if due is None:
            due = stage_due_dates(self.calendar, stage, started, acknowledged, extension)
            self.known[key] = due
        if extension and not extension_in_time(agreed_on, due.response_due):
            return StageDueDates(due.acknowledgement_due, due.response_due, due.response_due)
        return due


def stage_plans(
    row: RegisterRow, due_dates: DueDates, escalation_window_days: int
) -> list[StagePlan]:
    """Stage 1 for every complaint (accepted or not) and stage 2 when escalation was asked
    for. A stage neither responded to nor refused by the withdrawal date is withdrawn."""
    if not row.is_complaint:
        return []
    withdrawn = row.withdrawn_date is not None
    plans = [
        _plan(
            due_dates,
            number=1,
            requested=row.received_date,
            acknowledged=row.s1_acknowledged_date,
            extension_working_days=row.s1_extension_working_days or 0,
            extension_reason=row.s1_extension_reason,
            extension_agreed_on=row.s1_extension_agreed_date,
            responded=row.s1_responded_date,
            outcome=row.s1_outcome,
            letter_sent=row.s1_letter_sent,
            not_accepted_reason=row.not_accepted_reason,
            not_accepted_detail=row.not_accepted_detail,
            withdrawn=withdrawn and not row.escalated,
            escalation_reason="",
            outside_escalation_window=False,
            compensation_gbp=row.s1_compensation_gbp,
            compensation_reason=row.s1_compensation_reason,
        )
    ]
    plans[0].handled_by = row.s1_handled_by
    plans[0].extension_reason_code = row.s1_extension_reason_code
    if row.escalation_requested_date is not None:
        plans.append(
            _plan(
                due_dates,
                number=2,
                requested=row.escalation_requested_date,
                acknowledged=row.s2_acknowledged_date,
                extension_working_days=row.s2_extension_working_days or 0,
                extension_reason=row.s2_extension_reason,
                extension_agreed_on=row.s2_extension_agreed_date,
                responded=row.s2_responded_date,
                outcome=row.s2_outcome,
                letter_sent=row.s2_letter_sent,
                not_accepted_reason=row.s2_not_accepted_reason,
                not_accepted_detail="",
                withdrawn=withdrawn,
                escalation_reason=row.escalation_reason,
                outside_escalation_window=row.s1_responded_date is not None
                and escalation_outside_window(
                    responded_on=row.s1_responded_date,
                    requested_on=row.escalation_requested_date,
                    window_days=escalation_window_days,
                ),
                compensation_gbp=row.s2_compensation_gbp,
                compensation_reason=row.s2_compensation_reason,
            )
        )
        plans[1].handled_by = row.s2_handled_by
        plans[1].extension_reason_code = row.s2_extension_reason_code
    return plans


def _plan(
    due_dates: DueDates,
    *,
    number: int,
    requested: dt.date,
    acknowledged: dt.date | None,
    extension_working_days: int,
    extension_reason: str,
    extension_agreed_on: dt.date | None,
    responded: dt.date | None,
    outcome: str,
    letter_sent: bool | None,
    not_accepted_reason: str,
    not_accepted_detail: str,
    withdrawn: bool,
    escalation_reason: str,
    outside_escalation_window: bool,
    compensation_gbp: Decimal | None,
    compensation_reason: str,
) -> StagePlan:
    """The stage's status follows from its history: refused, responded, withdrawn before
    a response, acknowledged, or only requested."""
    if not_accepted_reason:
        status = StageStatus.NOT_ACCEPTED
    elif responded is not None:
        status = StageStatus.RESPONDED
    elif withdrawn:
        status = StageStatus.WITHDRAWN
    elif acknowledged is not None:
        status = StageStatus.ACKNOWLEDGED
    else:
        status = StageStatus.REQUESTED
    return StagePlan(
        number,
        _STATUS[status],
        requested,
        acknowledged,
        extension_working_days,
        extension_reason,
        extension_agreed_on,
        responded,
        outcome,
        letter_sent if responded is not None else None,
        not_accepted_reason,
        not_accepted_detail,
        escalation_reason,
        outside_escalation_window,
        compensation_gbp,
        compensation_reason,
        due_dates(number, requested, acknowledged, extension_working_days, extension_agreed_on),
    )


_STATUS = {status: status.value for status in StageStatus}


_MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@functools.lru_cache(maxsize=8192)
def _day(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month]} {day.year}"


_KIND = {kind.value: kind.label.lower() for kind in Kind}
_CHANNEL = {channel.value: channel.label.lower() for channel in Channel}
_OUTCOME = {outcome.value: outcome.label.lower() for outcome in Outcome}
_NOT_ACCEPTED = {reason.value: reason.label for reason in NotAcceptedReason}


def history_summary(row: RegisterRow) -> str:
    """The imported event's summary: the history the row brought, in plain English."""
    opening = f"Imported from a register: {_KIND[row.kind]} received {_day(row.received_date)}"
    if row.channel:
        opening += f" by {_CHANNEL[row.channel]}"
    parts = [opening + "."]
    if row.not_accepted_reason:
        parts.append(f"Not accepted: {_NOT_ACCEPTED[row.not_accepted_reason]}.")
    if row.is_complaint:
        steps = _steps(
            row.s1_acknowledged_date,
            row.s1_extension_working_days,
            row.s1_extension_agreed_date,
            row.s1_responded_date,
            row.s1_outcome,
            row.s1_compensation_gbp,
        )
        if steps:
            parts.append("Stage 1: " + "; ".join(steps) + ".")
    if row.escalation_requested_date is not None:
        steps = [f"requested {_day(row.escalation_requested_date)}"]
        if row.s2_not_accepted_reason:
            steps.append(f"refused: {_NOT_ACCEPTED[row.s2_not_accepted_reason]}")
        steps += _steps(
            row.s2_acknowledged_date,
            row.s2_extension_working_days,
            row.s2_extension_agreed_date,
            row.s2_responded_date,
            row.s2_outcome,
            row.s2_compensation_gbp,
        )
        parts.append("Stage 2: " + "; ".join(steps) + ".")
    if row.withdrawn_date is not None:
        parts.append(f"Withdrawn {_day(row.withdrawn_date)}.")
    if not row.is_complaint:
        parts += _record_steps(row)
    return " ".join(parts)


def _record_steps(row: RegisterRow) -> list[str]:
    """A service request's or member enquiry's own history: who made a member enquiry, its
    target date and its response (issue 17, item 3)."""
    steps = []
    if row.member_name or row.member_role:
        role = MemberRole(row.member_role).label if row.member_role else "Member"
        steps.append(f"Made by {role} {row.member_name}".rstrip() + ".")
    target, responded = row.record_target_date, row.record_responded_date
    if target is not None:
        steps.append(f"Target date {_day(target)}.")
    if responded is not None:
        within = "within" if responded_within_target(responded, target) else "not within"
        steps.append(f"Responded to {_day(responded)}, {within} target.")
    return steps


def _steps(
    acknowledged: dt.date | None,
    extension: int | None,
    agreed: dt.date | None,
    responded: dt.date | None,
    outcome: str,
    compensation: Decimal | None,
) -> list[str]:
    steps = []
    if acknowledged is not None:
        steps.append(f"acknowledged {_day(acknowledged)}")
    if extension:
        steps.append(
            f"extended by {extension} working days"
            + (f", agreed {_day(agreed)}" if agreed is not None else "")
        )
    if responded is not None:
        steps.append(f"responded {_day(responded)} ({_OUTCOME[outcome]})")
    if compensation is not None:
        steps.append(f"£{format_money(compensation)} offered")
    return steps


# Writing -------------------------------------------------------------------------------

_COMPLAINT_FIELDS = (
    "kind",
    "state",
    "jurisdiction",
    "channel",
    "received_on",
    "description",
    # The safety words' triage priority and the words' version, for the work queue:
    # written with the description, on a new record and on one whose row changed.
    "hazard_priority",
    "hazard_words",
    "tenure",
    "stock_type",
    "service_area",
    "contractor",
    "theme",
    "root_cause",
    "root_cause_detail",
    "sub_cause",
    "vulnerable",
    "withdrawn_on",
    "ombudsman_reference",
    "responded_on",
    "member_name",
    "member_role",
)
_STAGE_FIELDS = (
    "status",
    "requested_on",
    "acknowledged_on",
    "acknowledgement_due",
    "response_due",
    "extension_working_days",
    "response_due_extended",
    "responded_on",
    "outcome",
    "not_accepted_reason",
    "not_accepted_detail",
    "escalation_reason",
    "outside_escalation_window",
    "response_letter_sent",
    "contractor",
)


def _insert(model: type[models.Model], fields: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """Insert rows of database-ready values for ``fields``: one prepared statement, many
    rows; faster than ``bulk_create`` for a million records because no model instance is
    made. Every other column that has a default (or is text that may be blank) gets it, as
    a model instance would."""
    if not rows:
        return
    meta = model._meta
    named = [meta.get_field(name) for name in fields]
    defaulted = [
        field
        for field in meta.concrete_fields
        if not field.primary_key
        and field.name not in fields
        and (field.has_default() or (not field.null and field.empty_strings_allowed))
    ]
    defaults = tuple(field.get_db_prep_save(field.get_default(), connection) for field in defaulted)
    if defaults:
        rows = [row + defaults for row in rows]
    rows_insert(meta.db_table, [_column(field) for field in named + defaulted], rows)


def _column(field: models.Field[Any, Any] | ForeignObjectRel | None) -> str:
    """The database column of a concrete field (every field these statements name)."""
    assert isinstance(field, models.Field) and field.column, f"{field} has no column"
    return field.column


def _update(model: type[models.Model], fields: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """Update rows by primary key; each tuple holds the new values, then the id."""
    if not rows:
        return
    meta = model._meta
    rows_update(
        meta.db_table,
        [_column(meta.get_field(name)) for name in fields],
        rows,
        key=_column(meta.pk),
    )


_Named = TypeVar("_Named", ServiceArea, Contractor, Theme)


class _Names(Generic[_Named]):
    """A landlord's service areas, contractors or themes by name; new names are added
    in one statement as rows name them (the landlord's lists grow with its register)."""

    def __init__(self, model: type[_Named], landlord: Landlord) -> None:
        self.model: type[_Named] = model
        self.landlord = landlord
        self.ids: dict[str, int] = dict(
            model.objects.filter(landlord=landlord).values_list("name", "id")
        )

    def add(self, names: set[str]) -> None:
        missing = sorted(names - self.ids.keys() - {""})
        if not missing:
            return
        self.model.objects.bulk_create(
            [self.model(landlord=self.landlord, name=name) for name in missing]
        )
        self.ids.update(
            self.model.objects.filter(landlord=self.landlord, name__in=missing).values_list(
                "name", "id"
            )
        )


@dataclass(frozen=True, slots=True)
class _Change:
    complaint_id: int
    row: RegisterRow
    before: list[str]
    after: list[str]

    def changed(self, *names: str) -> bool:
        return any(self.before[_INDEX[n]] != self.after[_INDEX[n]] for n in names)

    def differences(self) -> dict[str, dict[str, str]]:
        return {
            name: {"from": old, "to": new}
            for name, old, new in zip(COLUMN_NAMES, self.before, self.after, strict=True)
            if old != new
        }


class _Import:
    """One import run: the landlord's existing references, name lists, calendar and the
    counts so far. Rows come in chunks; each chunk is compared and written in a handful of
    statements."""

    def __init__(
        self,
        landlord: Landlord,
        *,
        dry_run: bool,
        source: str,
        people: PeopleSpread | None = None,
    ) -> None:
        self.landlord = landlord
        self.people = people
        #: Records and stages this run has created so far (their places for ``people``).
        self.complaints_made = self.stages_made = 0
        self.source = source
        self.dry_run = dry_run
        self.due_dates = DueDates(landlord.calendar())
        self.existing: dict[str, int] = dict(
            Complaint.objects.filter(landlord=landlord).values_list("reference", "id")
        )
        self.seen: set[str] = set()
        #: The landlord's sub-causes by code: (id, root cause). A row naming another is
        #: refused, by line and column, before anything is written (issue 13, item 5).
        self.sub_causes: dict[str, tuple[int, str]] = {
            code: (pk, cause)
            for pk, code, cause in SubCause.objects.filter(landlord=landlord).values_list(
                "id", "code", "root_cause"
            )
        }
        self.refused: list[RegisterError] = []
        self.created = self.updated = self.unchanged = 0
        self.highest_own_reference = 0
        self.own_reference = re.compile(rf"{re.escape(landlord.reference_prefix)}-(\d{{6,}})")
        self.own_prefix = f"{landlord.reference_prefix}-"
        if not dry_run:
            self.names: dict[str, _Names[Any]] = {
                "service_area": _Names(ServiceArea, landlord),
                "handled_by": _Names(Contractor, landlord),
                "theme": _Names(Theme, landlord),
            }
            # The same dicts, by column: a name's id (an empty name has none).
            self.name_ids = {column: names.ids for column, names in self.names.items()}
            ops = connection.ops
            # Bound once: ``connection.ops`` goes through a proxy that costs at volume.
            self.date = ops.adapt_datefield_value
            self.decimal = ops.adapt_decimalfield_value
            self.now = ops.adapt_datetimefield_value(timezone.now())
            self.today = today()

    def summary(self) -> ImportSummary:
        return ImportSummary(self.created, self.updated, self.unchanged, self.dry_run)

    def add(self, chunk: list[RegisterRow]) -> None:
        new: list[RegisterRow] = []
        old: list[tuple[int, RegisterRow]] = []
        for row in chunk:
            self._note_reference(row.reference)
            if row.reference in self.existing:
                old.append((self.existing[row.reference], row))
            else:
                new.append(row)
        self.refused += self._sub_cause_problems(chunk)
        if self.refused:
            return  # the import is refused: the rest is only checked, to name every problem
        for row in new:
            self._fill_target(row)
        changes = self._changes(old)
        refused = self._live_allocation_problems(changes)
        if refused:
            raise ImportRefused(refused)
        self.created += len(new)
        self.updated += len(changes)
        self.unchanged += len(old) - len(changes)
        if not self.dry_run:
            self._create(new)
            self._apply(changes)

    def _sub_cause_problems(self, chunk: list[RegisterRow]) -> list[RegisterError]:
        """Each row's sub_cause is one of the landlord's own codes, under the row's root
        cause (issue 13, item 5)."""
        problems = []
        for row in chunk:
            if not row.sub_cause:
                continue
            known = self.sub_causes.get(row.sub_cause)
            if known is None:
                listed = ", ".join(sorted(self.sub_causes)) or "none yet"
                problems.append(
                    RegisterError(
                        row.line,
                        "sub_cause",
                        f"{row.sub_cause!r} is not one of the landlord's sub-causes; use one "
                        f"of: {listed}",
                    )
                )
            elif row.root_cause and known[1] != row.root_cause:
                problems.append(
                    RegisterError(
                        row.line,
                        "sub_cause",
                        f"{row.sub_cause!r} is a sub-cause of {known[1]}, not of {row.root_cause}",
                    )
                )
        return problems

    def refuse_if_wrong(self) -> None:
        """Refuse the whole import, naming every row, if any row was refused."""
        if self.refused:
            raise ImportRefused(self.refused)

    def finish(self) -> None:
        """Move the landlord's reference counter past the highest imported reference in
        its own pattern, in one statement that only ever raises it."""
        highest = self.highest_own_reference
        if highest:
            Landlord.objects.filter(pk=self.landlord.pk, next_reference_number__lte=highest).update(
                next_reference_number=highest + 1
            )
            self.landlord.refresh_from_db(fields=["next_reference_number"])

    def _note_reference(self, reference: str) -> None:
        if reference in self.seen:
            raise ValueError(f"reference {reference} appears twice in the rows")
        self.seen.add(reference)
        if reference.startswith(self.own_prefix):
            match = self.own_reference.fullmatch(reference)
            if match:
                self.highest_own_reference = max(self.highest_own_reference, int(match[1]))

    def _changes(self, old: list[tuple[int, RegisterRow]]) -> list[_Change]:
        """The existing records whose stored columns differ from the row's."""
        if not old:
            return []
        stored = dict(
            register_records(landlord=self.landlord, complaint_ids=[cid for cid, _ in old])
        )
        changes = []
        for complaint_id, row in old:
            before = stored[complaint_id][:_COLUMN_COUNT]
            _keep_stored(row, before)
            self._fill_target(row, before)
            after = row.cells()
            if before != after:
                changes.append(_Change(complaint_id, row, before, after))
        return changes

    def _live_allocation_problems(self, changes: list[_Change]) -> list[RegisterError]:
        """A changed row that moves an open, allocated stage to another contractor (or to
        the landlord) is checked as an allocation would be, against the person the stage
        is allocated to. Closed stages are history, imported as they are."""
        moved = {
            c.complaint_id: c
            for c in changes
            if c.changed("handled_by") and complaint_state(c.row) in (State.STAGE1, State.STAGE2)
        }
        if not moved:
            return []
        stages = (
            Stage.objects.filter(complaint_id__in=list(moved), handler__isnull=False)
            .select_related("handler")
            .order_by("complaint_id", "number")
        )
        handlers: dict[int, dict[int, Any]] = {}
        for stage in stages:
            handlers.setdefault(stage.complaint_id, {})[stage.number] = stage.handler
        contractors = dict(
            Contractor.objects.filter(landlord=self.landlord).values_list("name", "id")
        )
        errors = []
        for complaint_id, change in moved.items():
            number = 2 if complaint_state(change.row) is State.STAGE2 else 1
            handler = handlers.get(complaint_id, {}).get(number)
            if handler is None:
                continue
            name = change.row.handled_by
            first = handlers[complaint_id].get(1)
            problems = allocation_problems(
                stage=number,
                person=staff_person(handler, self.landlord.pk),
                # A contractor the landlord does not have yet is told apart by its name.
                handled_by=Organisation(contractors.get(name, name), name) if name else None,
                stage1_handler=first.pk if first is not None else None,
            )
            if problems:
                errors.append(
                    RegisterError(
                        change.row.line,
                        "handled_by",
                        f"stage {number} of {change.row.reference} is open and allocated: "
                        f"{problems['handler']} Reallocate the stage in Putright first, or "
                        "keep handled_by as it is.",
                    )
                )
        return errors

    # New records ---------------------------------------------------------------------

    def _create(self, rows: list[RegisterRow]) -> None:
        if not rows:
            return
        self._add_names(rows)
        landlord_id, now = self.landlord.pk, self.now
        # The new rows are those above the highest id now: one cheap look-up afterwards
        # rather than a "reference IN (...)" with thousands of parameters.
        complaints_before = _highest_id(Complaint)
        window = self.landlord.escalation_window_days
        planned = [(row, stage_plans(row, self.due_dates, window)) for row in rows]
        fields: tuple[str, ...] = (
            "landlord",
            "reference",
            *_COMPLAINT_FIELDS,
            "next_due_on",
            "target_on",
            "created_at",
            "updated_at",
        )
        records = [
            (landlord_id, row.reference, *self._complaint_values(row, plans), now, now)
            for row, plans in planned
        ]
        if self.people is not None:
            first, resident = self.complaints_made, self.people.resident
            fields = (*fields, "resident")
            records = [(*row, resident(first + place)) for place, row in enumerate(records)]
        self.complaints_made += len(records)
        _insert(Complaint, fields, records)
        ids = dict(
            raw_rows(
                Complaint.objects.filter(landlord=self.landlord, id__gt=complaints_before)
                .order_by()
                .values_list("reference", "id")
            )
        )
        self.existing.update(ids)
        created = [(ids[row.reference], row) for row in rows]
        plans = {
            (ids[row.reference], plan.number): plan
            for row, row_plans in planned
            for plan in row_plans
        }
        stages_before = _highest_id(Stage)
        self._insert_stages(plans, with_people=True)
        detailed = {
            key: plan for key, plan in plans.items() if plan.has_extension or plan.has_compensation
        }
        if detailed:
            stage_ids = {
                (complaint_id, number): stage_id
                for complaint_id, number, stage_id in raw_rows(
                    Stage.objects.filter(landlord=self.landlord, id__gt=stages_before)
                    .order_by()
                    .values_list("complaint_id", "number", "id")
                )
            }
            self._add_extensions(detailed, stage_ids)
            self._add_compensation(detailed, stage_ids)
        _insert(
            EqualityData,
            ("landlord", "complaint", *EQUALITY_COLUMNS),
            [
                (landlord_id, complaint_id, *values)
                for complaint_id, row in created
                if any(values := _equality_values(row))
            ],
        )
        events_write_many(
            landlord=self.landlord,
            kind=EventKind.IMPORTED,
            entries=[
                TimelineEntry(
                    complaint_id,
                    row.received_date,
                    history_summary(row),
                    {"source": self.source, "line": row.line},
                )
                for complaint_id, row in created
            ],
            imported=True,
            new_records=True,
        )

    def _add_names(self, rows: Iterable[RegisterRow]) -> None:
        rows = list(rows)
        for field, names in self.names.items():
            names.add({getattr(row, field) for row in rows})
        self.names["handled_by"].add(
            {name for row in rows for name in (row.s1_handled_by, row.s2_handled_by)}
        )

    def _complaint_values(self, row: RegisterRow, plans: list[StagePlan]) -> tuple[Any, ...]:
        """The record's columns (_COMPLAINT_FIELDS, then ``next_due_on``, which the
        services keep for the work queue: the next deadline of an open stage, then
        ``target_on``: a service request's or member enquiry's target date, as the row
        gives it or from the landlord's target as the services set it, ``_fill_target``)."""
        date, names = self.date, self.name_ids
        state = complaint_state(row).value
        return (
            row.kind,
            state,
            row.jurisdiction,
            row.channel,
            date(row.received_date),
            row.description,
            hazard_priority(row.description),
            WORDS_VERSION,
            row.tenure,
            row.stock_type,
            names["service_area"].get(row.service_area),
            # The contractor handling the complaint now: its last stage's (issue 13).
            names["handled_by"].get(plans[-1].handled_by if plans else row.handled_by),
            names["theme"].get(row.theme),
            row.root_cause,
            row.root_cause_detail,
            self.sub_causes[row.sub_cause][0] if row.sub_cause else None,
            row.vulnerable,
            date(row.withdrawn_date),
            row.ombudsman_reference,
            date(row.record_responded_date),
            row.member_name,
            row.member_role,
            date(next_due(state, plans[-1] if plans else None)),
            date(row.record_target_date),
        )

    def _fill_target(self, row: RegisterRow, stored: list[str] | None = None) -> None:
        """A service request or member enquiry without ``record_target_date`` keeps the
        target date it has (if it was received on the same day), or gets one from the
        landlord's target today, as when it is logged in Putright (``putright.rules.
        records``)."""
        if row.record_target_date is not None:
            return
        days = self.landlord.target_days(row.kind)
        if days is None:
            return
        if stored is not None and stored[_INDEX["received_date"]] == row.received_date.isoformat():
            kept = stored[_INDEX["record_target_date"]]
            if kept:
                row.record_target_date = dt.date.fromisoformat(kept)
                return
        row.record_target_date = record_target(self.due_dates.calendar, row.received_date, days)

    def _stage_values(self, plan: StagePlan) -> tuple[Any, ...]:
        date = self.date
        return (
            plan.status,
            date(plan.requested),
            date(plan.acknowledged),
            date(plan.due.acknowledgement_due),
            date(plan.due.response_due),
            plan.extension_working_days,
            date(plan.due.response_due_extended),
            date(plan.responded),
            plan.outcome,
            plan.not_accepted_reason,
            plan.not_accepted_detail,
            plan.escalation_reason,
            plan.outside_escalation_window,
            plan.letter_sent,
            self.name_ids["handled_by"].get(plan.handled_by),
        )

    def _stage_ids(self, complaint_ids: Iterable[int]) -> dict[tuple[int, int], int]:
        return {
            (complaint_id, number): stage_id
            for complaint_id, number, stage_id in Stage.objects.filter(
                landlord=self.landlord, complaint_id__in=list(complaint_ids)
            ).values_list("complaint_id", "number", "id")
        }

    def _add_extensions(
        self, plans: dict[tuple[int, int], StagePlan], stage_ids: dict[tuple[int, int], int]
    ) -> None:
        """One Extension per extended stage, carrying the register's total, reason and date
        agreed, if it gives one (``decided_on`` stays empty: it was not decided in
        Putright). ``new_due`` is the date the extension set, even where, agreed after the
        response was due, it does not count."""
        date, calendar = self.date, self.due_dates.calendar
        _insert(
            Extension,
            (
                "stage",
                "working_days",
                "reason_code",
                "reason",
                "agreed_on",
                "previous_due",
                "new_due",
            ),
            [
                (
                    stage_ids[key],
                    plan.extension_working_days,
                    plan.extension_reason_code,
                    plan.extension_reason,
                    date(plan.extension_agreed_on),
                    date(plan.due.response_due),
                    date(
                        extended_due(calendar, plan.due.response_due, plan.extension_working_days)
                    ),
                )
                for key, plan in plans.items()
                if plan.has_extension
            ],
        )

    def _add_compensation(
        self, plans: dict[tuple[int, int], StagePlan], stage_ids: dict[tuple[int, int], int]
    ) -> None:
        """One financial Remedy per stage that offered compensation: amount and reason."""
        decimal = self.decimal
        _insert(
            Remedy,
            ("stage", "kind", "amount_offered", "compensation_reason"),
            [
                (
                    stage_ids[key],
                    RemedyKind.FINANCIAL.value,
                    decimal(plan.compensation_gbp, 10, 2),
                    plan.compensation_reason,
                )
                for key, plan in plans.items()
                if plan.has_compensation
            ],
        )

    # Changed records -------------------------------------------------------------------

    def _apply(self, changes: list[_Change]) -> None:
        """Bring changed records into line with their rows: the record, its stages (kept
        where they exist, so points, handlers and actions stay), the extension,
        compensation and equality data that changed, and a new imported event."""
        if not changes:
            return
        # A list, not a generator: each of the name lists reads every row.
        self._add_names([change.row for change in changes])
        window = self.landlord.escalation_window_days
        plans = {c.complaint_id: stage_plans(c.row, self.due_dates, window) for c in changes}
        # What a response said is recorded in Putright, not in the register: it stays while
        # the row keeps a response, and goes with it.
        answered = [c.complaint_id for c in changes if c.row.record_responded_date is not None]
        responses = dict(
            Complaint.objects.filter(id__in=answered, responded_on__isnull=False).values_list(
                "id", "response"
            )
        )
        _update(
            Complaint,
            (*_COMPLAINT_FIELDS, "next_due_on", "target_on", "response"),
            [
                (
                    *self._complaint_values(c.row, plans[c.complaint_id]),
                    responses.get(c.complaint_id, "")
                    if c.row.record_responded_date is not None
                    else "",
                    c.complaint_id,
                )
                for c in changes
            ],
        )
        self._apply_stages(changes, plans)
        self._apply_equality([c for c in changes if c.changed(*EQUALITY_COLUMNS)])
        events_write_many(
            landlord=self.landlord,
            kind=EventKind.IMPORTED,
            entries=[
                TimelineEntry(
                    c.complaint_id,
                    self.today,
                    "Updated from a register: " + _describe(c.differences()) + ".",
                    {"source": self.source, "line": c.row.line, "changes": c.differences()},
                )
                for c in changes
            ],
            imported=True,
        )

    def _apply_stages(self, changes: list[_Change], plans: dict[int, list[StagePlan]]) -> None:
        """Stages are updated in place; a stage the row no longer has is removed, a new one
        added. A stage's extension or compensation is written again only if its columns
        changed: the register holds one total and one reason for each."""
        existing = self._stage_ids(c.complaint_id for c in changes)
        wanted: dict[tuple[int, int], StagePlan] = {}
        rewrite_extension: set[tuple[int, int]] = set()
        rewrite_compensation: set[tuple[int, int]] = set()
        for change in changes:
            for plan in plans[change.complaint_id]:
                key = (change.complaint_id, plan.number)
                wanted[key] = plan
                s = f"s{plan.number}_"
                new = key not in existing
                if new or change.changed(
                    s + "extension_working_days",
                    s + "extension_reason",
                    s + "extension_agreed_date",
                    s + "extension_reason_code",
                ):
                    rewrite_extension.add(key)
                if new or change.changed(s + "compensation_gbp", s + "compensation_reason"):
                    rewrite_compensation.add(key)
        Stage.objects.filter(
            id__in=[sid for key, sid in existing.items() if key not in wanted]
        ).delete()
        _update(
            Stage,
            _STAGE_FIELDS,
            [
                (*self._stage_values(plan), existing[key])
                for key, plan in wanted.items()
                if key in existing
            ],
        )
        self._insert_stages({key: plan for key, plan in wanted.items() if key not in existing})
        Extension.objects.filter(
            stage_id__in=[existing[key] for key in rewrite_extension if key in existing]
        ).delete()
        Remedy.objects.filter(
            kind=RemedyKind.FINANCIAL,
            stage_id__in=[existing[key] for key in rewrite_compensation if key in existing],
        ).delete()
        stage_ids = self._stage_ids(c.complaint_id for c in changes)
        self._add_extensions({key: wanted[key] for key in rewrite_extension}, stage_ids)
        self._add_compensation({key: wanted[key] for key in rewrite_compensation}, stage_ids)

    def _insert_stages(
        self, plans: dict[tuple[int, int], StagePlan], *, with_people: bool = False
    ) -> None:
        """Insert the planned stages; ``with_people`` (new records' stages) gives each the
        handler ``self.people`` says, if any: the landlord's own stages only (those with no
        contractor)."""
        landlord_id = self.landlord.pk
        fields: tuple[str, ...] = ("complaint", "landlord", "number", *_STAGE_FIELDS)
        values = [
            (complaint_id, landlord_id, number, *self._stage_values(plan))
            for (complaint_id, number), plan in plans.items()
        ]
        if with_people and self.people is not None:
            first, handler = self.stages_made, self.people.handler
            contractor = fields.index("contractor")
            fields = (*fields, "handler")
            values = [
                (*row, None if row[contractor] is not None else handler(first + place, row[2]))
                for place, row in enumerate(values)
            ]
            self.stages_made += len(values)
        _insert(Stage, fields, values)

    def _apply_equality(self, changes: list[_Change]) -> None:
        if not changes:
            return
        EqualityData.objects.filter(complaint_id__in=[c.complaint_id for c in changes]).delete()
        _insert(
            EqualityData,
            ("landlord", "complaint", *EQUALITY_COLUMNS),
            [(self.landlord.pk, c.complaint_id, *_equality_values(c.row)) for c in changes],
        )


def _highest_id(model: type[Complaint | Stage]) -> int:
    return model.objects.aggregate(highest=Max("id"))["highest"] or 0


def _equality_values(row: RegisterRow) -> tuple[str, str, str, str]:
    return (row.age_band, row.sex, row.ethnicity, row.disability)


def _keep_stored(row: RegisterRow, stored: list[str]) -> None:
    """The columns of a service request's or member enquiry's own that the file does not
    have (``row.kept``) take the values the record holds, so a file written before they
    existed changes none of them. Stored text is taken as it is, not read as a cell. The
    target date is ``_Import._fill_target``'s, which also knows when to work it out again."""
    for name in row.kept:
        cell = stored[_INDEX[name]]
        if not cell or row.kind not in KIND_COLUMNS[name] or name == "record_target_date":
            continue
        column = BY_NAME[name]
        value = cell if column.type in (CellType.TEXT, CellType.CODE) else column.read(cell)
        setattr(row, name, value)


def _describe(differences: dict[str, dict[str, str]]) -> str:
    return "; ".join(
        f"{name} {change['to'] or '(empty)'} (was {change['from'] or 'empty'})"
        for name, change in differences.items()
    )
