"""PostgreSQL's just-in-time compilation is off for the app's connections unless
DATABASE_JIT=server (putright/settings.py): the planner turned it on for the work queue's
query at a large landlord and spent 49 of its 55 ms compiling it. So is parallel query,
unless DATABASE_PARALLEL=server, outside a report's own transaction (given
REPORT_PARALLEL_WORKERS there: tests/reports/test_session_postgresql.py)."""

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
    # Only what the test gives: not the run's own database, replica or settings.
    given = (
        "DATABASE_URL",
        "DATABASE_REPLICA_URL",
        "DATABASE_JIT",
        "DATABASE_PARALLEL",
        "REPORT_PARALLEL_WORKERS",
    )
    run_env = {k: v for k, v in os.environ.items() if k not in given}
    run_env |= {"DJANGO_SETTINGS_MODULE": "putright.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", SHOW], env=run_env, capture_output=True, text=True, check=False
    )


NO_PARALLEL = "-c max_parallel_workers_per_gather=0"


def test_off_for_postgresql_after_any_options_the_url_gives():
    run = _options(
        DATABASE_URL="postgres://app@db.example/putright?options=-c%20statement_timeout%3D5000",
        DATABASE_REPLICA_URL="postgres://app@replica.example/putright",
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {
        "default": f"-c statement_timeout=5000 -c jit=off {NO_PARALLEL}",
        "replica": f"-c jit=off {NO_PARALLEL}",
    }


@pytest.mark.parametrize(
    ("env", "options"),
    [
        ({"DATABASE_JIT": "server"}, NO_PARALLEL),
        ({"DATABASE_PARALLEL": "server"}, "-c jit=off"),
        ({"DATABASE_JIT": "server", "DATABASE_PARALLEL": "SERVER "}, None),
    ],
)
def test_each_left_to_the_server_when_asked(env, options):
    run = _options(DATABASE_URL="postgres://app@db.example/putright", **env)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {"default": options}


def test_never_set_on_sqlite():
    sqlite = _options(DATABASE_URL="sqlite:///x.sqlite3")
    assert json.loads(sqlite.stdout) == {"default": None}


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DATABASE_JIT": "maybe"}, "DATABASE_JIT must be off or server, not 'maybe'"),
        (
            {"DATABASE_PARALLEL": "off"},
            "DATABASE_PARALLEL must be reports or server, not 'off'",
        ),
        (
            {"REPORT_PARALLEL_WORKERS": "-1"},
            "REPORT_PARALLEL_WORKERS must be a whole number of worker processes from 0 to 64, "
            "not '-1'",
        ),
        ({"REPORT_PARALLEL_WORKERS": "65"}, "from 0 to 64, not '65'"),
        ({"REPORT_PARALLEL_WORKERS": "two"}, "from 0 to 64, not 'two'"),
    ],
)
def test_another_value_is_refused_with_what_was_given(env, message):
    run = _options(DATABASE_URL="sqlite:///x.sqlite3", **env)
    assert run.returncode == 1
    assert message in run.stderr


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_the_connection_has_both_off():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("0",)
