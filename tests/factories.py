"""Small factories for tests: each builds just what it is asked for, with plain defaults."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.contrib.auth import get_user_model

from putright.complaints import services
from putright.complaints.models import Complaint
from putright.landlords.models import Contractor, Landlord, Role, StaffMembership
from putright.rules.lifecycle import LetterOwed

_n = itertools.count(1)


def landlord(name: str | None = None, **fields) -> Landlord:
    return Landlord.objects.create(name=name or f"Landlord {next(_n)}", **fields)


def user(
    username: str | None = None,
    *,
    landlord: Landlord | None = None,
    role: str = Role.HANDLER,
    contractor: Contractor | None = None,
    **fields,
):
    u = get_user_model().objects.create_user(
        username=username or f"user{next(_n)}", password="a-long-test-password", **fields
    )
    if landlord is not None:
        StaffMembership.objects.create(user=u, landlord=landlord, role=role, contractor=contractor)
    return u


def contractor(landlord: Landlord, name: str | None = None) -> Contractor:
    return Contractor.objects.create(landlord=landlord, name=name or f"Contractor {next(_n)}")


def complaint(
    landlord: Landlord,
    *,
    received_on: dt.date = dt.date(2024, 3, 29),
    channel: str = "phone",
    description: str = "The repair to my boiler was not done.",
    **fields,
) -> Complaint:
    """A complaint logged, waiting for triage."""
    return services.complaint_log(
        landlord=landlord,
        received_on=received_on,
        channel=channel,
        description=description,
        by=None,
        **fields,
    )


def stage1_acknowledged(
    landlord: Landlord, *, handler=None, on: dt.date | None = None, **fields
) -> Complaint:
    """A complaint accepted, defined, allocated and acknowledged at stage 1."""
    c = complaint(landlord, **fields)
    services.complaint_triage(complaint=c, decision="complaint", by=None, on=c.received_on)
    services.complaint_define(
        complaint=c,
        points=["The boiler repair was not done"],
        outcomes_sought="Fix the boiler",
        by=None,
        on=c.received_on,
    )
    services.complaint_allocate(complaint=c, handler=handler or user(landlord=landlord), by=None)
    services.complaint_acknowledge(complaint=c, by=None, on=on or c.received_on)
    return Complaint.objects.get(pk=c.pk)


def stage1_responded(
    landlord: Landlord,
    *,
    on: dt.date | None = None,
    outcome: str = "upheld",
    amount: Decimal | None = None,
    **fields,
) -> Complaint:
    """A complaint whose stage 1 response is decided and sent (its letter issued) on ``on``."""
    c = stage1_acknowledged(landlord, **fields)
    remedies = []
    if amount is not None:
        remedies.append(
            services.RemedyInput(
                kind="financial",
                description="Compensation",
                due_on=c.received_on + dt.timedelta(30),
                amount=amount,
                compensation_reason="time_trouble",
            )
        )
    on = on or c.received_on + dt.timedelta(days=14)
    services.complaint_respond(
        complaint=c,
        outcome=outcome,
        reasons="Because.",
        point_outcomes=[outcome],
        remedies=remedies,
        by=None,
        on=on,
    )
    response_letter_sent(c, on=on)
    return Complaint.objects.get(pk=c.pk)


def response_letter_sent(c: Complaint, *, on: dt.date, delivery: str = "post"):
    """The current stage's response sent, as issuing its letter sends it (without rendering
    a letter): the stage responded on ``on``."""
    stage = Complaint.objects.get(pk=c.pk).current_stage
    return services.complaint_letter_sent(
        complaint=c,
        stage_number=stage.number,
        completes=LetterOwed.RESPONSE,
        letter=f"Stage {stage.number} response",
        delivery=delivery,
        sent_to="1 High Street",
        subject="Our response to your complaint",
        on=on,
        by=None,
    )
