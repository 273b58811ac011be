"""A service request's or member enquiry's own work (issue 17, item 3): its target date, its
owner, its member and its response, each through its service with its timeline entry."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.complaints import services
from putright.complaints.models import Event
from putright.landlords.models import ClosureDay, Role
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db

THURSDAY = dt.date(2024, 3, 28)  # before Easter: Good Friday and Easter Monday not counted


def _request(landlord, **fields):
    return factories.complaint(landlord, received_on=THURSDAY, kind="service_request", **fields)


def test_a_service_request_is_due_by_the_landlords_target_in_its_working_days():
    landlord = factories.landlord(service_request_target_days=5)
    ClosureDay.objects.create(landlord=landlord, date=dt.date(2024, 4, 4))
    # Tue 2, Wed 3, (Thu 4 closed), Fri 5, Mon 8, Tue 9 April.
    assert _request(landlord).target_on == dt.date(2024, 4, 9)


def test_a_member_enquiry_uses_its_own_target_and_records_the_member():
    landlord = factories.landlord(member_enquiry_target_days=15)
    enquiry = factories.complaint(
        landlord,
        received_on=THURSDAY,
        kind="member_enquiry",
        member_name="Cllr  Ann Patel",
        member_role="councillor",
    )
    assert (enquiry.target_on, enquiry.member_name, enquiry.member_role) == (
        dt.date(2024, 4, 22),
        "Cllr Ann Patel",
        "councillor",
    )


def test_a_complaint_has_no_target_of_its_own_and_no_member():
    landlord = factories.landlord()
    assert factories.complaint(landlord).target_on is None
    with pytest.raises(RuleError) as error:
        factories.complaint(landlord, member_name="Ann Patel", member_role="mp")
    assert error.value.problems == {
        "member_name": "Only a member enquiry records a councillor or MP."
    }


def test_triage_as_a_service_request_sets_the_target_from_when_it_was_received():
    landlord = factories.landlord()
    record = services.complaint_triage(
        complaint=factories.complaint(landlord, received_on=THURSDAY),
        decision="service_request",
        by=None,
        on=dt.date(2024, 4, 3),
    )
    record.refresh_from_db()
    assert record.target_on == dt.date(2024, 4, 15)
    assert Event.objects.filter(complaint=record).last().summary == (
        "Treated as a service request, not a complaint. Respond by 15 April 2024."
    )


def test_an_owner_is_one_of_the_landlords_handlers_and_the_timeline_says_so():
    landlord = factories.landlord()
    owner = factories.user(landlord=landlord, first_name="Sam", last_name="Jones")
    record = services.record_owner_set(record=_request(landlord), owner=owner, by=None)
    record.refresh_from_db()
    assert record.owner == owner
    event = Event.objects.filter(complaint=record).last()
    assert (event.kind, event.summary) == ("owner_set", "Owned by Sam Jones.")


def test_a_viewer_or_someone_elsewhere_cannot_own_a_record():
    landlord = factories.landlord()
    viewer = factories.user(landlord=landlord, role=Role.VIEWER)
    stranger = factories.user(landlord=factories.landlord())
    for person in (viewer, stranger):
        with pytest.raises(RuleError) as error:
            services.record_owner_set(record=_request(landlord), owner=person, by=None)
        assert error.value.problems == {
            "owner": "Choose someone on your staff who handles complaints."
        }


def test_a_complaint_cannot_be_given_an_owner():
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    owner = factories.user(landlord=landlord)
    with pytest.raises(RuleError):
        services.record_owner_set(record=complaint, owner=owner, by=None)


def test_the_member_of_an_enquiry_can_be_recorded_after_triage():
    landlord = factories.landlord()
    record = services.complaint_triage(
        complaint=factories.complaint(landlord), decision="member_enquiry", by=None
    )
    record = services.record_member_set(
        record=record, member_name="Jo Bloggs MP", member_role="mp", by=None
    )
    record.refresh_from_db()
    assert (record.member_name, record.member_role) == ("Jo Bloggs MP", "mp")
    assert Event.objects.filter(complaint=record).last().summary == (
        "Enquiry made by MP Jo Bloggs MP."
    )


def test_a_member_needs_a_name_and_a_role():
    record = factories.complaint(factories.landlord(), kind="member_enquiry")
    with pytest.raises(RuleError) as error:
        services.record_member_set(record=record, member_name=" ", member_role="", by=None)
    assert error.value.problems == {
        "member_name": "Enter the councillor's or MP's name.",
        "member_role": "Choose whether the member is a councillor or an MP.",
    }


def test_the_response_is_dated_says_what_was_said_and_resolves_the_record():
    record = _request(factories.landlord())
    services.record_respond(
        record=record, response="Boiler repaired.", by=None, on=dt.date(2024, 4, 12)
    )
    record.refresh_from_db()
    assert (record.state, record.responded_on, record.response) == (
        "resolved",
        dt.date(2024, 4, 12),
        "Boiler repaired.",
    )
    event = Event.objects.filter(complaint=record).last()
    assert (event.kind, event.summary, event.detail["within_target"]) == (
        "resolved",
        "Resolved: Boiler repaired.",
        True,
    )


def test_a_response_after_the_target_is_recorded_as_late():
    record = _request(factories.landlord())
    services.record_respond(record=record, response="Done.", by=None, on=dt.date(2024, 4, 16))
    assert Event.objects.filter(complaint=record).last().detail["within_target"] is False


def test_a_response_needs_its_words_and_cannot_be_before_receipt_or_given_twice():
    record = _request(factories.landlord())
    with pytest.raises(RuleError) as error:
        services.record_respond(record=record, response="  ", by=None)
    assert error.value.problems == {"response": "Say what the response said."}
    with pytest.raises(RuleError) as error:
        services.record_respond(record=record, response="x", by=None, on=dt.date(2024, 3, 1))
    assert error.value.problems == {
        "on": "The date cannot be before the date it was received (28 March 2024)."
    }
    services.record_respond(record=record, response="Done.", by=None)
    with pytest.raises(RuleError):
        services.record_respond(record=record, response="Again.", by=None)


def test_resolving_records_the_response_too():
    record = _request(factories.landlord())
    services.record_resolve(record=record, summary="Fixed.", by=None, on=dt.date(2024, 4, 2))
    record.refresh_from_db()
    assert (record.responded_on, record.response) == (dt.date(2024, 4, 2), "Fixed.")
