"""Stage 2 asked for, or refused (Code 6.12 and 4.1)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from putright.complaints.models import Complaint, EventKind, Stage
from putright.complaints.services._common import (
    User,
    change_record,
    command_date,
    command_open,
    current_stage,
    new_stage,
    not_before,
    not_in_future,
    raise_if,
)
from putright.rules import lifecycle as lc
from putright.rules.codes import NotAcceptedReason
from putright.rules.lifecycle import Command, RuleError, StageStatus, State


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
    complaint = command_open(complaint, by, Command.REQUEST_ESCALATION)
    not_in_future(requested_on, "requested_on")
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
    stage = new_stage(
        complaint,
        2,
        requested_on,
        escalation_reason=reason or "not_given",
        escalation_reason_text=reason_text,
        outside_escalation_window=outside,
    )
    complaint.state = State.STAGE2
    who = "The resident or their representative" if complaint.representative_id else "The resident"
    change_record(
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
    complaint = command_open(complaint, by, Command.REFUSE_ESCALATION)
    on = command_date(on)
    raise_if(
        lc.check_not_accepted(
            reason=reason, explanation=explanation, discretion_considered="x", twelve_months=False
        )
    )
    stage = current_stage(complaint)
    not_before(on, stage.requested_on, "stage 2 was asked for")
    stage.status = StageStatus.NOT_ACCEPTED
    stage.not_accepted_reason = reason
    stage.not_accepted_detail = explanation
    stage.not_accepted_on = on
    stage.save(
        update_fields=["status", "not_accepted_reason", "not_accepted_detail", "not_accepted_on"]
    )
    complaint.state = State.CLOSED
    change_record(
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
