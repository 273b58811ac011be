"""Reports, breakdowns and the register export read from a real streaming replica: a
second PostgreSQL cluster following the first (`scripts/with-postgres --replica`, which
sets DATABASE_REPLICA_URL; `make test` runs this file so). Settings make the ``replica``
alias a test mirror of default, so it opens the same test database on the replica
cluster, where it arrives by streaming. Each test commits (``transaction=True``): the
replica only ever sees what the primary committed."""

from __future__ import annotations

import json
import os
import time

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test.utils import CaptureQueriesContext

from putright.landlords.models import HomesCount, Landlord, Role
from putright.landlords.replica import (
    REPLICA,
    forget_replica_failures,
    reading_connection,
    reading_from_replica,
)
from putright.reports.session import counting_session
from tests import factories
from tests.api.helpers import client, get, key

# Without a replica the alias does not exist: the tests then fail at _a_replica_is_running.
_DATABASES = (
    [DEFAULT_DB_ALIAS, REPLICA] if os.environ.get("DATABASE_REPLICA_URL") else [DEFAULT_DB_ALIAS]
)

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True, databases=_DATABASES),
]


@pytest.fixture(autouse=True)
def _a_replica_is_running():
    """These tests need a streaming replica; without one they fail saying how to start it
    (make test runs them under scripts/with-postgres --replica; its main PostgreSQL run
    leaves this file out)."""
    if not os.environ.get("DATABASE_REPLICA_URL"):
        pytest.fail(
            "needs a streaming replica: run under scripts/with-postgres --replica", pytrace=False
        )


@pytest.fixture(autouse=True)
def _replica_asked_afresh():
    forget_replica_failures()


def in_recovery(alias: str) -> bool:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        return bool(cursor.fetchone()[0])


def streamed(landlord: Landlord) -> None:
    """Wait (10 seconds at most) until the replica holds everything committed so far: the
    landlord's homes count, written last, is there."""
    last = HomesCount.objects.filter(landlord=landlord).order_by("-pk").values("pk").first()
    assert last is not None
    for _ in range(200):
        if HomesCount.objects.using(REPLICA).filter(pk=last["pk"]).exists():
            return
        time.sleep(0.05)
    raise AssertionError("the replica did not receive the primary's rows within 10 seconds")


@pytest.fixture
def landlord() -> Landlord:
    """A landlord with one complaint answered at stage 1 in 2023/24, through the services
    on the primary, and on the replica once streamed."""
    landlord = factories.landlord("Streamed Homes")
    factories.stage1_responded(landlord)
    HomesCount.objects.create(landlord=landlord, year=2023, lcra=1000)
    streamed(landlord)
    return landlord


def tables(queries: CaptureQueriesContext) -> str:
    return " ".join(q["sql"] for q in queries.captured_queries)


def test_the_replica_is_a_standby_of_the_primary_and_receives_its_writes(landlord):
    assert in_recovery(REPLICA) is True
    assert in_recovery(DEFAULT_DB_ALIAS) is False
    on_replica = Landlord.objects.using(REPLICA).get(pk=landlord.pk)
    assert on_replica.name == "Streamed Homes"
    assert on_replica.complaints.count() == 1
    with reading_from_replica():
        with reading_connection().cursor() as cursor:
            cursor.execute("SELECT pg_is_in_recovery()")
            assert cursor.fetchone()[0] is True
        with transaction.atomic(), reading_connection().cursor() as cursor:
            cursor.execute("SELECT pg_is_in_recovery()")
            assert cursor.fetchone()[0] is False


def test_the_report_command_and_the_export_read_from_the_replica(landlord, tmp_path):
    out, register = tmp_path / "annual.json", tmp_path / "register.csv"
    with (
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as standby,
    ):
        call_command(
            "report", "annual", "--landlord", landlord.name, "--year", "2023",
            "--format", "json", "--out", str(out),
        )  # fmt: skip
        call_command(
            "report", "breakdown", "--landlord", landlord.name, "--year", "2023",
            "--measure", "received", "--by", "channel", "--format", "json",
            "--out", str(tmp_path / "breakdown.json"),
        )  # fmt: skip
        call_command("export_register", landlord=landlord.name, out=str(register))
    # The primary is asked only which landlord export-register names, before it reads.
    assert [q["sql"].split(" FROM ")[1].split()[0] for q in primary.captured_queries] == [
        '"landlords_landlord"'
    ]
    assert '"complaints_complaint"' in tables(standby)
    assert '"complaints_stage"' in tables(standby)
    assert json.loads(out.read_text())["stage1"]["received"] == 1
    rows = json.loads((tmp_path / "breakdown.json").read_text())["rows"]
    assert [(r["channel"], r["received"]) for r in rows] == [("phone", 1)]
    assert len(register.read_text(encoding="utf-8").splitlines()) == 2  # heading, the record


def test_the_api_reports_read_from_the_replica_after_the_key_is_checked_on_the_primary(
    landlord,
):
    c = client(key(landlord, write=False))
    with (
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as standby,
    ):
        annual = get(c, "/reports/annual", year=2023)
        rows = get(c, "/reports/2023/breakdown", measure="received", by="channel")
    assert annual.status_code == 200
    assert annual.json()["stage1"]["received"] == 1
    assert rows.status_code == 200
    assert [(r["channel"], r["received"]) for r in rows.json()["rows"]] == [("phone", 1)]
    assert '"complaints_complaint"' in tables(standby)
    assert '"complaints_complaint"' not in tables(primary)
    assert '"api_apikey"' in tables(primary)  # who is asking: never from a stale copy


def test_the_staff_report_pages_read_from_the_replica_and_sign_in_stays_on_the_primary(
    landlord,
):
    from django.test import Client

    staff = Client()
    staff.force_login(factories.user(landlord=landlord, role=Role.OFFICER))
    with (
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as standby,
    ):
        page = staff.get("/staff/reports/annual/2023/")
        explore = staff.get(
            "/staff/reports/explore/", {"year": "2023", "measure": "received", "by": "channel"}
        )
    assert page.status_code == 200
    assert explore.status_code == 200
    assert '"complaints_complaint"' in tables(standby)
    assert '"complaints_complaint"' not in tables(primary)
    assert '"django_session"' in tables(primary)
    assert '"django_session"' not in tables(standby)


def test_writes_inside_a_replica_read_go_to_the_primary(landlord):
    with reading_from_replica():
        written = factories.landlord("Written While Reading")
        assert Landlord.objects.using(DEFAULT_DB_ALIAS).filter(pk=written.pk).exists()
        with transaction.atomic():  # a service's own reads: from the primary, never stale
            assert Landlord.objects.filter(pk=written.pk).exists()


def test_a_report_read_from_the_replica_counts_in_a_transaction_there_with_its_work_mem(
    landlord, settings
):
    """putright/reports/session.py: the report's transaction, and its SET LOCAL work_mem,
    are the standby's; default opens none, so every read of the report stays there."""
    settings.REPORT_WORK_MEM = "72MB"
    with reading_from_replica(), counting_session():
        assert reading_connection() is connections[REPLICA]
        assert connections[REPLICA].in_atomic_block
        assert not connections[DEFAULT_DB_ALIAS].in_atomic_block
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_is_in_recovery(), current_setting('work_mem')")
            assert cursor.fetchone() == (True, "72MB")
        assert Landlord.objects.filter(pk=landlord.pk).db == REPLICA
