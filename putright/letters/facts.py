"""The facts of the record a letter is written from, read once into plain values.

``LetterFacts`` is what both the letter templates (through ``templating.letter_context``)
and the required-elements checks (``elements.py``) see. It holds only strings and small
frozen dataclasses, already worded as the letter words them (``wording.py``), so the check
looks for exactly what the template wrote. ``letter_facts`` is the one function here that
reads the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TypedDict, TypeVar

from django.db.models import Manager, Model, QuerySet

from putright.complaints.models import Complaint, Stage
from putright.landlords.models import Landlord, today
from putright.letters.kinds import KIND_STAGE, LetterKind
from putright.letters.wording import (
    DECISION_MEANINGS,
    DECISION_WORDS,
    ESCALATION_REASON_SENTENCES,
    long_date,
    one_line,
    pounds,
    sentence,
)
from putright.rules.codes import Jurisdiction, NotAcceptedReason, RemedyKind
from putright.rules.lifecycle import StageStatus, State
from putright.rules.remedies import resident_wording

T = TypeVar("T", bound=Model)


@dataclass(frozen=True, slots=True)
class ContactDetails:
    """How to reach an organisation: the landlord or the Housing Ombudsman."""

    name: str
    address: str = ""  # on one line
    phone: str = ""
    email: str = ""
    website: str = ""

    @property
    def ways(self) -> tuple[str, ...]:
        """The ways to get in touch, worded for a bulleted list."""
        ways = []
        if self.phone:
            ways.append(f"phone {self.phone}")
        if self.email:
            ways.append(f"email {self.email}")
        if self.website:
            ways.append(f"go to {self.website}")
        if self.address:
            ways.append(f"write to {self.address}")
        return tuple(ways)


@dataclass(frozen=True, slots=True)
class PointFacts:
    summary: str
    decision: str = ""  # "upheld", "partly upheld", "not upheld"
    finding: str = ""  # the reasons for the decision on the point, as the resident reads them
    number: int = 0


@dataclass(frozen=True, slots=True)
class RemedyFacts:
    """A remedy as the letter tells the resident: ``what`` is its resident wording."""

    what: str
    amount: str = ""  # "£150"
    by: str = ""  # "8 May 2024"
    in_letter: bool = False  # given by the letter itself: an apology, an explanation
    kind: str = ""  # "Apology", "Financial remedy": how a message names it to staff

    @property
    def sentence(self) -> str:
        """The remedy as a line of the letter: what we will do, the amount if the words do
        not already say it, and, for one done after the letter, by when."""
        line = sentence(self.what)
        if self.amount and self.amount not in line:
            line += f" The amount is {self.amount}."
        if self.by and not self.in_letter:
            line += f" We will do this by {self.by}."
        return line


@dataclass(frozen=True, slots=True)
class ActionFacts:
    what: str
    by: str
    owner: str = ""

    @property
    def sentence(self) -> str:
        """The action as a line of the letter, with its date."""
        return f"{sentence(self.what)} We will do this by {self.by}."


@dataclass(frozen=True, slots=True)
class ExtensionFacts:
    working_days: str
    reason: str
    previous_due: str
    new_due: str


@dataclass(frozen=True, slots=True)
class LetterFacts:
    """Everything a letter of ``kind`` may say, as plain strings."""

    kind: LetterKind
    stage: int
    reference: str
    letter_date: str
    landlord: ContactDetails
    ombudsman: ContactDetails
    #: The other ombudsman, whom this complaint cannot go to (its details must not appear).
    wrong_ombudsman: ContactDetails | None = None
    jurisdiction: str = Jurisdiction.HOUSING
    resident_name: str = ""
    handler_name: str = ""
    received_on: str = ""
    requested_on: str = ""
    acknowledged_on: str = ""
    response_due: str = ""
    # The complaint definition at this stage (Code 5.6).
    points: tuple[PointFacts, ...] = ()
    outcomes_sought: str = ""
    not_responsible: str = ""
    # The latest extension of this stage (Code 6.4, 6.16).
    extension: ExtensionFacts | None = None
    # The response (Code 6.9, 6.19).
    decision: str = ""
    decision_meaning: str = ""
    reasons: str = ""
    remedies: tuple[RemedyFacts, ...] = ()
    actions: tuple[ActionFacts, ...] = ()
    escalation_ask_by: str = ""
    # Stage 2: why the resident escalated, if they said (Code 6.12), and stage 1's outcome.
    escalation_reason_sentence: str = ""
    escalation_reason_words: str = ""
    stage1_decision: str = ""
    stage1_responded_on: str = ""
    stage1_resolved: tuple[str, ...] = ()
    # Not accepted, or escalation refused (Code 4.1 - 4.3).
    not_accepted_reason: str = ""
    not_accepted_explanation: str = ""
    not_accepted_on: str = ""
    # Where the complaint is now, in a sentence or two, and whether a response is still
    # to come (the update letter).
    progress: str = ""
    awaiting_response: bool = False

    @property
    def ombudsman_label(self) -> str:
        return ombudsman_label(self.jurisdiction)

    @property
    def escalation_reason(self) -> str:
        """Why the resident asked for stage 2: their words if recorded, else the reason they
        chose, as a sentence; empty if they did not say (Code 6.12: they need not)."""
        return self.escalation_reason_words or self.escalation_reason_sentence


def ombudsman_label(jurisdiction: str) -> str:
    """Which ombudsman a complaint of ``jurisdiction`` can go to, in plain words: "Housing
    Ombudsman" or "Local Government and Social Care Ombudsman"."""
    if jurisdiction == Jurisdiction.LGSCO:
        return str(Jurisdiction.LGSCO.label)
    return str(Jurisdiction.HOUSING.label)


def landlord_contact(landlord: Landlord) -> ContactDetails:
    return ContactDetails(
        name=landlord.name,
        address=_one_line_address(landlord.address),
        phone=landlord.phone.strip(),
        email=landlord.email.strip(),
        website=landlord.website.strip(),
    )


def ombudsman_contact(
    landlord: Landlord, jurisdiction: str = Jurisdiction.HOUSING
) -> ContactDetails:
    """domain.md §5: the details of the ombudsman a complaint can go to are landlord
    configuration: the Housing Ombudsman's, or for a council's complaint under the Local
    Government and Social Care Ombudsman's jurisdiction, that ombudsman's."""
    if jurisdiction == Jurisdiction.LGSCO:
        return ContactDetails(
            name=landlord.lgsco_name.strip() or Jurisdiction.LGSCO.label,
            address=_one_line_address(landlord.lgsco_address),
            phone=landlord.lgsco_phone.strip(),
            email=landlord.lgsco_email.strip(),
            website=landlord.lgsco_website.strip(),
        )
    return ContactDetails(
        name=landlord.ombudsman_name.strip() or "Housing Ombudsman Service",
        address=_one_line_address(landlord.ombudsman_address),
        phone=landlord.ombudsman_phone.strip(),
        email=landlord.ombudsman_email.strip(),
        website=landlord.ombudsman_website.strip(),
    )


def other_ombudsman_contact(landlord: Landlord, jurisdiction: str) -> ContactDetails:
    """The ombudsman a complaint of ``jurisdiction`` cannot go to: a letter must not send
    the resident there."""
    other = Jurisdiction.HOUSING if jurisdiction == Jurisdiction.LGSCO else Jurisdiction.LGSCO
    return ombudsman_contact(landlord, other)


def _one_line_address(address: str) -> str:
    lines = [line.strip().rstrip(",") for line in address.splitlines() if line.strip()]
    return ", ".join(lines)


def stage_for(complaint: Complaint, kind: LetterKind) -> Stage | None:
    """The stage a letter of ``kind`` is about: fixed by the kind, or the current stage."""
    number = KIND_STAGE[kind]
    if number is None:
        return complaint.current_stage
    return complaint.stage(number)


def letter_facts(
    complaint: Complaint, kind: LetterKind, *, on: dt.date | None = None
) -> LetterFacts:
    """Read the record into the facts a letter of ``kind`` is written from, dated ``on``."""
    landlord = complaint.landlord
    stage = stage_for(complaint, kind)
    resident = complaint.resident
    facts = LetterFacts(
        kind=kind,
        stage=stage.number if stage else KIND_STAGE[kind] or 1,
        reference=complaint.reference,
        letter_date=long_date(on or today()),
        landlord=landlord_contact(landlord),
        ombudsman=ombudsman_contact(landlord, complaint.jurisdiction),
        wrong_ombudsman=other_ombudsman_contact(landlord, complaint.jurisdiction),
        jurisdiction=complaint.jurisdiction,
        resident_name=resident.name if resident is not None else "",
        received_on=long_date(complaint.received_on),
        progress=progress_sentence(complaint, stage),
        awaiting_response=_awaiting_response(complaint, stage),
    )
    if stage is not None:
        facts = replace(facts, **_stage_facts(stage, landlord, on or today()))
    if stage is not None and stage.number == 2:
        first = complaint.stage(1)
        if first is not None:
            facts = replace(facts, **_stage1_outcome(first))
    return facts


def _awaiting_response(complaint: Complaint, stage: Stage | None) -> bool:
    return stage is not None and stage.is_open and complaint.state in (State.STAGE1, State.STAGE2)


def progress_sentence(complaint: Complaint, stage: Stage | None) -> str:
    """Where the complaint is now, as the resident reads it in an update: the stage it is
    at and when they will hear, or the last thing we told them."""
    state = complaint.state
    if state == State.RECEIVED or stage is None:
        return "We are deciding how to deal with your complaint. We will write to you soon."
    if state == State.WITHDRAWN:
        return f"Your complaint was withdrawn on {long_date(complaint.withdrawn_on)}."
    if stage.status == StageStatus.NOT_ACCEPTED:
        what = "your complaint" if stage.number == 1 else "your request for stage 2"
        return f"We wrote to you on {long_date(stage.not_accepted_on)} about {what}."
    response = "our stage 1 response" if stage.number == 1 else "our final response"
    if _awaiting_response(complaint, stage):
        return (
            f"Your complaint is at stage {stage.number} of our complaints process. We will "
            f"send you {response} by {long_date(stage.response_due_extended)}."
        )
    if stage.responded_on is not None:
        return f"We sent you {response} on {long_date(stage.responded_on)}."
    return f"Your complaint is at stage {stage.number} of our complaints process."


class _StageFacts(TypedDict):
    """The facts ``LetterFacts`` takes from the stage a letter is about."""

    stage: int
    handler_name: str
    requested_on: str
    acknowledged_on: str
    response_due: str
    points: tuple[PointFacts, ...]
    outcomes_sought: str
    not_responsible: str
    extension: ExtensionFacts | None
    decision: str
    decision_meaning: str
    reasons: str
    remedies: tuple[RemedyFacts, ...]
    actions: tuple[ActionFacts, ...]
    escalation_ask_by: str
    escalation_reason_sentence: str
    escalation_reason_words: str
    not_accepted_reason: str
    not_accepted_explanation: str
    not_accepted_on: str


class _Stage1Outcome(TypedDict):
    """The facts ``LetterFacts`` takes from stage 1, for a letter about stage 2."""

    stage1_decision: str
    stage1_responded_on: str
    stage1_resolved: tuple[str, ...]


def _of_stage(related: Manager[T], *fields: str) -> QuerySet[T]:
    """One stage's points or remedies in their models' order, sorted by ``fields``: their
    default ordering begins with the stage, which makes the database join the stage table
    to sort by its complaint and number, all the same for the rows of one stage."""
    return related.order_by(*fields)


def _stage_facts(stage: Stage, landlord: Landlord, on: dt.date) -> _StageFacts:
    handler = stage.handler
    points = tuple(
        PointFacts(
            summary=one_line(p.summary),
            decision=DECISION_WORDS.get(p.outcome, ""),
            finding=p.finding.strip(),
            number=i,
        )
        for i, p in enumerate(_of_stage(stage.points, "number"), start=1)
    )
    latest = stage.extensions.order_by("-id").first()
    extension = (
        ExtensionFacts(
            working_days=str(latest.working_days),
            reason=latest.reason.strip(),
            previous_due=long_date(latest.previous_due),
            new_due=long_date(latest.new_due),
        )
        if latest is not None
        else None
    )
    remedies = tuple(
        RemedyFacts(
            what=one_line(r.resident_wording) or resident_wording(r.kind, r.amount_offered),
            amount=pounds(r.amount_offered) if r.kind == RemedyKind.FINANCIAL else "",
            by=long_date(r.due_on),
            in_letter=r.delivered_in_letter,
            kind=RemedyKind(r.kind).label,
        )
        for r in _of_stage(stage.remedies, "id")
    )
    actions = tuple(
        ActionFacts(what=one_line(a.description), by=long_date(a.due_on), owner=a.owner.strip())
        for a in stage.actions.all()
    )
    # The response is sent with its letter: the window runs from the letter's date.
    sent_on = stage.responded_on or (on if stage.decided_on else None)
    ask_by = (
        long_date(sent_on + dt.timedelta(days=landlord.escalation_window_days))
        if stage.number == 1 and sent_on
        else ""
    )
    reason_sentence = ESCALATION_REASON_SENTENCES.get(stage.escalation_reason, "")
    return {
        "stage": stage.number,
        "handler_name": handler.get_full_name().strip() if handler is not None else "",
        "requested_on": long_date(stage.requested_on),
        "acknowledged_on": long_date(stage.acknowledged_on),
        "response_due": long_date(stage.response_due_extended),
        "points": points,
        "outcomes_sought": stage.outcomes_sought.strip(),
        "not_responsible": stage.not_responsible.strip(),
        "extension": extension,
        "decision": DECISION_WORDS.get(stage.outcome, ""),
        "decision_meaning": DECISION_MEANINGS.get(stage.outcome, ""),
        "reasons": stage.reasons.strip(),
        "remedies": remedies,
        "actions": actions,
        "escalation_ask_by": ask_by,
        "escalation_reason_sentence": reason_sentence if stage.number == 2 else "",
        "escalation_reason_words": stage.escalation_reason_text.strip()
        if stage.number == 2
        else "",
        "not_accepted_reason": (
            NotAcceptedReason(stage.not_accepted_reason).label if stage.not_accepted_reason else ""
        ),
        "not_accepted_explanation": stage.not_accepted_detail.strip(),
        "not_accepted_on": long_date(stage.not_accepted_on),
    }


def _stage1_outcome(first: Stage) -> _Stage1Outcome:
    """Code 6.11 / domain.md §5: the stage 2 acknowledgement says what is already resolved."""
    done = [
        sentence(r.resident_wording or r.description) or RemedyKind(r.kind).label
        for r in _of_stage(first.remedies, "id")
        if r.done_on
    ]
    done += [one_line(a.description) for a in first.actions.all() if a.done_on]
    return {
        "stage1_decision": DECISION_WORDS.get(first.outcome, ""),
        "stage1_responded_on": long_date(first.responded_on),
        "stage1_resolved": tuple(done),
    }


def recipient_address(complaint: Complaint) -> tuple[str, ...]:
    """The resident's postal address as lines, from their home (or the complaint's), if known."""
    home = complaint.home
    if home is None and complaint.resident is not None:
        home = complaint.resident.home
    if home is None:
        return ()
    lines = [line.strip().rstrip(",") for line in home.address.splitlines() if line.strip()]
    if home.postcode and home.postcode.strip() not in " ".join(lines):
        lines.append(home.postcode.strip())
    return tuple(lines)


def sample_facts(kind: LetterKind) -> LetterFacts:
    """A full, made-up record for checking a template before it is saved: every optional
    part (remedies, actions, the escalation reason) is present, so a template that would
    drop one of them is caught."""
    return LetterFacts(
        kind=kind,
        stage=2
        if kind
        in (
            LetterKind.ACKNOWLEDGEMENT_STAGE2,
            LetterKind.STAGE2_RESPONSE,
            LetterKind.ESCALATION_REFUSED,
        )
        else 1,
        reference="CU-000123",
        letter_date="8 April 2024",
        landlord=ContactDetails(
            name="Example Homes",
            address="1 High Street, Exampleton EX1 1AA",
            phone="01234 567890",
            email="complaints@example.org.uk",
            website="example.org.uk/complaints",
        ),
        ombudsman=ContactDetails(
            name="Housing Ombudsman Service",
            address="PO Box 1484, Unit D, Preston PR2 0ET",
            phone="0300 111 3000",
            email="info@housing-ombudsman.org.uk",
            website="housing-ombudsman.org.uk",
        ),
        resident_name="Sam Jones",
        handler_name="Alex Smith",
        received_on="2 April 2024",
        requested_on="3 April 2024",
        acknowledged_on="5 April 2024",
        response_due="19 April 2024",
        points=(
            PointFacts(
                "The boiler has not worked since January",
                "upheld",
                "The repair was booked three weeks after you reported it.",
                1,
            ),
            PointFacts(
                "Nobody called back when promised",
                "partly upheld",
                "We called you back, but two days later than we said.",
                2,
            ),
        ),
        outcomes_sought="A working boiler and an apology",
        not_responsible="The gas supply to the street, which is Cadent's responsibility",
        extension=ExtensionFacts(
            "5", "We are waiting for a specialist's report", "19 April 2024", "26 April 2024"
        ),
        decision="partly upheld",
        decision_meaning=DECISION_MEANINGS["partly_upheld"],
        reasons="Our records show the repair was booked late.",
        remedies=(
            RemedyFacts(
                "We are sorry that your boiler was not repaired sooner.",
                by="19 April 2024",
                in_letter=True,
                kind="Apology",
            ),
            RemedyFacts(
                "We will pay you £150 for your time and trouble.",
                "£150",
                "3 May 2024",
                kind="Financial remedy",
            ),
        ),
        actions=(ActionFacts("Replace the boiler", "10 May 2024", "Repairs team"),),
        escalation_ask_by="17 May 2024",
        escalation_reason_sentence=ESCALATION_REASON_SENTENCES["disagrees_with_decision"],
        escalation_reason_words="The compensation does not cover my heating costs.",
        stage1_decision="partly upheld",
        stage1_responded_on="1 April 2024",
        stage1_resolved=("A written apology from the repairs manager",),
        not_accepted_reason="The issue arose more than 12 months ago",
        not_accepted_explanation="The repair you describe was finished in 2021.",
        not_accepted_on="8 April 2024",
        progress=(
            "Your complaint is at stage 1 of our complaints process. We will send you our "
            "stage 1 response by 19 April 2024."
        ),
        awaiting_response=True,
    )
