"""The replica router (putright/landlords/replica.py) on any database: reads go to the
replica only inside ``reading_from_replica`` and outside a transaction; writes and
migrations never; without a replica nothing changes; a replica that does not answer, or
is too far behind, leaves the report to the primary with a warning in the log.

These run with ``transaction=True`` where the router's answer outside a transaction is
the point: every other test runs inside one, where reads always stay on the primary."""

from __future__ import annotations

import json
import logging

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from putright.landlords import replica
from putright.landlords.models import HomesCount, Landlord
from putright.landlords.replica import (
    REPLICA,
    ReplicaRouter,
    reading_connection,
    reading_from_replica,
)
from tests import factories
from tests.landlords.replica_support import closed_port_url, parse, replica_alias

# The tests give settings a replica alias or take it away, as DATABASE_REPLICA_URL would.
pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES:UserWarning")

router = ReplicaRouter()


@pytest.fixture
def dead_replica(transactional_db, settings):
    with replica_alias(settings, parse(closed_port_url())):
        yield


@pytest.mark.django_db(transaction=True)
def test_without_a_replica_every_read_goes_to_the_primary(settings):
    settings.DATABASES = {k: v for k, v in settings.DATABASES.items() if k != REPLICA}
    assert not replica.replica_configured()
    with reading_from_replica():
        assert router.db_for_read(Landlord) == DEFAULT_DB_ALIAS
        assert reading_connection() is connections[DEFAULT_DB_ALIAS]


@pytest.mark.django_db(transaction=True)
def test_reads_go_to_the_replica_only_inside_the_context(sqlite_replica):
    assert router.db_for_read(Landlord) == DEFAULT_DB_ALIAS
    with reading_from_replica():
        assert router.db_for_read(Landlord) == REPLICA
        assert reading_connection() is connections[REPLICA]
        with reading_from_replica():  # nested: the outer block's answer
            assert router.db_for_read(Landlord) == REPLICA
        assert router.db_for_read(Landlord) == REPLICA
    assert router.db_for_read(Landlord) == DEFAULT_DB_ALIAS
    assert reading_connection() is connections[DEFAULT_DB_ALIAS]


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_reads_stay_on_the_primary(sqlite_replica):
    with reading_from_replica():
        with transaction.atomic():
            assert router.db_for_read(Landlord) == DEFAULT_DB_ALIAS
            assert reading_connection() is connections[DEFAULT_DB_ALIAS]
        assert router.db_for_read(Landlord) == REPLICA


@pytest.mark.django_db(transaction=True)
def test_writes_and_migrations_never_go_to_the_replica(sqlite_replica):
    with reading_from_replica():
        assert router.db_for_write(Landlord) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(REPLICA, "landlords") is False
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "landlords") is True


def test_a_row_read_from_the_replica_may_be_linked_to_one_from_the_primary():
    from_replica, from_primary = Landlord(name="A"), Landlord(name="B")
    from_replica._state.db, from_primary._state.db = REPLICA, DEFAULT_DB_ALIAS
    assert router.allow_relation(from_replica, from_primary) is True


@pytest.mark.django_db(transaction=True)
def test_a_replica_that_does_not_answer_leaves_the_report_to_the_primary(
    dead_replica, tmp_path, caplog
):
    landlord = factories.landlord("Fallback Homes")
    HomesCount.objects.create(landlord=landlord, year=2023, lcra=1000)
    factories.stage1_responded(landlord)
    out = tmp_path / "annual.json"
    args = ["report", "annual", "--landlord", "Fallback Homes", "--year", "2023"]
    with caplog.at_level(logging.WARNING, logger="putright.landlords.replica"):
        call_command(*args, "--format", "json", "--out", str(out))
        call_command(*args, "--format", "json", "--out", str(tmp_path / "again.json"))
    assert json.loads(out.read_text())["stage1"]["received"] == 1
    warnings = [r.getMessage() for r in caplog.records if r.name == "putright.landlords.replica"]
    # Once: the second report within RETRY_SECONDS does not wait on the dead replica again.
    assert len(warnings) == 1
    assert warnings[0].startswith(
        "The read replica (DATABASE_REPLICA_URL) did not answer, so reports read from the "
        "primary database for the next 30 seconds"
    )
    with reading_from_replica():
        assert router.db_for_read(Landlord) == DEFAULT_DB_ALIAS


@pytest.mark.django_db(transaction=True)
def test_a_replica_too_far_behind_leaves_the_report_to_the_primary(
    sqlite_replica, settings, monkeypatch, caplog
):
    monkeypatch.setattr(replica, "replica_lag", lambda: 45.0)
    settings.DATABASE_REPLICA_MAX_LAG = 30.0
    with (
        caplog.at_level(logging.WARNING, logger="putright.landlords.replica"),
        reading_from_replica(),
    ):
        assert router.db_for_read(Landlord) == DEFAULT_DB_ALIAS
    assert [r.getMessage() for r in caplog.records if r.name == "putright.landlords.replica"] == [
        "The read replica is 45.0 seconds behind the primary, more than "
        "DATABASE_REPLICA_MAX_LAG (30.0), so this report reads from the primary database."
    ]
    settings.DATABASE_REPLICA_MAX_LAG = 60.0
    with reading_from_replica():
        assert router.db_for_read(Landlord) == REPLICA
