"""The transaction a report is counted in (putright/reports/session.py): on the connection
the report reads from, so a report read from the replica stays on the replica; nested
blocks join the outer one; REPORT_WORK_MEM is checked when settings load."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from putright.landlords.models import Landlord
from putright.landlords.replica import REPLICA, ReplicaRouter, reading_from_replica
from putright.reports.session import counting_session
from tests.landlords.replica_support import parse, replica_alias

pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES:UserWarning")

router = ReplicaRouter()


@pytest.fixture
def sqlite_replica(transactional_db, settings, tmp_path):
    config = parse(f"sqlite:///{tmp_path / 'replica.sqlite3'}")
    with replica_alias(settings, config):
        yield


@pytest.mark.django_db(transaction=True)
def test_a_report_read_from_the_replica_is_counted_in_a_transaction_on_the_replica(
    sqlite_replica,
):
    with reading_from_replica(), counting_session():
        assert connections[REPLICA].in_atomic_block
        # default has no transaction open, so the router still sends every read there.
        assert not connections[DEFAULT_DB_ALIAS].in_atomic_block
        assert router.db_for_read(Landlord) == REPLICA
    assert not connections[REPLICA].in_atomic_block


@pytest.mark.django_db(transaction=True)
def test_a_report_read_from_the_primary_is_counted_in_a_transaction_on_the_primary():
    with counting_session():
        assert connections[DEFAULT_DB_ALIAS].in_atomic_block
    assert not connections[DEFAULT_DB_ALIAS].in_atomic_block


@pytest.mark.django_db(transaction=True)
def test_a_nested_block_joins_the_outer_transaction():
    with counting_session():
        savepoints = list(connections[DEFAULT_DB_ALIAS].savepoint_ids)
        with counting_session():
            assert connections[DEFAULT_DB_ALIAS].savepoint_ids == savepoints
    with transaction.atomic(), counting_session():  # someone else's: a savepoint in it
        assert len(connections[DEFAULT_DB_ALIAS].savepoint_ids) == 1


def test_report_work_mem_must_be_an_amount_of_memory_postgresql_understands():
    env = {**os.environ, "REPORT_WORK_MEM": "lots", "DJANGO_SETTINGS_MODULE": "putright.settings"}
    run = subprocess.run(
        [sys.executable, "-c", "import putright.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "REPORT_WORK_MEM must be an amount of memory in PostgreSQL's units" in run.stderr
    assert "not 'lots'" in run.stderr
