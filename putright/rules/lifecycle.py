"""The lifecycle of a complaint: its states, the commands allowed in each, and what each
command requires (domain.md §3, Code sections 1, 4, 5 and 6).

A stage is done when its letter goes. Recording the acknowledgement, or the decision of the
response, leaves the stage with a letter to send (``LetterOwed``); the response counts as
sent, and the stage as responded, only when its letter is issued or recorded as posted.
Between the decision and the letter the stage is still open and still due: its decision
can be corrected, but not made again.

The services in ``putright.complaints.services`` ask this module before they change
anything; the staff pages ask it which commands to offer. It knows nothing of the database:
its inputs are plain values and small dataclasses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from putright.rules.codes import Kind, NotAcceptedReason, Outcome
from putright.rules.timescales import extension_needs_good_reason


class RuleError(Exception):
    """The rules say no. ``problems`` holds one plain-English message per broken rule,
    keyed by the field it concerns ("" for the command as a whole)."""

    def __init__(self, problems: dict[str, str] | str, code: str = "rule_broken") -> None:
        if isinstance(problems, str):
            problems = {"": problems}
        self.problems = problems
        self.code = code
        super().__init__(" ".join(problems.values()))


class State(StrEnum):
    """Where a record is. A complaint moves down this list; nothing moves it back."""

    RECEIVED = "received"  # logged, waiting for triage
    NOT_ACCEPTED = "not_accepted"  # triage decided not to take it on (Code 4.1)
    STAGE1 = "stage1"  # accepted; stage 1 open
    STAGE1_CLOSED = "stage1_closed"  # stage 1 responded; the resident may escalate
    STAGE2 = "stage2"  # escalation requested; stage 2 open
    CLOSED = "closed"  # stage 2 (final) response sent, or the escalation refused
    WITHDRAWN = "withdrawn"
    OPEN = "open"  # a service request or member enquiry being dealt with
    RESOLVED = "resolved"  # a service request or member enquiry finished

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    State.RECEIVED: "Waiting for triage",
    State.NOT_ACCEPTED: "Not accepted",
    State.STAGE1: "Stage 1 open",
    State.STAGE1_CLOSED: "Stage 1 responded",
    State.STAGE2: "Stage 2 open",
    State.CLOSED: "Closed after final response",
    State.WITHDRAWN: "Withdrawn",
    State.OPEN: "Open",
    State.RESOLVED: "Resolved",
}


class StageStatus(StrEnum):
    """Where one stage is."""

    REQUESTED = "requested"  # received (stage 1) or escalation requested (stage 2)
    ACKNOWLEDGED = "acknowledged"
    RESPONDED = "responded"
    NOT_ACCEPTED = "not_accepted"  # the complaint (stage 1) or escalation (stage 2) refused
    WITHDRAWN = "withdrawn"


class LetterOwed(StrEnum):
    """The letter a stage is waiting for: its acknowledgement (Code 5.6, 6.2, 6.11) or its
    response (6.9, 6.19). The stage's step is not finished until that letter is issued."""

    ACKNOWLEDGEMENT = "acknowledgement"
    RESPONSE = "response"

    @property
    def label(self) -> str:
        return {
            LetterOwed.ACKNOWLEDGEMENT: "Acknowledgement letter to send",
            LetterOwed.RESPONSE: "Response letter to send",
        }[self]


class Command(StrEnum):
    TRIAGE = "triage"
    DEFINE = "define"
    ALLOCATE = "allocate"
    ACKNOWLEDGE = "acknowledge"
    EXTEND = "extend"
    RESPOND = "respond"
    CORRECT_RESPONSE = "correct_response"
    REQUEST_ESCALATION = "request_escalation"
    REFUSE_ESCALATION = "refuse_escalation"
    WITHDRAW = "withdraw"
    RESOLVE = "resolve"
    ADD_NOTE = "add_note"
    ATTACH = "attach"


@dataclass(frozen=True, slots=True)
class Situation:
    """What the lifecycle needs to know about a record to say what may happen next."""

    kind: Kind
    state: State
    stage_status: StageStatus | None = None  # of the current stage, if in one
    #: The current stage's decision is recorded and its response letter is still to send.
    response_decided: bool = False


_STAGE_STILL_OPEN = (None, StageStatus.REQUESTED, StageStatus.ACKNOWLEDGED)


def allowed_commands(s: Situation) -> frozenset[Command]:
    """The commands the lifecycle allows now. Notes and attachments are always allowed."""
    always = {Command.ADD_NOTE, Command.ATTACH}
    if s.kind is not Kind.COMPLAINT:
        return frozenset(always | ({Command.RESOLVE} if s.state is State.OPEN else set()))
    allowed: set[Command] = set(always)
    if s.state is State.RECEIVED:
        allowed |= {Command.TRIAGE, Command.WITHDRAW, Command.ALLOCATE}
    elif s.state in (State.STAGE1, State.STAGE2) and s.stage_status in _STAGE_STILL_OPEN:
        # Withdrawal only before the stage's response is sent (domain.md §3).
        allowed |= {Command.ALLOCATE, Command.WITHDRAW}
        if s.response_decided:
            # Decided, the letter still to send: the decision can be corrected, not remade.
            allowed.add(Command.CORRECT_RESPONSE)
            return frozenset(allowed)
        allowed.add(Command.DEFINE)
        if s.stage_status is StageStatus.REQUESTED:
            allowed |= {Command.ACKNOWLEDGE, Command.EXTEND}
            if s.state is State.STAGE2:
                allowed.add(Command.REFUSE_ESCALATION)
        elif s.stage_status is StageStatus.ACKNOWLEDGED:
            allowed |= {Command.EXTEND, Command.RESPOND}
    elif s.state is State.STAGE1_CLOSED:
        allowed.add(Command.REQUEST_ESCALATION)
    return frozenset(allowed)


_WHY_NOT = {
    Command.TRIAGE: "Only a complaint waiting for triage can be triaged.",
    Command.DEFINE: "The complaint can only be defined while a stage is open.",
    Command.ALLOCATE: "A handler can only be allocated while the complaint is open.",
    Command.ACKNOWLEDGE: "Only a stage that has not yet been acknowledged can be acknowledged.",
    Command.EXTEND: "Only an open stage that has not been responded to can be extended.",
    Command.RESPOND: "A stage must be open and acknowledged before it can be responded to.",
    Command.CORRECT_RESPONSE: (
        "A response can only be corrected once it is recorded and before its letter is sent."
    ),
    Command.REQUEST_ESCALATION: "Stage 2 can only be asked for after a stage 1 response.",
    Command.REFUSE_ESCALATION: "Only a stage 2 request not yet acknowledged can be refused.",
    Command.WITHDRAW: "Only an open complaint can be withdrawn, before the stage's response.",
    Command.RESOLVE: "Only an open service request or member enquiry can be resolved.",
}


#: What a stage whose decision is recorded can no longer have done to it.
_DECIDED_ALREADY = (Command.RESPOND, Command.EXTEND, Command.DEFINE, Command.ACKNOWLEDGE)


def require_allowed(s: Situation, command: Command) -> None:
    """Raise RuleError saying why, if ``command`` is not allowed in this situation."""
    if command not in allowed_commands(s):
        if s.response_decided and command in _DECIDED_ALREADY:
            raise RuleError(
                "The decision is already recorded and its letter is still to send: correct "
                "the response if it is wrong, or issue the response letter.",
                code="not_allowed_now",
            )
        raise RuleError(_WHY_NOT.get(command, "That is not allowed now."), code="not_allowed_now")


# What each command requires. Each check returns the problems found, keyed by field.


def check_not_accepted(
    *, reason: str | None, explanation: str, discretion_considered: str, twelve_months: bool
) -> dict[str, str]:
    """Code 4.1 - 4.3: a refusal needs a valid reason and an explanation; for an issue over
    12 months old, the discretion considered must be recorded."""
    problems: dict[str, str] = {}
    if reason not in NotAcceptedReason.values():
        problems["reason"] = "Choose the reason the complaint is not accepted."
    if not explanation.strip():
        problems["explanation"] = "Explain to the resident why the complaint is not accepted."
    if (
        twelve_months or reason == NotAcceptedReason.OVER_12_MONTHS
    ) and not discretion_considered.strip():
        problems["discretion_considered"] = (
            "Record how discretion was considered for an issue over 12 months old."
        )
    return problems


@dataclass(frozen=True, slots=True)
class Definition:
    """Code 5.6: the complaint definition set at each stage."""

    points: tuple[str, ...]
    outcomes_sought: str
    not_responsible: str = ""


def check_definition(d: Definition) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not [p for p in d.points if p.strip()]:
        problems["points"] = "Write at least one point the complaint is about."
    if not d.outcomes_sought.strip():
        problems["outcomes_sought"] = "Write what the resident wants to happen."
    return problems


def check_acknowledge(*, defined: bool, has_handler: bool) -> dict[str, str]:
    """Code 5.6, 6.2: a complaint is acknowledged, defined and logged together."""
    problems: dict[str, str] = {}
    if not defined:
        problems["definition"] = "Define the complaint before acknowledging it."
    if not has_handler:
        problems["handler"] = "Allocate a handler before acknowledging the complaint."
    return problems


def check_stage2_handler(*, stage1_handler_id: object, stage2_handler_id: object) -> dict[str, str]:
    """Code 6.13: the stage 2 handler must not be the person who handled stage 1."""
    if stage2_handler_id is not None and stage2_handler_id == stage1_handler_id:
        return {
            "handler": "The stage 2 handler must be a different person from the stage 1 handler."
        }
    return {}


def check_extension(
    *, stage: int, working_days: int, reason: str, total_before: int, good_reason: str
) -> dict[str, str]:
    """Code 6.4 / 6.15: an extension is explained; beyond 10 / 20 working days in all it
    needs a good reason."""
    problems: dict[str, str] = {}
    if working_days < 1:
        problems["working_days"] = "An extension must be at least 1 working day."
    if not reason.strip():
        problems["reason"] = "Explain why more time is needed."
    over_limit = working_days >= 1 and extension_needs_good_reason(
        stage, total_before + working_days
    )
    if over_limit and not good_reason.strip():
        limit = 10 if stage == 1 else 20
        problems["good_reason"] = (
            f"This takes the stage {stage} extension past {limit} working days in all: "
            "give the good reason for it."
        )
    return problems


@dataclass(frozen=True, slots=True)
class PointOutcome:
    point: str
    outcome: str | None
    finding: str = ""


@dataclass(frozen=True, slots=True)
class RemedyDraft:
    kind: str
    description: str
    due: dt.date | None = None
    amount: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ActionDraft:
    description: str
    owner: str
    due: dt.date | None


@dataclass(frozen=True, slots=True)
class Response:
    """Code 6.9 / 6.19: what a stage response must settle."""

    outcome: str | None
    reasons: str
    points: tuple[PointOutcome, ...] = ()
    remedies: tuple[RemedyDraft, ...] = ()
    actions: tuple[ActionDraft, ...] = ()


def check_response(r: Response) -> dict[str, str]:
    """A response needs the decision overall and on each point, the reasons, a "by when"
    for each remedy and a date and owner for each outstanding action (Code 6.9 (c)-(f))."""
    problems: dict[str, str] = {}
    if r.outcome not in Outcome.values():
        problems["outcome"] = "Choose the overall decision: upheld, partly upheld or not upheld."
    if not r.reasons.strip():
        problems["reasons"] = "Give the reasons for the decision."
    for i, p in enumerate(r.points, start=1):
        if p.outcome not in Outcome.values():
            problems[f"points.{i}"] = f"Give the decision on point {i}."
    for i, rem in enumerate(r.remedies, start=1):
        if rem.due is None:
            problems[f"remedies.{i}.due"] = f"Say by when remedy {i} will be done."
        if rem.kind == "financial" and (rem.amount is None or rem.amount <= 0):
            problems[f"remedies.{i}.amount"] = f"Give the amount of financial remedy {i}."
    for i, a in enumerate(r.actions, start=1):
        if a.due is None:
            problems[f"actions.{i}.due"] = f"Give the date outstanding action {i} will be done by."
        if not a.owner.strip():
            problems[f"actions.{i}.owner"] = f"Say who owns outstanding action {i}."
    return problems


def check_withdrawal(
    *, requested_by: str, withdrawn_on: dt.date, received_on: dt.date
) -> dict[str, str]:
    """A withdrawal records the date and who asked for it."""
    problems: dict[str, str] = {}
    if not requested_by.strip():
        problems["requested_by"] = "Record who asked to withdraw the complaint."
    if withdrawn_on < received_on:
        problems["withdrawn_on"] = (
            "The withdrawal date cannot be before the complaint was received."
        )
    return problems


def escalation_outside_window(
    *, responded_on: dt.date, requested_on: dt.date, window_days: int
) -> bool:
    """The landlord's escalation window (commonly a month, in calendar days) has passed.

    Never a hard block: the service records it so the handler can consider discretion.
    """
    return (requested_on - responded_on).days > window_days
