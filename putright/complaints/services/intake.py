"""Logging what was received, through any channel, and deciding what it is: a complaint, a
service request or a member enquiry, or a complaint not accepted (Code 1.5, 3.1, 4.1 - 4.3)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from putright.complaints.models import Complaint, EventKind
from putright.complaints.services._common import (
    User,
    change_record,
    command_date,
    command_open,
    locked,
    new_stage,
    next_due,
    raise_if,
)
from putright.complaints.services.records import member_problems, owner_problem, record_target_on
from putright.complaints.timeline import event_write
from putright.landlords.models import Contractor, Landlord, ServiceArea, Theme, today
from putright.landlords.permissions import require_can_act
from putright.residents.models import Property, Representative, Resident
from putright.rules import lifecycle as lc
from putright.rules.calendar import FIRST_YEAR
from putright.rules.codes import Channel, Jurisdiction, Kind, NotAcceptedReason
from putright.rules.hazards import WORDS_VERSION, hazard_priority
from putright.rules.lifecycle import Command, RuleError, StageStatus, State


@transaction.atomic
def complaint_log(
    *,
    landlord: Landlord,
    received_on: dt.date,
    channel: str,
    description: str,
    by: User | None,
    kind: str = Kind.COMPLAINT,
    outcome_wanted: str = "",
    jurisdiction: str = Jurisdiction.HOUSING,
    resident: Resident | None = None,
    representative: Representative | None = None,
    home: Property | None = None,
    tenure: str = "",
    service_area: ServiceArea | None = None,
    contractor: Contractor | None = None,
    theme: Theme | None = None,
    vulnerable: bool | None = None,
    raised_from: Complaint | None = None,
    owner: User | None = None,
    member_name: str = "",
    member_role: str = "",
) -> Complaint:
    """Log what was received, through any channel (Code 3.1). A complaint waits for triage;
    a service request or member enquiry is open at once, with its target date in the
    landlord's working days (``putright.rules.records``), its ``owner`` on the staff and,
    for a member enquiry, the councillor or MP who made it. Code 1.5: a complaint raised
    from a service request leaves the service request open. Code 6.2: the clock runs from
    receipt, so a complaint waiting for triage already has its acknowledgement deadline."""
    require_can_act(by, landlord, None)
    problems: dict[str, str] = {}
    if channel not in Channel.values():
        problems["channel"] = "Choose how the complaint came in."
    if kind not in Kind.values():
        problems["kind"] = "Choose whether this is a complaint, service request or member enquiry."
    if jurisdiction not in Jurisdiction.values():
        problems["jurisdiction"] = "Choose which Ombudsman the complaint falls under."
    if not description.strip():
        problems["description"] = "Write what the resident told you, in their words."
    if received_on > today():
        problems["received_on"] = "The date received cannot be in the future."
    elif received_on.year < FIRST_YEAR:
        problems["received_on"] = f"The date received must be in {FIRST_YEAR} or later."
    for name, record in (
        ("resident", resident),
        ("home", home),
        ("service_area", service_area),
        ("contractor", contractor),
        ("theme", theme),
        ("raised_from", raised_from),
    ):
        if record is not None and record.landlord_id != landlord.pk:
            problems[name] = "That record belongs to another landlord."
    if representative is not None and representative.resident.landlord_id != landlord.pk:
        problems["representative"] = "That record belongs to another landlord."
    if raised_from is not None and raised_from.kind != Kind.SERVICE_REQUEST:
        problems["raised_from"] = "A complaint can only be raised from a service request."
    member_name = " ".join(member_name.split())
    if kind in Kind.values():
        problems.update(member_problems(kind, member_name, member_role))
        if owner is not None and kind == Kind.COMPLAINT:
            problems["owner"] = "A complaint's handler is allocated to its stage, not owned."
    problem = owner_problem(landlord, owner)
    if problem:
        problems["owner"] = problem
    raise_if(problems)

    if resident is not None and not tenure:
        tenure = resident.tenure
    if resident is not None and home is None:
        home = resident.home
    state = State.RECEIVED if kind == Kind.COMPLAINT else State.OPEN
    # Everything read or worked out first: taking the reference locks the landlord's
    # counter until the commit, so every other record logged for the landlord waits from
    # here on. Only the record's own writes follow it.
    target_on = record_target_on(landlord, kind, received_on)
    next_due_on = next_due(state, None, received_on=received_on, calendar=landlord.calendar())
    complaint = Complaint.objects.create(
        landlord=landlord,
        reference=landlord.take_reference(),
        kind=kind,
        state=state,
        jurisdiction=jurisdiction,
        channel=channel,
        received_on=received_on,
        description=description,
        # The safety words' triage priority, for the work queue (Awaab's Law).
        hazard_priority=hazard_priority(description),
        hazard_words=WORDS_VERSION,
        outcome_wanted=outcome_wanted,
        resident=resident,
        representative=representative,
        home=home,
        tenure=tenure,
        stock_type=home.stock_type if home is not None else "lcra",
        service_area=service_area,
        contractor=contractor,
        theme=theme,
        vulnerable=vulnerable,
        raised_from=raised_from,
        owner=owner,
        target_on=target_on,
        member_name=member_name,
        member_role=member_role,
        logged_by=by if by is not None and by.is_authenticated else None,
        next_due_on=next_due_on,
    )
    label = Kind(kind).label.lower()
    event_write(
        complaint=complaint,
        kind=EventKind.LOGGED,
        summary=f"{Kind(kind).label} received by {Channel(channel).label.lower()} and logged.",
        occurred_on=received_on,
        by=by,
        detail={"channel": channel, "kind": kind},
        new_record=True,
    )
    if raised_from is not None:
        raised_from = locked(raised_from)
        change_record(
            raised_from,
            EventKind.COMPLAINT_RAISED,
            f"The resident is unhappy with how this is being handled: {label} "
            f"{complaint.reference} raised. This service request goes on.",
            on=received_on,
            by=by,
            detail={"complaint": complaint.reference},
        )
    return complaint


@transaction.atomic
def complaint_triage(
    *, complaint: Complaint, decision: str, by: User | None, on: dt.date | None = None
) -> Complaint:
    """Decide what was received: a complaint (stage 1 starts, counted from the date it was
    received), a service request, or a member enquiry."""
    complaint = command_open(complaint, by, Command.TRIAGE)
    on = command_date(on, earliest=complaint.received_on, what="the date it was received")
    if decision == Kind.COMPLAINT:
        stage = new_stage(complaint, 1, complaint.received_on)
        complaint.state = State.STAGE1
        change_record(
            complaint,
            EventKind.TRIAGED,
            f"Accepted as a stage 1 complaint. Acknowledgement due "
            f"{stage.acknowledgement_due:%-d %B %Y}.",
            on=on,
            by=by,
            stage=1,
            detail={"decision": decision},
            changed=("state",),
        )
    elif decision in (Kind.SERVICE_REQUEST, Kind.MEMBER_ENQUIRY):
        complaint.kind = decision
        complaint.state = State.OPEN
        # Its target runs from when it was received, like the Code's clock (Code 6.2).
        complaint.target_on = record_target_on(complaint.landlord, decision, complaint.received_on)
        change_record(
            complaint,
            EventKind.TRIAGED,
            f"Treated as a {Kind(decision).label.lower()}, not a complaint. Respond by "
            f"{complaint.target_on:%-d %B %Y}.",
            on=on,
            by=by,
            detail={"decision": decision},
            changed=("kind", "state", "target_on"),
        )
    else:
        raise RuleError({"decision": "Choose complaint, service request or member enquiry."})
    return complaint


@transaction.atomic
def complaint_not_accept(
    *,
    complaint: Complaint,
    reason: str,
    explanation: str,
    discretion_considered: str = "",
    by: User | None,
    on: dt.date | None = None,
) -> Complaint:
    """Code 4.1 - 4.3: decide not to accept a complaint, with a valid reason, an explanation
    and (for an issue over 12 months old) the discretion considered. The resident is told of
    their right to take the decision to the Ombudsman in the letter."""
    complaint = command_open(complaint, by, Command.TRIAGE)
    on = command_date(on, earliest=complaint.received_on, what="the date it was received")
    raise_if(
        lc.check_not_accepted(
            reason=reason,
            explanation=explanation,
            discretion_considered=discretion_considered,
            twelve_months=False,
        )
    )
    new_stage(
        complaint,
        1,
        complaint.received_on,
        status=StageStatus.NOT_ACCEPTED,
        not_accepted_reason=reason,
        not_accepted_detail=explanation,
        discretion_considered=discretion_considered,
        not_accepted_on=on,
    )
    complaint.state = State.NOT_ACCEPTED
    change_record(
        complaint,
        EventKind.NOT_ACCEPTED,
        f"Not accepted: {NotAcceptedReason(reason).label}.",
        on=on,
        by=by,
        stage=1,
        detail={"reason": reason, "explanation": explanation, "discretion": discretion_considered},
        changed=("state",),
    )
    return complaint
