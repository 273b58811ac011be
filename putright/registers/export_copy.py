"""The register export on PostgreSQL: every cell made by the database and streamed out by
``COPY (SELECT ...) TO STDOUT WITH (FORMAT csv, HEADER)`` (register-csv.md, "Export").

The same bytes as the Python exporter (:func:`putright.registers.exporter.register_export`)
writes for the same records (a PostgreSQL test compares the two on a generated register
with awkward text): dates as YYYY-MM-DD, yes/no, money with two decimals, each stage's
columns from one row of the stage table, a stage's extension reasons joined with "; " and
its first extension's date agreed and reason code, its compensation as the total offered
and the reason of the largest offer; text a spreadsheet would run gets an apostrophe before
it, by the same pattern as ``web.spreadsheets.neutralise``. Two differences of COPY's CSV
are made up for here: an empty text is written as NULL (COPY quotes an empty string, the
csv module does not), and each row's line ending becomes ``\\r\\n`` (COPY ends rows with
``\\n``; a line break inside a quoted cell is left as it is).

Built for volume: one statement (after one setting its transaction's DateStyle and JIT), the
extensions and financial remedies aggregated per (complaint, stage number) and merged with
the complaints in id order like the stages, so the wide joined rows are never hashed,
and no Python per cell (docs/performance.md). SQLite keeps the Python exporter.
"""

from __future__ import annotations

import datetime as dt
from typing import IO

from django.db import connection, transaction

from putright.complaints.models import Complaint, Extension, Remedy, Stage
from putright.landlords.models import Contractor, Landlord, ServiceArea, SubCause, Theme
from putright.landlords.replica import reading_connection
from putright.registers.columns import EXPORT_COLUMNS, KIND_COLUMNS
from putright.residents.models import EqualityData, Resident
from putright.rules.codes import Kind, RemedyKind
from putright.rules.counting import financial_year
from putright.rules.lifecycle import StageStatus
from putright.web.spreadsheets import FORMULA_STARTS, PASSED_OVER, WATCHED

__all__ = ["register_export_copy"]

#: Rows gathered before they are written out: fewer, larger writes.
_BATCH_ROWS = 2000
#: Settings for the export's transaction only (``set_config`` local to it, as SET LOCAL,
#: which a hot standby takes too): dates written as YYYY-MM-DD by ``date::text`` whatever
#: the session's DateStyle, and no JIT (compiling this many expressions cost more than it
#: saved: docs/performance.md).
_SETTINGS = "SELECT set_config('DateStyle', 'ISO', true), set_config('jit', 'off', true)"


def _literal(text: str) -> str:
    """A SQL string literal (standard_conforming_strings is on in every supported
    PostgreSQL, so only the quote doubles)."""
    if "\x00" in text:
        raise ValueError("a SQL literal cannot hold a NUL character")
    return "'" + text.replace("'", "''") + "'"


def _runs_pattern() -> str:
    """``web.spreadsheets``' pattern for text a spreadsheet would run (after any
    apostrophes), as a PostgreSQL regular expression of the characters themselves: a tab or
    a carriage return, or a sign after any spaces and line breaks."""
    breaks = "".join(start for start in FORMULA_STARTS if start in "\t\r")
    # "-" last in its bracket, where it stands for itself.
    signs = "".join(sorted((s for s in FORMULA_STARTS if s not in breaks), key=lambda s: s == "-"))
    return f"^'*([{breaks}]|[{PASSED_OVER}]*[{signs}])"


_RUNS = _literal(_runs_pattern())
#: The code points of the first characters worth a closer look (``web.spreadsheets``).
_WATCHED = ", ".join(str(ord(start)) for start in sorted(WATCHED))


def _text(expression: str) -> str:
    """Text a spreadsheet would run, with an apostrophe before it (``neutralise``). Most
    text starts with none of the watched characters: its first code point is compared
    (cheaper than the regular expression), and CASE tries the expression on the rest."""
    return (
        f"CASE WHEN ascii({expression}) NOT IN ({_WATCHED}) THEN {expression} "
        f"WHEN {expression} ~ {_RUNS} THEN '''' || {expression} ELSE {expression} END"
    )


def _date(expression: str) -> str:
    """YYYY-MM-DD: a date's text under DateStyle ISO, which the export sets for its
    transaction (cheaper than ``to_char``; four digits of year in both)."""
    return f"{expression}::text"


def _yes_no(expression: str) -> str:
    return f"CASE WHEN {expression} THEN 'yes' WHEN NOT {expression} THEN 'no' END"


def _kinds(name: str) -> str:
    """The record kinds (other than a complaint) that carry column ``name``, as SQL."""
    kinds = [kind for kind in KIND_COLUMNS[name] if kind != Kind.COMPLAINT]
    return "(" + ", ".join(_literal(kind) for kind in kinds) + ")"


def _worked(s: str, e: str, r: str) -> list[str]:
    """acknowledged, extension working days, reason and date agreed, responded, outcome,
    letter sent, compensation and its reason (``exporter._worked_cells``)."""
    responded = f"{s}.responded_on IS NOT NULL"
    return [
        _date(f"{s}.acknowledged_on"),
        f"CASE WHEN {s}.extension_working_days <> 0 THEN {s}.extension_working_days::text END",
        _text(f"{e}.reasons"),
        _date(f"{e}.agreed_on"),
        _date(f"{s}.responded_on"),
        f"CASE WHEN {responded} THEN {s}.outcome END",
        f"CASE WHEN {responded} THEN {_yes_no(f'{s}.response_letter_sent')} END",
        f"{r}.total::text",
        f"{r}.reason",
    ]


def _due(s: str) -> list[str]:
    """The computed due dates and whether the response was on time (``_due_cells``)."""
    due = f"{s}.status <> {_literal(StageStatus.NOT_ACCEPTED)}"
    on_time = (
        f"CASE WHEN {due} AND {s}.responded_on IS NOT NULL THEN "
        f"CASE WHEN {s}.responded_on <= {s}.response_due_extended THEN 'yes' ELSE 'no' END END"
    )
    return [
        f"CASE WHEN {due} THEN {_date(f'{s}.acknowledgement_due')} END",
        f"CASE WHEN {due} THEN {_date(f'{s}.response_due')} END",
        f"CASE WHEN {due} THEN {_date(f'{s}.response_due_extended')} END",
        on_time,
    ]


def _equality(field: str) -> str:
    return f"CASE WHEN ce.id IS NOT NULL THEN ce.{field} ELSE re.{field} END"


def _cells() -> list[str]:
    """Each column's SQL, in EXPORT_COLUMNS order."""
    record_kinds = {name: _kinds(name) for name in KIND_COLUMNS}
    return [
        _text("c.reference"),
        "c.kind",
        _date("c.received_on"),
        "c.channel",
        "c.jurisdiction",
        "c.tenure",
        "c.stock_type",
        _text("sa.name"),
        # Stage 1's handler where there is a stage 1, else the record's own.
        _text("CASE WHEN s1.id IS NOT NULL THEN c1.name ELSE co.name END"),
        _text("th.name"),
        "c.root_cause",
        _text("c.root_cause_detail"),
        _text("c.description"),
        _yes_no("c.vulnerable"),
        "s1.not_accepted_reason",
        _text("s1.not_accepted_detail"),
        _date("c.withdrawn_on"),
        *_worked("s1", "e1", "r1"),
        _date("s2.requested_on"),
        "s2.escalation_reason",
        "s2.not_accepted_reason",
        *_worked("s2", "e2", "r2"),
        _text("c.ombudsman_reference"),
        _equality("age_band"),
        _equality("sex"),
        _text(_equality("ethnicity")),
        _equality("disability"),
        _text("c1.name"),
        _text("c2.name"),
        _text("sc.code"),
        "e1.reason_code",
        "e2.reason_code",
        f"CASE WHEN c.kind IN {record_kinds['record_responded_date']} "
        f"THEN {_date('c.responded_on')} END",
        f"CASE WHEN c.kind IN {record_kinds['record_target_date']} THEN {_date('c.target_on')} END",
        f"CASE WHEN c.kind IN {record_kinds['member_name']} THEN {_text('c.member_name')} END",
        f"CASE WHEN c.kind IN {record_kinds['member_role']} THEN c.member_role END",
        *_due("s1"),
        *_due("s2"),
    ]


def _statement(landlord: int, first: dt.date, last: dt.date) -> str:
    """The COPY statement for the landlord's records received from ``first`` to ``last``.
    The values go in as literals (an integer and two ISO dates: nothing a user typed);
    Django's cursor wrapper takes no parameters for COPY."""
    cells = _cells()
    if len(cells) != len(EXPORT_COLUMNS):
        raise AssertionError("the SQL export's columns must match EXPORT_COLUMNS")
    # An empty text is NULL, which COPY writes as nothing (it writes "" for '').
    select = ",\n  ".join(
        f"NULLIF({cell}, '') AS {connection.ops.quote_name(name)}"
        for cell, name in zip(cells, EXPORT_COLUMNS, strict=True)
    )
    table = {
        model.__name__: connection.ops.quote_name(model._meta.db_table)
        for model in (
            Complaint,
            Stage,
            Extension,
            Remedy,
            EqualityData,
            Resident,
            ServiceArea,
            Contractor,
            Theme,
            SubCause,
        )
    }
    scope = (
        f"c.landlord_id = {int(landlord)} AND c.received_on "
        f"BETWEEN DATE {_literal(first.isoformat())} AND DATE {_literal(last.isoformat())}"
    )
    stage_scope = (
        f"JOIN {table['Stage']} s ON s.id = x.stage_id "
        f"JOIN {table['Complaint']} c ON c.id = s.complaint_id WHERE {scope}"
    )
    return f"""COPY (
WITH e AS MATERIALIZED (
  SELECT s.complaint_id, s.number,
    string_agg(NULLIF(x.reason, ''), '; ' ORDER BY x.id) AS reasons,
    (array_agg(x.agreed_on ORDER BY x.id))[1] AS agreed_on,
    (array_agg(x.reason_code ORDER BY x.id))[1] AS reason_code
  FROM {table["Extension"]} x {stage_scope}
  GROUP BY s.complaint_id, s.number
  ORDER BY s.complaint_id
), r AS MATERIALIZED (
  SELECT s.complaint_id, s.number,
    sum(x.amount_offered) AS total,
    (array_agg(x.compensation_reason
      ORDER BY x.amount_offered DESC NULLS LAST, x.id))[1] AS reason
  FROM {table["Remedy"]} x {stage_scope} AND x.kind = {_literal(RemedyKind.FINANCIAL)}
  GROUP BY s.complaint_id, s.number
  ORDER BY s.complaint_id
)
SELECT
  {select}
FROM {table["Complaint"]} c
LEFT JOIN {table["ServiceArea"]} sa ON sa.id = c.service_area_id
LEFT JOIN {table["Contractor"]} co ON co.id = c.contractor_id
LEFT JOIN {table["Theme"]} th ON th.id = c.theme_id
LEFT JOIN {table["SubCause"]} sc ON sc.id = c.sub_cause_id
LEFT JOIN {table["EqualityData"]} ce ON ce.complaint_id = c.id
LEFT JOIN {table["EqualityData"]} re ON re.resident_id = c.resident_id
LEFT JOIN {table["Stage"]} s1 ON s1.complaint_id = c.id AND s1.number = 1
LEFT JOIN {table["Contractor"]} c1 ON c1.id = s1.contractor_id
LEFT JOIN e e1 ON e1.complaint_id = c.id AND e1.number = 1
LEFT JOIN r r1 ON r1.complaint_id = c.id AND r1.number = 1
LEFT JOIN {table["Stage"]} s2 ON s2.complaint_id = c.id AND s2.number = 2
LEFT JOIN {table["Contractor"]} c2 ON c2.id = s2.contractor_id
LEFT JOIN e e2 ON e2.complaint_id = c.id AND e2.number = 2
LEFT JOIN r r2 ON r2.complaint_id = c.id AND r2.number = 2
WHERE {scope}
ORDER BY c.id
) TO STDOUT WITH (FORMAT csv, HEADER true)"""


def register_export_copy(*, landlord: Landlord, year: int | None, out: IO[str]) -> int:
    """Write the landlord's register to ``out`` by COPY and return the number of records
    (PostgreSQL only; ``register_export`` chooses)."""
    first, last = financial_year(year) if year is not None else (dt.date.min, dt.date.max)
    rows = -1  # the header is a row too
    batch: list[bytes] = []
    # Inside reading_from_replica (putright export-register), from the replica.
    reading = reading_connection()
    with transaction.atomic(using=reading.alias), reading.cursor() as cursor:
        cursor.execute(_SETTINGS)
        with cursor.copy(_statement(landlord.pk, first, last)) as copy:
            for data in copy:
                batch.append(bytes(data))
                if len(batch) >= _BATCH_ROWS:
                    rows += len(batch)
                    out.write(_crlf(batch))
                    batch = []
    rows += len(batch)
    if batch:
        out.write(_crlf(batch))
    return max(rows, 0)


def _crlf(rows: list[bytes]) -> str:
    """COPY's rows (one per message, each ending in ``\\n``) as the csv module writes them,
    each ending in ``\\r\\n``; a line break inside a quoted cell stays as it is."""
    data = b"".join(rows)
    if data.count(b"\n") == len(rows):
        return data.replace(b"\n", b"\r\n").decode()
    return b"".join(row[:-1] + b"\r\n" for row in rows).decode()
