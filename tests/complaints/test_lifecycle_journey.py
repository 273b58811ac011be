"""A complaint through both stages, by the services, as the Code expects."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from putright.complaints import services
from putright.complaints.models import Complaint, Event
from putright.landlords.models import Role
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db


def test_worked_example_acknowledgement_due_after_easter():
    """domain.md §3: received Good Friday 29 March 2024, acknowledgement due Monday 8 April."""
    landlord = factories.landlord()
    c = factories.complaint(landlord, received_on=dt.date(2024, 3, 29))
    services.complaint_triage(complaint=c, decision="complaint", by=None, on=dt.date(2024, 4, 2))
    stage = Complaint.objects.get(pk=c.pk).stage(1)
    assert stage.acknowledgement_due == dt.date(2024, 4, 8)
    # No acknowledgement yet: the response is counted from the acknowledgement due date.
    assert stage.response_due == dt.date(2024, 4, 22)


def test_full_journey_to_final_response_writes_the_timeline():
    landlord = factories.landlord()
    c = factories.stage1_responded(landlord, amount=Decimal("150"), received_on=dt.date(2024, 5, 1))
    assert c.state == "stage1_closed"
    first_handler = c.stage(1).handler
    services.complaint_request_escalation(complaint=c, requested_on=dt.date(2024, 6, 3), by=None)
    with pytest.raises(RuleError, match="different person"):
        services.complaint_allocate(complaint=c, handler=first_handler, by=None)
    services.complaint_define(
        complaint=c,
        points=["Compensation too low"],
        outcomes_sought="More money",
        by=None,
        on=dt.date(2024, 6, 4),
    )
    senior = factories.user(landlord=landlord, role=Role.SENIOR_HANDLER)
    services.complaint_allocate(complaint=c, handler=senior, by=None)
    services.complaint_acknowledge(complaint=c, by=None, on=dt.date(2024, 6, 5))
    services.complaint_respond(
        complaint=c,
        outcome="not_upheld",
        reasons="The offer was fair.",
        point_outcomes=["not_upheld"],
        by=None,
        on=dt.date(2024, 6, 20),
    )
    c.refresh_from_db()
    assert c.state == "stage2"  # decided; the final response goes with its letter
    factories.response_letter_sent(c, on=dt.date(2024, 6, 21))
    c.refresh_from_db()
    assert c.state == "closed"
    kinds = list(Event.objects.filter(complaint=c).values_list("kind", flat=True))
    assert kinds[0] == "logged"
    assert kinds.count("decided") == 2
    assert kinds.count("responded") == 2
    assert "escalation_requested" in kinds


def test_response_without_reasons_is_refused_and_changes_nothing():
    landlord = factories.landlord()
    c = factories.stage1_acknowledged(landlord)
    before = Event.objects.filter(complaint=c).count()
    with pytest.raises(RuleError) as error:
        services.complaint_respond(
            complaint=c, outcome="upheld", reasons=" ", point_outcomes=["upheld"], by=None
        )
    assert "reasons" in error.value.problems
    c.refresh_from_db()
    assert c.state == "stage1"
    assert Event.objects.filter(complaint=c).count() == before
