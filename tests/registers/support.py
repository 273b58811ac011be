"""Helpers for the register tests: a register from a few rows, read, imported, exported."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.apps import apps
from django.db import connection

from putright.landlords.models import Landlord
from putright.registers.columns import COLUMN_NAMES
from putright.registers.exporter import register_export
from putright.registers.importer import ImportSummary, register_import
from putright.registers.validate import ParsedRegister, RegisterRow, parse_register

#: The "today" of the tests that call the pure functions: history runs up to it.
TODAY = dt.date(2025, 6, 30)


def register_bytes(*rows: dict[str, str], columns: tuple[str, ...] | None = None) -> bytes:
    """A register file: the header (the given columns, or those the rows use, in the
    documented order) and the rows."""
    if columns is None:
        used = {name for row in rows for name in row}
        columns = tuple(name for name in COLUMN_NAMES if name in used) + tuple(
            sorted(used - set(COLUMN_NAMES))
        )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(name, "") for name in columns])
    return out.getvalue().encode("utf-8")


def parse(data: bytes | str, today: dt.date = TODAY) -> ParsedRegister:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return parse_register(io.BytesIO(data), today=today)


def rows_of(*rows: dict[str, str]) -> list[RegisterRow]:
    """Typed rows for dict rows that must be valid."""
    parsed = parse(register_bytes(*rows))
    assert parsed.errors == [], [str(e) for e in parsed.errors]
    return parsed.rows


def import_dicts(landlord: Landlord, *rows: dict[str, str], dry_run: bool = False) -> ImportSummary:
    return register_import(landlord=landlord, rows=rows_of(*rows), dry_run=dry_run)


def export_text(landlord: Landlord, year: int | None = None) -> str:
    out = io.StringIO(newline="")
    register_export(landlord=landlord, year=year, out=out)
    return out.getvalue()


def exported_rows(landlord: Landlord, year: int | None = None) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(export_text(landlord, year), newline="")))


def table_counts() -> dict[str, int]:
    """Rows in every table of the project, to show that something wrote nothing."""
    tables = set(connection.introspection.table_names())
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.db_table in tables
    }
