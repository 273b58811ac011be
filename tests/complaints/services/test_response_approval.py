"""Sign-off before a response goes (issue 17, item 2): the landlord's limits decide which
responses need approval; their letter cannot go until a complaints officer or a senior
handler who neither handles the stage nor recorded the decision approves it; waiting does
not stop the clock; the timeline records who approved, when, and what was sent back."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from putright.complaints import services
from putright.complaints.models import Complaint, Event, EventKind
from putright.landlords.models import Role
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db

RECEIVED = dt.date(2024, 6, 3)
ACKNOWLEDGED = dt.date(2024, 6, 4)  # response due 18 June 2024
DECIDED = dt.date(2024, 6, 14)


def _landlord(**policy):
    return factories.landlord(**policy)


def _decided(landlord, *, amount: str | None = None, by=None) -> Complaint:
    handler = factories.user(landlord=landlord, role=Role.HANDLER)
    c = factories.stage1_acknowledged(landlord, handler=handler, received_on=RECEIVED,
                                      on=ACKNOWLEDGED)  # fmt: skip
    remedies = []
    if amount is not None:
        remedies.append(services.RemedyInput(
            kind="financial", description="Time and trouble", due_on=dt.date(2024, 7, 1),
            amount=Decimal(amount), compensation_reason="time_trouble"))  # fmt: skip
    services.complaint_respond(complaint=c, outcome="upheld", reasons="We were late.",
                               point_outcomes=["upheld"], remedies=remedies,
                               by=by or handler, on=DECIDED)  # fmt: skip
    return Complaint.objects.get(pk=c.pk)


def _send_letter(c: Complaint, on=dt.date(2024, 6, 17)):
    return factories.response_letter_sent(c, on=on)


def test_no_limits_no_approval():
    c = _decided(_landlord(), amount="5000")
    assert c.stage(1).approval_needed == ""
    assert not c.stage(1).awaiting_approval
    _send_letter(c)
    assert Complaint.objects.get(pk=c.pk).stage(1).responded_on == dt.date(2024, 6, 17)


def test_compensation_over_the_limit_holds_the_letter_until_approved():
    landlord = _landlord(approval_compensation_over=Decimal("500"))
    c = _decided(landlord, amount="750")
    stage = c.stage(1)
    assert stage.awaiting_approval
    assert stage.approval_needed == "the compensation offered, £750.00, is over £500.00"
    decided = Event.objects.get(complaint=c, kind=EventKind.DECIDED)
    assert decided.summary.endswith(
        "It needs approval before its letter goes: the compensation offered, £750.00, is "
        "over £500.00."
    )
    with pytest.raises(RuleError) as refused:
        _send_letter(c)
    assert "needs approval before its letter goes" in refused.value.problems["kind"]
    # Waiting does not stop the clock: still open, still due on 18 June.
    stage = Complaint.objects.get(pk=c.pk).stage(1)
    assert stage.responded_on is None
    assert stage.response_due_extended == dt.date(2024, 6, 18)

    senior = factories.user(landlord=landlord, role=Role.SENIOR_HANDLER, first_name="Ola",
                            last_name="Ade")  # fmt: skip
    services.complaint_response_approve(complaint=c, by=senior, note="Fair for the delay.")
    stage = Complaint.objects.get(pk=c.pk).stage(1)
    assert stage.approved_by == senior and stage.approved_at is not None
    assert not stage.awaiting_approval
    approved = Event.objects.get(complaint=c, kind=EventKind.APPROVAL)
    assert approved.actor == senior
    assert approved.summary == (
        "Stage 1 response approved: Fair for the delay. Its letter can now be sent."
    )
    _send_letter(c)
    assert Complaint.objects.get(pk=c.pk).stage(1).responded_on == dt.date(2024, 6, 17)


def test_under_the_limit_needs_no_approval():
    c = _decided(_landlord(approval_compensation_over=Decimal("500")), amount="500")
    assert not c.stage(1).awaiting_approval


def test_every_stage2_response_reviewed():
    landlord = _landlord(approval_reviewed="stage2")
    c = _decided(landlord)
    assert not c.stage(1).awaiting_approval  # stage 1 goes without


def test_every_response_reviewed_and_who_may_approve():
    landlord = _landlord(approval_reviewed="all")
    c = _decided(landlord)
    assert c.stage(1).approval_needed == "every response is approved before it goes"
    handler = c.stage(1).handler
    for person, words in (
        (handler, "A handler cannot approve a response"),
        (factories.user(landlord=landlord, role=Role.HANDLER), "cannot approve a response"),
        (factories.user(landlord=landlord, role=Role.ADMINISTRATOR), "cannot approve"),
    ):
        with pytest.raises(RuleError) as refused:
            services.complaint_response_approve(complaint=c, by=person)
        assert words in refused.value.problems["by"]
    with pytest.raises(PermissionDenied):  # another landlord's officer
        services.complaint_response_approve(
            complaint=c, by=factories.user(landlord=factories.landlord(), role=Role.OFFICER)
        )
    assert Complaint.objects.get(pk=c.pk).stage(1).awaiting_approval
    assert not Event.objects.filter(complaint=c, kind=EventKind.APPROVAL).exists()


def test_the_officer_who_recorded_it_for_the_handler_cannot_approve_it():
    landlord = _landlord(approval_reviewed="all")
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    c = _decided(landlord, by=officer)
    with pytest.raises(RuleError) as refused:
        services.complaint_response_approve(complaint=c, by=officer)
    assert refused.value.problems["by"].startswith("You recorded this decision")


def test_sent_back_then_corrected_then_approved():
    landlord = _landlord(approval_compensation_over=Decimal("100"))
    c = _decided(landlord, amount="300")
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    with pytest.raises(RuleError) as refused:
        services.complaint_response_send_back(complaint=c, by=officer, reason="  ")
    assert refused.value.problems == {"reason": "Say what needs to change."}
    services.complaint_response_send_back(complaint=c, by=officer,
                                          reason="Offer £250: our bands.")  # fmt: skip
    back = Event.objects.get(complaint=c, kind=EventKind.APPROVAL)
    assert back.summary == "Stage 1 response sent back for changes: Offer £250: our bands."
    assert Complaint.objects.get(pk=c.pk).stage(1).awaiting_approval  # still held
    # The handler corrects it: still over the limit, so it waits for approval again.
    stage = Complaint.objects.get(pk=c.pk).stage(1)
    services.complaint_response_correct(
        complaint=c, outcome="upheld", reasons="We were late.", point_outcomes=["upheld"],
        remedies=[services.RemedyInput(kind="financial", description="Time and trouble",
                                       due_on=dt.date(2024, 7, 1), amount=Decimal("250"),
                                       compensation_reason="time_trouble")],
        by=stage.handler,
    )  # fmt: skip
    stage = Complaint.objects.get(pk=c.pk).stage(1)
    assert stage.approval_needed == "the compensation offered, £250.00, is over £100.00"
    services.complaint_response_approve(complaint=c, by=officer)
    with pytest.raises(RuleError):  # approved already: nothing waits
        services.complaint_response_approve(complaint=c, by=officer)
    # A correction after approval needs approving afresh.
    services.complaint_response_correct(
        complaint=c, outcome="partly_upheld", reasons="We were late.",
        point_outcomes=["partly_upheld"],
        remedies=[services.RemedyInput(kind="financial", description="Time and trouble",
                                       due_on=dt.date(2024, 7, 1), amount=Decimal("250"),
                                       compensation_reason="time_trouble")],
        by=stage.handler,
    )  # fmt: skip
    stage = Complaint.objects.get(pk=c.pk).stage(1)
    assert stage.awaiting_approval and stage.approved_by is None
