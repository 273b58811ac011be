"""Ombudsman deadlines for the work queue and `putright ombudsman_remind`."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from putright.landlords.models import ClosureDay, Role
from putright.ombudsman import services
from putright.ombudsman.models import FindingKind, OrderKind, OrderStatus
from putright.ombudsman.selectors import ombudsman_deadlines_due, open_orders
from putright.ombudsman.services import FindingInput
from tests import factories
from tests.ombudsman.helpers import case, closed_complaint, evidence_request

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2024, 6, 10)


def test_deadlines_due_counts_working_days_and_includes_overdue_and_orders():
    landlord = factories.landlord()
    the_case = case(landlord, complaint=closed_complaint(landlord))
    overdue = evidence_request(the_case, deadline=dt.date(2024, 6, 7))  # Friday before
    today_ = evidence_request(the_case, deadline=MONDAY)
    wednesday = evidence_request(the_case, deadline=dt.date(2024, 6, 12))
    evidence_request(the_case, deadline=dt.date(2024, 6, 13))  # three working days away
    determination = services.determination_record(
        case=the_case,
        determined_on=dt.date(2024, 6, 3),
        findings=[FindingInput("Repairs", FindingKind.SEVERE_MALADMINISTRATION)],
        by=None,
    )
    order = services.order_add(
        determination=determination,
        kind=OrderKind.APOLOGY,
        description="Apologise",
        due_on=dt.date(2024, 6, 11),
        owner="Director",
        by=None,
    )

    due = ombudsman_deadlines_due(landlord, 2, MONDAY)

    assert [(d.kind, d.pk) for d in due] == [
        ("contact", overdue.pk),
        ("contact", today_.pk),
        ("order", order.pk),
        ("contact", wednesday.pk),
    ]
    assert [d.words for d in due] == [
        "1 working day overdue",
        "due today",
        "due in 1 working day",
        "due in 2 working days",
    ]
    assert due[2].severe and due[2].what == "Order: Apology"
    assert due[0].complaint_reference == the_case.complaint.reference


def test_met_contacts_and_finished_orders_drop_off_the_queue():
    landlord = factories.landlord()
    the_case = case(landlord)
    contact = evidence_request(the_case, deadline=MONDAY)
    services.contact_reply(contact=contact, sent_on=dt.date(2024, 6, 7), summary="Sent", by=None)
    assert ombudsman_deadlines_due(landlord, 2, MONDAY) == []


def test_closure_days_are_not_working_days_for_deadlines():
    landlord = factories.landlord()
    ClosureDay.objects.create(landlord=landlord, date=dt.date(2024, 6, 11))
    the_case = case(landlord)
    evidence_request(the_case, deadline=dt.date(2024, 6, 13))
    # Tuesday is closed: Wednesday and Thursday are the next two working days.
    assert len(ombudsman_deadlines_due(landlord, 2, MONDAY)) == 1


def test_open_orders_put_those_after_severe_maladministration_first():
    landlord = factories.landlord()
    the_case = case(landlord)
    determination = services.determination_record(
        case=the_case,
        determined_on=dt.date(2024, 6, 3),
        findings=[
            FindingInput("Repairs", FindingKind.SEVERE_MALADMINISTRATION),
            FindingInput("Complaint handling", FindingKind.SERVICE_FAILURE),
        ],
        by=None,
    )
    handling = determination.findings.get(number=2)
    early = services.order_add(
        determination=determination,
        kind=OrderKind.TRAINING,
        description="Train",
        due_on=dt.date(2024, 6, 20),
        owner="HR",
        by=None,
        finding=handling,
    )
    late_severe = services.order_add(
        determination=determination,
        kind=OrderKind.WORKS,
        description="Fix",
        due_on=dt.date(2024, 8, 1),
        owner="Repairs",
        by=None,
    )
    done = services.order_add(
        determination=determination,
        kind=OrderKind.APOLOGY,
        description="Sorry",
        due_on=dt.date(2024, 6, 10),
        owner="CEO",
        by=None,
    )
    services.order_record_progress(
        order=done,
        status=OrderStatus.COMPLIED,
        evidence="Letter",
        completed_on=dt.date(2024, 6, 5),
        by=None,
    )

    orders = list(open_orders(landlord))

    assert [(o.pk, o.follows_severe) for o in orders] == [(late_severe.pk, True), (early.pk, False)]


def test_the_reminder_emails_officers_and_administrators_what_is_due_and_overdue():
    landlord = factories.landlord("Riverside Homes")
    factories.user(landlord=landlord, role=Role.OFFICER, email="olivia@example.org")
    factories.user(landlord=landlord, role=Role.ADMINISTRATOR, email="adam@example.org")
    factories.user(landlord=landlord, role=Role.HANDLER, email="hamza@example.org")
    the_case = case(landlord, complaint=closed_complaint(landlord))
    evidence_request(the_case, deadline=dt.date(2024, 6, 7))
    evidence_request(the_case, deadline=dt.date(2024, 6, 11))
    evidence_request(the_case, deadline=dt.date(2024, 6, 20))
    out = io.StringIO()

    call_command("ombudsman_remind", "--on", "2024-06-10", stdout=out)

    assert sorted(m.to[0] for m in mail.outbox) == ["adam@example.org", "olivia@example.org"]
    message = mail.outbox[0]
    assert message.subject == (
        "Housing Ombudsman deadlines for Riverside Homes: 1 overdue, 1 due in the next 2 working days"
    )
    assert "Overdue:\n- Evidence request: Ombudsman case 202412345" in message.body
    assert "due 7 June 2024, 1 working day overdue." in message.body
    assert "due 11 June 2024, due in 1 working day." in message.body
    assert "20 June" not in message.body
    assert "Riverside Homes: 2 deadlines, reminded 2 people." in out.getvalue()


def test_the_reminder_stays_quiet_when_nothing_is_due():
    landlord = factories.landlord()
    factories.user(landlord=landlord, role=Role.OFFICER, email="olivia@example.org")
    out = io.StringIO()
    call_command("ombudsman_remind", "--on", "2024-06-10", stdout=out)
    assert mail.outbox == []
    assert "No Ombudsman deadlines are due or overdue." in out.getvalue()


def test_the_reminder_refuses_an_unknown_landlord_or_a_bad_date():
    with pytest.raises(CommandError, match="no landlord called 'Nobody'"):
        call_command("ombudsman_remind", "--landlord", "Nobody")
    with pytest.raises(CommandError, match="--on must be a date"):
        call_command("ombudsman_remind", "--on", "yesterday")
