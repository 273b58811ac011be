"""Builders for the portal's tests: someone following a complaint, letters issued."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from putright.complaints import services as complaint_services
from putright.complaints.models import Complaint
from putright.landlords.models import Landlord, today
from putright.letters import services as letter_services
from putright.letters.kinds import LetterKind
from putright.letters.models import Letter
from putright.portal.models import Person, PortalAccess
from putright.portal.tokens import new_token, token_digest
from tests import factories
from tests.letters import records


def access_for(
    complaint: Complaint, *, email: str = "amina.okafor@example.org", person: str = Person.RESIDENT
) -> tuple[PortalAccess, str]:
    """Portal access with a private link; returns the access and the link's token."""
    token = new_token()
    access = PortalAccess.objects.create(
        complaint=complaint, person=person, email=email, token_digest=token_digest(token)
    )
    return access, token


def follow(client: Client, complaint: Complaint, **kwargs: str) -> PortalAccess:
    """Open the complaint in ``client``'s session by its private link."""
    access, token = access_for(complaint, **kwargs)
    response = client.get(f"/track/link/{token}/")
    assert response.status_code == 302 and response["Location"] == "/track/complaint/"
    return access


def issue_letter(complaint: Complaint, kind: LetterKind) -> Letter:
    draft = letter_services.letter_draft(complaint=complaint, kind=kind, on=records.LETTER_DATE)
    return letter_services.letter_issue(
        complaint=complaint,
        kind=kind,
        subject=draft.subject,
        body_text=draft.body_text,
        delivery="post",
        by=None,
        on=records.LETTER_DATE,
    )


def received_today(landlord: Landlord) -> Complaint:
    """A complaint logged today, waiting for triage, from a resident with an email address."""
    return complaint_services.complaint_log(
        landlord=landlord,
        received_on=today(),
        channel="web",
        description="The lift has been broken for three weeks.",
        resident=records.resident(landlord),
        by=None,
    )


def acknowledged_today(landlord: Landlord) -> Complaint:
    """A stage 1 complaint acknowledged today."""
    c = received_today(landlord)
    complaint_services.complaint_triage(complaint=c, decision="complaint", by=None)
    complaint_services.complaint_define(
        complaint=c, points=["The lift is broken"], outcomes_sought="Mend the lift", by=None
    )
    complaint_services.complaint_allocate(complaint=c, handler=records.handler(landlord), by=None)
    complaint_services.complaint_acknowledge(complaint=c, by=None)
    return Complaint.objects.get(pk=c.pk)


def responded_today(landlord: Landlord) -> Complaint:
    """A stage 1 complaint answered today, its response letter sent, with an outstanding
    action."""
    c = acknowledged_today(landlord)
    complaint_services.complaint_respond(
        complaint=c,
        outcome="upheld",
        reasons="The repair was late.",
        point_outcomes=["upheld"],
        actions=[
            complaint_services.ActionInput(
                description="Service the lift every month",
                owner="Repairs team",
                due_on=today() + dt.timedelta(days=30),
            )
        ],
        by=None,
    )
    factories.response_letter_sent(c, on=today())
    return Complaint.objects.get(pk=c.pk)
