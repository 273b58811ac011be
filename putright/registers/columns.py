"""The columns of the complaint register (register-csv.md), in one place.

Each column has a name, a cell type (which says how a cell is parsed and written back) and,
for a code list, the allowed codes taken from ``putright.rules.codes``. The validator, the
importer, the exporter and the generator all read this module, so a column is added or
changed here once. Pure Python: no Django, so the validator stays a pure function.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from putright.rules.calendar import FIRST_YEAR
from putright.rules.codes import (
    AgeBand,
    Channel,
    CompensationReason,
    Disability,
    EscalationReason,
    ExtensionReason,
    Jurisdiction,
    Kind,
    MemberRole,
    NotAcceptedReason,
    Outcome,
    RootCause,
    Sex,
    StockType,
    Tenure,
)
from putright.rules.records import RECORD_KINDS
from putright.web.spreadsheets import restore

#: The longest extension the register accepts. Far beyond the Code's limits (over-limit
#: history is imported as it is); the bound only keeps due dates inside the calendar.
MAX_EXTENSION_WORKING_DAYS = 9999
#: Money fits the database's ``DecimalField(max_digits=10, decimal_places=2)``.
MAX_MONEY_DIGITS = 8


class CellType(StrEnum):
    TEXT = "text"
    CODE = "code"
    DATE = "date"
    MONEY = "money"
    WHOLE = "whole number"
    YES_NO = "yes/no"


class CellError(ValueError):
    """A cell that cannot be read; the message says what is wrong and what would be right."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the register.

    ``default`` is the code an empty cell stands for (``kind`` is ``complaint`` unless
    said otherwise); ``max_length`` is the longest text the record can hold; ``stage`` marks
    the columns that belong to stage 1 or stage 2, which only a complaint carries;
    ``kinds`` the columns only some other kinds of record carry (a service request's or
    member enquiry's response and target, a member enquiry's member), empty for any kind.
    """

    name: str
    type: CellType
    codes: tuple[str, ...] = ()
    default: str = ""
    max_length: int | None = None
    required: bool = False
    stage: int | None = None
    kinds: tuple[str, ...] = ()

    @property
    def empty(self) -> Any:
        """The value of an empty cell: the default code, "" for text, None otherwise."""
        if self.type in (CellType.TEXT, CellType.CODE):
            return self.default
        return None

    def parse(self, cell: str) -> Any:
        """The typed value of a cell, or CellError. The cell is trimmed first; an empty cell
        is "not known / not applicable" and reads as :attr:`empty`."""
        cell = cell.strip()
        if not cell:
            return self.empty
        return self.read(cell)

    def read(self, cell: str) -> Any:
        """The typed value of a trimmed, non-empty cell, or CellError."""
        return _PARSERS[self.type](self, cell)

    def format(self, value: Any) -> str:
        """The cell for a typed value, as the export writes it (money with two decimals)."""
        if value is None or value == "":
            return ""
        return _FORMATTERS[self.type](value)

    @property
    def formatter(self) -> Callable[[Any], str] | None:
        """How a present value becomes a cell; None when the value is already the cell."""
        if self.type in (CellType.TEXT, CellType.CODE):
            return None
        return _FORMATTERS[self.type]


def _code_column(name: str, codes: list[str], **fields: Any) -> Column:
    return Column(name, CellType.CODE, codes=tuple(codes), **fields)


_RECORD_KINDS: tuple[str, ...] = tuple(kind.value for kind in RECORD_KINDS)
_MEMBER_KINDS: tuple[str, ...] = (Kind.MEMBER_ENQUIRY.value,)

COLUMNS: tuple[Column, ...] = (
    Column("reference", CellType.TEXT, max_length=50, required=True),
    _code_column("kind", Kind.values(), default=Kind.COMPLAINT.value),
    Column("received_date", CellType.DATE, required=True),
    _code_column("channel", Channel.values()),
    _code_column("jurisdiction", Jurisdiction.values(), default=Jurisdiction.HOUSING.value),
    _code_column("tenure", Tenure.values()),
    _code_column("stock_type", StockType.values(), default=StockType.LCRA.value),
    Column("service_area", CellType.TEXT, max_length=200),
    Column("handled_by", CellType.TEXT, max_length=200),
    Column("theme", CellType.TEXT, max_length=200),
    _code_column("root_cause", RootCause.values()),
    Column("root_cause_detail", CellType.TEXT, max_length=200),
    Column("description", CellType.TEXT),
    Column("vulnerable", CellType.YES_NO),
    _code_column("not_accepted_reason", NotAcceptedReason.values(), stage=1),
    Column("not_accepted_detail", CellType.TEXT, stage=1),
    Column("withdrawn_date", CellType.DATE),
    Column("s1_acknowledged_date", CellType.DATE, stage=1),
    Column("s1_extension_working_days", CellType.WHOLE, stage=1),
    Column("s1_extension_reason", CellType.TEXT, stage=1),
    Column("s1_extension_agreed_date", CellType.DATE, stage=1),
    Column("s1_responded_date", CellType.DATE, stage=1),
    _code_column("s1_outcome", Outcome.values(), stage=1),
    Column("s1_letter_sent", CellType.YES_NO, stage=1),
    Column("s1_compensation_gbp", CellType.MONEY, stage=1),
    _code_column("s1_compensation_reason", CompensationReason.values(), stage=1),
    Column("escalation_requested_date", CellType.DATE, stage=2),
    _code_column("escalation_reason", EscalationReason.values(), stage=2),
    _code_column("s2_not_accepted_reason", NotAcceptedReason.values(), stage=2),
    Column("s2_acknowledged_date", CellType.DATE, stage=2),
    Column("s2_extension_working_days", CellType.WHOLE, stage=2),
    Column("s2_extension_reason", CellType.TEXT, stage=2),
    Column("s2_extension_agreed_date", CellType.DATE, stage=2),
    Column("s2_responded_date", CellType.DATE, stage=2),
    _code_column("s2_outcome", Outcome.values(), stage=2),
    Column("s2_letter_sent", CellType.YES_NO, stage=2),
    Column("s2_compensation_gbp", CellType.MONEY, stage=2),
    _code_column("s2_compensation_reason", CompensationReason.values(), stage=2),
    Column("ombudsman_reference", CellType.TEXT, max_length=50),
    _code_column("age_band", AgeBand.values()),
    _code_column("sex", Sex.values()),
    Column("ethnicity", CellType.TEXT, max_length=100),
    _code_column("disability", Disability.values()),
    # Issue 13: who handled each stage; ``handled_by`` alone means both stages.
    Column("s1_handled_by", CellType.TEXT, max_length=200, stage=1),
    Column("s2_handled_by", CellType.TEXT, max_length=200, stage=2),
    # Issue 13, item 5: the landlord's own sub-cause code under root_cause (checked against
    # its list by the import), and each stage's extension reason from the code list.
    Column("sub_cause", CellType.TEXT, max_length=40),
    _code_column("s1_extension_reason_code", ExtensionReason.values(), stage=1),
    _code_column("s2_extension_reason_code", ExtensionReason.values(), stage=2),
    # Issue 17, item 3: a service request's or member enquiry's response and target date,
    # and the councillor or MP who made a member enquiry.
    Column("record_responded_date", CellType.DATE, kinds=_RECORD_KINDS),
    Column("record_target_date", CellType.DATE, kinds=_RECORD_KINDS),
    Column("member_name", CellType.TEXT, max_length=200, kinds=_MEMBER_KINDS),
    _code_column("member_role", MemberRole.values(), kinds=_MEMBER_KINDS),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}
REQUIRED: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)

#: Written by the export after the register's columns, so anyone can check the arithmetic.
#: An import accepts them (so an export can be imported again) and computes them afresh.
COMPUTED_COLUMNS: tuple[str, ...] = tuple(
    f"s{n}_{name}"
    for n in (1, 2)
    for name in (
        "acknowledgement_due",
        "response_due",
        "response_due_extended",
        "responded_on_time",
    )
)
EXPORT_COLUMNS: tuple[str, ...] = COLUMN_NAMES + COMPUTED_COLUMNS

#: The dates of a complaint in the order they must run (register-csv.md, consistency rules).
DATE_ORDER: tuple[str, ...] = (
    "received_date",
    "s1_acknowledged_date",
    "s1_responded_date",
    "escalation_requested_date",
    "s2_acknowledged_date",
    "s2_responded_date",
)
DATE_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.type is CellType.DATE)
#: Columns only a complaint carries: a service request or member enquiry leaves them empty.
STAGE_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.stage is not None)
#: Stage 2 columns, which need ``escalation_requested_date``.
STAGE2_COLUMNS: tuple[str, ...] = tuple(
    c.name for c in COLUMNS if c.stage == 2 and c.name != "escalation_requested_date"
)
EQUALITY_COLUMNS: tuple[str, ...] = ("age_band", "sex", "ethnicity", "disability")
#: Columns only some kinds of record carry (issue 17, item 3), with the kinds that do.
KIND_COLUMNS: dict[str, tuple[str, ...]] = {c.name: c.kinds for c in COLUMNS if c.kinds}
#: The columns of a service request's or member enquiry's own (its response, target and
#: member), which an import keeps as stored when the file does not have them.
RECORD_COLUMNS: tuple[str, ...] = tuple(KIND_COLUMNS)
#: Dates that may lie ahead: a target date is set for the future when a record comes in.
FUTURE_DATE_COLUMNS: tuple[str, ...] = ("record_target_date",)


# Parsers -------------------------------------------------------------------------------

_MONEY = re.compile(rf"\d{{1,{MAX_MONEY_DIGITS}}}(\.\d{{1,2}})?")


def _parse_text(column: Column, cell: str) -> str:
    cell = restore(cell)  # the export's apostrophe before text a spreadsheet would run
    if column.max_length is not None and len(cell) > column.max_length:
        raise CellError(
            f"is {len(cell)} characters long; the most it can hold is {column.max_length}"
        )
    if "\x00" in cell:
        raise CellError("contains a NUL character, which cannot be stored")
    return cell


def _parse_code(column: Column, cell: str) -> str:
    code = cell.lower()
    if code not in column.codes:
        raise CellError(f"{cell!r} is not allowed; use one of: {', '.join(column.codes)}")
    return code


def _parse_date(column: Column, cell: str) -> dt.date:
    # date.fromisoformat also takes 20240501 and 2024-W18-3; the register says YYYY-MM-DD.
    if len(cell) != 10 or cell[4] != "-" or cell[7] != "-" or not cell.isascii():
        raise CellError(f"{cell!r} is not a date written YYYY-MM-DD (e.g. 2024-05-01)")
    try:
        day = dt.date.fromisoformat(cell)
    except ValueError:
        raise CellError(f"{cell!r} is not a real date") from None
    if day.year < FIRST_YEAR:
        raise CellError(
            f"{cell} is before {FIRST_YEAR}, the first year the working-day calendar covers"
        )
    return day


def _parse_money(column: Column, cell: str) -> Decimal:
    if not _MONEY.fullmatch(cell) or not cell.isascii():
        raise CellError(
            f"{cell!r} is not an amount in pounds: write it with up to two decimals and no "
            f"symbol or commas (e.g. 1250 or 41.50), less than £{10**MAX_MONEY_DIGITS:,}"
        )
    return Decimal(cell)


def _parse_whole(column: Column, cell: str) -> int:
    if not (cell.isascii() and cell.isdigit()) or not 1 <= int(cell) <= MAX_EXTENSION_WORKING_DAYS:
        raise CellError(
            f"{cell!r} is not a whole number of working days from 1 to {MAX_EXTENSION_WORKING_DAYS}"
        )
    return int(cell)


def _parse_yes_no(column: Column, cell: str) -> bool:
    answer = cell.lower()
    if answer not in ("yes", "no"):
        raise CellError(f"{cell!r} is not allowed; use one of: yes, no")
    return answer == "yes"


_PARSERS: dict[CellType, Callable[[Column, str], Any]] = {
    CellType.TEXT: _parse_text,
    CellType.CODE: _parse_code,
    CellType.DATE: _parse_date,
    CellType.MONEY: _parse_money,
    CellType.WHOLE: _parse_whole,
    CellType.YES_NO: _parse_yes_no,
}


# Formatters ----------------------------------------------------------------------------

_PENNY = Decimal("0.01")


def format_date(value: dt.date | str) -> str:
    """A date as YYYY-MM-DD. SQLite hands dates back as that text already."""
    return value if isinstance(value, str) else value.isoformat()


def format_money(value: Decimal | float | int | str) -> str:
    """Money always with two decimals: 1250 -> "1250.00". A float (SQLite's numeric
    storage) goes through its shortest repr, so 41.5 is 41.50 and never 41.49999."""
    if isinstance(value, float):
        value = repr(value)
    return str(Decimal(value).quantize(_PENNY))


def format_yes_no(value: bool | int) -> str:
    return "yes" if value else "no"


_FORMATTERS: dict[CellType, Callable[[Any], str]] = {
    CellType.TEXT: str,
    CellType.CODE: str,
    CellType.DATE: format_date,
    CellType.MONEY: format_money,
    CellType.WHOLE: str,
    CellType.YES_NO: format_yes_no,
}
