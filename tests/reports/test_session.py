"""The transaction a report is counted in (putright/reports/session.py): on PostgreSQL
only, never on SQLite, where it would hold the write lock (the rest of PostgreSQL's in
test_session_postgresql.py and tests/landlords/test_replica_postgresql.py);
REPORT_WORK_MEM is checked when settings load."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

from putright.landlords.models import Landlord
from putright.landlords.replica import REPLICA, ReplicaRouter, reading_from_replica
from putright.reports.session import counting_session

pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES:UserWarning")

router = ReplicaRouter()


@pytest.mark.django_db(transaction=True)
def test_a_report_read_from_the_replica_stays_there(sqlite_replica, settings):
    settings.REPORT_WORK_MEM = "64MB"
    with reading_from_replica(), counting_session():
        assert not connections[DEFAULT_DB_ALIAS].in_atomic_block
        assert router.db_for_read(Landlord) == REPLICA


@pytest.mark.django_db(transaction=True)
def test_a_report_opens_a_transaction_on_postgresql_only(settings):
    """Every SQLite transaction begins IMMEDIATE (settings), taking the write lock: a
    report counted in one would hold every writer up until it ended. PostgreSQL's reads
    take no such lock, and its transaction carries REPORT_WORK_MEM."""
    settings.REPORT_WORK_MEM = "64MB"
    primary = connections[DEFAULT_DB_ALIAS]
    with counting_session():
        assert primary.in_atomic_block is (primary.vendor == "postgresql")
    assert not primary.in_atomic_block


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
