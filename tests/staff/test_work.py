"""The queue of outstanding actions and remedies (issue 3, item 7): due, overdue and done,
with action_complete and remedy_record_progress recording each update."""

from __future__ import annotations

import datetime as dt
import html as htmllib
from decimal import Decimal

import pytest

from putright.complaints.models import OutstandingAction, Remedy
from putright.landlords.models import Role
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


@pytest.fixture
def responded(today):
    landlord = factories.landlord()
    c = factories.stage1_responded(
        landlord,
        received_on=today - dt.timedelta(days=30),
        on=today - dt.timedelta(days=10),
        amount=Decimal("250.00"),
    )
    stage = c.stage(1)
    late = OutstandingAction.objects.create(
        stage=stage,
        description="Fix the gutter",
        owner="Repairs",
        due_on=today - dt.timedelta(days=2),
    )
    soon = OutstandingAction.objects.create(
        stage=stage,
        description="Paint the hall",
        owner="Estates",
        due_on=today + dt.timedelta(days=5),
    )
    return landlord, c, late, soon


def test_due_overdue_and_done(responded):
    landlord, _c, _late, _soon = responded
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    due = client.get("/staff/actions/")
    overdue = client.get("/staff/actions/?show=overdue")

    assert [a.description for a, _ in due.context["action_rows"]] == ["Paint the hall"]
    assert [a.description for a, _ in overdue.context["action_rows"]] == ["Fix the gutter"]
    assert "Overdue (1)" in text(due)


def test_record_an_action_done_with_the_update_to_the_resident(today, responded):
    landlord, c, late, _soon = responded
    client = people.signed_in(people.staff(landlord, Role.HANDLER))

    response = client.post(
        f"/staff/actions/{late.pk}/done/",
        {
            "note": "Told the resident by phone.",
            "version": c.version,
            **people.date_fields("on", today),
        },
        follow=True,
    )

    late.refresh_from_db()
    assert late.done_on == today
    assert "The action is recorded as done." in text(response)
    assert c.events.filter(summary__contains="Told the resident by phone.").exists()
    done = client.get("/staff/actions/?show=done")
    assert [a.description for a, _ in done.context["action_rows"]] == ["Fix the gutter"]


def test_record_a_payment_needs_how_it_was_paid(today, responded):
    landlord, _c, _late, _soon = responded
    remedy = Remedy.objects.get()
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    nothing = client.post(f"/staff/remedies/{remedy.pk}/", {})
    no_method = client.post(
        f"/staff/remedies/{remedy.pk}/",
        {**people.date_fields("paid_on", today), "amount_paid": "250.00"},
    )
    client.post(
        f"/staff/remedies/{remedy.pk}/",
        {
            **people.date_fields("paid_on", today),
            "amount_paid": "250.00",
            "payment_method": "rent_account",
            **people.date_fields("done_on", today),
        },
    )

    assert "Enter at least one date" in text(nothing)
    assert "Choose how it was paid" in text(no_method)
    remedy.refresh_from_db()
    assert (remedy.amount_paid, remedy.payment_method, remedy.done_on) == (
        Decimal("250.00"),
        "rent_account",
        today,
    )


def test_a_viewer_sees_the_queue_but_cannot_record(responded):
    landlord, _c, late, _soon = responded
    viewer = people.signed_in(people.staff(landlord, Role.VIEWER))

    assert "Record as done" not in text(viewer.get("/staff/actions/?show=overdue"))
    assert viewer.post(f"/staff/actions/{late.pk}/done/", {}).status_code == 403
