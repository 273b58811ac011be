"""Writing many rows at once, for the register import (register-csv.md, "Import") and the
timeline's batch writer (``putright.complaints.timeline.events_write_many``).

On PostgreSQL, the production database, new rows go straight into their table with
``COPY`` (psycopg 3's ``cursor.copy``) naming only the columns given (the others take their
defaults, as an ``INSERT`` naming those columns would): one round trip for the data however
many rows, where ``executemany`` pays one statement per row (1,250 rows/s at a million rows
before, docs/performance.md), and one pass over the rows on the server (a staging table and
an ``INSERT ... SELECT`` wrote every row twice). Changed rows go by ``COPY`` into a
temporary staging table holding only the columns given, then one set-based ``UPDATE ...
FROM``; the staging table lives only as long as the statement needs it. All of it is
inside the caller's transaction, so a refused import leaves nothing behind.

Elsewhere (SQLite) the rows go in with one prepared statement run by ``executemany``,
which SQLite, in the same process, does as fast as anything else.

Both take database-ready values (``connection.ops.adapt_*``) and quoted-name-free column
names; the two paths write the same rows (tests/registers/test_importer_postgresql.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from django.db import connection

__all__ = ["copy_available", "rows_insert", "rows_update", "tables_analyze"]

_staging_names = itertools.count(1)


def copy_available() -> bool:
    """Whether this connection writes in bulk through ``COPY`` (PostgreSQL)."""
    return connection.vendor == "postgresql"


def rows_insert(table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert ``rows`` (tuples of values for ``columns``) into ``table``, inside the
    caller's transaction."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    if not copy_available():
        marks = ", ".join(["%s"] * len(columns))
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)
        return
    with connection.cursor() as cursor:
        _copy_in(cursor, f"COPY {quote(table)} ({names}) FROM STDIN", rows)


def rows_update(
    table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]], *, key: str = "id"
) -> None:
    """Update ``table`` by ``key``: each tuple holds the new values for ``columns``, then
    the key's value. One ``UPDATE ... FROM`` the staged rows on PostgreSQL."""
    if not rows:
        return
    quote = connection.ops.quote_name
    if not copy_available():
        sets = ", ".join(f"{quote(column)} = %s" for column in columns)
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {quote(table)} SET {sets} WHERE {quote(key)} = %s", rows)
        return
    sets = ", ".join(f"{quote(column)} = staged.{quote(column)}" for column in columns)
    with connection.cursor() as cursor, _staged(cursor, table, (*columns, key), rows) as staging:
        cursor.execute(
            f"UPDATE {quote(table)} AS target SET {sets} FROM {staging} AS staged "
            f"WHERE target.{quote(key)} = staged.{quote(key)}"
        )


def tables_analyze(tables: Sequence[str]) -> None:
    """After a bulk write on PostgreSQL, bring the planner's statistics up to date for
    ``tables`` (``ANALYZE`` samples each table; a few hundred milliseconds at a million
    rows). Without it, a report read straight after a large import is planned as if the
    tables were as small as before: measured on 20,000 imported records, the annual report
    took 57 s (a nested loop over every stage for each stage) instead of 2.8 s. Autovacuum
    would get there, but only later. Nothing to do on other databases."""
    if not copy_available() or not tables:
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(quote(table) for table in tables)}")


class _staged:
    """A temporary table with ``table``'s types for ``columns``, filled by ``COPY`` with
    ``rows``, dropped on leaving (and in any case when the transaction ends)."""

    def __init__(
        self, cursor: Any, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
    ) -> None:
        self.cursor = cursor
        self.table = table
        self.columns = columns
        self.rows = rows
        self.name = connection.ops.quote_name(f"putright_staging_{next(_staging_names)}")

    def __enter__(self) -> str:
        quote = connection.ops.quote_name
        names = ", ".join(quote(column) for column in self.columns)
        self.cursor.execute(
            f"CREATE TEMPORARY TABLE {self.name} ON COMMIT DROP AS "
            f"SELECT {names} FROM {quote(self.table)} WITH NO DATA"
        )
        _copy_in(self.cursor, f"COPY {self.name} ({names}) FROM STDIN", self.rows)
        return self.name

    def __exit__(self, *exc_info: object) -> None:
        if exc_info[0] is None:
            self.cursor.execute(f"DROP TABLE {self.name}")


def _copy_in(cursor: Any, statement: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """Send ``rows`` by a ``COPY ... FROM STDIN``; a refusal by the database (a broken
    constraint) comes out as Django's own error, as from any other statement."""
    # Django's cursor wrapper hands ``copy`` through to psycopg's cursor.
    with connection.wrap_database_errors, cursor.copy(statement) as copy:
        write = copy.write_row
        for row in rows:
            write(row)
