"""Logging from any channel (Code 3.1), triage, and a complaint raised from a service
request while it goes on (Code 1.5)."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.complaints import services
from putright.complaints.models import Complaint, Event
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_logged_complaint_waits_for_triage_with_a_logged_event():
    c = factories.complaint(factories.landlord(), channel="web")
    assert c.state == "received"
    event = Event.objects.get(complaint=c)
    assert event.kind == "logged"
    assert "web form" in event.summary.lower()


def test_logging_names_every_missing_answer():
    landlord = factories.landlord()
    with pytest.raises(RuleError) as error:
        services.complaint_log(
            landlord=landlord,
            received_on=dt.date(2099, 1, 1),
            channel="pigeon",
            description=" ",
            by=None,
        )
    assert set(error.value.problems) == {"channel", "description", "received_on"}
    assert not Complaint.objects.exists()


def test_triage_as_complaint_starts_stage_1_counted_from_the_day_received():
    c = factories.complaint(factories.landlord(), received_on=dt.date(2023, 5, 5))
    services.complaint_triage(complaint=c, decision="complaint", by=None, on=dt.date(2023, 5, 10))
    c = Complaint.objects.get(pk=c.pk)
    assert c.state == "stage1"
    # Fri 5 May 2023; Mon 8 May was the Coronation bank holiday: 9, 10, 11, 12, 15 May.
    assert c.stage(1).acknowledgement_due == dt.date(2023, 5, 15)


@pytest.mark.parametrize("decision", ["service_request", "member_enquiry"])
def test_triage_as_something_other_than_a_complaint_keeps_it_open_without_stages(decision):
    c = factories.complaint(factories.landlord())
    services.complaint_triage(complaint=c, decision=decision, by=None)
    c = Complaint.objects.get(pk=c.pk)
    assert (c.kind, c.state, c.stages.count()) == (decision, "open", 0)


def test_triage_twice_is_refused():
    c = factories.complaint(factories.landlord())
    services.complaint_triage(complaint=c, decision="complaint", by=None)
    with pytest.raises(RuleError, match="waiting for triage"):
        services.complaint_triage(complaint=c, decision="complaint", by=None)


def test_not_accepted_needs_a_reason_and_explanation():
    c = factories.complaint(factories.landlord())
    with pytest.raises(RuleError) as error:
        services.complaint_not_accept(complaint=c, reason="", explanation="", by=None)
    assert set(error.value.problems) == {"reason", "explanation"}


def test_not_accepted_over_12_months_records_the_discretion_considered():
    c = factories.complaint(factories.landlord())
    with pytest.raises(RuleError) as error:
        services.complaint_not_accept(
            complaint=c, reason="over_12_months", explanation="The leak was fixed in 2019.", by=None
        )
    assert "discretion_considered" in error.value.problems
    services.complaint_not_accept(
        complaint=c,
        reason="over_12_months",
        explanation="The leak was fixed in 2019.",
        discretion_considered="No ongoing impact; no reason the resident could not complain sooner.",
        by=None,
    )
    c = Complaint.objects.get(pk=c.pk)
    assert c.state == "not_accepted"
    assert c.stage(1).not_accepted_reason == "over_12_months"


def test_a_complaint_raised_from_a_service_request_leaves_it_open():
    landlord = factories.landlord()
    request = factories.complaint(landlord, kind="service_request", description="Boiler broken")
    assert request.state == "open"
    c = services.complaint_log(
        landlord=landlord,
        received_on=dt.date(2024, 4, 2),
        channel="phone",
        description="Nobody has come to fix my boiler.",
        by=None,
        raised_from=request,
    )
    request.refresh_from_db()
    assert request.state == "open"
    assert c.raised_from == request
    assert Event.objects.filter(complaint=request, kind="complaint_raised").exists()


def test_only_a_service_request_can_raise_a_complaint():
    landlord = factories.landlord()
    other = factories.complaint(landlord)
    with pytest.raises(RuleError):
        services.complaint_log(
            landlord=landlord,
            received_on=dt.date(2024, 4, 2),
            channel="phone",
            description="x",
            by=None,
            raised_from=other,
        )


def test_resolving_a_service_request():
    request = factories.complaint(factories.landlord(), kind="service_request")
    services.record_resolve(record=request, summary="Boiler repaired.", by=None)
    request.refresh_from_db()
    assert request.state == "resolved"
    with pytest.raises(RuleError):
        services.record_resolve(record=request, summary="Again", by=None)


def test_records_of_another_landlord_cannot_be_attached_to_a_complaint():
    ours, theirs = factories.landlord(), factories.landlord()
    with pytest.raises(RuleError) as error:
        services.complaint_log(
            landlord=ours,
            received_on=dt.date(2024, 4, 2),
            channel="phone",
            description="x",
            by=None,
            contractor=factories.contractor(theirs),
        )
    assert error.value.problems == {"contractor": "That record belongs to another landlord."}


def test_a_handler_must_work_for_the_landlord():
    c = factories.complaint(factories.landlord())
    stranger = factories.user(landlord=factories.landlord())
    with pytest.raises(RuleError, match="does not work for this landlord"):
        services.complaint_allocate(complaint=c, handler=stranger, by=None)


def test_raising_a_complaint_moves_the_service_requests_version_on():
    landlord = factories.landlord()
    request = factories.complaint(landlord, kind="service_request")
    services.complaint_log(
        landlord=landlord,
        received_on=dt.date(2024, 4, 2),
        channel="phone",
        description="x",
        by=None,
        raised_from=request,
    )
    before = request.version
    request.refresh_from_db()
    assert request.version == before + 1


def test_before_triage_a_contractor_can_be_chosen_but_not_a_handler():
    landlord = factories.landlord()
    c = factories.complaint(landlord)
    with pytest.raises(RuleError, match="after triage"):
        services.complaint_allocate(complaint=c, handler=factories.user(landlord=landlord), by=None)
    contractor = factories.contractor(landlord)
    services.complaint_allocate(complaint=c, handler=None, contractor=contractor, by=None)
    c.refresh_from_db()
    assert c.contractor == contractor
