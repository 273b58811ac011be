"""Keeping the resident informed (issue 17, item 1; Code 5.9, 6.6, 6.17): the update
interval agreed for a stage, recorded with its timeline entry, and the update owed
(``Complaint.update_due_on``) kept by every command."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.complaints import services
from putright.complaints.models import Complaint, OutstandingAction
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db

MON = dt.date(2026, 11, 30)


def _acknowledged():
    return factories.stage1_acknowledged(factories.landlord(), received_on=MON)


def test_an_agreed_interval_is_kept_on_the_stage_with_its_timeline_entry():
    c = _acknowledged()
    stage = services.complaint_update_interval_set(
        complaint=c,
        working_days=5,
        note="While the damp survey is outstanding.",
        on=MON,
        by=None,
    )
    assert (stage.update_interval, stage.update_interval_agreed_on) == (5, MON)
    assert stage.update_interval_note == "While the damp survey is outstanding."
    c = Complaint.objects.get(pk=c.pk)
    event = c.events.order_by("-id").first()
    assert event.kind == "update_interval"
    assert event.summary == (
        "Stage 1: updates to the resident agreed every 5 working days. "
        "While the damp survey is outstanding."
    )
    assert event.detail == {"working_days": 5, "note": "While the damp survey is outstanding."}
    assert c.update_due_on == dt.date(2026, 12, 7)


def test_a_contact_to_the_resident_moves_the_next_update_on():
    c = _acknowledged()
    services.complaint_update_interval_set(complaint=c, working_days=5, on=MON, by=None)
    services.complaint_record_contact(
        complaint=c,
        method="phone",
        direction="to_resident",
        with_whom="The resident",
        summary="Told them the surveyor comes on Friday.",
        at=dt.datetime(2026, 12, 3, 10, 0),
        by=None,
    )
    assert Complaint.objects.get(pk=c.pk).update_due_on == dt.date(2026, 12, 10)


def test_a_call_from_the_resident_is_not_an_update_given():
    c = _acknowledged()
    services.complaint_update_interval_set(complaint=c, working_days=5, on=MON, by=None)
    services.complaint_record_contact(
        complaint=c,
        method="phone",
        direction="from_resident",
        with_whom="The resident",
        summary="Asked what is happening.",
        at=dt.datetime(2026, 12, 3, 10, 0),
        by=None,
    )
    assert Complaint.objects.get(pk=c.pk).update_due_on == dt.date(2026, 12, 7)


def test_an_update_letter_issued_moves_the_next_update_on():
    c = _acknowledged()
    services.complaint_update_interval_set(complaint=c, working_days=5, on=MON, by=None)
    services.complaint_letter_sent(
        complaint=c,
        stage_number=1,
        completes=None,
        letter="Update",
        delivery="post",
        sent_to="1 High Street",
        subject="An update on your complaint",
        on=dt.date(2026, 12, 4),
        by=None,
        detail={"letter_kind": "update"},
    )
    assert Complaint.objects.get(pk=c.pk).update_due_on == dt.date(2026, 12, 11)


def test_no_interval_any_more_clears_the_update_owed():
    c = _acknowledged()
    services.complaint_update_interval_set(complaint=c, working_days=5, on=MON, by=None)
    stage = services.complaint_update_interval_set(complaint=c, working_days=None, by=None)
    assert stage.update_interval is None
    assert Complaint.objects.get(pk=c.pk).update_due_on is None
    assert c.events.order_by("-id").first().summary == (
        "Stage 1: no regular updates agreed any more."
    )


def test_an_interval_out_of_range_is_refused_and_nothing_is_written():
    c = _acknowledged()
    version = Complaint.objects.get(pk=c.pk).version
    with pytest.raises(RuleError) as refused:
        services.complaint_update_interval_set(complaint=c, working_days=0, by=None)
    assert refused.value.problems == {
        "working_days": "The update interval must be between 1 and 60 working days."
    }
    assert Complaint.objects.get(pk=c.pk).version == version


def test_an_action_not_done_by_its_date_owes_the_resident_an_update():
    landlord = factories.landlord()
    c = factories.stage1_acknowledged(landlord, received_on=MON)
    services.complaint_respond(
        complaint=c,
        outcome="upheld",
        reasons="Because.",
        point_outcomes=["upheld"],
        actions=[
            services.ActionInput(
                description="Fit a new boiler", owner="Repairs", due_on=dt.date(2026, 12, 3)
            )
        ],
        by=None,
        on=dt.date(2026, 12, 1),
    )
    factories.response_letter_sent(c, on=dt.date(2026, 12, 1))
    c = Complaint.objects.get(pk=c.pk)
    assert c.update_due_on == dt.date(2026, 12, 4)
    action = OutstandingAction.objects.get(stage__complaint=c)
    services.action_complete(action=action, by=None, on=dt.date(2026, 12, 4))
    assert Complaint.objects.get(pk=c.pk).update_due_on is None


def test_a_closed_stage_with_nothing_outstanding_takes_no_interval():
    c = factories.stage1_responded(factories.landlord(), received_on=MON, on=dt.date(2026, 12, 2))
    with pytest.raises(RuleError) as refused:
        services.complaint_update_interval_set(complaint=c, working_days=10, by=None)
    assert "Nothing is outstanding" in str(refused.value)


def test_a_withdrawn_complaint_owes_no_updates():
    c = _acknowledged()
    services.complaint_update_interval_set(complaint=c, working_days=5, on=MON, by=None)
    services.complaint_withdraw(complaint=c, requested_by="The resident", by=None)
    assert Complaint.objects.get(pk=c.pk).update_due_on is None
