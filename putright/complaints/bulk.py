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

import contextlib
import itertools
from collections.abc import Iterator, Sequence
from typing import Any

from django.db import connection, transaction

__all__ = [
    "copy_available",
    "rows_insert",
    "rows_update",
    "schema_snapshot",
    "tables_analyze",
    "tables_bare_while_loading",
]

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


def tables_analyze(tables: Sequence[str], *, vacuum: bool = False) -> None:
    """After a bulk write on PostgreSQL, bring the planner's statistics up to date for
    ``tables`` (``ANALYZE`` samples each table; a few hundred milliseconds at a million
    rows). Without it, a report read straight after a large import is planned as if the
    tables were as small as before: measured on 20,000 imported records, the annual report
    took 57 s (a nested loop over every stage for each stage) instead of 2.8 s. Autovacuum
    would get there, but only later. Nothing to do on other databases.

    With ``vacuum``, and outside a transaction (``VACUUM`` cannot run in one), ``VACUUM
    (ANALYZE)`` instead, for a database just loaded in bulk (``putright generate``): it
    also sets the visibility map, so index-only scans need not visit the table, and leaves
    autovacuum nothing to do on those tables while people start working (on the national
    data set, autovacuum was still going through the timeline when the mixed day began)."""
    if not copy_available() or not tables:
        return
    quote = connection.ops.quote_name
    named = ", ".join(quote(table) for table in tables)
    command = "VACUUM (ANALYZE)" if vacuum and not connection.in_atomic_block else "ANALYZE"
    with connection.cursor() as cursor:
        cursor.execute(f"{command} {named}")


#: The foreign keys defined on the tables named (``%s``: their names as ``regclass``
#: reads them), with their definitions as the catalog gives them.
_FOREIGN_KEYS = """
    SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
    FROM pg_constraint c
    WHERE c.contype = 'f' AND c.conrelid = ANY(%s::regclass[])
    ORDER BY 1, 2
"""
#: The indexes of the tables named that hold no constraint: not unique, not a primary
#: key, behind no exclusion constraint; with the catalog's own CREATE INDEX statement.
_PLAIN_INDEXES = """
    SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
    FROM pg_index i
    WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisunique AND NOT i.indisprimary
      AND NOT EXISTS (
          SELECT 1 FROM pg_constraint c
          WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid
      )
    ORDER BY 1
"""
#: Every constraint and index of the tables named, as the catalog defines them.
_SCHEMA = """
    SELECT 'constraint', c.conrelid::regclass::text, c.conname,
           pg_get_constraintdef(c.oid) || CASE WHEN c.convalidated THEN '' ELSE ' NOT VALID' END
    FROM pg_constraint c WHERE c.conrelid = ANY(%s::regclass[])
    UNION ALL
    SELECT 'index', i.indrelid::regclass::text, i.indexrelid::regclass::text,
           pg_get_indexdef(i.indexrelid)
    FROM pg_index i WHERE i.indrelid = ANY(%s::regclass[])
    ORDER BY 1, 2, 3
"""


def schema_snapshot(tables: Sequence[str]) -> list[tuple[str, str, str, str]]:
    """Every constraint and index of ``tables`` (PostgreSQL) as the catalog defines them:
    (kind, table, name, definition), in order."""
    with connection.cursor() as cursor:
        cursor.execute(_SCHEMA, [list(tables), list(tables)])
        return [tuple(row) for row in cursor.fetchall()]


@contextlib.contextmanager
def tables_bare_while_loading(tables: Sequence[str]) -> Iterator[None]:
    """Load ``tables`` without their foreign keys and their plain (non-unique) indexes,
    then put them back exactly as they were: for a bulk loader of a fresh database
    (``putright generate``) or a migration-sized import asked for as such
    (``putright import-register --exclusive``).

    It runs as one transaction (PostgreSQL's DDL is transactional, so no other session
    ever sees the tables without their constraints, and a failure puts everything back)
    that first takes an ``ACCESS EXCLUSIVE`` lock on ``tables``, in the order given, and
    then (dropping the foreign keys) on the tables their foreign keys name, until it
    ends: other sessions wait, reading too. The indexes are built again over the whole
    tables, so on a database that already holds much it costs in proportion to that. While loading, a row
    costs one heap write and its unique indexes only: no deferred foreign-key check per row
    and foreign key at commit, no upkeep of the other indexes. Afterwards each index is
    built once by the catalog's own ``CREATE INDEX`` (``pg_get_indexdef``; sorted, and by
    parallel workers where the server allows), and each foreign key is added back by the
    catalog's own definition (``pg_get_constraintdef``) ``NOT VALID`` and then validated
    by one set-based check of the whole table. Unique indexes, primary keys and other
    constraints stay throughout. Elsewhere than PostgreSQL: just a transaction."""
    if not copy_available():
        with transaction.atomic():
            yield
        return
    names = list(tables)
    with transaction.atomic(), connection.cursor() as cursor:
        # Before anything is read: nobody writes (or reads) beside the load.
        cursor.execute(
            f"LOCK TABLE {', '.join(_quote(name) for name in names)} IN ACCESS EXCLUSIVE MODE"
        )
        # Deferred checks already queued (by the caller's transaction) fire now: a table
        # with pending trigger events cannot be altered.
        connection.check_constraints()
        cursor.execute(_FOREIGN_KEYS, [names])
        foreign_keys = cursor.fetchall()
        cursor.execute(_PLAIN_INDEXES, [names])
        indexes = cursor.fetchall()
        for table, name, _ in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {_quote(name)}")
        for index, _ in indexes:
            cursor.execute(f"DROP INDEX {index}")
        yield
        connection.check_constraints()
        cursor.execute("SELECT current_setting('maintenance_work_mem')")
        (memory,) = cursor.fetchone()
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in foreign_keys:
            cursor.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT {_quote(name)} {definition} NOT VALID"
            )
            cursor.execute(f"ALTER TABLE {table} VALIDATE CONSTRAINT {_quote(name)}")
        cursor.execute("SELECT set_config('maintenance_work_mem', %s, true)", [memory])


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


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
