"""References under concurrency on PostgreSQL, where two sessions really do log at once
(SQLite's BEGIN IMMEDIATE lets one writer in at a time). The landlord's counter is taken
as the last thing before the record's own writes and held to the commit, so references stay
unique, without gaps, and in the order the records were written."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from putright.complaints.models import Complaint
from putright.complaints.services import complaint_log
from putright.landlords.models import Landlord
from tests import factories

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

EACH = 12


def test_two_sessions_logging_at_once_get_unique_consecutive_references_in_order():
    landlord = factories.landlord(reference_prefix="CU")
    start = threading.Barrier(2, timeout=30)
    taken: dict[str, list[str]] = {"a": [], "b": []}
    failures: list[BaseException] = []

    def log(name: str) -> None:
        try:
            mine = Landlord.objects.get(pk=landlord.pk)
            start.wait()
            for n in range(EACH):
                complaint = complaint_log(
                    landlord=mine,
                    received_on=dt.date(2026, 12, 1),
                    channel="phone",
                    description=f"Logged by {name}, number {n}.",
                    by=None,
                )
                taken[name].append(complaint.reference)
        except BaseException as failure:  # reported below, in the test's own thread
            failures.append(failure)
        finally:
            connection.close()

    threads = [threading.Thread(target=log, args=(name,)) for name in taken]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert sorted(taken["a"] + taken["b"]) == [f"CU-{n:06d}" for n in range(1, 2 * EACH + 1)]
    # Each session's references go up, and the records were written in reference order.
    assert taken["a"] == sorted(taken["a"])
    assert taken["b"] == sorted(taken["b"])
    by_id = list(Complaint.objects.filter(landlord=landlord).order_by("id"))
    assert [c.reference for c in by_id] == sorted(c.reference for c in by_id)
    assert Landlord.objects.get(pk=landlord.pk).next_reference_number == 2 * EACH + 1
