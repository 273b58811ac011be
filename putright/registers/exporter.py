"""Writing a landlord's records out as the register (register-csv.md, "Export").

Every column of the register in the documented order, then the computed due dates, so
anyone can check the arithmetic; text a spreadsheet would run as a formula is written with
an apostrophe before it (``web.spreadsheets.neutralise``), which the import takes off. Built for volume: four queries in all (records, stages,
extensions, financial remedies), each sorted by complaint and merged as they
stream, with rows taken as the database cursor gives them. The importer reads stored
records through the same :func:`register_records`, so "unchanged" means exactly "would
export the same".
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Iterator
from decimal import Decimal
from typing import IO, Any

from django.db import connection
from django.db.models import CharField, DateField, Field, Model, QuerySet
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.db.models.functions import Cast

from putright.complaints.models import Complaint, Extension, Remedy, Stage
from putright.landlords.models import Landlord
from putright.landlords.replica import reading_connection
from putright.registers.columns import (
    BY_NAME,
    EXPORT_COLUMNS,
    KIND_COLUMNS,
    CellType,
    format_date,
    format_money,
    format_yes_no,
)
from putright.registers.export_copy import register_export_copy
from putright.rules.codes import Kind, RemedyKind
from putright.rules.counting import financial_year
from putright.rules.lifecycle import StageStatus
from putright.web.spreadsheets import neutralise

_COMPLAINT_FIELDS = (
    "id",
    "reference",
    "kind",
    "received_on",
    "channel",
    "jurisdiction",
    "tenure",
    "stock_type",
    "service_area__name",
    "contractor__name",
    "theme__name",
    "root_cause",
    "root_cause_detail",
    "description",
    "vulnerable",
    "withdrawn_on",
    "ombudsman_reference",
    "sub_cause__code",
    "equality_data__id",
    "equality_data__age_band",
    "equality_data__sex",
    "equality_data__ethnicity",
    "equality_data__disability",
    "resident__equality_data__age_band",
    "resident__equality_data__sex",
    "resident__equality_data__ethnicity",
    "resident__equality_data__disability",
    "responded_on",
    "target_on",
    "member_name",
    "member_role",
)
_STAGE_FIELDS = (
    "complaint_id",
    "number",
    "status",
    "requested_on",
    "acknowledged_on",
    "extension_working_days",
    "responded_on",
    "outcome",
    "not_accepted_reason",
    "not_accepted_detail",
    "escalation_reason",
    "acknowledgement_due",
    "response_due",
    "response_due_extended",
    "response_letter_sent",
    "contractor__name",
)
_FETCH_SIZE = 2000
#: Where the text columns are in EXPORT_COLUMNS: the cells :func:`neutralise` makes safe.
_TEXT_INDEXES = tuple(
    index
    for index, name in enumerate(EXPORT_COLUMNS)
    if name in BY_NAME and BY_NAME[name].type is CellType.TEXT
)


def register_export(*, landlord: Landlord, year: int | None = None, out: IO[str]) -> int:
    """Write the landlord's register to ``out`` (a text stream opened with newline="") and
    return the number of records. ``year`` keeps the records received in that financial
    year (1 April to 31 March). Exporting, importing into an empty landlord and exporting
    again gives the same bytes. On PostgreSQL the database makes the cells and streams
    them out by COPY (:mod:`putright.registers.export_copy`), the same bytes."""
    if connection.vendor == "postgresql":
        return register_export_copy(landlord=landlord, year=year, out=out)
    return register_export_python(landlord=landlord, year=year, out=out)


def register_export_python(*, landlord: Landlord, year: int | None = None, out: IO[str]) -> int:
    """:func:`register_export` with the cells made in Python (any database; SQLite's path,
    and what the PostgreSQL path is held to byte for byte)."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for _, cells in register_records(landlord=landlord, year=year):
        # Only text cells can hold what a spreadsheet would run: codes, dates and numbers
        # never do, so the other forty columns are written as they are, for speed.
        for index in _TEXT_INDEXES:
            cells[index] = neutralise(cells[index])
        writer.writerow(cells)
        count += 1
    return count


def register_records(
    *,
    landlord: Landlord,
    year: int | None = None,
    complaint_ids: Collection[int] | None = None,
) -> Iterator[tuple[int, list[str]]]:
    """(complaint id, cells in EXPORT_COLUMNS order) for each of the landlord's records,
    in the order they were created; optionally only those received in financial ``year``
    or only ``complaint_ids``."""
    scope: dict[str, Any] = {"landlord": landlord}
    if year is not None:
        scope["received_on__range"] = financial_year(year)
    if complaint_ids is not None:
        scope["id__in"] = list(complaint_ids)
    stages = _Stream(
        _values(
            Stage.objects.filter(**_related(scope, "complaint__")).order_by(
                "complaint_id", "number"
            ),
            _STAGE_FIELDS,
        )
    )
    extensions = _Stream(
        Extension.objects.filter(**_related(scope, "stage__complaint__"))
        .order_by("stage__complaint_id", "stage__number", "id")
        .values_list("stage__complaint_id", "stage__number", "reason", "agreed_on", "reason_code")
    )
    remedies = _Stream(
        Remedy.objects.filter(**_related(scope, "stage__complaint__"), kind=RemedyKind.FINANCIAL)
        .order_by("stage__complaint_id", "stage__number", "id")
        .values_list(
            "stage__complaint_id", "stage__number", "amount_offered", "compensation_reason"
        )
    )
    records = _values(Complaint.objects.filter(**scope).order_by("id"), _COMPLAINT_FIELDS)
    for record in raw_rows(records):
        complaint_id = record[0]
        yield (
            complaint_id,
            _cells(
                record,
                stages.take(complaint_id),
                extensions.take(complaint_id),
                remedies.take(complaint_id),
            ),
        )


def _values(queryset: QuerySet, fields: tuple[str, ...]) -> QuerySet:
    """``values_list(*fields)``, with dates as their YYYY-MM-DD text on SQLite, which stores
    them so: Django's SQLite driver would parse every date only for the export to write it
    back out (a sixth of the export's time). Other databases give dates, also fine."""
    if connection.vendor != "sqlite":
        return queryset.values_list(*fields)
    model = queryset.model
    dates = {name for name in fields if isinstance(_field(model, name), DateField)}
    as_text = {f"{name}_text": Cast(name, CharField()) for name in dates}
    return queryset.annotate(**as_text).values_list(
        *(f"{name}_text" if name in dates else name for name in fields)
    )


def _field(model: type[Model], lookup: str) -> Field[Any, Any] | ForeignObjectRel:
    """The model field a values() lookup such as ``service_area__name`` ends on."""
    *path, last = lookup.split("__")
    for name in path:
        related = model._meta.get_field(name).related_model
        if not isinstance(related, type):
            raise ValueError(f"{lookup}: {name} is not a relation to another table")
        model = related
    return model._meta.get_field(last)


def _related(scope: dict[str, Any], path: str) -> dict[str, Any]:
    """The records' filter, as seen from a related table through ``path``."""
    return {path + lookup: value for lookup, value in scope.items()}


def raw_rows(queryset: QuerySet) -> Iterator[tuple[Any, ...]]:
    """The rows of a values_list queryset straight from the database cursor, in chunks (a
    server-side cursor where the database has them). Skipping Django's per-value
    converters matters at a million rows; the formatters take the raw values."""
    sql, params = queryset.query.sql_with_params()
    with reading_connection().chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(_FETCH_SIZE):
            yield from batch


class _Stream:
    """Rows sorted by complaint id, taken a complaint at a time as the records go by."""

    def __init__(self, queryset: QuerySet) -> None:
        self.rows = raw_rows(queryset)
        self.head = next(self.rows, None)

    def take(self, complaint_id: int) -> list[tuple[Any, ...]]:
        taken = []
        head = self.head
        while head is not None and head[0] <= complaint_id:
            if head[0] == complaint_id:
                taken.append(head)
            head = next(self.rows, None)
        self.head = head
        return taken


# Cells ---------------------------------------------------------------------------------


def _date(value: Any) -> str:
    if value is None:
        return ""
    return value if type(value) is str else format_date(value)


_NO_STAGE_1: tuple[str, ...] = ("",) * 11
_NO_STAGE_2: tuple[str, ...] = ("",) * 12
_NO_DUE_DATES: tuple[str, ...] = ("",) * 4


def _cells(
    record: tuple[Any, ...],
    stages: list[tuple[Any, ...]],
    extensions: list[tuple[Any, ...]],
    remedies: list[tuple[Any, ...]],
) -> list[str]:
    """One record's cells, in EXPORT_COLUMNS order (a test holds the order to COLUMNS)."""
    (
        _,
        reference,
        kind,
        received_on,
        channel,
        jurisdiction,
        tenure,
        stock_type,
        service_area,
        contractor,
        theme,
        root_cause,
        root_cause_detail,
        description,
        vulnerable,
        withdrawn_on,
        ombudsman_reference,
        sub_cause,
        equality_id,
        *equality,
    ) = record
    # Equality data held on the complaint (as imported) comes first, else the resident's.
    equality, own = equality[:8], equality[8:]
    equality = equality[:4] if equality_id is not None else equality[4:]
    stage1, due1 = _NO_STAGE_1, _NO_DUE_DATES
    stage2, due2 = _NO_STAGE_2, _NO_DUE_DATES
    # Who handled each stage (issue 13); handled_by is stage 1's, for older readers, or the
    # record's own where it has no stage (a service request, a member enquiry).
    handled = ["", ""]
    reason_codes = ["", ""]
    for stage in stages:
        number = stage[1]
        details = _details(number, extensions, remedies)
        handled[number - 1] = stage[15] or ""
        reason_codes[number - 1] = _reason_code(number, extensions)
        if number == 1:
            stage1, due1 = _stage1_cells(stage, details), _due_cells(stage)
            contractor = stage[15]
        else:
            stage2, due2 = _stage2_cells(stage, details), _due_cells(stage)
    return [
        reference,
        kind,
        _date(received_on),
        channel,
        jurisdiction,
        tenure,
        stock_type,
        service_area or "",
        contractor or "",
        theme or "",
        root_cause,
        root_cause_detail,
        description,
        "" if vulnerable is None else format_yes_no(vulnerable),
        stage1[0],  # not_accepted_reason
        stage1[1],  # not_accepted_detail
        _date(withdrawn_on),
        *stage1[2:],
        *stage2,
        ombudsman_reference,
        equality[0] or "",
        equality[1] or "",
        equality[2] or "",
        equality[3] or "",
        *handled,
        sub_cause or "",
        *reason_codes,
        *_record_cells(kind, own),
        *due1,
        *due2,
    ]


_RECORD_CELLS = ("record_responded_date", "record_target_date", "member_name", "member_role")
_NO_RECORD_CELLS = ("",) * len(_RECORD_CELLS)


def _record_cells(kind: str, own: list[Any]) -> tuple[str, ...]:
    """A service request's or member enquiry's response date and target date, and a member
    enquiry's member (issue 17, item 3); each empty for a kind that does not carry it."""
    if kind == Kind.COMPLAINT:
        return _NO_RECORD_CELLS
    responded_on, target_on, member_name, member_role = own
    cells = (_date(responded_on), _date(target_on), member_name or "", member_role or "")
    return tuple(
        cell if kind in KIND_COLUMNS[name] else ""
        for name, cell in zip(_RECORD_CELLS, cells, strict=True)
    )


def _details(
    number: int, extensions: list[tuple[Any, ...]], remedies: list[tuple[Any, ...]]
) -> tuple[str, str, str, str]:
    """A stage's extension reason (all its extensions' reasons, in order), the date its
    first extension was agreed (so an export imported again counts the extension the same
    way), and its compensation (the total offered and the main reason)."""
    if not extensions and not remedies:
        return "", "", "", ""
    own = [e for e in extensions if e[1] == number]
    reason = "; ".join(e[2] for e in own if e[2])
    agreed = _date(own[0][3]) if own else ""
    amount, compensation_reason = _main_compensation([r[2:] for r in remedies if r[1] == number])
    return reason, agreed, amount, compensation_reason


def _reason_code(number: int, extensions: list[tuple[Any, ...]]) -> str:
    """A stage's extension reason code in the register, which holds one: its first
    extension's (the one a register import makes)."""
    own = [e for e in extensions if e[1] == number]
    return own[0][4] if own else ""


def _stage1_cells(stage: tuple[Any, ...], details: tuple[str, ...]) -> tuple[str, ...]:
    """not_accepted_reason, not_accepted_detail, then s1_acknowledged_date to
    s1_compensation_reason."""
    return (stage[8], stage[9], *_worked_cells(stage, details))


def _stage2_cells(stage: tuple[Any, ...], details: tuple[str, ...]) -> tuple[str, ...]:
    """escalation_requested_date, escalation_reason, s2_not_accepted_reason, then
    s2_acknowledged_date to s2_compensation_reason."""
    return (
        _date(stage[3]),
        stage[10],
        stage[8],
        *_worked_cells(stage, details),
    )


def _worked_cells(stage: tuple[Any, ...], details: tuple[str, ...]) -> tuple[str, ...]:
    """acknowledged, extension working days, reason and date agreed, responded, outcome,
    whether it went as a letter, compensation and its reason. A decision recorded whose
    letter has not gone is no response yet: its outcome waits for the letter."""
    reason, agreed, amount, compensation_reason = details
    responded = stage[6] is not None
    letter_sent = stage[14]
    return (
        _date(stage[4]),
        str(stage[5]) if stage[5] else "",
        reason,
        agreed,
        _date(stage[6]),
        stage[7] if responded else "",
        "" if not responded or letter_sent is None else format_yes_no(letter_sent),
        amount,
        compensation_reason,
    )


def _due_cells(stage: tuple[Any, ...]) -> tuple[str, ...]:
    """The computed columns: the due dates as stored (computed by ``putright.rules``) and
    whether the response was on or before the extended due date. A stage not accepted had
    nothing due."""
    if stage[2] == StageStatus.NOT_ACCEPTED:
        return _NO_DUE_DATES
    extended = _date(stage[13])
    responded = _date(stage[6])
    return (
        _date(stage[11]),
        _date(stage[12]),
        extended,
        "" if not responded else format_yes_no(responded <= extended),
    )


def _main_compensation(remedies: list[tuple[Any, str]]) -> tuple[str, str]:
    """A stage's compensation in the register: the total offered, and the reason of the
    largest offer (the register holds one "main reason")."""
    if not remedies:
        return "", ""
    amounts = [None if amount is None else Decimal(format_money(amount)) for amount, _ in remedies]
    offered = [amount for amount in amounts if amount is not None]
    total = format_money(sum(offered, Decimal(0))) if offered else ""
    main = max(range(len(remedies)), key=lambda i: (amounts[i] is not None, amounts[i] or 0, -i))
    return total, remedies[main][1]
