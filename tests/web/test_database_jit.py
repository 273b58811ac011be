"""PostgreSQL's just-in-time compilation is off for the app's connections unless
DATABASE_JIT=server (putright/settings.py): the planner turned it on for the work queue's
query at a large landlord and spent 49 of its 55 ms compiling it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

SHOW = (
    "import json, putright.settings as s; "
    "print(json.dumps({a: d.get('OPTIONS', {}).get('options') for a, d in s.DATABASES.items()}))"
)


def _options(**env: str) -> subprocess.CompletedProcess[str]:
    # Only what the test gives: not the run's own database, replica or setting.
    given = ("DATABASE_URL", "DATABASE_REPLICA_URL", "DATABASE_JIT")
    run_env = {k: v for k, v in os.environ.items() if k not in given}
    run_env |= {"DJANGO_SETTINGS_MODULE": "putright.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", SHOW], env=run_env, capture_output=True, text=True, check=False
    )


def test_off_for_postgresql_after_any_options_the_url_gives():
    run = _options(
        DATABASE_URL="postgres://app@db.example/putright?options=-c%20statement_timeout%3D5000",
        DATABASE_REPLICA_URL="postgres://app@replica.example/putright",
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {
        "default": "-c statement_timeout=5000 -c jit=off",
        "replica": "-c jit=off",
    }


def test_left_to_the_server_when_asked_and_never_set_on_sqlite():
    server = _options(DATABASE_URL="postgres://app@db.example/putright", DATABASE_JIT="server")
    sqlite = _options(DATABASE_URL="sqlite:///x.sqlite3")
    assert json.loads(server.stdout) == {"default": None}
    assert json.loads(sqlite.stdout) == {"default": None}


def test_another_value_is_refused_with_what_was_given():
    run = _options(DATABASE_URL="sqlite:///x.sqlite3", DATABASE_JIT="maybe")
    assert run.returncode == 1
    assert "DATABASE_JIT must be off or server, not 'maybe'" in run.stderr


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_the_connection_has_it_off():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
