"""A ``replica`` database alias added for one test, as settings make it from
DATABASE_REPLICA_URL (putright/settings.py), and taken away afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import dj_database_url
import pytest
from django.db import connections
from django.db.utils import load_backend

from putright.landlords.replica import REPLICA, forget_replica_failures

ROUTERS = ["putright.landlords.replica.ReplicaRouter"]


@contextmanager
def replica_alias(settings: Any, config: dict[str, Any]) -> Iterator[None]:
    """``replica`` with ``config`` (a DATABASES entry) and the router installed.

    Settings name it (which the router reads) and ``connections["replica"]`` is its
    connection; ``connections`` is not told of it otherwise, so the test's guard against
    other databases (Django's, for aliases it knew when the test started) lets it connect,
    as it does any connection made while a test runs."""
    settings.DATABASES = {**settings.DATABASES, REPLICA: config}
    settings.DATABASE_ROUTERS = ROUTERS
    full = connections.configure_settings({"default": {}, REPLICA: dict(config)})[REPLICA]
    connection = load_backend(full["ENGINE"]).DatabaseWrapper(full, REPLICA)
    # Under scripts/with-postgres --replica, settings have a replica already: set aside.
    configured = connections.settings.pop(REPLICA, None)
    before = getattr(connections._connections, REPLICA, None)
    setattr(connections._connections, REPLICA, connection)
    forget_replica_failures()
    try:
        yield
    finally:
        connection.close()
        delattr(connections._connections, REPLICA)
        if configured is not None:
            connections.settings[REPLICA] = configured
        if before is not None:
            setattr(connections._connections, REPLICA, before)
        forget_replica_failures()


def closed_port_url() -> str:
    """A PostgreSQL URL at which nothing listens: a port bound and never listened on."""
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"postgres://nobody@127.0.0.1:{port}/putright"


def parse(url: str) -> dict[str, Any]:
    """A DATABASES entry as settings make the replica's: a test mirror of default."""
    return {**dj_database_url.parse(url, conn_max_age=0), "TEST": {"MIRROR": "default"}}


@pytest.fixture
def sqlite_replica(transactional_db: None, settings: Any, tmp_path: Any) -> Iterator[None]:
    """A replica alias that answers: a SQLite file (the router asks nothing more of it).
    A fixture for every test (tests/conftest.py's pytest_plugins)."""
    with replica_alias(settings, parse(f"sqlite:///{tmp_path / 'replica.sqlite3'}")):
        yield
