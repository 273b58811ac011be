"""The clock runs from receipt (Code 6.2), and an extension cannot rescue a late response
(Code 6.4, 6.5): issue 12, items 1 and 2."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.complaints import services
from putright.complaints.models import Complaint, Event, Extension
from putright.landlords.models import ClosureDay
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db

# Received Monday 3 June 2024 (no bank holiday that month): acknowledgement due Monday
# 10 June; acknowledged Tuesday 4 June, the response is due Tuesday 18 June.
RECEIVED = dt.date(2024, 6, 3)
RESPONSE_DUE = dt.date(2024, 6, 18)


def test_a_complaint_waiting_for_triage_is_due_to_be_acknowledged_5_working_days_after_receipt():
    landlord = factories.landlord()
    ClosureDay.objects.create(landlord=landlord, date=dt.date(2024, 6, 7))
    c = factories.complaint(landlord, received_on=RECEIVED)
    assert c.state == "received"
    # 4, 5, 6, then Friday 7 June closed, 10, 11 June.
    assert Complaint.objects.get(pk=c.pk).next_due_on == dt.date(2024, 6, 11)


def test_a_service_request_logged_has_no_complaint_deadline():
    c = factories.complaint(factories.landlord(), received_on=RECEIVED, kind="service_request")
    assert Complaint.objects.get(pk=c.pk).next_due_on is None


def test_accepting_at_triage_keeps_the_acknowledgement_counted_from_receipt():
    c = factories.complaint(factories.landlord(), received_on=RECEIVED)
    # Accepted late, after the acknowledgement was due: the deadline does not move.
    services.complaint_triage(complaint=c, decision="complaint", by=None, on=dt.date(2024, 6, 12))
    c = Complaint.objects.get(pk=c.pk)
    assert c.stage(1).acknowledgement_due == c.next_due_on == dt.date(2024, 6, 10)


def test_choosing_the_contractor_before_triage_keeps_the_deadline():
    landlord = factories.landlord()
    c = factories.complaint(landlord, received_on=RECEIVED)
    services.complaint_allocate(
        complaint=c, handler=None, contractor=factories.contractor(landlord), by=None
    )
    assert Complaint.objects.get(pk=c.pk).next_due_on == dt.date(2024, 6, 10)


@pytest.mark.parametrize("decision", ["service_request", "member_enquiry"])
def test_a_record_triaged_as_no_complaint_has_nothing_due(decision):
    c = factories.complaint(factories.landlord(), received_on=RECEIVED)
    services.complaint_triage(complaint=c, decision=decision, by=None, on=RECEIVED)
    assert Complaint.objects.get(pk=c.pk).next_due_on is None


def test_withdrawn_before_triage_nothing_is_due():
    c = factories.complaint(factories.landlord(), received_on=RECEIVED)
    services.complaint_withdraw(complaint=c, requested_by="The resident", by=None, on=RECEIVED)
    assert Complaint.objects.get(pk=c.pk).next_due_on is None


def _acknowledged() -> Complaint:
    return factories.stage1_acknowledged(
        factories.landlord(), received_on=RECEIVED, on=dt.date(2024, 6, 4)
    )


def test_an_extension_agreed_on_the_due_date_moves_it():
    c = _acknowledged()
    ext = services.complaint_extend(
        complaint=c, working_days=10, reason="Survey needed", by=None, on=RESPONSE_DUE
    )
    assert (ext.agreed_on, ext.previous_due, ext.new_due) == (
        RESPONSE_DUE,
        RESPONSE_DUE,
        dt.date(2024, 7, 2),
    )
    c = Complaint.objects.get(pk=c.pk)
    assert c.stage(1).response_due_extended == c.next_due_on == dt.date(2024, 7, 2)


def test_an_extension_after_the_due_date_is_refused_and_nothing_changes():
    c = _acknowledged()
    version = Complaint.objects.get(pk=c.pk).version
    with pytest.raises(RuleError) as refusal:
        services.complaint_extend(
            complaint=c, working_days=10, reason="Survey", by=None, on=dt.date(2024, 6, 19)
        )
    assert refusal.value.problems == {
        "on": "The response was due on 18 June 2024. An extension has to be agreed on or "
        "before that date; tell the resident the new date as an update instead."
    }
    c = Complaint.objects.get(pk=c.pk)
    assert (c.version, c.next_due_on, c.stage(1).extension_working_days) == (
        version,
        RESPONSE_DUE,
        0,
    )
    assert not Extension.objects.exists()
    assert not Event.objects.filter(complaint=c, kind="extended").exists()


def test_a_second_extension_is_measured_against_the_due_date_as_already_extended():
    c = _acknowledged()
    services.complaint_extend(
        complaint=c, working_days=5, reason="Survey", by=None, on=dt.date(2024, 6, 14)
    )
    # Now due Tuesday 25 June: agreed that day it is in time, the day after it is not.
    with pytest.raises(RuleError, match="due on 25 June 2024"):
        services.complaint_extend(
            complaint=c, working_days=5, reason="Report", by=None, on=dt.date(2024, 6, 26)
        )
    ext = services.complaint_extend(
        complaint=c, working_days=5, reason="Report", by=None, on=dt.date(2024, 6, 25)
    )
    assert (ext.previous_due, ext.new_due) == (dt.date(2024, 6, 25), dt.date(2024, 7, 2))


def test_the_date_agreed_can_be_earlier_than_the_day_it_is_recorded():
    c = _acknowledged()
    ext = services.complaint_extend(
        complaint=c,
        working_days=5,
        reason="Survey",
        by=None,
        on=dt.date(2024, 6, 20),
        agreed_on=RESPONSE_DUE,
    )
    assert (ext.decided_on, ext.agreed_on) == (dt.date(2024, 6, 20), RESPONSE_DUE)
    event = Event.objects.get(complaint=c, kind="extended")
    assert "(agreed 18 June 2024)" in event.summary
    assert event.detail["agreed_on"] == "2024-06-18"


def test_a_date_agreed_after_the_due_date_or_after_the_record_is_refused_on_its_field():
    c = _acknowledged()
    with pytest.raises(RuleError) as late:
        services.complaint_extend(
            complaint=c,
            working_days=5,
            reason="Survey",
            by=None,
            on=dt.date(2024, 6, 20),
            agreed_on=dt.date(2024, 6, 19),
        )
    assert list(late.value.problems) == ["agreed_on"]
    with pytest.raises(RuleError) as after:
        services.complaint_extend(
            complaint=c,
            working_days=5,
            reason="Survey",
            by=None,
            on=dt.date(2024, 6, 10),
            agreed_on=dt.date(2024, 6, 11),
        )
    assert after.value.problems == {
        "agreed_on": "The extension cannot be agreed after the day it is recorded."
    }


def test_the_ombudsman_details_are_given_with_the_extension_letter_not_before():
    c = _acknowledged()
    first = services.complaint_extend(
        complaint=c, working_days=5, reason="Survey", by=None, on=dt.date(2024, 6, 10)
    )
    assert first.ombudsman_details_given is False
    services.extension_letter_issued(complaint=c, stage=1)
    first.refresh_from_db()
    assert first.ombudsman_details_given is True
    second = services.complaint_extend(
        complaint=c,
        working_days=3,
        reason="Report",
        good_reason="",
        by=None,
        on=dt.date(2024, 6, 12),
    )
    assert second.ombudsman_details_given is False
    assert services.extension_letter_issued(complaint=c, stage=1) == second
    second.refresh_from_db()
    assert second.ombudsman_details_given is True


def test_an_extension_letter_with_no_extension_changes_nothing():
    c = _acknowledged()
    assert services.extension_letter_issued(complaint=c, stage=1) is None
