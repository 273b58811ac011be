"""On PostgreSQL, a report counts with REPORT_WORK_MEM inside its own transaction, and
nothing outside it sees the setting (putright/reports/session.py)."""

from __future__ import annotations

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

from putright.reports import tally
from putright.reports.exports import annual_export
from putright.reports.session import counting_session
from tests import factories

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db]


def work_mem() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW work_mem")
        return str(cursor.fetchone()[0])


def seen_by_a_report(monkeypatch, show) -> set[str]:
    """What ``show()`` gives inside each of the annual report's counting queries."""
    seen: list[str] = []
    fetch = tally.fetch

    def fetch_and_look(sql, params):
        seen.append(show())
        return fetch(sql, params)

    monkeypatch.setattr(tally, "fetch", fetch_and_look)
    landlord = factories.landlord()
    factories.stage1_responded(landlord)
    annual_export(landlord, 2023, "json")
    assert seen
    return set(seen)


def test_the_report_counts_with_report_work_mem_and_puts_it_back(settings, monkeypatch):
    settings.REPORT_WORK_MEM = "96MB"
    before = work_mem()
    assert before != "96MB"
    with transaction.atomic():  # the test's own transaction is open too: a savepoint
        assert seen_by_a_report(monkeypatch, work_mem) == {"96MB"}
        assert work_mem() == before


def test_without_report_work_mem_the_server_setting_stands(settings):
    settings.REPORT_WORK_MEM = ""
    before = work_mem()
    with counting_session():
        assert work_mem() == before


def test_an_error_inside_the_block_leaves_the_setting_as_it_was(settings):
    settings.REPORT_WORK_MEM = "80MB"
    before = work_mem()
    with pytest.raises(ValueError, match="stop"), counting_session():
        assert work_mem() == "80MB"
        raise ValueError("stop")
    assert work_mem() == before


@pytest.mark.django_db(transaction=True)
def test_the_report_counts_in_its_own_transaction_and_a_nested_block_joins_it(settings):
    settings.REPORT_WORK_MEM = "64MB"
    primary = connections[DEFAULT_DB_ALIAS]
    with counting_session():
        assert primary.in_atomic_block
        savepoints = list(primary.savepoint_ids)
        with counting_session():
            assert primary.savepoint_ids == savepoints
    assert not primary.in_atomic_block
    with transaction.atomic(), counting_session():  # someone else's: a savepoint in it
        assert len(primary.savepoint_ids) == 1


def parallel_workers() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        return str(cursor.fetchone()[0])


def test_a_report_may_use_parallel_workers_where_pages_do_not(settings, monkeypatch):
    """The app's connections start with none (DATABASE_PARALLEL=reports); each query of a
    report may use REPORT_PARALLEL_WORKERS, inside its transaction alone."""
    settings.DATABASE_PARALLEL = "reports"
    settings.REPORT_PARALLEL_WORKERS = 3
    assert parallel_workers() == "0"
    assert seen_by_a_report(monkeypatch, parallel_workers) == {"3"}
    assert parallel_workers() == "0"


def test_with_the_server_deciding_a_report_leaves_the_connection_as_it_is(settings):
    settings.DATABASE_PARALLEL = "server"
    settings.REPORT_PARALLEL_WORKERS = 3
    settings.REPORT_WORK_MEM = ""
    before = parallel_workers()
    with counting_session():
        assert parallel_workers() == before
