"""One function per command on a complaint (style.md: ``<entity>_<verb>``).

Each service checks who is acting and what the rules allow (``putright.rules``), writes the
change and its timeline entry in one transaction, and returns. It raises
``putright.rules.lifecycle.RuleError`` with a plain message when the rules say no. The staff
pages, the resident portal, the API, the demo and the tests all call these. The entry, and
the new version number that comes with it, is written by ``putright.complaints.timeline``,
the timeline's one writer, which letters, Ombudsman casework and learning call too.

The register import does not call these: a register holds a record's dates and outcomes,
not the commands that made them, so it writes the records in bulk and their "imported"
entries through the timeline writer's batch form (``putright.registers.importer``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import EllipsisType
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction

from putright.complaints.models import (
    Attachment,
    Complaint,
    Event,
    EventKind,
    Extension,
    OutstandingAction,
    Remedy,
    Stage,
    StagePoint,
)
from putright.complaints.timeline import event_write
from putright.landlords.models import (
    Contractor,
    Landlord,
    ServiceArea,
    StaffMembership,
    Theme,
    today,
)
from putright.landlords.permissions import require_can_act
from putright.residents.models import Property, Representative, Resident
from putright.rules import lifecycle as lc
from putright.rules.calendar import FIRST_YEAR
from putright.rules.codes import (
    Channel,
    Jurisdiction,
    Kind,
    NotAcceptedReason,
    PaymentMethod,
    RootCause,
)
from putright.rules.lifecycle import Command, RuleError, StageStatus, State
from putright.rules.timescales import EXTENSION_LIMIT_WORKING_DAYS, stage_due_dates

User = AbstractBaseUser

#: Code 5.12 asks for every attachment; these are the kinds staff and residents send.
ALLOWED_ATTACHMENT_TYPES = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/heic": ".heic",
    "text/plain": ".txt",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "message/rfc822": ".eml",
    "audio/mpeg": ".mp3",
    "video/mp4": ".mp4",
}
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


def _raise_if(problems: dict[str, str]) -> None:
    if problems:
        raise RuleError(problems)


def _locked(complaint: Complaint) -> Complaint:
    """Re-read the complaint under a row lock so two commands cannot interleave."""
    return (
        Complaint.objects.select_for_update()
        .select_related("landlord")
        .prefetch_related("stages")
        .get(pk=complaint.pk)
    )


def _not_in_future(on: dt.date, field: str = "on") -> None:
    if on > today():
        raise RuleError({field: "The date cannot be in the future."})


def _not_before(on: dt.date, earliest: dt.date | None, what: str, field: str = "on") -> None:
    """The timeline runs forwards: a step cannot be dated before the one it follows."""
    if earliest is not None and on < earliest:
        raise RuleError({field: f"The date cannot be before {what} ({earliest:%-d %B %Y})."})


def _event(
    complaint: Complaint,
    kind: str,
    summary: str,
    *,
    on: dt.date,
    by: User | None,
    stage: int | None = None,
    detail: dict[str, Any] | None = None,
    corrects: Event | None = None,
    changed: Sequence[str] = (),
    new_record: bool = False,
) -> Event:
    """Save the complaint's changed fields and its next deadline, and write the timeline
    entry, through the timeline's one writer (which moves the version on and tells whoever
    listens), in the caller's transaction."""
    if not new_record:
        latest = Stage.objects.filter(complaint=complaint).order_by("-number").first()
        complaint.next_due_on = next_due(complaint.state, latest)
        changed = ("next_due_on", *changed)
    return event_write(
        complaint=complaint,
        kind=kind,
        summary=summary,
        occurred_on=on,
        by=by,
        stage=stage,
        detail=detail,
        corrects=corrects,
        changed=changed,
        new_record=new_record,
    )


def next_due(state: str, stage: Stage | None) -> dt.date | None:
    """The next deadline of an open stage: its acknowledgement, then its response as extended."""
    if stage is None or state not in (State.STAGE1, State.STAGE2):
        return None
    if stage.status == StageStatus.REQUESTED:
        return stage.acknowledgement_due
    if stage.status == StageStatus.ACKNOWLEDGED:
        return stage.response_due_extended
    return None


def _current_stage(complaint: Complaint) -> Stage:
    stage = complaint.current_stage
    if stage is None:
        raise RuleError("This complaint has no open stage.", code="not_allowed_now")
    return stage


def _refresh_due_dates(stage: Stage, landlord: Landlord) -> None:
    due = stage_due_dates(
        landlord.calendar(),
        stage.number,
        stage.requested_on,
        stage.acknowledged_on,
        stage.extension_working_days,
    )
    stage.acknowledgement_due = due.acknowledgement_due
    stage.response_due = due.response_due
    stage.response_due_extended = due.response_due_extended


def _new_stage(complaint: Complaint, number: int, requested_on: dt.date, **fields: Any) -> Stage:
    stage = Stage(
        complaint=complaint,
        landlord_id=complaint.landlord_id,
        number=number,
        requested_on=requested_on,
        **fields,
    )
    _refresh_due_dates(stage, complaint.landlord)
    stage.save()
    return stage


# Logging and triage ---------------------------------------------------------------------


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
) -> Complaint:
    """Log what was received, through any channel (Code 3.1). A complaint waits for triage;
    a service request or member enquiry is open at once. Code 1.5: a complaint raised from a
    service request leaves the service request open."""
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
    _raise_if(problems)

    if resident is not None and not tenure:
        tenure = resident.tenure
    if resident is not None and home is None:
        home = resident.home
    complaint = Complaint.objects.create(
        landlord=landlord,
        reference=landlord.take_reference(),
        kind=kind,
        state=State.RECEIVED if kind == Kind.COMPLAINT else State.OPEN,
        jurisdiction=jurisdiction,
        channel=channel,
        received_on=received_on,
        description=description,
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
        logged_by=by if by is not None and by.is_authenticated else None,
    )
    label = Kind(kind).label.lower()
    _event(
        complaint,
        EventKind.LOGGED,
        f"{Kind(kind).label} received by {Channel(channel).label.lower()} and logged.",
        on=received_on,
        by=by,
        detail={"channel": channel, "kind": kind},
        new_record=True,
    )
    if raised_from is not None:
        raised_from = _locked(raised_from)
        _event(
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
    complaint = _locked(complaint)
    require_can_act(by, complaint.landlord, complaint)
    lc.require_allowed(complaint.situation(), Command.TRIAGE)
    on = on or today()
    _not_in_future(on)
    _not_before(on, complaint.received_on, "the date it was received")
    if decision == Kind.COMPLAINT:
        stage = _new_stage(complaint, 1, complaint.received_on)
        complaint.state = State.STAGE1
        _event(
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
        _event(
            complaint,
            EventKind.TRIAGED,
            f"Treated as a {Kind(decision).label.lower()}, not a complaint.",
            on=on,
            by=by,
            detail={"decision": decision},
            changed=("kind", "state"),
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
    complaint = _locked(complaint)
    require_can_act(by, complaint.landlord, complaint)
    lc.require_allowed(complaint.situation(), Command.TRIAGE)
    on = on or today()
    _not_in_future(on)
    _not_before(on, complaint.received_on, "the date it was received")
    _raise_if(
        lc.check_not_accepted(
            reason=reason,
            explanation=explanation,
            discretion_considered=discretion_considered,
            twelve_months=False,
        )
    )
    _new_stage(
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
    _event(
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


# Working a stage ------------------------------------------------------------------------


@transaction.atomic
def complaint_define(
    *,
    complaint: Complaint,
    points: Sequence[str],
    outcomes_sought: str,
    not_responsible: str = "",
    by: User | None,
    on: dt.date | None = None,
) -> Stage:
    """Code 5.6: set (or revise) the complaint definition at the current stage: the points,
    the outcomes the resident seeks, and what the landlord is not responsible for."""
    complaint = _locked(complaint)
    require_can_act(by, complaint.landlord, complaint)
    lc.require_allowed(complaint.situation(), Command.DEFINE)
    on = on or today()
    _not_in_future(on)
    _not_before(on, _current_stage(complaint).requested_on, "the stage began")
    clean_points = tuple(p.strip() for p in points if p.strip())
    _raise_if(lc.check_definition(lc.Definition(clean_points, outcomes_sought, not_responsible)))
    stage = _current_stage(complaint)
    revised = stage.defined_on is not None
    stage.points.all().delete()
    StagePoint.objects.bulk_create(
        StagePoint(stage=stage, number=i, summary=p) for i, p in enumerate(clean_points, start=1)
    )
    stage.outcomes_sought = outcomes_sought.strip()
    stage.not_responsible = not_responsible.strip()
    stage.defined_on = on
    stage.save(update_fields=["outcomes_sought", "not_responsible", "defined_on"])
    _event(
        complaint,
        EventKind.DEFINED,
        ("Complaint definition revised" if revised else "Complaint defined")
        + f" at stage {stage.number}: {len(clean_points)} point(s).",
        on=on,
        by=by,
        stage=stage.number,
        detail={
            "points": list(clean_points),
            "outcomes_sought": stage.outcomes_sought,
            "not_responsible": stage.not_responsible,
        },
    )
    return stage


def _handlers_contractor(handler: User | None, complaint: Complaint) -> Contractor | None:
    """The contractor a handler works for at this landlord, if any."""
    if handler is None:
        return None
    membership = (
        StaffMembership.objects.filter(user=handler, landlord_id=complaint.landlord_id)
        .select_related("contractor")
        .first()
    )
    return membership.contractor if membership is not None else None


@transaction.atomic
def complaint_allocate(
    *,
    complaint: Complaint,
    handler: User | None,
    by: User | None,
    contractor: Contractor | EllipsisType | None = ...,
    on: dt.date | None = None,
) -> Complaint:
    """Allocate (or reallocate) the handler of the current stage, and the contractor if one
    handles the complaint (``None``: the landlord itself; left out: unchanged, unless the
    handler works for a contractor, which then handles it). Code 6.13: the stage 2 handler
    differs from the stage 1 handler."""
    complaint = _locked(complaint)
    require_can_act(by, complaint.landlord, complaint)
    lc.require_allowed(complaint.situation(), Command.ALLOCATE)
    on = on or today()
    _not_in_future(on)
    _not_before(on, complaint.received_on, "the date it was received")
    if contractor is ...:
        contractor = _handlers_contractor(handler, complaint) or complaint.contractor
    if (
        handler is not None
        and not StaffMembership.objects.filter(
            user=handler, landlord_id=complaint.landlord_id
        ).exists()
    ):
        raise RuleError({"handler": "That person does not work for this landlord."})
    if contractor is not None and contractor.landlord_id != complaint.landlord_id:
        raise RuleError({"contractor": "That contractor does not work for this landlord."})
    stage = complaint.current_stage
    if stage is None and handler is not None:
        # Before triage only the contractor can be chosen; the handler belongs to a stage.
        raise RuleError(
            {"handler": "Choose the handler after triage: a handler is allocated to a stage."}
        )
    if stage is not None and stage.number == 2 and handler is not None:
        first = complaint.stage(1)
        _raise_if(
            lc.check_stage2_handler(
                stage1_handler_id=first.handler_id if first else None,
                stage2_handler_id=handler.pk,
            )
        )
    if stage is not None:
        stage.handler = handler
        stage.save(update_fields=["handler"])
    complaint.contractor = contractor
    who = handler.get_full_name() or handler.get_username() if handler is not None else "nobody"
    by_whom = f" ({contractor.name})" if contractor else ""
    _event(
        complaint,
        EventKind.ALLOCATED,
        f"Allocated to {who}{by_whom}.",
        on=on,
        by=by,
        stage=stage.number if stage else None,
        detail={
            "handler": handler.pk if handler else None,
            "contractor": contractor.pk if contractor else None,
        },
        changed=("contractor",),
    )
    return complaint


@transaction.atomic
def complaint_acknowledge(
    *, complaint: Complaint, by: User | None, on: dt.date | None = None
) -> Stage:
    """Code 6.2 / 6.11: acknowledge the stage, once it is defined and has a handler. The
    response is then due 10 (stage 1) or 20 (stage 2) working days later, counted from this
    date or the acknowledgement due date if that is earlier."""
    complaint = _locked(complaint)
    require_can_act(by, complaint.landlord, complaint)
    lc.require_allowed(complaint.situation(), Command.ACKNOWLEDGE)
    on = on or today()
    _not_in_future(on)
    stage = _current_stage(complaint)
    if on < stage.requested_on:
        raise RuleError({"on": "The acknowledgement cannot be before the stage began."})
    _raise_if(
        lc.check_acknowledge(
            defined=stage.defined_on is not None, has_handler=stage.handler_id is not None
        )
    )
    stage.acknowledged_on = on
    stage.status = StageStatus.ACKNOWLEDGED
    _refresh_due_dates(stage, complaint.landlord)
    stage.save()
    late = on > stage.acknowledgement_due
    _event(
        complaint,
        EventKind.ACKNOWLEDGED,
        f"Stage {stage.number} acknowledged"
        + (" late" if late else "")
        + f". Response due {stage.response_due_extended:%-d %B %Y}.",
        on=on,
        by=by,
        stage=stage.number,
        detail={"late": late, "response_due": stage.response_due_extended.isoformat()},
    )
    return stage


@transaction.atomic
def complaint_extend(
    *,
    complaint: Complaint,
    working_days: int,
    reason: str,
    by: User | None,
    good_reason: str = "",
    ombudsman_details_given: bool = True,
    on: dt.date | None = None,
) -> Extension:
    """Code 6.4 / 6.15 (limits), 6.5 / 6.16 (the Ombudsman's details): extend the response
    date, explained to the resident with the Ombudsman's details. Beyond 10 (stage 1) or 20 (stage 2) working days in all, a good
    reason is required. The new due date is N working days after the old one."""
    complaint = _locked(complaint)
    require_can_act(by, complaint.landlord, complaint)
    lc.require_allowed(complaint.situation(), Command.EXTEND)
    on = on or today()
    _not_in_future(on)
    stage = _current_stage(complaint)
    _not_before(on, stage.requested_on, "the stage began")
    _raise_if(
        lc.check_extension(
            stage=stage.number,
            working_days=working_days,
            reason=reason,
            total_before=stage.extension_working_days,
            good_reason=good_reason,
        )
    )
    previous_due = stage.response_due_extended
    stage.extension_working_days += working_days
    _refresh_due_dates(stage, complaint.landlord)
    stage.save()
    extension = Extension.objects.create(
        stage=stage,
        working_days=working_days,
        reason=reason.strip(),
        good_reason=good_reason.strip(),
        ombudsman_details_given=ombudsman_details_given,
        decided_on=on,
        previous_due=previous_due,
        new_due=stage.response_due_extended,
        decided_by=by if by is not None and by.is_authenticated else None,
    )
    over = stage.extension_working_days > EXTENSION_LIMIT_WORKING_DAYS[stage.number]
    _event(
        complaint,
        EventKind.EXTENDED,
        f"Stage {stage.number} extended by {working_days} working days: response now due "
        f"{stage.response_due_extended:%-d %B %Y}.",
        on=on,
        by=by,
        stage=stage.number,
        detail={
            "working_days": working_days,
            "reason": reason,
            "good_reason": good_reason,
            "over_limit": over,
            "ombudsman_details_given": ombudsman_details_given,
            "new_due": stage.response_due_extended.isoformat(),
        },
    )
    return extension


@dataclass(frozen=True)
class RemedyInput:
    kind: str
    description: str = ""
    due_on: dt.date | None = None
    amount: Decimal | None = None
    compensation_reason: str = ""


@dataclass(frozen=True)
class ActionInput:
    description: str
    owner: str
    due_on: dt.date | None


@transaction.atomic
def complaint_respond(
    *,
    complaint: Complaint,
    outcome: str,
    reasons: str,
    by: User | None,
    point_outcomes: Sequence[str] = (),
    remedies: Sequence[RemedyInput] = (),
    actions: Sequence[ActionInput] = (),
    root_cause: str = "",
    root_cause_detail: str = "",
    on: dt.date | None = None,
) -> Stage:
    """Code 6.9 / 6.19: respond to the stage with the decision on each point and overall,
    the reasons, any remedy with its "by when", and outstanding actions with owners and
    dates. Stage 1 closes with the way to stage 2; stage 2 is the final response."""
    complaint = _locked(complaint)
    require_can_act(by, complaint.landlord, complaint)
    lc.require_allowed(complaint.situation(), Command.RESPOND)
    on = on or today()
    _not_in_future(on)
    stage = _current_stage(complaint)
    points = list(stage.points.all())
    if len(point_outcomes) != len(points):
        raise RuleError({"points": f"Give a decision on each of the {len(points)} points."})
    response = lc.Response(
        outcome=outcome,
        reasons=reasons,
        points=tuple(
            lc.PointOutcome(p.summary, o) for p, o in zip(points, point_outcomes, strict=True)
        ),
        remedies=tuple(lc.RemedyDraft(r.kind, r.description, r.due_on, r.amount) for r in remedies),
        actions=tuple(lc.ActionDraft(a.description, a.owner, a.due_on) for a in actions),
    )
    problems = lc.check_response(response)
    if root_cause and root_cause not in RootCause.values():
        problems["root_cause"] = "Choose a root cause from the list."
    if on < (stage.acknowledged_on or stage.requested_on):
        problems["on"] = "The response cannot be before the acknowledgement."
    last_extension = stage.extensions.exclude(decided_on=None).order_by("-decided_on").first()
    if last_extension is not None and on < last_extension.decided_on:
        problems["on"] = "The response cannot be before the last extension was decided."
    _raise_if(problems)

    for point, point_outcome in zip(points, point_outcomes, strict=True):
        point.outcome = point_outcome
    StagePoint.objects.bulk_update(points, ["outcome"])
    Remedy.objects.bulk_create(
        Remedy(
            stage=stage,
            kind=r.kind,
            description=r.description,
            due_on=r.due_on,
            amount_offered=r.amount,
            compensation_reason=r.compensation_reason,
            offered_on=on if r.amount else None,
        )
        for r in remedies
    )
    OutstandingAction.objects.bulk_create(
        OutstandingAction(stage=stage, description=a.description, owner=a.owner, due_on=a.due_on)
        for a in actions
    )
    stage.responded_on = on
    stage.outcome = outcome
    stage.reasons = reasons.strip()
    stage.status = StageStatus.RESPONDED
    stage.save(update_fields=["responded_on", "outcome", "reasons", "status"])
    complaint.state = State.STAGE1_CLOSED if stage.number == 1 else State.CLOSED
    if root_cause:
        complaint.root_cause = root_cause
        complaint.root_cause_detail = root_cause_detail
    late = on > stage.response_due_extended
    _event(
        complaint,
        EventKind.RESPONDED,
        f"Stage {stage.number} {'final ' if stage.number == 2 else ''}response sent: "
        f"{stage.get_outcome_display().lower()}" + (" (late)." if late else "."),
        on=on,
        by=by,
        stage=stage.number,
        detail={
            "outcome": outcome,
            "point_outcomes": list(point_outcomes),
            "remedies": len(remedies),
            "actions": len(actions),
            "late": late,
        },
        changed=("state", "root_cause", "root_cause_detail"),
    )
    return stage


# Stage 2, withdrawal, closing -------------------------------------------------------------


@transaction.atomic
def complaint_request_escalation(
    *,
    complaint: Complaint,
    requested_on: dt.date,
    by: User | None,
    reason: str = "",
    reason_text: str = "",
) -> Stage:
    """Code 6.12: the resident asks for stage 2. No reason is required; if they gave one it
    is recorded. A request outside the landlord's escalation window is flagged for
    discretion, never blocked."""
    complaint = _locked(complaint)
    require_can_act(by, complaint.landlord, complaint)
    lc.require_allowed(complaint.situation(), Command.REQUEST_ESCALATION)
    _not_in_future(requested_on, "requested_on")
    first = complaint.stage(1)
    assert first is not None and first.responded_on is not None
    if requested_on < first.responded_on:
        raise RuleError(
            {"requested_on": "Stage 2 cannot be asked for before the stage 1 response."}
        )
    outside = lc.escalation_outside_window(
        responded_on=first.responded_on,
        requested_on=requested_on,
        window_days=complaint.landlord.escalation_window_days,
    )
    stage = _new_stage(
        complaint,
        2,
        requested_on,
        escalation_reason=reason or "not_given",
        escalation_reason_text=reason_text,
        outside_escalation_window=outside,
    )
    complaint.state = State.STAGE2
    who = "The resident or their representative" if complaint.representative_id else "The resident"
    _event(
        complaint,
        EventKind.ESCALATION_REQUESTED,
        f"{who} asked for stage 2."
        + (" This is outside the escalation window: consider discretion." if outside else "")
        + f" Acknowledgement due {stage.acknowledgement_due:%-d %B %Y}.",
        on=requested_on,
        by=by,
        stage=2,
        detail={
            "reason": reason or "not_given",
            "reason_text": reason_text,
            "outside_window": outside,
        },
        changed=("state",),
    )
    return stage


@transaction.atomic
def complaint_refuse_escalation(
    *,
    complaint: Complaint,
    reason: str,
    explanation: str,
    by: User | None,
    on: dt.date | None = None,
) -> Complaint:
    """Code 6.12 and 4.1: refuse to escalate, only for a valid reason, with an explanation and
    the right to take the decision to the Ombudsman."""
    complaint = _locked(complaint)
    require_can_act(by, complaint.landlord, complaint)
    lc.require_allowed(complaint.situation(), Command.REFUSE_ESCALATION)
    on = on or today()
    _not_in_future(on)
    _raise_if(
        lc.check_not_accepted(
            reason=reason, explanation=explanation, discretion_considered="x", twelve_months=False
        )
    )
    stage = _current_stage(complaint)
    _not_before(on, stage.requested_on, "stage 2 was asked for")
    stage.status = StageStatus.NOT_ACCEPTED
    stage.not_accepted_reason = reason
    stage.not_accepted_detail = explanation
    stage.not_accepted_on = on
    stage.save(
        update_fields=["status", "not_accepted_reason", "not_accepted_detail", "not_accepted_on"]
    )
    complaint.state = State.CLOSED
    _event(
        complaint,
        EventKind.ESCALATION_REFUSED,
        f"Stage 2 refused: {NotAcceptedReason(reason).label}.",
        on=on,
        by=by,
        stage=2,
        detail={"reason": reason, "explanation": explanation},
        changed=("state",),
    )
    return complaint


@transaction.atomic
def complaint_withdraw(
    *,
    complaint: Complaint,
    requested_by: str,
    by: User | None,
    reason: str = "",
    on: dt.date | None = None,
) -> Complaint:
    """Withdraw a complaint before the current stage's response, recording the date and who
    asked. A withdrawn complaint stays counted as received (counting-rules.md)."""
    complaint = _locked(complaint)
    require_can_act(by, complaint.landlord, complaint)
    lc.require_allowed(complaint.situation(), Command.WITHDRAW)
    on = on or today()
    _not_in_future(on)
    _raise_if(
        lc.check_withdrawal(
            requested_by=requested_by, withdrawn_on=on, received_on=complaint.received_on
        )
    )
    stage = complaint.current_stage
    if stage is not None:
        _not_before(on, stage.requested_on, "the stage began")
        stage.status = StageStatus.WITHDRAWN
        stage.save(update_fields=["status"])
    complaint.state = State.WITHDRAWN
    complaint.withdrawn_on = on
    complaint.withdrawn_by = requested_by.strip()
    _event(
        complaint,
        EventKind.WITHDRAWN,
        f"Withdrawn at the request of {requested_by.strip()}."
        + (f" {reason.strip()}" if reason.strip() else ""),
        on=on,
        by=by,
        stage=stage.number if stage else None,
        detail={"requested_by": requested_by, "reason": reason},
        changed=("state", "withdrawn_on", "withdrawn_by"),
    )
    return complaint


@transaction.atomic
def record_resolve(
    *, record: Complaint, summary: str, by: User | None, on: dt.date | None = None
) -> Complaint:
    """Mark a service request or member enquiry as dealt with."""
    record = _locked(record)
    require_can_act(by, record.landlord, record)
    lc.require_allowed(record.situation(), Command.RESOLVE)
    on = on or today()
    _not_in_future(on)
    _not_before(on, record.received_on, "the date it was received")
    if not summary.strip():
        raise RuleError({"summary": "Say how it was resolved."})
    record.state = State.RESOLVED
    _event(
        record, EventKind.RESOLVED, f"Resolved: {summary.strip()}", on=on, by=by, changed=("state",)
    )
    return record


# The timeline ---------------------------------------------------------------------------


@transaction.atomic
def complaint_add_note(
    *, complaint: Complaint, text: str, by: User | None, on: dt.date | None = None
) -> Event:
    """Add an internal note, call note or email summary to the timeline."""
    complaint = _locked(complaint)
    require_can_act(by, complaint.landlord, complaint)
    if not text.strip():
        raise RuleError({"text": "Write the note."})
    on = on or today()
    _not_in_future(on)
    _not_before(on, complaint.received_on, "the date it was received")
    stage = complaint.current_stage
    return _event(
        complaint, EventKind.NOTE, text.strip(), on=on, by=by, stage=stage.number if stage else None
    )


@transaction.atomic
def complaint_attach(
    *,
    complaint: Complaint,
    filename: str,
    content: bytes,
    content_type: str,
    by: User | None,
    description: str = "",
    on: dt.date | None = None,
) -> Attachment:
    """Attach a file to the timeline, checking its size and type."""
    complaint = _locked(complaint)
    require_can_act(by, complaint.landlord, complaint)
    if content_type not in ALLOWED_ATTACHMENT_TYPES:
        raise RuleError(
            {
                "file": "The file must be a PDF, image, Word document, text, email, audio or video file."
            }
        )
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise RuleError({"file": "The file must be smaller than 20 MB."})
    if not content:
        raise RuleError({"file": "The file is empty."})
    on = on or today()
    _not_in_future(on)
    stage = complaint.current_stage
    event = _event(
        complaint,
        EventKind.ATTACHMENT,
        f"File attached: {filename}" + (f" ({description.strip()})" if description.strip() else ""),
        on=on,
        by=by,
        stage=stage.number if stage else None,
        detail={"filename": filename, "size": len(content), "content_type": content_type},
    )
    digest = hashlib.sha256(content).hexdigest()
    attachment = Attachment(
        complaint=complaint,
        event=event,
        filename=filename,
        content_type=content_type,
        size=len(content),
        sha256=digest,
    )
    attachment.file.save(digest, ContentFile(content), save=False)
    attachment.save()
    return attachment


@transaction.atomic
def event_correct(*, event: Event, correction: str, by: User | None) -> Event:
    """Correct a timeline entry. The old entry stays as it was; the correction is a new
    entry pointing at it, so the record shows both."""
    complaint = _locked(event.complaint)
    require_can_act(by, complaint.landlord, complaint)
    if not correction.strip():
        raise RuleError({"correction": "Write the correction."})
    return _event(
        complaint,
        EventKind.CORRECTION,
        correction.strip(),
        on=today(),
        by=by,
        stage=event.stage,
        corrects=event,
    )


# Putting things right ---------------------------------------------------------------------


@transaction.atomic
def action_complete(
    *, action: OutstandingAction, by: User | None, note: str = "", on: dt.date | None = None
) -> OutstandingAction:
    """Record an outstanding action promised in a response as done (Code 6.9f)."""
    complaint = _locked(action.stage.complaint)
    require_can_act(by, complaint.landlord, complaint)
    action = OutstandingAction.objects.select_for_update().get(pk=action.pk)
    if action.done_on is not None:
        raise RuleError("This action is already recorded as done.", code="not_allowed_now")
    on = on or today()
    _not_in_future(on)
    _not_before(on, action.stage.responded_on, "the response that promised it")
    action.done_on = on
    action.save(update_fields=["done_on"])
    _event(
        complaint,
        EventKind.NOTE,
        f"Outstanding action done: {action.description}"
        + (f" {note.strip()}" if note.strip() else ""),
        on=on,
        by=by,
        stage=action.stage.number,
        detail={"action": action.pk, "done_on": on.isoformat()},
    )
    return action


@transaction.atomic
def remedy_record_progress(
    *,
    remedy: Remedy,
    by: User | None,
    accepted_on: dt.date | None = None,
    amount_accepted: Decimal | None = None,
    paid_on: dt.date | None = None,
    amount_paid: Decimal | None = None,
    payment_method: str = "",
    done_on: dt.date | None = None,
) -> Remedy:
    """Follow a remedy to completion (Code 7): a financial remedy accepted and paid, and how;
    any remedy done. Each step is on the timeline."""
    complaint = _locked(remedy.stage.complaint)
    require_can_act(by, complaint.landlord, complaint)
    remedy = Remedy.objects.select_for_update().get(pk=remedy.pk)
    problems: dict[str, str] = {}
    for field, day in (("accepted_on", accepted_on), ("paid_on", paid_on), ("done_on", done_on)):
        if day is not None and day > today():
            problems[field] = "The date cannot be in the future."
    if paid_on is not None and amount_paid is None:
        problems["amount_paid"] = "Give the amount paid."
    if paid_on is not None and payment_method not in PaymentMethod.values():
        problems["payment_method"] = "Choose how it was paid."
    _raise_if(problems)
    changes: list[str] = []
    if accepted_on is not None:
        remedy.accepted_on, remedy.amount_accepted = accepted_on, amount_accepted
        changes.append(f"accepted on {accepted_on:%-d %B %Y}")
    if paid_on is not None:
        remedy.paid_on, remedy.amount_paid, remedy.payment_method = (
            paid_on,
            amount_paid,
            payment_method,
        )
        changes.append(
            f"£{amount_paid} paid on {paid_on:%-d %B %Y} ({PaymentMethod(payment_method).label.lower()})"
        )
    if done_on is not None:
        remedy.done_on = done_on
        changes.append(f"done on {done_on:%-d %B %Y}")
    if not changes:
        raise RuleError("Nothing to record.")
    remedy.save()
    _event(
        complaint,
        EventKind.NOTE,
        f"{remedy}: " + "; ".join(changes) + ".",
        on=max(d for d in (accepted_on, paid_on, done_on) if d is not None),
        by=by,
        stage=remedy.stage.number,
        detail={"remedy": remedy.pk},
    )
    return remedy
