"""Reading and checking a complaint register (register-csv.md), as pure functions.

``parse_register`` turns a CSV stream into typed :class:`RegisterRow` records and a list of
:class:`RegisterError`, one per problem, each naming the physical line of the file (the
header is line 1) and the column. Nothing here touches the database: the import command
reads the whole file, and only when there is no error at all does it write anything.

History is history: an acknowledgement or response later than the Code allows, an
extension over its limits, or one agreed after the response was due, is accepted as it is;
the reports show it as late (an extension agreed late does not count, Code 6.4, 6.5).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import difflib
import gc
import operator
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from putright.registers.columns import (
    BY_NAME,
    COLUMN_NAMES,
    COLUMNS,
    COMPUTED_COLUMNS,
    DATE_COLUMNS,
    DATE_ORDER,
    FUTURE_DATE_COLUMNS,
    KIND_COLUMNS,
    RECORD_COLUMNS,
    REQUIRED,
    STAGE2_COLUMNS,
    STAGE_COLUMNS,
    CellError,
    CellType,
    Column,
)
from putright.rules.codes import Kind
from putright.rules.counting import CaseFacts, StageFacts

_DATE_WORDS = {
    "received_date": "received",
    "s1_acknowledged_date": "s1 acknowledged",
    "s1_responded_date": "s1 responded",
    "escalation_requested_date": "escalation requested",
    "s2_acknowledged_date": "s2 acknowledged",
    "s2_responded_date": "s2 responded",
}
_COMPLAINT = Kind.COMPLAINT.value  # a plain str: comparing with the enum member costs more
_DATE_COLUMNS = frozenset(DATE_COLUMNS)
_STAGE_COLUMNS = frozenset(STAGE_COLUMNS)
_KIND_COLUMNS = frozenset(KIND_COLUMNS)
_PAST_DATE_COLUMNS = tuple(name for name in DATE_COLUMNS if name not in FUTURE_DATE_COLUMNS)
_DATE_ORDER_RULE = "dates must run " + " ≤ ".join(_DATE_WORDS[name] for name in DATE_ORDER)


@dataclass(slots=True)
class RegisterRow:
    """One record of the register, typed. Empty text and code cells are "" (or the
    column's default code); empty dates, numbers, money and yes/no are None. ``line`` is the
    physical line of the file the record starts on.

    Read-only by convention, not frozen: building a frozen dataclass of 40 fields costs
    seven times as much, which shows at a million rows.
    """

    line: int
    reference: str
    kind: str
    received_date: dt.date
    channel: str
    jurisdiction: str
    tenure: str
    stock_type: str
    service_area: str
    handled_by: str
    theme: str
    root_cause: str
    root_cause_detail: str
    description: str
    vulnerable: bool | None
    not_accepted_reason: str
    not_accepted_detail: str
    withdrawn_date: dt.date | None
    s1_acknowledged_date: dt.date | None
    s1_extension_working_days: int | None
    s1_extension_reason: str
    s1_extension_agreed_date: dt.date | None
    s1_responded_date: dt.date | None
    s1_outcome: str
    s1_letter_sent: bool | None
    s1_compensation_gbp: Decimal | None
    s1_compensation_reason: str
    escalation_requested_date: dt.date | None
    escalation_reason: str
    s2_not_accepted_reason: str
    s2_acknowledged_date: dt.date | None
    s2_extension_working_days: int | None
    s2_extension_reason: str
    s2_extension_agreed_date: dt.date | None
    s2_responded_date: dt.date | None
    s2_outcome: str
    s2_letter_sent: bool | None
    s2_compensation_gbp: Decimal | None
    s2_compensation_reason: str
    ombudsman_reference: str
    age_band: str
    sex: str
    ethnicity: str
    disability: str
    s1_handled_by: str
    s2_handled_by: str
    sub_cause: str
    s1_extension_reason_code: str
    s2_extension_reason_code: str
    record_responded_date: dt.date | None
    record_target_date: dt.date | None
    member_name: str
    member_role: str
    #: The columns of a service request's or member enquiry's own (RECORD_COLUMNS) that the
    #: file's header does not have: an import keeps what the record holds for them, so a
    #: file written before they existed neither reopens a responded record nor drops its
    #: member. Not a column of the register.
    kept: frozenset[str] = frozenset()

    @property
    def is_complaint(self) -> bool:
        return self.kind == _COMPLAINT

    @property
    def escalated(self) -> bool:
        return self.escalation_requested_date is not None

    def cells(self) -> list[str]:
        """The register's columns as the export writes them, in the documented order."""
        cells = list(_ALL_VALUES(self))
        for index, formatter in _FORMATTED:
            value = cells[index]
            cells[index] = "" if value is None else formatter(value)
        return cells


_ALL_VALUES = operator.attrgetter(*COLUMN_NAMES)
#: The columns whose values are not already their cells (dates, money, numbers, yes/no).
_FORMATTED = tuple(
    (index, column.formatter)
    for index, column in enumerate(COLUMNS)
    if column.formatter is not None
)


@dataclass(frozen=True, slots=True)
class RegisterError:
    """One problem, said as ``line N, column C: what is wrong``."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


@dataclass(frozen=True, slots=True)
class ParsedRegister:
    rows: list[RegisterRow]
    errors: list[RegisterError]

    @property
    def ok(self) -> bool:
        return not self.errors


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a register is read or written, then
    as it was. A million rows are millions of objects that live to the end, none in a
    cycle (reference counting frees what goes): each collection walks them all again for
    nothing, and at 100,000 rows that was a third of the import's CPU time
    (docs/performance.md)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class _NotUtf8(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def parse_register(
    stream: IO[bytes] | IO[str] | Iterable[str], *, today: dt.date
) -> ParsedRegister:
    """Read a register: UTF-8 (a byte-order mark is accepted), RFC 4180 CSV, header row.

    Every cell is checked against its column, every row against the consistency rules and
    the file for duplicate references; every problem found is returned, so the landlord
    can fix the file in one go. ``today`` is the last date a record may carry: dates in
    the future are refused. ``rows`` holds the rows that have no problem.
    """
    lines = _text_lines(stream)
    reader = csv.reader(lines, strict=True)
    errors: list[RegisterError] = []
    rows: list[RegisterRow] = []
    try:
        header = next(reader, [])
        plan, width = _read_header(header, errors)
        missing = frozenset(REQUIRED) - {slot.name for slot in plan}
        with collector_paused():
            _read_rows(reader, plan, width, missing, today, rows, errors)
    except _NotUtf8 as problem:
        errors.append(
            RegisterError(
                problem.line, "-", "the file is not UTF-8 text; save it as CSV UTF-8 and try again"
            )
        )
    except csv.Error as problem:
        errors.append(RegisterError(reader.line_num, "-", f"the CSV cannot be read: {problem}"))
    return ParsedRegister(rows, errors)


def _text_lines(stream: IO[bytes] | IO[str] | Iterable[str]) -> Iterator[str]:
    """Lines of text with their line endings, decoded as UTF-8 a line at a time so that a
    bad byte is reported on its own line. A leading byte-order mark is dropped."""
    lines: Iterable[bytes | str] = stream
    for number, line in enumerate(lines, start=1):
        if isinstance(line, bytes):
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8) :]
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError:
                raise _NotUtf8(number) from None
        elif number == 1 and line.startswith("\ufeff"):
            line = line[1:]
        yield line


class _Slot:
    """Where a header column's cells go: the cell's index, the record's field, and the
    values already read, for columns with few distinct cells (codes, dates, money, whole
    numbers, yes/no): a million-row register repeats them constantly."""

    __slots__ = ("column", "index", "known", "name", "position")

    def __init__(self, index: int, column: Column, position: int) -> None:
        self.index = index
        self.column = column
        self.name = column.name
        self.position = position  # in RegisterRow's fields after ``line``
        self.known: dict[str, Any] | None = None if column.type is CellType.TEXT else {}


def _read_header(header: list[str], errors: list[RegisterError]) -> tuple[list[_Slot], int]:
    """Check the header: every required column present, no unknown or repeated column."""
    positions = {name: i for i, name in enumerate(COLUMN_NAMES)}
    plan: list[_Slot] = []
    seen: set[str] = set()
    for index, raw in enumerate(header):
        name = raw.strip()
        if not name:
            continue
        if name in seen:
            errors.append(RegisterError(1, name, "the column appears more than once"))
        elif name in positions:
            plan.append(_Slot(index, BY_NAME[name], positions[name]))
        elif name not in COMPUTED_COLUMNS:
            errors.append(RegisterError(1, name, _unknown_column(name)))
        seen.add(name)
    errors.extend(
        RegisterError(1, name, "this required column is missing from the header")
        for name in REQUIRED
        if name not in seen
    )
    return plan, len(header)


def _unknown_column(name: str) -> str:
    """An unknown column is an error, so a typo never silently drops data."""
    close = difflib.get_close_matches(name.lower(), COLUMN_NAMES + COMPUTED_COLUMNS, n=1)
    if close:
        return f"unknown column; did you mean {close[0]}?"
    return "unknown column; the columns are " + ", ".join(COLUMN_NAMES)


_EMPTY_ROW = tuple(column.empty for column in COLUMNS)


def _read_rows(
    reader: Any,
    plan: list[_Slot],
    width: int,
    missing: frozenset[str],
    today: dt.date,
    rows: list[RegisterRow],
    errors: list[RegisterError],
) -> None:
    """Read every record after the header. A required column missing from the header is
    reported once, on line 1, not again on every row."""
    first_line_of: dict[str, int] = {}
    header_names = frozenset(slot.name for slot in plan)
    kept = frozenset(RECORD_COLUMNS) - header_names
    last_line = 1
    for cells in reader:
        line, last_line = last_line + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue  # a blank line is not a record
        problems = _extra_cells(line, cells, width)
        if len(cells) < width:
            cells += [""] * (width - len(cells))  # spreadsheets drop trailing empty cells
        values, filled, bad = _parse_cells(line, cells, plan, problems)
        row = RegisterRow(line, *values)
        if kept:
            row.kept = kept
        problems.extend(_check_row(row, filled | missing, bad | missing, today))
        _handled_by_each_stage(row, header_names)
        if row.reference and "reference" not in bad:
            first = first_line_of.setdefault(row.reference, line)
            if first != line:
                problems.append(
                    RegisterError(
                        line, "reference", f"{row.reference} appears again (first on line {first})"
                    )
                )
        if problems:
            errors.extend(problems)
        else:
            rows.append(row)


def _handled_by_each_stage(row: RegisterRow, header: frozenset[str]) -> None:
    """Issue 13: who handled each stage. Where the file has no ``s1_handled_by`` or
    ``s2_handled_by`` column (files written before stages had their own handler), the
    ``handled_by`` column stands for both stages; where it has them they win. A
    complaint's ``handled_by`` then reads as its stage 1 handler, as the export writes it,
    so a file imports to the same record whichever form it takes."""
    if not row.is_complaint:
        return
    if "s1_handled_by" not in header:
        row.s1_handled_by = row.handled_by
    if "s2_handled_by" not in header and row.escalated:
        row.s2_handled_by = row.handled_by
    row.handled_by = row.s1_handled_by


def _extra_cells(line: int, cells: list[str], width: int) -> list[RegisterError]:
    """Cells beyond the header's last column must be empty (spreadsheets add empty ones)."""
    return [
        RegisterError(
            line, str(index + 1), f"a value in column {index + 1}, which the header does not name"
        )
        for index in range(width, len(cells))
        if cells[index].strip()
    ]


def _parse_cells(
    line: int, cells: list[str], plan: list[_Slot], problems: list[RegisterError]
) -> tuple[list[Any], set[str], set[str]]:
    """The typed values of a row's cells in RegisterRow's order, the columns with a value,
    and the columns that could not be read (each with its problem added)."""
    values = list(_EMPTY_ROW)
    filled: set[str] = set()
    bad: set[str] = set()
    for slot in plan:
        cell = cells[slot.index]
        if not cell or not (cell := cell.strip()):
            continue
        filled.add(slot.name)
        known = slot.known
        if known is not None and cell in known:
            values[slot.position] = known[cell]
            continue
        try:
            value = slot.column.read(cell)
        except CellError as problem:
            problems.append(RegisterError(line, slot.name, str(problem)))
            bad.add(slot.name)
            continue
        values[slot.position] = value
        if known is not None:
            known[cell] = value
    return values, filled, bad


# Consistency rules ---------------------------------------------------------------------


def check_row(row: RegisterRow, *, today: dt.date) -> list[RegisterError]:
    """Every consistency rule of register-csv.md that ``row`` breaks, one error each."""
    filled = {name for name in COLUMN_NAMES if getattr(row, name) not in (None, "")}
    return _check_row(row, filled, set(), today)


def _check_row(
    row: RegisterRow, filled: set[str], unreadable: set[str], today: dt.date
) -> list[RegisterError]:
    """The rules over a row whose ``filled`` columns have a value. A column in
    ``unreadable`` counts as filled (no rule complains that it is missing) but its value
    is not compared with anything."""
    problems = _required_cells(row, filled)
    if _DATE_COLUMNS & filled:
        dated = filled - unreadable
        problems += _dates_not_in_future(row, dated, today)
        problems += _dates_in_order(row, dated)
        problems += _withdrawn_after_received(row, dated)
        if not row.is_complaint and "received_date" in dated:
            problems += _record_dates_not_before_received(row, dated)
    if row.is_complaint:
        if _STAGE_COLUMNS & filled:
            problems += _stage2_needs_escalation(row, filled)
            problems += _outcome_and_response_together(row, filled)
            problems += _not_accepted_has_no_stage1(row, filled)
            problems += _extension_reason_code_needs_days(row, filled)
    elif "kind" not in unreadable:
        problems += _stage_columns_only_on_complaints(row, filled)
    if "kind" not in unreadable and _KIND_COLUMNS & filled:
        problems += _kind_columns_only_on_their_kinds(row, filled)
    if "sub_cause" in filled and "root_cause" not in filled:
        problems.append(_error(row, "sub_cause", "a sub-cause needs the root_cause it is under"))
    return problems


def _error(row: RegisterRow, column: str, message: str) -> RegisterError:
    return RegisterError(row.line, column, message)


def _required_cells(row: RegisterRow, filled: set[str]) -> list[RegisterError]:
    return [
        _error(row, name, "is empty; every row needs one")
        for name in REQUIRED
        if name not in filled
    ]


def _dates_not_in_future(row: RegisterRow, dated: set[str], today: dt.date) -> list[RegisterError]:
    """Register history has happened: no date after today, but for a target date, which
    may lie ahead of a record still open."""
    return [
        _error(row, name, f"{day.isoformat()} is in the future (today is {today.isoformat()})")
        for name in _PAST_DATE_COLUMNS
        if name in dated and (day := getattr(row, name)) > today
    ]


def _record_dates_not_before_received(row: RegisterRow, dated: set[str]) -> list[RegisterError]:
    """A service request or member enquiry is answered, and due, on or after the day it
    was received (as ``record_respond`` refuses a response dated before it)."""
    received = row.received_date
    return [
        _error(
            row,
            name,
            f"{day.isoformat()} is before received_date {received.isoformat()}; "
            f"a {row.kind} cannot be {what} before it was received",
        )
        for name, what in (
            ("record_responded_date", "responded to"),
            ("record_target_date", "due"),
        )
        if name in dated and (day := getattr(row, name)) < received
    ]


def _dates_in_order(row: RegisterRow, dated: set[str]) -> list[RegisterError]:
    """received ≤ s1 acknowledged ≤ s1 responded ≤ escalation requested ≤ s2 acknowledged
    ≤ s2 responded: each date is compared with the latest of the dates before it."""
    problems = []
    latest: tuple[str, dt.date] | None = None
    for name in DATE_ORDER:
        if name not in dated:
            continue
        day = getattr(row, name)
        if latest is not None and day < latest[1]:
            problems.append(
                _error(
                    row,
                    name,
                    f"{day.isoformat()} is before {latest[0]} {latest[1].isoformat()}; "
                    + _DATE_ORDER_RULE,
                )
            )
        else:
            latest = (name, day)
    return problems


def _withdrawn_after_received(row: RegisterRow, dated: set[str]) -> list[RegisterError]:
    if "withdrawn_date" in dated and "received_date" in dated:
        withdrawn, received = row.withdrawn_date, row.received_date
        assert withdrawn is not None and received is not None  # both are in dated
        if withdrawn < received:
            return [
                _error(
                    row,
                    "withdrawn_date",
                    f"{withdrawn.isoformat()} is before received_date {received.isoformat()}; "
                    "a complaint cannot be withdrawn before it was received",
                )
            ]
    return []


def _stage_columns_only_on_complaints(row: RegisterRow, filled: set[str]) -> list[RegisterError]:
    """A service request or member enquiry is not a complaint: no stage, outcome or
    compensation columns."""
    return [
        _error(
            row,
            name,
            f"a {row.kind} has no stages, outcomes or compensation; leave it empty "
            "or make the kind complaint",
        )
        for name in STAGE_COLUMNS
        if name in filled
    ]


def _kind_columns_only_on_their_kinds(row: RegisterRow, filled: set[str]) -> list[RegisterError]:
    """A complaint has no response or target of its own (its stages hold them), and only a
    member enquiry names the councillor or MP who made it (issue 17, item 3)."""
    return [
        _error(
            row,
            name,
            f"a {row.kind} has no {name}: only a {' or a '.join(kinds)} has one; "
            "leave it empty or change the kind",
        )
        for name, kinds in KIND_COLUMNS.items()
        if name in filled and row.kind not in kinds
    ]


def _stage2_needs_escalation(row: RegisterRow, filled: set[str]) -> list[RegisterError]:
    if "escalation_requested_date" in filled:
        return []
    return [
        _error(row, name, "stage 2 columns need escalation_requested_date")
        for name in STAGE2_COLUMNS
        if name in filled
    ]


def _outcome_and_response_together(row: RegisterRow, filled: set[str]) -> list[RegisterError]:
    """An outcome needs its responded date, and a responded date needs its outcome."""
    problems = []
    for outcome, responded in _OUTCOME_PAIRS:
        if outcome in filled and responded not in filled:
            problems.append(_error(row, outcome, f"an outcome needs {responded}"))
        if responded in filled and outcome not in filled:
            problems.append(_error(row, responded, f"a responded date needs {outcome}"))
    return problems


_OUTCOME_PAIRS = (("s1_outcome", "s1_responded_date"), ("s2_outcome", "s2_responded_date"))


def _extension_reason_code_needs_days(row: RegisterRow, filled: set[str]) -> list[RegisterError]:
    """An extension's reason code belongs to an extension: it needs its working days."""
    return [
        _error(row, f"s{n}_extension_reason_code", f"needs s{n}_extension_working_days")
        for n in (1, 2)
        if f"s{n}_extension_reason_code" in filled and f"s{n}_extension_working_days" not in filled
    ]


def _not_accepted_has_no_stage1(row: RegisterRow, filled: set[str]) -> list[RegisterError]:
    """Code 4.1: a complaint not accepted has no stage 1 acknowledgement, response or outcome."""
    if "not_accepted_reason" not in filled:
        return []
    return [
        _error(row, name, "a complaint that was not accepted has no stage 1 " + what)
        for name, what in (
            ("s1_acknowledged_date", "acknowledgement"),
            ("s1_responded_date", "response"),
            ("s1_outcome", "outcome"),
        )
        if name in filled
    ]


# For the reports -----------------------------------------------------------------------


def row_to_case_facts(row: RegisterRow) -> CaseFacts:
    """What the counting rules need from one row: the reports' tests count a register with
    ``putright.rules.counting.annual_figures`` over these and compare with the database."""
    stage1 = StageFacts()
    stage2 = None
    if row.is_complaint:
        stage1 = StageFacts(
            requested=row.received_date,
            not_accepted_reason=row.not_accepted_reason or None,
            acknowledged=row.s1_acknowledged_date,
            extension_working_days=row.s1_extension_working_days or 0,
            extension_agreed_on=row.s1_extension_agreed_date,
            extension_reasons=_reasons(row.s1_extension_working_days, row.s1_extension_reason_code),
            responded=row.s1_responded_date,
            outcome=row.s1_outcome or None,
            compensation_gbp=row.s1_compensation_gbp,
            handled_by=row.s1_handled_by,
            compensation_offers=_offers(row.s1_compensation_gbp, row.s1_compensation_reason),
        )
        if row.escalated:
            stage2 = StageFacts(
                requested=row.escalation_requested_date,
                not_accepted_reason=row.s2_not_accepted_reason or None,
                acknowledged=row.s2_acknowledged_date,
                extension_working_days=row.s2_extension_working_days or 0,
                extension_agreed_on=row.s2_extension_agreed_date,
                extension_reasons=_reasons(
                    row.s2_extension_working_days, row.s2_extension_reason_code
                ),
                responded=row.s2_responded_date,
                outcome=row.s2_outcome or None,
                compensation_gbp=row.s2_compensation_gbp,
                handled_by=row.s2_handled_by,
                compensation_offers=_offers(row.s2_compensation_gbp, row.s2_compensation_reason),
            )
    return CaseFacts(
        kind=row.kind,
        jurisdiction=row.jurisdiction,
        received=row.received_date,
        withdrawn=row.withdrawn_date,
        tenure=row.tenure or None,
        service_area=row.service_area or None,
        handled_by=row.handled_by or None,
        theme=row.theme or None,
        root_cause=row.root_cause or None,
        root_cause_detail=row.root_cause_detail or None,
        sub_cause=row.sub_cause or None,
        channel=row.channel or None,
        escalation_reason=row.escalation_reason or None,
        stage1=stage1,
        stage2=stage2,
    )


def _reasons(days: int | None, code: str) -> tuple[str, ...]:
    """A register's stage extension as the one Extension the import makes of it: its
    reason code, "" where the row gives none; nothing when the stage was not extended."""
    return (code,) if days else ()


def _offers(amount: Decimal | None, reason: str) -> tuple[tuple[str, Decimal], ...]:
    """A register's stage compensation as the one financial remedy the import makes of it."""
    return ((reason, amount),) if amount is not None else ()
