"""Reading reports, breakdowns and exports from a PostgreSQL streaming replica.

With ``DATABASE_REPLICA_URL`` set, settings add a database alias ``replica`` and install
:class:`ReplicaRouter`. The router sends a read to the replica only while all of these hold:

- the code runs inside :func:`reading_from_replica` (a context manager, and a decorator),
  which the report pages, the report API, ``putright report``, the breakdowns and
  ``putright export-register`` use: nothing else ever reads from the replica;
- no transaction is open on ``default``: inside ``atomic`` a service reads what it is about
  to change, so its reads stay on the primary and never see stale rows;
- the replica answered when first asked in this context and, with
  ``DATABASE_REPLICA_MAX_LAG`` set, is no more than that many seconds behind.

Otherwise reads go to ``default``, with a warning in the log when the replica was meant to
serve them: a report never fails because the replica is down or behind. A replica that
did not answer is not asked again for ``RETRY_SECONDS`` in this process, so a dead replica
costs one failed connection every half minute, not one per report.

Writes always go to ``default`` (a replica cannot take them), and migrations run only on
``default``: the replica receives the schema by streaming.
"""

from __future__ import annotations

import contextvars
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

__all__ = [
    "REPLICA",
    "ReplicaRouter",
    "forget_replica_failures",
    "reading_connection",
    "reading_from_replica",
    "replica_configured",
    "replica_lag",
]

#: The alias settings give the replica.
REPLICA = "replica"
#: How long a replica that did not answer is left alone before it is tried again.
RETRY_SECONDS = 30.0

logger = logging.getLogger(__name__)

#: How far the replica is behind, in seconds: 0 when it has replayed all it has received
#: (an idle primary sends nothing, and the last replayed transaction's time would grow).
_LAG_SQL = """
SELECT pg_is_in_recovery(),
       CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END
"""


@dataclass
class _Context:
    """One ``reading_from_replica`` block: whether the replica serves it, once asked."""

    usable: bool | None = None


_context: contextvars.ContextVar[_Context | None] = contextvars.ContextVar(
    "putright_replica_context", default=None
)
_down_lock = threading.Lock()
_down_until = 0.0


def replica_configured() -> bool:
    """Whether settings name a replica (``DATABASE_REPLICA_URL``)."""
    return REPLICA in settings.DATABASES


@contextmanager
def reading_from_replica() -> Iterator[None]:
    """Reads in this block may come from the replica (see the module's docstring). Nested
    blocks share the outer block's answer; used as ``@reading_from_replica()`` too."""
    if _context.get() is not None:
        yield
        return
    token = _context.set(_Context())
    try:
        yield
    finally:
        _context.reset(token)


def forget_replica_failures() -> None:
    """Try the replica at the next read, whenever it last failed (for tests)."""
    global _down_until
    with _down_lock:
        _down_until = 0.0


def replica_lag() -> float | None:
    """How many seconds the replica is behind the primary, as it says itself; None when it
    is not a PostgreSQL standby. Raises ``DatabaseError`` when it cannot be reached."""
    connection = connections[REPLICA]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(_LAG_SQL)
        in_recovery, lag = cursor.fetchone()
    if not in_recovery:
        return None
    return float(lag or 0)


def _replica_usable() -> bool:
    """Ask the replica whether it can serve, within ``DATABASE_REPLICA_MAX_LAG``."""
    global _down_until
    if time.monotonic() < _down_until:
        return False
    max_lag: float | None = getattr(settings, "DATABASE_REPLICA_MAX_LAG", None)
    try:
        connection = connections[REPLICA]
        connection.close_if_unusable_or_obsolete()
        lag = replica_lag()
        if lag is None and connection.vendor != "postgresql":
            connection.ensure_connection()
    except DatabaseError as error:
        connections[REPLICA].close()
        with _down_lock:
            _down_until = time.monotonic() + RETRY_SECONDS
        logger.warning(
            "The read replica (DATABASE_REPLICA_URL) did not answer, so reports read from "
            "the primary database for the next %d seconds: %s",
            RETRY_SECONDS,
            str(error).strip() or type(error).__name__,
        )
        return False
    if max_lag is not None and lag is not None and lag > max_lag:
        logger.warning(
            "The read replica is %.1f seconds behind the primary, more than "
            "DATABASE_REPLICA_MAX_LAG (%s), so this report reads from the primary database.",
            lag,
            max_lag,
        )
        return False
    return True


def _reads_from_replica() -> bool:
    context = _context.get()
    if context is None or not replica_configured():
        return False
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return False
    if context.usable is None:
        context.usable = _replica_usable()
    return context.usable


def reading_connection() -> BaseDatabaseWrapper:
    """The connection a read made now goes to, for raw SQL (a cursor taken from
    ``django.db.connection`` is always the primary's): the replica's inside
    ``reading_from_replica`` when the router would send a query there, else default's."""
    return connections[REPLICA if _reads_from_replica() else DEFAULT_DB_ALIAS]


class ReplicaRouter:
    """Django's database router for the replica (settings.DATABASE_ROUTERS)."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        return REPLICA if _reads_from_replica() else DEFAULT_DB_ALIAS

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        """A row read from the replica is the primary's row: it may be linked to another."""
        databases = {DEFAULT_DB_ALIAS, REPLICA}
        if obj1._state.db in databases and obj2._state.db in databases:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db != REPLICA
