"""Working a stage: define it, allocate its handler, acknowledge it, extend it (Code 5.6,
6.2, 6.4, 6.5, 6.11, 6.13, 6.15, 6.16)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from types import EllipsisType

from django.core.exceptions import PermissionDenied
from django.db import transaction

from putright.complaints.models import Complaint, EventKind, Extension, Stage, StagePoint
from putright.complaints.services._common import (
    User,
    change_record,
    command_date,
    command_open,
    current_stage,
    not_before,
    raise_if,
    refresh_due_dates,
)
from putright.landlords.models import Contractor, StaffMembership
from putright.landlords.permissions import contractor_of
from putright.landlords.selectors import organisation, staff_person
from putright.rules import allocation
from putright.rules import lifecycle as lc
from putright.rules.codes import ExtensionReason
from putright.rules.lifecycle import Command, LetterOwed, RuleError, StageStatus
from putright.rules.timescales import (
    EXTENSION_LIMIT_WORKING_DAYS,
    extended_due,
    extension_too_late,
)


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
    complaint = command_open(complaint, by, Command.DEFINE)
    on = command_date(on, earliest=current_stage(complaint).requested_on, what="the stage began")
    clean_points = tuple(p.strip() for p in points if p.strip())
    raise_if(lc.check_definition(lc.Definition(clean_points, outcomes_sought, not_responsible)))
    stage = current_stage(complaint)
    revised = stage.defined_on is not None
    stage.points.all().delete()
    StagePoint.objects.bulk_create(
        StagePoint(stage=stage, number=i, summary=p) for i, p in enumerate(clean_points, start=1)
    )
    stage.outcomes_sought = outcomes_sought.strip()
    stage.not_responsible = not_responsible.strip()
    stage.defined_on = on
    stage.save(update_fields=["outcomes_sought", "not_responsible", "defined_on"])
    change_record(
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
    handles the complaint (``None``: the landlord itself; left out: unchanged).

    The handler is checked by ``putright.rules.allocation``, whichever way the allocation
    comes (the staff pages, the team tools, the API): someone of this landlord whose role
    handles complaints, never a viewer, an administrator or an API key's own user; at
    stage 2 a senior handler or a complaints officer of the landlord's own staff who did
    not handle stage 1 (Code 6.13). A contractor's handler is given only a complaint its
    contractor handles: allocating a person never moves the complaint to another
    contractor unless that contractor is chosen too. A contractor's handler allocates only
    within its own organisation. The contractor is the stage's own: a contractor may answer
    stage 1 and the landlord stage 2 (issue 13)."""
    complaint = command_open(complaint, by, Command.ALLOCATE)
    on = command_date(on, earliest=complaint.received_on, what="the date it was received")
    if contractor is ...:
        contractor = complaint.contractor
    own = contractor_of(by, complaint.landlord)
    if own is not None and (
        getattr(contractor, "pk", None) != own
        or (
            handler is not None
            and getattr(_handlers_contractor(handler, complaint), "pk", None) != own
        )
    ):
        raise PermissionDenied(
            "A contractor's handler can allocate the complaint only to its own organisation's "
            "staff. Ask the landlord's complaints team to hand it to someone else."
        )
    if contractor is not None and contractor.landlord_id != complaint.landlord_id:
        raise RuleError({"contractor": "That contractor does not work for this landlord."})
    stage = complaint.current_stage
    if handler is not None:
        first = complaint.stage(1)
        raise_if(
            allocation.allocation_problems(
                stage=stage.number if stage is not None else None,
                person=staff_person(handler, complaint.landlord_id),
                handled_by=organisation(contractor),
                stage1_handler=first.handler_id if first is not None else None,
            )
        )
    if stage is not None:
        # The handler belongs to the stage: so does who handles it (issue 13).
        stage.handler = handler
        stage.contractor = contractor
        stage.save(update_fields=["handler", "contractor"])
    complaint.contractor = contractor
    who = handler.get_full_name() or handler.get_username() if handler is not None else "nobody"
    by_whom = f" ({contractor.name})" if contractor else ""
    change_record(
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
    date or the acknowledgement due date if that is earlier. The stage then has its
    acknowledgement letter to send, until it is issued."""
    complaint = command_open(complaint, by, Command.ACKNOWLEDGE)
    on = command_date(on)
    stage = current_stage(complaint)
    if on < stage.requested_on:
        raise RuleError({"on": "The acknowledgement cannot be before the stage began."})
    raise_if(
        lc.check_acknowledge(
            defined=stage.defined_on is not None, has_handler=stage.handler_id is not None
        )
    )
    stage.acknowledged_on = on
    stage.status = StageStatus.ACKNOWLEDGED
    stage.letter_owed = LetterOwed.ACKNOWLEDGEMENT
    refresh_due_dates(stage, complaint.landlord)
    stage.save()
    late = on > stage.acknowledgement_due
    change_record(
        complaint,
        EventKind.ACKNOWLEDGED,
        f"Stage {stage.number} acknowledged"
        + (" late" if late else "")
        + f". Response due {stage.response_due_extended:%-d %B %Y}. The acknowledgement "
        "letter is still to send.",
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
    ombudsman_details_given: bool = False,
    on: dt.date | None = None,
    agreed_on: dt.date | None = None,
    reason_code: str = "",
) -> Extension:
    """Code 6.4 / 6.15 (limits), 6.5 / 6.16 (the Ombudsman's details): extend the response
    date, explained to the resident. Beyond 10 (stage 1) or 20 (stage 2) working days in
    all, a good reason is required. The new due date is N working days after the old one.

    An extension is decided before the response is late: it is agreed (``agreed_on``, the
    day recorded unless given) on or before the response due date as already extended.
    After that date it is refused: the response is late, and the resident is told the new
    date as an update instead. The Ombudsman's details go with the extension letter, so
    ``ombudsman_details_given`` becomes true when that letter is issued
    (``extension_letter_issued``); pass True only when they already went another way (a
    letter another system sent, through the API). ``reason_code`` says why from the list
    the annual report counts by (``rules.codes.ExtensionReason``; issue 13), beside the
    words ``reason`` explaining it to the resident."""
    if reason_code and reason_code not in ExtensionReason.values():
        raise RuleError(
            {
                "reason_code": f"There is no extension reason {reason_code!r}; use one of "
                + ", ".join(ExtensionReason.values())
                + "."
            }
        )
    complaint = command_open(complaint, by, Command.EXTEND)
    on = command_date(on)
    stage = current_stage(complaint)
    not_before(on, stage.requested_on, "the stage began")
    field = "on" if agreed_on is None else "agreed_on"
    agreed_on = on if agreed_on is None else agreed_on
    not_before(agreed_on, stage.requested_on, "the stage began", field)
    if agreed_on > on:
        raise RuleError({field: "The extension cannot be agreed after the day it is recorded."})
    previous_due = stage.response_due_extended
    too_late = extension_too_late(agreed_on, previous_due)
    if too_late is not None:
        raise RuleError({field: too_late})
    raise_if(
        lc.check_extension(
            stage=stage.number,
            working_days=working_days,
            reason=reason,
            total_before=stage.extension_working_days,
            good_reason=good_reason,
        )
    )
    extension = Extension.objects.create(
        stage=stage,
        working_days=working_days,
        reason_code=reason_code,
        reason=reason.strip(),
        good_reason=good_reason.strip(),
        ombudsman_details_given=ombudsman_details_given,
        decided_on=on,
        agreed_on=agreed_on,
        previous_due=previous_due,
        new_due=extended_due(complaint.landlord.calendar(), previous_due, working_days),
        decided_by=by if by is not None and by.is_authenticated else None,
    )
    stage.extension_working_days += working_days
    refresh_due_dates(stage, complaint.landlord)
    stage.save()
    over = stage.extension_working_days > EXTENSION_LIMIT_WORKING_DAYS[stage.number]
    agreed = "" if agreed_on == on else f" (agreed {agreed_on:%-d %B %Y})"
    change_record(
        complaint,
        EventKind.EXTENDED,
        f"Stage {stage.number} extended by {working_days} working days{agreed}: response now "
        f"due {stage.response_due_extended:%-d %B %Y}.",
        on=on,
        by=by,
        stage=stage.number,
        detail={
            "working_days": working_days,
            "reason_code": reason_code,
            "reason": reason,
            "good_reason": good_reason,
            "over_limit": over,
            "agreed_on": agreed_on.isoformat(),
            "ombudsman_details_given": ombudsman_details_given,
            "new_due": stage.response_due_extended.isoformat(),
        },
    )
    return extension


def extension_letter_issued(*, complaint: Complaint, stage: int) -> Extension | None:
    """Code 6.5 / 6.16: the extension letter carries the Housing Ombudsman's contact
    details, so issuing it gives them with the extension it tells the resident of (the
    stage's latest). Called by the letters' issue, inside its transaction, whose timeline
    entry records the letter; None when the stage has no extension."""
    extension = (
        Extension.objects.select_for_update()
        .filter(stage__complaint=complaint, stage__number=stage)
        .order_by("-id")
        .first()
    )
    if extension is not None and not extension.ombudsman_details_given:
        extension.ombudsman_details_given = True
        extension.save(update_fields=["ombudsman_details_given"])
    return extension
