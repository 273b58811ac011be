"""Code 6.13 in the services (issue 14, item 1): a stage is allocated only to someone of
the landlord whose role handles complaints, stage 2 only to a senior handler or officer of
the landlord who did not handle stage 1, and only the person a stage is allocated to (or a
complaints officer, recorded as such) records its response."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from putright.complaints import services
from putright.complaints.models import Complaint, Event, EventKind
from putright.landlords.models import Role
from putright.rules import allocation
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db


def _stage2_requested(landlord, *, stage1_handler):
    c = factories.stage1_responded(
        landlord, handler=stage1_handler, received_on=dt.date(2024, 5, 1)
    )
    services.complaint_request_escalation(complaint=c, requested_on=dt.date(2024, 6, 3), by=None)
    services.complaint_define(
        complaint=c, points=["Still broken"], outcomes_sought="Fix it", by=None
    )
    return Complaint.objects.get(pk=c.pk)


def _stage2_acknowledged(landlord, *, stage1_handler, stage2_handler):
    c = _stage2_requested(landlord, stage1_handler=stage1_handler)
    services.complaint_allocate(complaint=c, handler=stage2_handler, by=None)
    services.complaint_acknowledge(complaint=c, by=None, on=dt.date(2024, 6, 4))
    return Complaint.objects.get(pk=c.pk)


def test_the_rules_roles_are_the_roles_the_staff_list_stores():
    roles = allocation.STAGE1_HANDLER_ROLES | allocation.RECORDS_FOR_HANDLER_ROLES
    assert roles <= set(Role.values)
    assert Role.VIEWER not in roles and Role.ADMINISTRATOR not in roles


@pytest.mark.parametrize(
    ("role", "contractor", "words"),
    [
        (Role.HANDLER, False, "and Pat is a handler."),
        (Role.CONTRACTOR_HANDLER, True, "and Pat is a contractor handler."),
        (Role.VIEWER, False, "Pat is a viewer (read-only), a role that does not handle"),
        (Role.ADMINISTRATOR, False, "Pat is an administrator, a role that does not handle"),
    ],
)
def test_stage_2_goes_only_to_a_senior_handler_or_officer_of_the_landlord(role, contractor, words):
    landlord = factories.landlord()
    kestrel = factories.contractor(landlord, "Kestrel Repairs") if contractor else None
    c = _stage2_requested(landlord, stage1_handler=factories.user(landlord=landlord))
    if kestrel:
        Complaint.objects.filter(pk=c.pk).update(contractor=kestrel)
        c.refresh_from_db()
    person = factories.user(landlord=landlord, role=role, contractor=kestrel, first_name="Pat")
    version = c.version

    with pytest.raises(RuleError) as refused:
        services.complaint_allocate(complaint=c, handler=person, by=None)

    assert words in refused.value.problems["handler"]
    after = Complaint.objects.get(pk=c.pk)
    assert after.stage(2).handler is None and after.version == version


@pytest.mark.parametrize("role", [Role.SENIOR_HANDLER, Role.OFFICER])
def test_a_senior_handler_or_officer_takes_stage_2(role):
    landlord = factories.landlord()
    c = _stage2_requested(landlord, stage1_handler=factories.user(landlord=landlord))
    senior = factories.user(landlord=landlord, role=role)

    services.complaint_allocate(complaint=c, handler=senior, by=None)

    assert Complaint.objects.get(pk=c.pk).stage(2).handler == senior


def test_a_senior_handler_who_handled_stage_1_does_not_take_stage_2():
    landlord = factories.landlord()
    senior = factories.user(landlord=landlord, role=Role.SENIOR_HANDLER)
    c = _stage2_requested(landlord, stage1_handler=senior)

    with pytest.raises(RuleError) as refused:
        services.complaint_allocate(complaint=c, handler=senior, by=None)

    assert refused.value.problems == {
        "handler": "The stage 2 handler must be a different person from the stage 1 handler."
    }


def test_a_viewer_is_never_given_stage_1():
    landlord = factories.landlord()
    c = factories.complaint(landlord)
    services.complaint_triage(complaint=c, decision="complaint", by=None, on=c.received_on)
    viewer = factories.user(landlord=landlord, role=Role.VIEWER, first_name="Val")

    with pytest.raises(RuleError) as refused:
        services.complaint_allocate(complaint=c, handler=viewer, by=None)

    assert refused.value.problems["handler"].startswith("Val is a viewer (read-only)")


def test_the_stage_1_handler_cannot_record_the_stage_2_response():
    landlord = factories.landlord()
    hamza = factories.user(landlord=landlord, first_name="Hamza", last_name="Ali")
    sarah = factories.user(
        landlord=landlord, role=Role.SENIOR_HANDLER, first_name="Sarah", last_name="Bennett"
    )
    c = _stage2_acknowledged(landlord, stage1_handler=hamza, stage2_handler=sarah)
    version = c.version

    with pytest.raises(RuleError) as refused:
        services.complaint_respond(
            complaint=c, outcome="upheld", reasons="Fair.", point_outcomes=["upheld"], by=hamza
        )

    assert refused.value.problems == {
        "": "Stage 2 is allocated to Sarah Bennett: only they, or a complaints officer "
        "recording it for them, can record its response."
    }
    after = Complaint.objects.get(pk=c.pk)
    assert after.stage(2).decided_on is None and after.version == version


def test_the_handler_records_their_own_response_in_their_name():
    landlord = factories.landlord()
    sarah = factories.user(landlord=landlord, role=Role.SENIOR_HANDLER, first_name="Sarah")
    c = _stage2_acknowledged(
        landlord, stage1_handler=factories.user(landlord=landlord), stage2_handler=sarah
    )

    services.complaint_respond(
        complaint=c, outcome="upheld", reasons="Fair.", point_outcomes=["upheld"], by=sarah
    )

    decided = Event.objects.filter(complaint=c, kind=EventKind.DECIDED, stage=2).get()
    assert decided.summary.startswith("Stage 2 final decision recorded: upheld.")
    assert decided.actor == sarah and "recorded_for" not in decided.detail


def test_a_handler_recording_their_own_response_has_their_role_read_once_for_the_rule():
    landlord = factories.landlord()
    sarah = factories.user(landlord=landlord, role=Role.SENIOR_HANDLER, first_name="Sarah")
    c = _stage2_acknowledged(
        landlord, stage1_handler=factories.user(landlord=landlord), stage2_handler=sarah
    )
    with CaptureQueriesContext(connection) as queries:
        services.complaint_respond(
            complaint=c, outcome="upheld", reasons="Fair.", point_outcomes=["upheld"], by=sarah
        )
    # Once for whether she may act on the complaint, once as the handler who records it:
    # not a third time as the recorder, who is the same person.
    reads = [q for q in queries.captured_queries if 'FROM "landlords_staffmembership"' in q["sql"]]
    assert len(reads) == 2
    assert Event.objects.filter(complaint=c, kind=EventKind.DECIDED, stage=2).get().actor == sarah


def test_an_officer_records_the_response_for_the_handler_and_the_timeline_says_so():
    landlord = factories.landlord()
    sarah = factories.user(
        landlord=landlord, role=Role.SENIOR_HANDLER, first_name="Sarah", last_name="Bennett"
    )
    olivia = factories.user(
        landlord=landlord, role=Role.OFFICER, first_name="Olivia", last_name="Grant"
    )
    c = _stage2_acknowledged(
        landlord, stage1_handler=factories.user(landlord=landlord), stage2_handler=sarah
    )

    services.complaint_respond(
        complaint=c, outcome="upheld", reasons="Fair.", point_outcomes=["upheld"], by=olivia
    )
    services.complaint_response_correct(
        complaint=c, outcome="partly_upheld", reasons="Fair.", point_outcomes=["upheld"], by=olivia
    )

    decided, corrected = Event.objects.filter(
        complaint=c, kind__in=(EventKind.DECIDED, EventKind.RESPONSE_CORRECTED), stage=2
    ).order_by("id")
    assert decided.summary == (
        "Stage 2 final decision recorded by Olivia Grant for Sarah Bennett: upheld. The stage 2 "
        "response letter is still to send."
    )
    assert decided.actor == olivia
    assert decided.detail["recorded_for"] == {"id": sarah.pk, "name": "Sarah Bennett"}
    assert corrected.summary.startswith(
        "Stage 2 response corrected by Olivia Grant for Sarah Bennett before its letter was sent"
    )


def test_a_handler_cannot_correct_a_response_on_a_stage_allocated_to_someone_else():
    landlord = factories.landlord()
    sarah = factories.user(landlord=landlord, role=Role.SENIOR_HANDLER, first_name="Sarah")
    other = factories.user(landlord=landlord, role=Role.SENIOR_HANDLER)
    c = _stage2_acknowledged(
        landlord, stage1_handler=factories.user(landlord=landlord), stage2_handler=sarah
    )
    services.complaint_respond(
        complaint=c, outcome="upheld", reasons="Fair.", point_outcomes=["upheld"], by=sarah
    )

    with pytest.raises(RuleError, match="Stage 2 is allocated to Sarah"):
        services.complaint_response_correct(
            complaint=c, outcome="not_upheld", reasons="No.", point_outcomes=["upheld"], by=other
        )

    assert Complaint.objects.get(pk=c.pk).stage(2).outcome == "upheld"
