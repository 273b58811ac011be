"""Responding to a stage (Code 6.9, 6.19): the decision on each point and overall, its
reasons, remedies and outstanding actions; correcting it before its letter goes; and the
response counting as sent when its letter is issued.

A stage is done when its letter goes. ``complaint_respond`` records the decision and leaves
the stage with its response letter to send (``Stage.letter_owed``): still open, still due
by its response date, on the work queue as "letter to send". ``complaint_response_correct``
puts the decision right before then, as a new timeline entry beside the first. When the
response letter is issued, by email or recorded as posted (``putright.letters.services``),
``complaint_letter_sent`` records the response as sent on the letter's date: the date that
counts for timeliness (counting-rules.md), the stage responded, the remedies given in the
letter itself done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from putright.complaints.models import (
    Complaint,
    Event,
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
    not_before,
    raise_if,
)
from putright.landlords.models import SubCause
from putright.landlords.selectors import staff_person
from putright.rules import allocation, approval
from putright.rules import lifecycle as lc
from putright.rules.codes import Outcome, RemedyKind, RootCause
from putright.rules.lifecycle import Command, LetterOwed, RuleError, StageStatus, State
from putright.rules.remedies import resident_wording


@dataclass(frozen=True)
class RemedyInput:
    """A remedy as the response records it. ``resident_wording`` is what the letter tells
    the resident (a plain sentence for its kind when empty); ``description`` is the
    handler's own note. A remedy given in the letter (an apology, an explanation) is due
    with the letter when no date is given; any other is owned by the stage's handler unless
    ``owner`` says who."""

    kind: str
    description: str = ""
    due_on: dt.date | None = None
    amount: Decimal | None = None
    compensation_reason: str = ""
    resident_wording: str = ""
    owner: str = ""


@dataclass(frozen=True)
class ActionInput:
    description: str
    owner: str
    due_on: dt.date | None


@dataclass(frozen=True)
class _Action:
    """An outstanding action, checked: it has its date and owner (Code 6.9 (f))."""

    description: str
    owner: str
    due_on: dt.date


def _action_checked(action: ActionInput) -> _Action:
    """The action, once ``lc.check_response`` has found nothing missing from it."""
    assert action.due_on is not None, "check_response refuses an action without a date"
    return _Action(action.description, action.owner, action.due_on)


@dataclass(frozen=True)
class _Decision:
    """A response decision, checked, as it will be written."""

    outcome: str
    reasons: str
    point_outcomes: tuple[str, ...]
    point_findings: tuple[str, ...]
    remedies: tuple[RemedyInput, ...]
    actions: tuple[_Action, ...]
    root_cause: str
    root_cause_detail: str
    sub_cause: SubCause | None = None

    def snapshot(self) -> dict[str, Any]:
        """The decision as the timeline entry keeps it, so a correction leaves the first
        version readable."""
        return {
            "outcome": self.outcome,
            "reasons": self.reasons,
            "point_outcomes": list(self.point_outcomes),
            "point_findings": list(self.point_findings),
            "remedies": [
                {
                    "kind": r.kind,
                    "resident_wording": r.resident_wording,
                    "due_on": r.due_on.isoformat() if r.due_on else None,
                    "amount": str(r.amount) if r.amount is not None else None,
                    "owner": r.owner,
                }
                for r in self.remedies
            ],
            "actions": [
                {
                    "description": a.description,
                    "owner": a.owner,
                    "due_on": a.due_on.isoformat(),
                }
                for a in self.actions
            ],
        }


def _handler_name(stage: Stage) -> str:
    handler = stage.handler
    if handler is None:
        return ""
    return handler.get_full_name().strip() or handler.get_username()


@dataclass(frozen=True)
class _Recorder:
    """Who records a stage's decision, checked: the words the timeline entry adds ("by
    Olivia Grant for Sarah Bennett") and what its detail keeps, when it is recorded for
    the handler by someone else."""

    words: str = ""
    detail: dict[str, Any] | None = None


def _recorder_checked(complaint: Complaint, stage: Stage, by: User | None) -> _Recorder:
    """Code 6.13: only the person the stage is allocated to records its response, or a
    complaints officer for them (``putright.rules.allocation``), whichever way it comes."""
    landlord_id = complaint.landlord_id
    handler = staff_person(stage.handler, landlord_id) if stage.handler is not None else None
    recorder: allocation.Person | None = None
    if by is not None and by.is_authenticated:
        # Most handlers record their own response: then they are read once, not twice.
        same = handler is not None and by.pk == handler.id
        recorder = handler if same else staff_person(by, landlord_id)
    raise_if(allocation.recording_problems(stage=stage.number, handler=handler, recorder=recorder))
    handled_for = allocation.recorded_for(handler=handler, recorder=recorder)
    if handled_for is None or recorder is None:
        return _Recorder()
    return _Recorder(
        words=f" by {recorder.name} for {handled_for.name}",
        detail={"recorded_for": {"id": handled_for.id, "name": handled_for.name}},
    )


def _remedy_as_recorded(stage: Stage, remedy: RemedyInput, decided_on: dt.date) -> RemedyInput:
    """The remedy with what the record needs filled in: the resident's wording (a plain
    sentence for its kind), the date of one given in the letter (the response's due date,
    or the decision's if that is later) and the owner of one done later (the handler)."""
    kind = remedy.kind
    in_letter = kind in RemedyKind.values() and RemedyKind(kind).delivered_in_letter
    due_on = remedy.due_on
    if due_on is None and in_letter:
        due_on = max(decided_on, stage.response_due_extended)
    owner = remedy.owner.strip()
    if not owner and not in_letter:
        owner = _handler_name(stage)
    wording = " ".join(remedy.resident_wording.split()) or resident_wording(
        kind, remedy.amount, remedy.compensation_reason
    )
    return RemedyInput(
        kind=kind,
        description=remedy.description.strip(),
        due_on=due_on,
        amount=remedy.amount,
        compensation_reason=remedy.compensation_reason,
        resident_wording=wording,
        owner=owner,
    )


def _decision_checked(
    stage: Stage,
    on: dt.date,
    *,
    outcome: str,
    reasons: str,
    point_outcomes: Sequence[str],
    point_findings: Sequence[str],
    remedies: Sequence[RemedyInput],
    actions: Sequence[ActionInput],
    root_cause: str,
    root_cause_detail: str,
    sub_cause: str = "",
) -> _Decision:
    """Code 6.9 / 6.19: the decision overall and on each point, the reasons, a "by when"
    for every remedy and a date and owner for every outstanding action; refused, naming
    each problem, otherwise."""
    points = list(stage.points.all())
    if len(point_outcomes) != len(points):
        raise RuleError({"points": f"Give a decision on each of the {len(points)} points."})
    findings = tuple(f.strip() for f in point_findings) or ("",) * len(points)
    if len(findings) != len(points):
        raise RuleError({"points": f"Give the reasons for each of the {len(points)} points."})
    recorded = tuple(_remedy_as_recorded(stage, r, on) for r in remedies)
    response = lc.Response(
        outcome=outcome,
        reasons=reasons,
        points=tuple(
            lc.PointOutcome(p.summary, o, f)
            for p, o, f in zip(points, point_outcomes, findings, strict=True)
        ),
        remedies=tuple(lc.RemedyDraft(r.kind, r.description, r.due_on, r.amount) for r in recorded),
        actions=tuple(lc.ActionDraft(a.description, a.owner, a.due_on) for a in actions),
    )
    problems = lc.check_response(response)
    for i, r in enumerate(recorded, start=1):
        if r.kind not in RemedyKind.values():
            problems[f"remedies.{i}.kind"] = f"Choose what kind of remedy remedy {i} is."
        elif not r.resident_wording:
            problems[f"remedies.{i}.resident_wording"] = (
                f"Write what the letter will tell the resident about remedy {i}."
            )
    if root_cause and root_cause not in RootCause.values():
        problems["root_cause"] = "Choose a root cause from the list."
    coded, problem = _sub_cause_checked(stage.landlord_id, root_cause, sub_cause)
    if problem:
        problems["sub_cause"] = problem
    if on < (stage.acknowledged_on or stage.requested_on):
        problems["on"] = "The response cannot be before the acknowledgement."
    last_extension = stage.extensions.exclude(decided_on=None).order_by("-decided_on").first()
    if (
        last_extension is not None
        and last_extension.decided_on is not None
        and on < last_extension.decided_on
    ):
        problems["on"] = "The response cannot be before the last extension was decided."
    raise_if(problems)
    return _Decision(
        outcome=outcome,
        reasons=reasons.strip(),
        point_outcomes=tuple(point_outcomes),
        point_findings=findings,
        remedies=recorded,
        actions=tuple(_action_checked(a) for a in actions),
        root_cause=root_cause,
        root_cause_detail=root_cause_detail,
        sub_cause=coded,
    )


def _sub_cause_checked(landlord_id: int, root_cause: str, code: str) -> tuple[SubCause | None, str]:
    """The landlord's sub-cause with ``code`` under ``root_cause`` (issue 13), or the
    problem in words: an unknown code, one under another root cause, or one without a root
    cause. A retired code is still accepted: it may be correcting a record that has it."""
    code = code.strip()
    if not code:
        return None, ""
    if not root_cause:
        return None, "Choose the root cause before its sub-cause."
    found = SubCause.objects.filter(landlord_id=landlord_id, code=code).first()
    if found is None:
        return None, f"There is no sub-cause {code!r} in the landlord's list; choose one from it."
    if found.root_cause != root_cause:
        return None, (
            f"{found.label} is a sub-cause of {RootCause(found.root_cause).label.lower()}, "
            "not of the root cause chosen: choose one under that root cause."
        )
    return found, ""


def _owner_user(stage: Stage, owner: str) -> User | None:
    """The person who owns a remedy, when its owner is someone who works for the landlord
    (the handler, named as the record names them, or by username): their reminders list
    it. None for an owner outside (a contractor's firm, a team)."""
    handler = stage.handler
    if handler is not None and owner == _handler_name(stage):
        return handler
    return (
        get_user_model()
        .objects.filter(memberships__landlord_id=stage.landlord_id, is_active=True, username=owner)
        .first()
    )


def _decision_write(complaint: Complaint, stage: Stage, decision: _Decision, on: dt.date) -> None:
    """Write the decision on the stage: each point's decision and reasons, the remedies
    and actions (replacing any recorded before), the overall decision and root cause."""
    points = list(stage.points.all())
    for point, outcome, finding in zip(
        points, decision.point_outcomes, decision.point_findings, strict=True
    ):
        point.outcome = outcome
        point.finding = finding
    StagePoint.objects.bulk_update(points, ["outcome", "finding"])
    stage.remedies.all().delete()
    stage.actions.all().delete()
    Remedy.objects.bulk_create(
        Remedy(
            stage=stage,
            kind=r.kind,
            description=r.description,
            resident_wording=r.resident_wording,
            due_on=r.due_on,
            owner=r.owner,
            owner_user=_owner_user(stage, r.owner) if r.owner else None,
            amount_offered=r.amount,
            compensation_reason=r.compensation_reason,
            offered_on=on if r.amount else None,
        )
        for r in decision.remedies
    )
    OutstandingAction.objects.bulk_create(
        OutstandingAction(stage=stage, description=a.description, owner=a.owner, due_on=a.due_on)
        for a in decision.actions
    )
    stage.outcome = decision.outcome
    stage.reasons = decision.reasons
    if decision.root_cause:
        complaint.root_cause = decision.root_cause
        complaint.root_cause_detail = decision.root_cause_detail
        complaint.sub_cause = decision.sub_cause


def _approval_set(complaint: Complaint, stage: Stage, decision: _Decision) -> str:
    """Whether the response as decided needs approval before its letter goes (the
    landlord's sign-off rules, ``putright.rules.approval``): sets the stage's reasons and
    clears an earlier approval (a corrected response is approved afresh). Returns the
    words the timeline entry adds."""
    compensation = sum(
        (r.amount for r in decision.remedies if r.kind == RemedyKind.FINANCIAL and r.amount),
        Decimal(0),
    )
    reasons = approval.approval_reasons(
        complaint.landlord.approval_policy(), stage=stage.number, compensation=compensation
    )
    stage.approval_needed = "; ".join(reasons)
    stage.approved_by = None
    stage.approved_at = None
    if not reasons:
        return ""
    return " It needs approval before its letter goes: " + stage.approval_needed + "."


def _decision_recorder(complaint: Complaint, stage: Stage) -> User | None:
    """Who recorded the stage's decision as it stands: the latest decision or correction."""
    event = (
        Event.objects.filter(
            complaint=complaint,
            stage=stage.number,
            kind__in=(EventKind.DECIDED, EventKind.RESPONSE_CORRECTED),
        )
        .select_related("actor")
        .order_by("-recorded_at", "-id")
        .first()
    )
    return event.actor if event is not None else None


def _awaiting_approval(complaint: Complaint) -> Stage:
    stage = current_stage(complaint)
    if not stage.awaiting_approval:
        raise RuleError("This response is not waiting for approval.", code="not_allowed_now")
    return stage


def _approver_checked(complaint: Complaint, stage: Stage, by: User | None) -> None:
    landlord_id = complaint.landlord_id
    recorder = _decision_recorder(complaint, stage)
    raise_if(
        approval.approval_problems(
            approver=staff_person(by, landlord_id) if by is not None else None,
            handler=staff_person(stage.handler, landlord_id) if stage.handler else None,
            recorder=staff_person(recorder, landlord_id) if recorder is not None else None,
        )
    )


@transaction.atomic
def complaint_response_approve(*, complaint: Complaint, by: User | None, note: str = "") -> Stage:
    """Sign-off (issue 17, item 2): a complaints officer or senior handler who neither
    handles the stage nor recorded its decision approves the response, so its letter can
    go. The clock does not stop while it waits: the stage is due by its response date."""
    complaint = command_open(complaint, by)
    stage = _awaiting_approval(complaint)
    _approver_checked(complaint, stage, by)
    stage.approved_by = by
    stage.approved_at = timezone.now()
    stage.save(update_fields=["approved_by", "approved_at"])
    note = note.strip()
    change_record(
        complaint,
        EventKind.APPROVAL,
        f"Stage {stage.number} response approved"
        + (f": {note.rstrip('.')}" if note else "")
        + ". Its letter can now be sent.",
        on=command_date(None),
        by=by,
        stage=stage.number,
        detail={"approved": True, "reasons": stage.approval_needed, "note": note},
    )
    return stage


@transaction.atomic
def complaint_response_send_back(*, complaint: Complaint, by: User | None, reason: str) -> Stage:
    """The approver sends the response back with what to change; it stays waiting for
    approval until it is corrected (``complaint_response_correct``) and approved."""
    complaint = command_open(complaint, by)
    stage = _awaiting_approval(complaint)
    _approver_checked(complaint, stage, by)
    reason = reason.strip()
    raise_if({"reason": "Say what needs to change."} if not reason else {})
    change_record(
        complaint,
        EventKind.APPROVAL,
        f"Stage {stage.number} response sent back for changes: {reason}",
        on=command_date(None),
        by=by,
        stage=stage.number,
        detail={"approved": False, "reasons": stage.approval_needed, "note": reason},
    )
    return stage


def _outcome_words(outcome: str) -> str:
    return Outcome(outcome).label.lower()


@transaction.atomic
def complaint_respond(
    *,
    complaint: Complaint,
    outcome: str,
    reasons: str,
    by: User | None,
    point_outcomes: Sequence[str] = (),
    point_findings: Sequence[str] = (),
    remedies: Sequence[RemedyInput] = (),
    actions: Sequence[ActionInput] = (),
    root_cause: str = "",
    root_cause_detail: str = "",
    sub_cause: str = "",
    on: dt.date | None = None,
) -> Stage:
    """Code 6.9 / 6.19: record the decision of the stage response: the decision on each
    point (with its reasons, as the resident will read them) and overall, the reasons, any
    remedy with its "by when", and outstanding actions with owners and dates.

    The stage is not responded to yet: it has its response letter to send, and stays open
    and due until the letter is issued (``complaint_letter_sent``), which sends the
    response. Stage 1 then closes with the way to stage 2; stage 2 is the final response."""
    complaint = command_open(complaint, by, Command.RESPOND)
    on = command_date(on)
    stage = current_stage(complaint)
    recorder = _recorder_checked(complaint, stage, by)
    decision = _decision_checked(
        stage,
        on,
        outcome=outcome,
        reasons=reasons,
        point_outcomes=point_outcomes,
        point_findings=point_findings,
        remedies=remedies,
        actions=actions,
        root_cause=root_cause,
        root_cause_detail=root_cause_detail,
        sub_cause=sub_cause,
    )
    _decision_write(complaint, stage, decision, on)
    stage.decided_on = on
    stage.letter_owed = LetterOwed.RESPONSE
    approval_words = _approval_set(complaint, stage, decision)
    stage.save(
        update_fields=[
            "outcome", "reasons", "decided_on", "letter_owed",
            "approval_needed", "approved_by", "approved_at",
        ]
    )  # fmt: skip
    final = "final " if stage.number == 2 else ""
    change_record(
        complaint,
        EventKind.DECIDED,
        f"Stage {stage.number} {final}decision recorded{recorder.words}: "
        f"{_outcome_words(outcome)}. The stage {stage.number} response letter is still to send."
        + approval_words,
        on=on,
        by=by,
        stage=stage.number,
        detail={**decision.snapshot(), **(recorder.detail or {})},
        changed=("root_cause", "root_cause_detail", "sub_cause"),
    )
    return stage


def _corrected_parts(stage: Stage, decision: _Decision) -> list[str]:
    """What a correction changes, in words, for its timeline entry."""
    parts = []
    if decision.outcome != stage.outcome:
        parts.append(
            f"the decision from {_outcome_words(stage.outcome)} to "
            f"{_outcome_words(decision.outcome)}"
        )
    if decision.reasons != stage.reasons:
        parts.append("the reasons")
    for i, (point, outcome, finding) in enumerate(
        zip(stage.points.all(), decision.point_outcomes, decision.point_findings, strict=True),
        start=1,
    ):
        if point.outcome != outcome or point.finding != finding:
            parts.append(f"point {i}")
    before = [
        (r.kind, r.resident_wording, r.due_on, r.amount_offered, r.owner)
        for r in stage.remedies.all()
    ]
    after = [(r.kind, r.resident_wording, r.due_on, r.amount, r.owner) for r in decision.remedies]
    if before != after:
        parts.append("the remedies")
    actions_before = [(a.description, a.owner, a.due_on) for a in stage.actions.all()]
    if actions_before != [(a.description, a.owner, a.due_on) for a in decision.actions]:
        parts.append("the outstanding actions")
    return parts


@transaction.atomic
def complaint_response_correct(
    *,
    complaint: Complaint,
    outcome: str,
    reasons: str,
    by: User | None,
    point_outcomes: Sequence[str] = (),
    point_findings: Sequence[str] = (),
    remedies: Sequence[RemedyInput] = (),
    actions: Sequence[ActionInput] = (),
    root_cause: str = "",
    root_cause_detail: str = "",
    sub_cause: str = "",
) -> Stage:
    """Correct a recorded response before its letter is sent (Code 5.12: a full record):
    the decision, reasons, remedies and actions are replaced with these, checked as a
    response is, and a "Response corrected" entry joins the timeline, pointing at the
    entry it corrects, which stays as it was. Once the letter has gone the response stands;
    what follows is a new step (an update to the resident, a stage 2 request)."""
    complaint = command_open(complaint, by, Command.CORRECT_RESPONSE)
    stage = current_stage(complaint)
    recorder = _recorder_checked(complaint, stage, by)
    on = command_date(None)
    remedies_followed = [
        r for r in stage.remedies.all() if r.done_on or r.accepted_on or r.paid_on
    ] + [a for a in stage.actions.all() if a.done_on]
    if remedies_followed:
        raise RuleError(
            "Progress is already recorded on a remedy or action of this response, so it "
            "cannot be corrected. Issue the letter, then write to the resident with the change.",
            code="not_allowed_now",
        )
    decision = _decision_checked(
        stage,
        stage.decided_on or on,
        outcome=outcome,
        reasons=reasons,
        point_outcomes=point_outcomes,
        point_findings=point_findings,
        remedies=remedies,
        actions=actions,
        root_cause=root_cause,
        root_cause_detail=root_cause_detail,
        sub_cause=sub_cause,
    )
    changes = _corrected_parts(stage, decision)
    if not changes and not root_cause:
        raise RuleError("Nothing is different from the response as recorded.")
    corrected = (
        Event.objects.filter(
            complaint=complaint,
            stage=stage.number,
            kind__in=(EventKind.DECIDED, EventKind.RESPONSE_CORRECTED),
        )
        .order_by("-recorded_at", "-id")
        .first()
    )
    _decision_write(complaint, stage, decision, stage.decided_on or on)
    approval_words = _approval_set(complaint, stage, decision)
    stage.save(
        update_fields=["outcome", "reasons", "approval_needed", "approved_by", "approved_at"]
    )
    change_record(
        complaint,
        EventKind.RESPONSE_CORRECTED,
        f"Stage {stage.number} response corrected{recorder.words} before its letter was "
        "sent: " + (", ".join(changes) if changes else "the root cause") + "." + approval_words,
        on=on,
        by=by,
        stage=stage.number,
        detail={**decision.snapshot(), **(recorder.detail or {})},
        corrects=corrected,
        changed=("root_cause", "root_cause_detail", "sub_cause"),
    )
    return stage


@transaction.atomic
def complaint_letter_sent(
    *,
    complaint: Complaint,
    stage_number: int | None,
    completes: LetterOwed | None,
    letter: str,
    delivery: str,
    sent_to: str,
    subject: str,
    on: dt.date,
    by: User | None,
    detail: dict[str, Any] | None = None,
) -> Event:
    """A letter to the resident was issued on ``on``: emailed (``delivery`` "email") or
    recorded as posted ("post"). Writes its timeline entry, and finishes the step the
    letter completes (``completes``):

    - the acknowledgement: the stage no longer has its acknowledgement letter to send;
    - the response (Code 6.9, 6.19): the response is sent on the letter's date, which is
      the date that counts for timeliness; the stage is responded to (stage 1 closes with
      the way to stage 2; stage 2 is the final response); the remedies given in the letter
      itself (an apology, an explanation) are done. The entry is the "Response sent" one.

    ``letter`` names it ("Stage 1 response"); the letters service calls this inside the
    transaction that freezes the letter, and points the letter at the entry (through
    ``letter_sent_write``, having opened the command itself)."""
    return letter_sent_write(
        opened=command_open(complaint, by),
        stage_number=stage_number,
        completes=completes,
        letter=letter,
        delivery=delivery,
        sent_to=sent_to,
        subject=subject,
        on=on,
        by=by,
        detail=detail,
    )


def letter_sent_write(
    *,
    opened: Complaint,
    stage_number: int | None,
    completes: LetterOwed | None,
    letter: str,
    delivery: str,
    sent_to: str,
    subject: str,
    on: dt.date,
    by: User | None,
    detail: dict[str, Any] | None = None,
) -> Event:
    """``complaint_letter_sent`` on a complaint whose command is already open: ``opened``
    was locked and read again in this transaction, and ``by`` checked as allowed to act on
    it (``command_open``'s steps). For ``putright.letters.services.letter_issue``, which
    takes those steps itself before it checks the letter, so the complaint is not read and
    the person's role not checked a second time for each letter; every other caller uses
    ``complaint_letter_sent``."""
    complaint = opened
    stage = complaint.stage(stage_number) if stage_number is not None else None
    how = f"sent by {'email' if delivery == 'email' else 'post'} to"
    summary = f"{letter} letter {how} {', '.join(sent_to.splitlines())}: {subject}"
    kind = EventKind.LETTER
    changed: tuple[str, ...] = ()
    if completes is LetterOwed.RESPONSE:
        if stage is None or not stage.response_decided:
            raise RuleError(
                {"kind": "Record the decision of the response before sending its letter."},
                code="not_allowed_now",
            )
        not_before(on, stage.decided_on, "the decision was recorded")
        if stage.awaiting_approval:
            raise RuleError(
                {
                    "kind": "This response needs approval before its letter goes ("
                    + stage.approval_needed
                    + "). Ask a complaints officer or a senior handler to approve it."
                },
                code="not_allowed_now",
            )
        late = on > stage.response_due_extended
        given = _response_sent(complaint, stage, on)
        kind = EventKind.RESPONDED
        summary += " (late)." if late else "."
        if given:
            summary += " Done with this letter: " + "; ".join(given) + "."
        detail = {**(detail or {}), "outcome": stage.outcome, "late": late}
        changed = ("state",)
    elif stage is not None and completes is not None and stage.letter_owed == completes:
        stage.letter_owed = ""
        stage.save(update_fields=["letter_owed"])
    return change_record(
        complaint,
        kind,
        summary,
        on=on,
        by=by,
        stage=stage.number if stage is not None else None,
        detail=detail,
        changed=changed,
    )


def _response_sent(complaint: Complaint, stage: Stage, on: dt.date) -> list[str]:
    """The response is sent: the stage responded on ``on`` by a letter with every element,
    the record moved on, and the remedies the letter itself gives done (their kinds, for
    the timeline entry)."""
    stage.responded_on = on
    stage.status = StageStatus.RESPONDED
    stage.letter_owed = ""
    stage.response_letter_sent = True
    stage.save(update_fields=["responded_on", "status", "letter_owed", "response_letter_sent"])
    complaint.state = State.STAGE1_CLOSED if stage.number == 1 else State.CLOSED
    given = []
    for remedy in stage.remedies.filter(done_on__isnull=True):
        if remedy.delivered_in_letter:
            remedy.done_on = on
            remedy.evidence = (
                f"Given in the stage {stage.number} response letter of {on:%-d %B %Y}."
            )
            remedy.save(update_fields=["done_on", "evidence"])
            given.append(remedy.get_kind_display().lower())
    return given
