"""Responding to a stage (Code 6.9, 6.19): the decision on each point and overall, remedies
and outstanding actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from putright.complaints.models import (
    Complaint,
    EventKind,
    OutstandingAction,
    Remedy,
    Stage,
    StagePoint,
)
from putright.complaints.services._common import (
    User,
    change_record,
    command_date,
    command_open,
    current_stage,
    raise_if,
)
from putright.rules import lifecycle as lc
from putright.rules.codes import RootCause
from putright.rules.lifecycle import Command, RuleError, StageStatus, State


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
    complaint = command_open(complaint, by, Command.RESPOND)
    on = command_date(on)
    stage = current_stage(complaint)
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
    raise_if(problems)

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
    change_record(
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
