"""The transaction a report is counted in, with room to count in memory on PostgreSQL.

A report's grouped passes (``putright.reports.tally``, ``putright.reports.breakdown``) hash
and sort hundreds of thousands of stage rows. At PostgreSQL's default ``work_mem`` (4 MB)
every one of them spills to disk (docs/performance.md, "Reports", "On PostgreSQL"), so
:func:`counting_session` runs the report inside one transaction and, on PostgreSQL, sets
``work_mem`` for that transaction only (``set_config(..., true)``, which is ``SET LOCAL``)
to ``settings.REPORT_WORK_MEM``. Nothing outside the report's own transaction sees it.
The app's connections start with no parallel workers (``DATABASE_PARALLEL``, settings.py),
which a page's small queries are better without; a report reads a year of records at once,
so its transaction is given ``settings.REPORT_PARALLEL_WORKERS`` the same way.

The transaction is opened on the connection the report reads from
(``replica.reading_connection()``): the replica's inside ``reading_from_replica`` when the
router would send the report's reads there, else default's. Opening it on default instead
would keep every read of the report on the primary (the router sends reads to the replica
only while no transaction is open on default); opening it on the replica leaves default
untouched, so the router's answer, and so the connection of every read, stays the same for
the whole report. A hot standby accepts ``SET LOCAL`` and read-only transactions. One
transaction also gives every query of the report the same connection, and on the replica
the same session, from first figure to last.

Nested (the annual report counts its breakdowns, the group report its landlords), the
inner block joins the outer one. Called inside a transaction someone else opened (a
service that reads a report while it writes), the block is a savepoint and ``work_mem`` is
put back as it was when the block ends, so the rest of that transaction is not changed.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from putright.landlords.replica import reading_connection

__all__ = ["counting_session", "report_parallel_workers", "report_work_mem"]

_inside: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "putright_report_counting_session", default=False
)


def report_work_mem() -> str:
    """``settings.REPORT_WORK_MEM`` ("" leaves the server's own ``work_mem``)."""
    return str(getattr(settings, "REPORT_WORK_MEM", "") or "")


def report_parallel_workers() -> int | None:
    """The parallel workers a report's queries may each use
    (``max_parallel_workers_per_gather``): ``settings.REPORT_PARALLEL_WORKERS`` when the app's
    connections start with none (``DATABASE_PARALLEL=reports``, the default); None, the
    connection's own, when the server decides (``DATABASE_PARALLEL=server``)."""
    if getattr(settings, "DATABASE_PARALLEL", "server") != "reports":
        return None
    return int(getattr(settings, "REPORT_PARALLEL_WORKERS", 2))


@contextmanager
def counting_session() -> Iterator[None]:
    """Count a report in one transaction on the connection it reads from, with
    ``REPORT_WORK_MEM``, on PostgreSQL (see the module's docstring); elsewhere, or with
    ``REPORT_WORK_MEM`` empty, as it comes. Also a decorator."""
    if _inside.get():
        yield
        return
    connection = reading_connection()
    local = {}
    if work_mem := report_work_mem():
        local["work_mem"] = work_mem
    if (workers := report_parallel_workers()) is not None:
        local["max_parallel_workers_per_gather"] = str(workers)
    if connection.vendor != "postgresql" or not local:
        # No transaction: on SQLite every transaction begins IMMEDIATE (settings), which
        # would hold the database's write lock, and so every writer, for the whole report.
        yield
        return
    token = _inside.set(True)
    try:
        with transaction.atomic(using=connection.alias):
            before = _set_local(connection, local)
            yield
            # Only reached when the block succeeded: on an error the savepoint or the
            # transaction is rolled back, and the settings with it.
            _set_local(connection, before)
    finally:
        _inside.reset(token)


def _set_local(connection: BaseDatabaseWrapper, values: dict[str, str]) -> dict[str, str]:
    """Set each of ``values`` for the transaction alone; return what they were."""
    names = list(values)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join("current_setting(%s), set_config(%s, %s, true)" for _ in names),
            [p for name in names for p in (name, name, values[name])],
        )
        row = cursor.fetchone()
    return {name: row[2 * i] for i, name in enumerate(names)}
