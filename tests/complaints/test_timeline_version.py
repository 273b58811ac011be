"""The timeline's writer moves the version on from the stored one, with the caller's
changed fields and ``updated_at``: in one statement where the database returns rows from
an UPDATE (SQLite 3.35 on, PostgreSQL), else by reading the stored version under the lock
first. Both ways give the same record."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.complaints import timeline
from putright.complaints.models import Complaint, EventKind
from putright.complaints.timeline import event_write
from tests import factories as f

ON = dt.date(2024, 4, 2)


def _note(complaint: Complaint, **kwargs) -> None:
    event_write(
        complaint=complaint,
        kind=EventKind.NOTE,
        summary="A note.",
        occurred_on=ON,
        by=None,
        **kwargs,
    )


@pytest.fixture(params=["returning", "read_then_save"])
def way(request, monkeypatch):
    if request.param == "read_then_save":
        monkeypatch.setattr(timeline, "_update_returns_rows", lambda: False)
    return request.param


@pytest.mark.django_db
def test_the_version_moves_on_from_the_stored_one_with_the_changed_fields(way):
    c = f.complaint(f.landlord())
    stale = Complaint.objects.get(pk=c.pk)
    before = Complaint.objects.get(pk=c.pk)
    _note(c)
    assert c.version == before.version + 1
    stale.root_cause_detail = "Parts ordered late."
    _note(stale, changed=["root_cause_detail", "updated_at"])
    stored = Complaint.objects.get(pk=c.pk)
    assert stale.version == stored.version == before.version + 2
    assert stored.root_cause_detail == "Parts ordered late."
    assert stored.updated_at == stale.updated_at > before.updated_at


@pytest.mark.django_db
def test_a_changed_foreign_key_and_date_are_saved_as_save_would(way):
    landlord = f.landlord()
    c = f.complaint(landlord)
    contractor = f.contractor(landlord)
    c.contractor = contractor
    c.next_due_on = dt.date(2024, 4, 16)
    _note(c, changed=["contractor", "next_due_on"])
    stored = Complaint.objects.get(pk=c.pk)
    assert (stored.contractor_id, stored.next_due_on) == (contractor.pk, dt.date(2024, 4, 16))
    assert stored.version == c.version


@pytest.mark.django_db
def test_an_entry_is_one_statement_for_the_version_where_an_update_returns_rows(
    django_assert_num_queries,
):
    # SQLite 3.35 on and PostgreSQL, the databases the suite runs on, both return rows.
    assert timeline._update_returns_rows()
    c = f.complaint(f.landlord())
    c.root_cause_detail = "Parts ordered late."
    # The complaint's UPDATE ... RETURNING and the entry's INSERT (a note is no webhook
    # event, so no subscriptions are read); before, a SELECT of the version came first.
    with django_assert_num_queries(2):
        _note(c, changed=["root_cause_detail"])
    assert Complaint.objects.get(pk=c.pk).root_cause_detail == "Parts ordered late."


@pytest.mark.django_db
def test_a_complaint_gone_is_refused(way):
    c = f.complaint(f.landlord())
    gone = Complaint(pk=c.pk + 1000, landlord_id=c.landlord_id)
    with pytest.raises(Complaint.DoesNotExist):
        _note(gone)
