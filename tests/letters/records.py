"""Realistic complaints for the letter tests, built through the complaint services.

Each builder takes the complaint to the moment one kind of letter is written. Dates are
chosen so every date a letter must carry is different from the others, so removing one
from the text removes nothing else.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from putright.complaints import services
from putright.complaints.models import Complaint
from putright.landlords.models import Landlord, Role
from putright.letters.kinds import LetterKind
from putright.residents.models import Property, Representative, Resident
from tests import factories

RECEIVED = dt.date(2024, 3, 29)  # Good Friday: acknowledgement due Monday 8 April 2024
STAGE1_ACKNOWLEDGED = dt.date(2024, 4, 4)  # response due 18 April 2024
STAGE1_EXTENDED = dt.date(2024, 4, 10)  # 5 working days more: due 25 April 2024
STAGE1_RESPONDED = dt.date(2024, 4, 24)
ESCALATED = dt.date(2024, 5, 1)
STAGE2_ACKNOWLEDGED = dt.date(2024, 5, 3)
STAGE2_RESPONDED = dt.date(2024, 5, 30)
LETTER_DATE = dt.date(2024, 6, 3)


def landlord(**fields) -> Landlord:
    """A landlord with its contact details filled in, as a real deployment has them."""
    values = {
        "phone": "01632 960 001",
        "email": "complaints@riverside-homes.example",
        "address": "Riverside House\n1 Quay Street\nExampleton EX1 1AA",
        "website": "riverside-homes.example/complaints",
        **fields,
    }
    return factories.landlord(**values)


def resident(ll: Landlord, *, email: str = "amina.okafor@example.org") -> Resident:
    home = Property.objects.create(
        landlord=ll, address="Flat 4, Willow Court\n12 Mill Lane\nExampleton", postcode="EX2 3BB"
    )
    return Resident.objects.create(landlord=ll, name="Amina Okafor", email=email, home=home)


def representative(person: Resident, *, consent: bool = True) -> Representative:
    return Representative.objects.create(
        resident=person,
        name="Jo Advocate",
        kind="advocate",
        email="jo@advocacy.example",
        consent_given_on=RECEIVED if consent else None,
    )


def handler(ll: Landlord, first: str = "Priya", last: str = "Shah", role: str = Role.HANDLER):
    return factories.user(landlord=ll, first_name=first, last_name=last, role=role)


def logged(ll: Landlord | None = None, **fields) -> Complaint:
    ll = ll or landlord()
    fields.setdefault("resident", resident(ll))
    return services.complaint_log(
        landlord=ll,
        received_on=RECEIVED,
        channel="phone",
        description="My boiler has been broken since January and nobody came back to me.",
        outcome_wanted="A working boiler and an apology.",
        by=None,
        **fields,
    )


def stage1_acknowledged(ll: Landlord | None = None, **fields) -> Complaint:
    c = logged(ll, **fields)
    services.complaint_triage(complaint=c, decision="complaint", by=None, on=RECEIVED)
    services.complaint_define(
        complaint=c,
        points=[
            "The boiler has not worked since January",
            "Nobody called you back when we promised",
        ],
        outcomes_sought="A working boiler, and an apology for the delay",
        not_responsible="The gas supply to the street, which is the gas network's responsibility",
        by=None,
        on=RECEIVED,
    )
    services.complaint_allocate(complaint=c, handler=handler(c.landlord), by=None)
    services.complaint_acknowledge(complaint=c, by=None, on=STAGE1_ACKNOWLEDGED)
    return Complaint.objects.get(pk=c.pk)


def stage1_extended(ll: Landlord | None = None, **fields) -> Complaint:
    c = stage1_acknowledged(ll, **fields)
    services.complaint_extend(
        complaint=c,
        working_days=5,
        reason="We are waiting for a report from a heating engineer.",
        by=None,
        on=STAGE1_EXTENDED,
    )
    return Complaint.objects.get(pk=c.pk)


def stage1_decided(ll: Landlord | None = None, **fields) -> Complaint:
    """The stage 1 decision recorded: the response letter is the one to write."""
    c = stage1_extended(ll, **fields)
    services.complaint_respond(
        complaint=c,
        outcome="partly_upheld",
        reasons=(
            "Our records show the repair was booked 3 weeks late.\n\n"
            "We did call you back, but a day later than we promised."
        ),
        point_outcomes=["upheld", "partly_upheld"],
        remedies=[
            services.RemedyInput(
                kind="apology",
                description="Apologise for the late repair booking",
                resident_wording="We are sorry that we booked your boiler repair so late.",
            ),
            services.RemedyInput(
                kind="financial",
                description="Compensation for time and trouble",
                resident_wording="We will pay you £150 for your time and trouble.",
                due_on=dt.date(2024, 5, 8),
                amount=Decimal("150"),
                compensation_reason="time_trouble",
            ),
        ],
        actions=[
            services.ActionInput(
                description="Replace the boiler", owner="Repairs team", due_on=dt.date(2024, 5, 10)
            )
        ],
        by=None,
        on=STAGE1_RESPONDED,
    )
    return Complaint.objects.get(pk=c.pk)


def stage1_responded(ll: Landlord | None = None, **fields) -> Complaint:
    """The stage 1 response sent on the day decided, as issuing its letter sends it (the
    apology it gives is done)."""
    c = stage1_decided(ll, **fields)
    factories.response_letter_sent(c, on=STAGE1_RESPONDED)
    return Complaint.objects.get(pk=c.pk)


def stage2_acknowledged(ll: Landlord | None = None, **fields) -> Complaint:
    c = stage1_responded(ll, **fields)
    services.complaint_request_escalation(
        complaint=c,
        requested_on=ESCALATED,
        reason="compensation",
        reason_text="£150 does not cover what I spent on electric heaters.",
        by=None,
    )
    services.complaint_define(
        complaint=c,
        points=["The compensation does not cover the cost of heaters"],
        outcomes_sought="Compensation for the cost of running heaters",
        by=None,
        on=ESCALATED,
    )
    services.complaint_allocate(
        complaint=c, handler=handler(c.landlord, "Grace", "Adeyemi", Role.SENIOR_HANDLER), by=None
    )
    services.complaint_acknowledge(complaint=c, by=None, on=STAGE2_ACKNOWLEDGED)
    return Complaint.objects.get(pk=c.pk)


def stage2_decided(ll: Landlord | None = None, **fields) -> Complaint:
    """The stage 2 decision recorded: the final response letter is the one to write."""
    c = stage2_acknowledged(ll, **fields)
    services.complaint_respond(
        complaint=c,
        outcome="upheld",
        reasons="Our compensation policy covers reasonable heating costs.",
        point_outcomes=["upheld"],
        remedies=[
            services.RemedyInput(
                kind="financial",
                description="Reimbursement of heating costs",
                due_on=dt.date(2024, 6, 14),
                amount=Decimal("212.40"),
                compensation_reason="reimbursement",
            )
        ],
        by=None,
        on=STAGE2_RESPONDED,
    )
    return Complaint.objects.get(pk=c.pk)


def stage2_responded(ll: Landlord | None = None, **fields) -> Complaint:
    """The final response sent on the day decided, as issuing its letter sends it."""
    c = stage2_decided(ll, **fields)
    factories.response_letter_sent(c, on=STAGE2_RESPONDED)
    return Complaint.objects.get(pk=c.pk)


def not_accepted(ll: Landlord | None = None, **fields) -> Complaint:
    c = logged(ll, **fields)
    services.complaint_not_accept(
        complaint=c,
        reason="legal_proceedings",
        explanation="You have started court action about this repair, so the court will decide it.",
        by=None,
        on=dt.date(2024, 4, 3),
    )
    return Complaint.objects.get(pk=c.pk)


def escalation_refused(ll: Landlord | None = None, **fields) -> Complaint:
    c = stage1_responded(ll, **fields)
    services.complaint_request_escalation(complaint=c, requested_on=ESCALATED, by=None)
    services.complaint_refuse_escalation(
        complaint=c,
        reason="legal_proceedings",
        explanation="You have since started court action about the boiler.",
        by=None,
        on=dt.date(2024, 5, 7),
    )
    return Complaint.objects.get(pk=c.pk)


#: For each kind, a builder of a complaint at the moment that letter is written.
AT_THE_MOMENT_FOR: dict[LetterKind, object] = {
    LetterKind.ACKNOWLEDGEMENT_STAGE1: stage1_acknowledged,
    LetterKind.ACKNOWLEDGEMENT_STAGE2: stage2_acknowledged,
    LetterKind.EXTENSION: stage1_extended,
    LetterKind.STAGE1_RESPONSE: stage1_decided,
    LetterKind.STAGE2_RESPONSE: stage2_decided,
    LetterKind.NOT_ACCEPTED: not_accepted,
    LetterKind.ESCALATION_REFUSED: escalation_refused,
    LetterKind.UPDATE: stage1_extended,
}
