"""What the API accepts and returns. Codes are the ones in ``putright.rules.codes`` (the
same as the CSV register and the database); dates are ISO dates in Europe/London.

Inputs refuse fields they do not know, so a misspelt field is an error rather than silently
ignored. What a value must be *for the rules* (a reason given, a date not in the future) is
the services' business: they answer with the Code's own words.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Schema
from pydantic import AfterValidator, AwareDatetime, ConfigDict, Field

from putright.complaints.models import ContactDirection, ContactMethod, EventKind
from putright.complaints.services.contacts import RepairsChannel
from putright.letters.kinds import Delivery, LetterKind
from putright.ombudsman.models import (
    ContactKind,
    FailureOrderKind,
    FindingKind,
    OmbudsmanCategory,
    OrderKind,
    OrderStatus,
)
from putright.residents.models import ReasonableAdjustment, Resident
from putright.rules.calendar import FIRST_YEAR, LAST_YEAR
from putright.rules.codes import (
    Channel,
    CompensationReason,
    EscalationReason,
    ExtensionReason,
    Jurisdiction,
    Kind,
    MemberRole,
    NotAcceptedReason,
    Outcome,
    PaymentMethod,
    RemedyKind,
    RepresentativeKind,
    RootCause,
    StockType,
    Tenure,
)
from putright.rules.deadlines import DeadlineKind
from putright.rules.lifecycle import StageStatus, State

#: ``ReasonableAdjustment.Kind`` under a name of its own: the schema's "Kind" is the record's.
AdjustmentKind = StrEnum(  # type: ignore[misc]
    "AdjustmentKind", [(kind.name, kind.value) for kind in ReasonableAdjustment.Kind]
)
ContactPreference = Resident.ContactPreference
#: The years the working-day calendar knows (putright.rules.calendar).
EARLIEST = dt.date(FIRST_YEAR, 1, 1)
LATEST = dt.date(LAST_YEAR, 12, 31)


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("Text cannot contain NUL characters.")
    return value


def _email(value: str) -> str:
    if value:
        try:
            validate_email(value)
        except DjangoValidationError:
            raise ValueError(
                "Enter an email address in the correct format, like name@example.com."
            ) from None
    return value


def _plausible(day: dt.date) -> dt.date:
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"Give a date between {EARLIEST:%Y} and {LATEST:%Y}.")
    return day


#: A database id.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
#: Free text: what the resident said, a reason, a note.
Text = Annotated[str, Field(max_length=20_000), AfterValidator(_no_nul)]
#: A short line: a name, who asked.
Line = Annotated[str, Field(max_length=200), AfterValidator(_no_nul)]
#: A complaint reference, e.g. CU-000123.
Reference = Annotated[str, Field(min_length=1, max_length=50), AfterValidator(_no_nul)]
#: A date, in Europe/London.
Day = Annotated[dt.date, AfterValidator(_plausible)]
#: When it happened, if not today.
On = Annotated[
    Day | None, Field(description="The date it happened, in Europe/London; today if left out.")
]
Money = Annotated[Decimal, Field(ge=0, max_digits=10, decimal_places=2)]
#: A landlord's sub-cause code (issue 13), or nothing.
SubCauseCode = Annotated[str, Field(max_length=40, pattern=r"^([a-z][a-z0-9_]*)?$")]
#: An email address, or nothing.
Email = Annotated[str, Field(max_length=254), AfterValidator(_no_nul), AfterValidator(_email)]
#: A telephone number, as given.
Phone = Annotated[str, Field(max_length=50), AfterValidator(_no_nul)]


class In(Schema):
    """An input: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


# Complaints: logging -------------------------------------------------------------------


class RecordIn(In):
    """What was received, through any channel (Code 3.1)."""

    received_on: Day
    channel: Channel
    description: Text = Field(description="What the resident said, in their words.")
    outcome_wanted: Text = ""
    jurisdiction: Jurisdiction = Jurisdiction.HOUSING
    resident_id: Id | None = None
    representative_id: Id | None = None
    home_id: Id | None = Field(None, description="The property; the resident's home if left out.")
    tenure: Tenure | None = Field(None, description="The resident's tenure if left out.")
    service_area_id: Id | None = None
    contractor_id: Id | None = None
    theme_id: Id | None = None
    vulnerable: bool | None = None
    member_name: str = Field(
        "", max_length=200, description="A member enquiry: the councillor's or MP's name."
    )
    member_role: MemberRole | None = Field(
        None, description="A member enquiry: whether the member is a councillor or an MP."
    )


class ComplaintIn(RecordIn):
    """A complaint, or any other record (``kind``); ``raised_from`` names the service
    request a complaint was raised from (Code 1.5: the service request goes on)."""

    kind: Kind = Kind.COMPLAINT
    raised_from: Reference | None = None


class ListFilters(Schema):
    """Filters for a list of records; all optional, combined with AND. Keep them the same
    while following ``next_cursor``."""

    state: State | None = None
    received_from: Day | None = Field(None, description="Received on or after.")
    received_to: Day | None = Field(None, description="Received on or before.")
    resident_id: Id | None = None
    updated_since: AwareDatetime | None = Field(
        None, description="Changed at or after this instant (give the time zone)."
    )
    cursor: str | None = Field(None, max_length=500, description="From the previous page.")
    limit: int = Field(25, ge=1, le=100)


# Complaints: commands --------------------------------------------------------------------


class TriageIn(In):
    decision: Kind
    on: On = None


class NotAcceptIn(In):
    """Code 4.1 - 4.3: a valid reason, an explanation, and for an old issue the discretion
    considered."""

    reason: NotAcceptedReason
    explanation: Text
    discretion_considered: Text = ""
    on: On = None


class DefineIn(In):
    """Code 5.6: the points of the complaint, the outcomes sought, and what the landlord is
    not responsible for."""

    points: list[Text] = Field(max_length=50)
    outcomes_sought: Text
    not_responsible: Text = ""
    on: On = None


class AllocateIn(In):
    """The handler of the current stage (a member of staff's username, or null for nobody)
    and the contractor handling the complaint."""

    handler: Line | None = None
    contractor_id: Id | None = Field(
        None,
        description=(
            "The contractor handling the complaint; null for the landlord itself. Left out: "
            "unchanged, unless the handler works for a contractor, which then handles it."
        ),
    )
    on: On = None


class AcknowledgeIn(In):
    on: On = None


class UpdateIntervalIn(In):
    """Code 5.9: how often the resident will be updated, as agreed with them, for the
    current stage: every working_days working days (1 to 60); null to stop an interval
    agreed before. Allowed while the stage is open or an outstanding action is not done
    (otherwise 409)."""

    working_days: int | None = Field(
        description="Working days between updates, 1 to 60; null for no interval any more."
    )
    note: Text = Field("", description="What was agreed, for the record.")
    on: On = None


class ExtendIn(In):
    """Code 6.4 / 6.16: more working days, with the reason; past 10 (stage 1) or 20
    (stage 2) in all, a good reason too. Code 6.4 / 6.5: agreed on or before the response
    due date it extends (as already extended); after it, 422 on the date's field."""

    working_days: int = Field(ge=0, le=260)
    reason_code: ExtensionReason | None = Field(
        None,
        description="Why, from the list the annual report counts extensions by; the words "
        "for the resident go in reason.",
    )
    reason: Text
    good_reason: Text = ""
    ombudsman_details_given: bool = Field(
        False,
        description="True only when the Housing Ombudsman's contact details already went to "
        "the resident another way (a letter your system sent). Otherwise they are given "
        "when Putright's extension letter, which carries them, is issued.",
    )
    on: On = None
    agreed_on: Day | None = Field(
        None,
        description="When the extension was agreed with the resident: the day recorded (on) if "
        "left out, and not after it.",
    )


class RemedyIn(In):
    kind: RemedyKind
    description: Text = Field("", description="The handler's own note; not in the letter.")
    due_on: Day | None = Field(
        None,
        description="By when it will be done. An apology, acknowledgement or explanation is "
        "given in the response letter: without a date it is due with the response.",
    )
    amount: Money | None = None
    compensation_reason: CompensationReason | None = None
    resident_wording: Text = Field(
        "",
        description="What the response letter tells the resident; a plain sentence for the "
        "kind of remedy when empty.",
    )
    owner: Line = Field("", description="Who will do it; the stage's handler when empty.")


class ActionIn(In):
    description: Text
    owner: Line
    due_on: Day | None = None


class RespondIn(In):
    """Code 6.9 / 6.19: the decision overall and on each point (in the order of the
    definition), the reasons, remedies and outstanding actions."""

    outcome: Outcome
    reasons: Text
    point_outcomes: list[Outcome] = Field(default_factory=list, max_length=50)
    point_findings: list[Text] = Field(
        default_factory=list,
        max_length=50,
        description="The reasons for the decision on each point, as the resident reads them "
        "(in the order of the definition); none, or one for each point.",
    )
    remedies: list[RemedyIn] = Field(default_factory=list, max_length=20)
    actions: list[ActionIn] = Field(default_factory=list, max_length=20)
    root_cause: RootCause | None = None
    sub_cause: SubCauseCode = Field(
        "",
        description="The landlord's own sub-cause code under root_cause (such as delay); "
        "GET /api/v1/sub-causes lists them.",
    )
    root_cause_detail: Line = ""
    on: On = None


class LetterIssueIn(In):
    """Issue a letter written from the record, as the staff pages first draft it: checked
    for every element of its kind, then frozen (HTML and PDF) on the timeline. A stage's
    acknowledgement or response is done when its letter goes: the response letter sends
    the response, on the letter's date."""

    kind: LetterKind
    delivery: Delivery = Field(
        description="'email' sends it; 'post' records it as posted (print the PDF)."
    )
    send_to: Text = Field(
        "",
        description="The email address, or the postal address; the resident's (or their "
        "representative's, with consent) when empty.",
    )
    large_print: bool = False
    formats_met: dict[str, Text] = Field(
        default_factory=dict,
        description="Code 5.10: for a resident who needs an accessible format or another "
        "language (large_print, braille, easy_read, audio, language, bsl, interpreter), how "
        "this letter meets each, by that kind: the letter is refused (422, "
        "'format_<kind>') until every need has an answer, which goes on the timeline.",
    )
    on: On = None


class EscalateIn(In):
    """Code 6.12: the resident asked for stage 2. No reason is required."""

    requested_on: Day
    reason: EscalationReason | None = None
    reason_text: Text = ""


class RefuseEscalationIn(In):
    reason: NotAcceptedReason
    explanation: Text
    on: On = None


class WithdrawIn(In):
    requested_by: Line = Field(description="Who asked for the withdrawal.")
    reason: Text = ""
    on: On = None


class ResolveIn(In):
    summary: Text
    on: On = None


class RecordRespondIn(In):
    """The response to a service request or member enquiry, which resolves it."""

    response: Text = Field(description="What the response said.")
    on: On = Field(None, description="When it was responded to; today if left out.")


class NoteIn(In):
    text: Text
    on: On = None


class ResidentContactIn(In):
    """Code 5.12: a call, email, text, visit or letter with the resident or someone acting
    for them, as it happened."""

    method: ContactMethod
    direction: ContactDirection = Field(
        description="from_resident: they contacted us; to_resident: we contacted them."
    )
    with_whom: Line = Field(description="Who it was with: the resident, or who for them.")
    summary: Text = Field(description="What was said.")
    at: AwareDatetime | None = Field(
        None, description="When it happened, with its UTC offset; now if left out."
    )


class RepairsToldIn(In):
    """Awaab's Law: the repairs service told of a possible hazard the complaint mentions."""

    how: RepairsChannel
    told: Line = Field(description="Who was told: a person or a team.")
    job_reference: Annotated[str, Field(max_length=50), AfterValidator(_no_nul)] = ""
    at: AwareDatetime | None = Field(
        None, description="When they were told, with its UTC offset; now if left out."
    )


class ClassificationIn(In):
    """The complaint's main service area and theme (the reports count by them)."""

    service_area_id: Id | None = Field(None, description="null: not recorded. Left out: unchanged.")
    theme_id: Id | None = Field(None, description="null: not recorded. Left out: unchanged.")
    on: On = None


class CorrectionIn(In):
    correction: Text


class ActionCompleteIn(In):
    """Code 6.9(f): an outstanding action promised in a response is done."""

    note: Text = ""
    on: On = None


class RemedyProgressIn(In):
    """Code 7: a remedy followed to completion: a financial remedy accepted and paid (with
    the amount and how), any remedy done. Give at least one date."""

    accepted_on: Day | None = None
    amount_accepted: Money | None = None
    paid_on: Day | None = None
    amount_paid: Money | None = None
    payment_method: PaymentMethod | None = None
    done_on: Day | None = None


# Complaints: what is returned ----------------------------------------------------------


class NamedOut(Schema):
    id: int
    name: str


class PointOut(Schema):
    number: int
    summary: str
    outcome: Outcome | None
    finding: str


class SubCauseOut(Schema):
    """One of the landlord's own sub-causes, under its root cause (issue 13)."""

    code: str
    label: str
    root_cause: RootCause
    active: bool = Field(description="Offered for new responses; a retired code stays on records.")


class ExtensionOut(Schema):
    working_days: int
    reason_code: ExtensionReason | None = Field(
        description="Why, from the code list; null when recorded without one."
    )
    reason: str
    good_reason: str
    ombudsman_details_given: bool = Field(
        description="The extension letter, which carries the Ombudsman's details, was issued."
    )
    decided_on: dt.date | None = Field(
        description="When it was recorded in Putright; null when imported from a register."
    )
    agreed_on: dt.date | None = Field(
        description="When it was agreed; null when a register did not say (taken as in time). "
        "Agreed after previous_due, the date it extends, it does not count."
    )
    previous_due: dt.date
    new_due: dt.date


class RemedyOut(Schema):
    id: int
    kind: RemedyKind
    description: str
    resident_wording: str = Field(description="What the response letter tells the resident.")
    owner: str
    due_on: dt.date | None
    done_on: dt.date | None
    evidence: str = Field(description="What shows it was done.")
    amount_offered: str | None = Field(description="Pounds, two decimals, e.g. '150.00'.")
    compensation_reason: CompensationReason | None
    offered_on: dt.date | None
    accepted_on: dt.date | None
    amount_accepted: str | None
    paid_on: dt.date | None
    amount_paid: str | None
    payment_method: PaymentMethod | None


class ActionOut(Schema):
    id: int
    description: str
    owner: str
    due_on: dt.date
    done_on: dt.date | None


class StageOut(Schema):
    number: int
    status: StageStatus
    requested_on: dt.date
    handler: str | None = Field(description="The handler's username.")
    contractor: NamedOut | None = Field(
        None,
        description="Who handled this stage: the contractor, or null for the landlord itself. "
        "The figures count each stage under its own.",
    )
    points: list[PointOut]
    outcomes_sought: str
    not_responsible: str
    defined_on: dt.date | None
    acknowledged_on: dt.date | None
    acknowledgement_due: dt.date
    response_due: dt.date
    response_due_extended: dt.date = Field(description="The response due date after extensions.")
    extension_working_days: int
    extensions: list[ExtensionOut]
    decided_on: dt.date | None = Field(description="When the response decision was recorded.")
    letter_to_send: str | None = Field(
        description="The letter the stage is waiting for: 'acknowledgement' or 'response'; "
        "null when none. A step is done when its letter is issued."
    )
    approval_needed: str | None = Field(
        default=None,
        description="Why the response needs approval before its letter goes (the "
        "landlord's sign-off rules); null when it does not. A complaints officer or senior "
        "handler approves it in the staff workspace.",
    )
    awaiting_approval: bool = Field(
        default=False,
        description="The response is decided and its letter cannot go until it is approved.",
    )
    approved_by: str | None = None
    approved_at: dt.datetime | None = None
    responded_on: dt.date | None = Field(
        description="When the response was sent to the resident: its letter's date."
    )
    outcome: Outcome | None
    reasons: str
    remedies: list[RemedyOut]
    actions: list[ActionOut]
    not_accepted_reason: NotAcceptedReason | None
    not_accepted_detail: str
    not_accepted_on: dt.date | None
    escalation_reason: EscalationReason | None
    escalation_reason_text: str
    outside_escalation_window: bool
    update_interval: int | None = Field(
        default=None,
        description="Code 5.9: the update interval agreed with the resident for this stage, "
        "in working days; null when none is agreed.",
    )
    update_interval_agreed_on: dt.date | None = None
    update_interval_note: str = ""


class ComplaintSummaryOut(Schema):
    reference: str
    kind: Kind
    state: State
    version: int
    received_on: dt.date
    channel: Channel | None
    resident_id: int | None
    current_stage: int | None
    next_due: dt.date | None = Field(
        description="The record's next deadline: the acknowledgement, counted from the day "
        "the complaint was received, even while it waits for triage (Code 6.2); then the "
        "open stage's response, as extended; or a Housing Ombudsman deadline on the record "
        "when that is sooner. next_due_kind says which."
    )
    next_due_kind: DeadlineKind | None = Field(
        description="Which deadline next_due is: acknowledge, respond, respond_extended (the "
        "response date as an extension moved it) or ombudsman; null when nothing is due."
    )
    updated_at: dt.datetime
    update_due: dt.date | None = Field(
        default=None,
        description="Code 5.9, 6.6, 6.17: when the next update to the resident is owed (the "
        "update interval agreed for the stage, counted from the last update letter or "
        "contact to the resident, or an outstanding action not done by its date); null "
        "when none is owed.",
    )
    target_on: dt.date | None = Field(
        default=None,
        description="A service request or member enquiry: the date it is to be responded to "
        "by, the landlord's target in working days after it was received; null for a "
        "complaint.",
    )
    responded_on: dt.date | None = Field(
        default=None,
        description="A service request or member enquiry: when it was responded to (which "
        "resolved it); null until then.",
    )


class OmbudsmanContactOut(Schema):
    """The ombudsman a complaint can go to, as the landlord configured its details."""

    name: str
    address: str
    phone: str
    email: str
    website: str


class MemberOut(Schema):
    """The councillor or MP who made a member enquiry."""

    name: str
    role: MemberRole | None


class ComplaintOut(ComplaintSummaryOut):
    """A complaint, service request or member enquiry, with its stages. ``version`` goes up
    with every change; send it back in ``If-Match`` to make sure nobody changed it since."""

    state_label: str
    jurisdiction: Jurisdiction
    ombudsman: OmbudsmanContactOut = Field(
        description="The ombudsman this complaint can go to (by its jurisdiction): its "
        "letters and tracking page name the same one."
    )
    description: str
    outcome_wanted: str
    representative_id: int | None
    home_id: int | None
    tenure: Tenure | None
    stock_type: StockType
    service_area: NamedOut | None
    contractor: NamedOut | None
    theme: NamedOut | None
    root_cause: RootCause | None
    sub_cause: SubCauseOut | None = Field(
        description="The landlord's own sub-cause under the root cause, if one was chosen."
    )
    root_cause_detail: str
    vulnerable: bool | None
    raised_from: str | None = Field(description="The service request it was raised from.")
    withdrawn_on: dt.date | None
    withdrawn_by: str
    ombudsman_reference: str
    logged_by: str | None
    created_at: dt.datetime
    allowed_actions: list[str] = Field(description="The commands allowed now, as action paths.")
    stages: list[StageOut]
    owner: str | None = Field(
        default=None,
        description="A service request or member enquiry: the username of the member of "
        "staff who owns it; null when nobody does.",
    )
    response: str = Field(
        default="", description="What the response to a service request or member enquiry said."
    )
    responded_within_target: bool | None = Field(
        default=None,
        description="A service request or member enquiry: whether it was responded to on or "
        "before its target date; null for a complaint.",
    )
    member: MemberOut | None = Field(
        default=None,
        description="A member enquiry: the councillor or MP who made it (the resident it is "
        "about is resident_id); null for other records.",
    )


class ComplaintPage(Schema):
    items: list[ComplaintSummaryOut]
    next_cursor: str | None = Field(
        description="Pass as ?cursor= for the next page; null at the end."
    )


class EventOut(Schema):
    """One entry on the timeline. Entries are never changed: a correction is a new entry
    that names the one it corrects."""

    id: int
    kind: EventKind
    stage: int | None
    occurred_on: dt.date
    recorded_at: dt.datetime
    actor: str | None = Field(description="Who did it: a username; 'api:<name>' for a key.")
    summary: str
    detail: dict[str, Any]
    imported: bool
    corrects: int | None
    attachment_id: int | None


class AttachmentOut(Schema):
    id: int
    event_id: int
    filename: str
    content_type: str
    size: int
    sha256: str
    occurred_on: dt.date
    download_url: str


# Residents --------------------------------------------------------------------------


class PropertyOut(Schema):
    id: int
    uprn: str
    address: str
    postcode: str
    estate: str
    block: str
    stock_type: StockType


class AdjustmentOut(Schema):
    """Code 5.10: a reasonable adjustment, kept under review."""

    id: int
    kind: str
    kind_label: str
    details: str
    agreed_on: dt.date
    ended_on: dt.date | None
    review_due_on: dt.date
    last_reviewed_on: dt.date | None


class AdjustmentRequestOut(Schema):
    """Code 5.10: support the resident, or their representative, asked for online on a
    complaint; ``agreed_adjustment_id`` is the reasonable adjustment it was agreed as, null
    while it waits for staff."""

    id: int
    complaint_reference: str
    kind: str
    kind_label: str
    details: str
    requested_on: dt.date
    requested_by: str
    agreed_adjustment_id: int | None


class RepresentativeOut(Schema):
    """Code 3.6: someone acting for the resident; ``has_consent`` says whether the
    resident's consent is recorded (and not withdrawn)."""

    id: int
    name: str
    kind: RepresentativeKind
    email: str
    phone: str
    consent_given_on: dt.date | None
    consent_withdrawn_on: dt.date | None
    has_consent: bool


class ResidentSummaryOut(Schema):
    id: int
    name: str
    tenure: Tenure
    tenancy_reference: str
    home_id: int | None


class ResidentOut(ResidentSummaryOut):
    email: str
    phone: str
    contact_preference: str
    preferred_language: str
    home: PropertyOut | None
    adjustments: list[AdjustmentOut]
    representatives: list[RepresentativeOut]
    created_at: dt.datetime


class ResidentPage(Schema):
    items: list[ResidentSummaryOut]
    next_cursor: str | None


# Ombudsman cases ----------------------------------------------------------------------


#: The Ombudsman's reference for a case, e.g. 202412345.
CaseReference = Annotated[str, Field(min_length=1, max_length=50), AfterValidator(_no_nul)]


class OmbudsmanCaseIn(In):
    """domain.md §7: a case the Housing Ombudsman holds, by its reference: linked to the
    complaint it is about (give ``complaint``), or standing alone when the Ombudsman
    contacted us about a case we have no record of (give ``resident_name``)."""

    reference: CaseReference = Field(description="The Ombudsman's reference for the case.")
    opened_on: Day = Field(description="The date of the Ombudsman's first contact.")
    complaint: Reference | None = Field(None, description="The complaint's reference.")
    resident_name: Line = Field("", description="Who complained, when there is no complaint.")
    summary: Text = ""


class OmbudsmanCaseCloseIn(In):
    on: On = None


class ContactIn(In):
    """A contact from the Ombudsman with the date it asked us to reply by."""

    kind: ContactKind
    received_on: Day
    deadline: Day = Field(description="The date the Ombudsman asked us to reply by.")
    details: Text = Field("", description="What the Ombudsman asked for.")


class ReplyIn(In):
    """What we sent the Ombudsman. A reply that answers everything meets the deadline (late
    if after it); ``with_bundle`` makes the complaint's case file bundle (Code 5.12) and
    keeps the very file sent."""

    summary: Text = Field(description="What we sent.")
    sent_on: On = None
    answers_in_full: bool = True
    with_bundle: bool = False


class FindingIn(In):
    element: Text = Field(description="The element of the complaint.")
    finding: FindingKind
    category: OmbudsmanCategory | None = Field(
        None, description="What the element is about, in the Ombudsman's categories."
    )


class DeterminationIn(In):
    """The Ombudsman's decision: a finding on each element of the complaint. Its orders and
    recommendations follow, one request each."""

    determined_on: Day
    findings: list[FindingIn] = Field(max_length=50)
    summary: Text = ""


class OrderIn(In):
    """An order (the landlord must comply) or a recommendation of a determination, with
    its due date and owner; compensation has an amount."""

    kind: OrderKind
    description: Text
    due_on: Day
    owner: Line = Field(description="Who is responsible for it.")
    amount: Money | None = Field(None, description="Pounds, for compensation.")
    is_recommendation: bool = False
    finding: int | None = Field(
        None, ge=1, le=50, description="The number of the finding it follows, if it says."
    )


class OrderProgressIn(In):
    """Code 9.7c: an order moved on: in progress, complied with (with evidence and the
    date), or for a recommendation, not taken up (the reason as evidence)."""

    status: OrderStatus
    evidence: Text = ""
    completed_on: Day | None = None


class OmbudsmanCaseFilters(Schema):
    """Filters for the list of cases; all optional, combined with AND."""

    reference: CaseReference | None = Field(None, description="The Ombudsman's reference.")
    complaint: Reference | None = Field(None, description="The complaint's reference.")
    open: bool | None = Field(None, description="true: still open; false: closed.")
    opened_from: Day | None = Field(None, description="Opened on or after.")
    opened_to: Day | None = Field(None, description="Opened on or before.")
    cursor: str | None = Field(None, max_length=500, description="From the previous page.")
    limit: int = Field(25, ge=1, le=100)


class ReplyOut(Schema):
    id: int
    sent_on: dt.date
    summary: str
    answers_in_full: bool
    bundle_sha256: str = Field(description="The case file bundle sent with it, if one was.")
    filename: str
    sha256: str
    sent_by: str | None


class ContactOut(Schema):
    id: int
    kind: ContactKind
    kind_label: str
    received_on: dt.date
    deadline: dt.date
    details: str
    met_on: dt.date | None = Field(description="The date of the reply that answered it in full.")
    met_late: bool
    replies: list[ReplyOut]


class FindingOut(Schema):
    number: int
    element: str
    finding: FindingKind
    finding_label: str
    category: OmbudsmanCategory | None = Field(
        description="The Ombudsman's category; null on findings recorded without one."
    )
    category_label: str


class OrderOut(Schema):
    id: int
    is_recommendation: bool
    kind: OrderKind
    kind_label: str
    description: str
    amount: str | None = Field(description="Pounds, two decimals, for compensation.")
    due_on: dt.date
    owner: str
    status: OrderStatus
    status_label: str
    evidence: str
    evidence_filename: str
    completed_on: dt.date | None
    finding: int | None = Field(description="The number of the finding it follows.")
    follows_severe: bool = Field(description="After severe maladministration (Code 9.7c).")


class DeterminationOut(Schema):
    id: int
    determined_on: dt.date
    summary: str
    severe: bool = Field(description="A finding of severe maladministration.")
    findings: list[FindingOut]
    orders: list[OrderOut]


class DeadlineOut(Schema):
    """An open contact's reply or an unfinished order, counted in working days as the staff
    work queue counts them."""

    kind: str = Field(description="contact or order")
    id: int
    what: str
    due_on: dt.date
    working_days_left: int = Field(description="0 on the day; negative once overdue.")
    overdue: bool
    severe: bool


class FailureOrderOut(Schema):
    """A Complaint Handling Failure Order about the case."""

    id: int
    issued_on: dt.date
    kind: FailureOrderKind
    kind_label: str
    what_failed: str
    actions_taken: str
    actions_done_on: dt.date | None


class OmbudsmanCaseSummaryOut(Schema):
    id: int
    reference: str
    complaint: str | None = Field(description="The complaint's reference, if it is linked.")
    resident_name: str
    opened_on: dt.date
    closed_on: dt.date | None
    is_open: bool
    next_deadline: dt.date | None = Field(
        description="The soonest deadline of a contact not yet answered in full."
    )


class OmbudsmanCaseOut(OmbudsmanCaseSummaryOut):
    """A case with its contacts and replies, its open deadlines, its determinations (the
    findings, and the orders with their status) and any failure orders."""

    summary: str
    created_at: dt.datetime
    contacts: list[ContactOut]
    deadlines: list[DeadlineOut]
    determinations: list[DeterminationOut]
    failure_orders: list[FailureOrderOut]


class OmbudsmanCasePage(Schema):
    items: list[OmbudsmanCaseSummaryOut]
    next_cursor: str | None


# Residents: writes ---------------------------------------------------------------------


class ResidentIn(In):
    """A resident of the landlord, with their tenure and (from the address) their home."""

    name: Line
    tenure: Tenure = Tenure.UNKNOWN
    email: Email = ""
    phone: Phone = ""
    contact_preference: ContactPreference | None = None
    preferred_language: Annotated[str, Field(max_length=100), AfterValidator(_no_nul)] = ""
    tenancy_reference: Annotated[str, Field(max_length=50), AfterValidator(_no_nul)] = ""
    address: Text = Field("", description="Left out: no home is recorded.")
    postcode: Annotated[str, Field(max_length=10), AfterValidator(_no_nul)] = ""
    uprn: Annotated[str, Field(max_length=20), AfterValidator(_no_nul)] = ""


class AdjustmentIn(In):
    """Code 5.10: a reasonable adjustment agreed with the resident, kept under review."""

    kind: AdjustmentKind
    agreed_on: Day
    review_due_on: Day = Field(description="When it will next be reviewed.")
    details: Text = Field("", description="Required for 'other'.")


class AdjustmentRequestAgreeIn(In):
    """Code 5.10: the support asked for online, agreed with the resident."""

    review_due_on: Day = Field(description="When it will next be reviewed.")
    agreed_on: On = None
    details: Text = Field(
        "", description="What was agreed, in words, if not as the resident asked for it."
    )


class ReviewIn(In):
    """Code 5.10: a review: the adjustment goes on with a new review date, or it ends."""

    reviewed_on: On = None
    next_review_due_on: Day | None = None
    end: bool = False


class RepresentativeIn(In):
    """Code 3.6: someone acting for the resident; dealt with only once the resident's
    consent is recorded, with how it was given."""

    name: Line
    kind: RepresentativeKind
    email: Email = ""
    phone: Phone = ""
    consent_given_on: Day | None = None
    consent_evidence: Text = Field("", description="How consent was given.")


class ConsentIn(In):
    given_on: Day
    evidence: Text = Field(description="How consent was given.")


class ConsentWithdrawnIn(In):
    on: On = None


# Report figures -----------------------------------------------------------------------


class PeriodOut(Schema):
    start: dt.date
    end: dt.date


class HomesOut(Schema):
    lcra: int
    lcho: int
    total: int
    by_type: dict[str, int] | None = Field(
        None,
        description=(
            "Homes by property type (flats, houses, independent_living, other), adding up "
            "to total; null when not entered."
        ),
    )


class AnnualReportOut(Schema):
    """The annual complaints report figures (Code 8.1; interfaces.md "Annual report JSON"),
    as ``putright report annual --format json`` writes them: these keys and more."""

    model_config = ConfigDict(extra="allow")

    landlord: str
    year: str = Field(description="e.g. 2024/25")
    period: PeriodOut
    homes: HomesOut
    logged: int
    service_requests: int
    member_enquiries: int
    withdrawn: int
    not_accepted: dict[str, Any]
    stage1: dict[str, Any]
    stage2: dict[str, Any]
    escalation_rate_pct: float | None
    compensation_total_gbp: str
    tsm: dict[str, Any]


class TsmReturnOut(Schema):
    """The Tenant Satisfaction Measures on complaints (CH01, CH02, TP09 if entered), as
    ``putright report tsm --format json`` writes them."""

    model_config = ConfigDict(extra="allow")

    landlord: str
    year: str = Field(description="e.g. 2024/25")
    period: PeriodOut
    homes: HomesOut
    CH01: dict[str, Any]
    CH02: dict[str, Any]
    TP09: float | None
    TP09_respondents: int | None
    sector_medians: dict[str, Any]
    sector_medians_source: str
    perception: dict[str, Any] = Field(
        default_factory=dict,
        description=(
            "The tenant perception measures TP01 to TP12, each with its answers, "
            "respondents, satisfied_pct, previous_pct and sector quartiles "
            "(docs/counting-rules.md)."
        ),
    )


class IndexOut(Schema):
    name: str
    version: str
    openapi: str
    docs: str
