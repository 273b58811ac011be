"""Remedies and outstanding actions followed to completion (Code 6.9f, section 7)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from putright.complaints import services
from putright.complaints.models import Event, OutstandingAction, Remedy
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db


def _responded_with_action():
    c = factories.stage1_acknowledged(factories.landlord(), received_on=dt.date(2024, 6, 3))
    services.complaint_respond(
        complaint=c,
        outcome="upheld",
        reasons="Late repair.",
        point_outcomes=["upheld"],
        remedies=[
            services.RemedyInput(
                kind="financial",
                due_on=dt.date(2024, 7, 1),
                amount=Decimal("200"),
                compensation_reason="distress_inconvenience",
            )
        ],
        actions=[
            services.ActionInput(
                description="Replace the window", owner="Repairs", due_on=dt.date(2024, 7, 1)
            )
        ],
        by=None,
        on=dt.date(2024, 6, 14),
    )
    return c


def test_an_outstanding_action_is_recorded_done_once_with_an_event():
    c = _responded_with_action()
    action = OutstandingAction.objects.get(stage__complaint=c)
    services.action_complete(action=action, by=None, on=dt.date(2024, 6, 28))
    action.refresh_from_db()
    assert action.done_on == dt.date(2024, 6, 28)
    assert Event.objects.filter(complaint=c, summary__startswith="Outstanding action done").exists()
    with pytest.raises(RuleError, match="already"):
        services.action_complete(action=action, by=None)


def test_an_action_cannot_be_done_before_the_response_promised_it():
    c = _responded_with_action()
    action = OutstandingAction.objects.get(stage__complaint=c)
    with pytest.raises(RuleError, match="before the response"):
        services.action_complete(action=action, by=None, on=dt.date(2024, 6, 10))


def test_compensation_accepted_and_paid():
    c = _responded_with_action()
    remedy = Remedy.objects.get(stage__complaint=c)
    with pytest.raises(RuleError) as error:
        services.remedy_record_progress(remedy=remedy, by=None, paid_on=dt.date(2024, 6, 20))
    assert set(error.value.problems) == {"amount_paid", "payment_method"}
    services.remedy_record_progress(
        remedy=remedy,
        by=None,
        accepted_on=dt.date(2024, 6, 18),
        amount_accepted=Decimal("200"),
        paid_on=dt.date(2024, 6, 20),
        amount_paid=Decimal("200"),
        payment_method="rent_account",
    )
    remedy.refresh_from_db()
    assert (remedy.paid_on, remedy.amount_paid, remedy.payment_method) == (
        dt.date(2024, 6, 20),
        Decimal("200.00"),
        "rent_account",
    )
    event = Event.objects.filter(complaint=c).order_by("-id").first()
    assert "paid on 20 June 2024 (credit to rent account)" in event.summary
