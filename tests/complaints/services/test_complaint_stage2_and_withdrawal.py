"""Escalation (Code 6.11 - 6.19) and withdrawal."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.complaints import services
from putright.complaints.models import Complaint
from putright.landlords.models import Role
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db


def test_escalation_needs_a_stage_1_response():
    c = factories.stage1_acknowledged(factories.landlord())
    with pytest.raises(RuleError, match="after a stage 1 response"):
        services.complaint_request_escalation(
            complaint=c, requested_on=dt.date(2024, 5, 1), by=None
        )


def test_escalation_needs_no_reason_and_counts_as_not_given():
    c = factories.stage1_responded(factories.landlord(), received_on=dt.date(2024, 5, 1))
    stage = services.complaint_request_escalation(
        complaint=c, requested_on=dt.date(2024, 5, 20), by=None
    )
    assert stage.escalation_reason == "not_given"
    assert Complaint.objects.get(pk=c.pk).state == "stage2"


def test_a_late_escalation_is_flagged_not_blocked():
    c = factories.stage1_responded(
        factories.landlord(escalation_window_days=28), received_on=dt.date(2024, 1, 2)
    )
    stage = services.complaint_request_escalation(
        complaint=c, requested_on=dt.date(2024, 9, 2), by=None, reason="actions_not_done"
    )
    assert stage.outside_escalation_window is True
    assert stage.escalation_reason == "actions_not_done"


def test_stage2_response_due_is_20_working_days_after_acknowledgement():
    landlord = factories.landlord()
    c = factories.stage1_responded(landlord, received_on=dt.date(2024, 5, 1))
    services.complaint_request_escalation(complaint=c, requested_on=dt.date(2024, 6, 3), by=None)
    services.complaint_define(complaint=c, points=["A"], outcomes_sought="X", by=None)
    senior = factories.user(landlord=landlord, role=Role.SENIOR_HANDLER)
    services.complaint_allocate(complaint=c, handler=senior, by=None)
    stage = services.complaint_acknowledge(complaint=c, by=None, on=dt.date(2024, 6, 5))
    # Wed 5 June 2024 + 20 working days = Wed 3 July 2024.
    assert stage.response_due == dt.date(2024, 7, 3)


def test_refusing_an_escalation_needs_a_valid_reason_and_closes_the_complaint():
    c = factories.stage1_responded(factories.landlord(), received_on=dt.date(2024, 5, 1))
    services.complaint_request_escalation(complaint=c, requested_on=dt.date(2024, 6, 3), by=None)
    with pytest.raises(RuleError):
        services.complaint_refuse_escalation(complaint=c, reason="because", explanation="", by=None)
    services.complaint_refuse_escalation(
        complaint=c, reason="legal_proceedings", explanation="Court action has started.", by=None
    )
    c = Complaint.objects.get(pk=c.pk)
    assert (c.state, c.stage(2).status) == ("closed", "not_accepted")


def test_withdrawal_records_who_asked_and_when():
    c = factories.stage1_acknowledged(factories.landlord(), received_on=dt.date(2024, 5, 1))
    with pytest.raises(RuleError) as error:
        services.complaint_withdraw(complaint=c, requested_by=" ", by=None)
    assert "requested_by" in error.value.problems
    services.complaint_withdraw(
        complaint=c, requested_by="The resident, by phone", by=None, on=dt.date(2024, 5, 3)
    )
    c = Complaint.objects.get(pk=c.pk)
    assert (c.state, c.withdrawn_on, c.stage(1).status) == (
        "withdrawn",
        dt.date(2024, 5, 3),
        "withdrawn",
    )


def test_a_responded_stage_cannot_be_withdrawn():
    c = factories.stage1_responded(factories.landlord())
    with pytest.raises(RuleError):
        services.complaint_withdraw(complaint=c, requested_by="Resident", by=None)


def test_the_timeline_does_not_say_the_resident_asked_when_a_representative_may_have():
    from putright.complaints.models import EventKind
    from putright.residents.models import Representative, Resident

    alone = factories.stage1_responded(factories.landlord(), received_on=dt.date(2024, 5, 1))
    represented = factories.stage1_responded(factories.landlord(), received_on=dt.date(2024, 5, 1))
    resident = Resident.objects.create(landlord=represented.landlord, name="Ada Brown")
    represented.representative = Representative.objects.create(
        resident=resident,
        name="Sam Okafor",
        kind="advocate",
        consent_given_on=dt.date(2024, 5, 1),
    )
    represented.save(update_fields=["representative"])
    for c in (alone, represented):
        services.complaint_request_escalation(
            complaint=c, requested_on=dt.date(2024, 5, 20), by=None
        )

    def summary(c: Complaint) -> str:
        return c.events.get(kind=EventKind.ESCALATION_REQUESTED).summary

    assert summary(alone).startswith("The resident asked for stage 2.")
    assert summary(represented).startswith(
        "The resident or their representative asked for stage 2."
    )
