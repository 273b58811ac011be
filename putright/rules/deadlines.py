"""A record's next deadline and what to call it, in one place for the work queue, the case
page, the reminders and the API (Code 6.2, 6.3, 6.4, 6.11, 6.14, 6.15; domain.md §3, §7).

The clock runs from receipt (Code 6.2): a complaint waiting for triage must already be
acknowledged within 5 working days of being received, and triage accepting it does not
restart that count. Once a stage is open its next deadline is its acknowledgement, then
its response (as extended, when an extension moved it). A Housing Ombudsman deadline on
the record (a reply to a contact, an order to complete) comes first when it is sooner.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from putright.rules.calendar import WorkingCalendar
from putright.rules.lifecycle import StageStatus, State
from putright.rules.timescales import acknowledgement_due


class DeadlineKind(StrEnum):
    """Which deadline it is. The values are the API's ``next_due_kind``."""

    ACKNOWLEDGE = "acknowledge"
    RESPOND = "respond"
    RESPOND_EXTENDED = "respond_extended"
    OMBUDSMAN = "ombudsman"

    @property
    def label(self) -> str:
        """The work queue's name for it: "Respond (extended)"."""
        return DEADLINE_LABELS[self]

    @property
    def step(self) -> str:
        """The step that is due, in a sentence: "Stage 1 response (extended) was due ..."."""
        return DEADLINE_STEPS[self]


DEADLINE_LABELS = {
    DeadlineKind.ACKNOWLEDGE: "Acknowledge",
    DeadlineKind.RESPOND: "Respond",
    DeadlineKind.RESPOND_EXTENDED: "Respond (extended)",
    DeadlineKind.OMBUDSMAN: "Ombudsman",
}
DEADLINE_STEPS = {
    DeadlineKind.ACKNOWLEDGE: "acknowledgement",
    DeadlineKind.RESPOND: "response",
    DeadlineKind.RESPOND_EXTENDED: "response (extended)",
    DeadlineKind.OMBUDSMAN: "Housing Ombudsman deadline",
}


@dataclass(frozen=True, slots=True)
class Deadline:
    """One deadline of a record: which it is, when, the complaint stage it belongs to (None
    for the Ombudsman's) and, for the Ombudsman's, what is due ("Evidence request")."""

    kind: DeadlineKind
    due_on: dt.date
    stage: int | None = None
    what: str = ""

    @property
    def label(self) -> str:
        return self.kind.label


class StageDue(Protocol):
    """What a stage needs to say for its deadline (a ``Stage`` or an import's plan), read
    only: fields or properties alike."""

    @property
    def number(self) -> int: ...
    @property
    def status(self) -> str: ...
    @property
    def acknowledgement_due(self) -> dt.date: ...
    @property
    def response_due(self) -> dt.date: ...
    @property
    def response_due_extended(self) -> dt.date: ...


#: The states whose next deadline is an open stage's (``stage_deadline``).
STAGE_DEADLINE_STATES = frozenset({State.STAGE1, State.STAGE2})


def deadline_reads_stage(state: str) -> bool:
    """Whether a record's next deadline in ``state`` depends on its latest stage at all: only
    while a stage is open. In every other state ``record_deadline`` gives the same answer
    without it, so a caller need not read the stage to ask."""
    return state in STAGE_DEADLINE_STATES


def deadline_reads_calendar(state: str) -> bool:
    """Whether a record's next deadline in ``state`` is counted in the landlord's working
    days here: only while it waits for triage (Code 6.2, from receipt). An open stage's
    deadlines were counted when the stage was dated (its ``..._due`` fields), so in every
    other state ``record_deadline`` gives the same answer whatever the calendar."""
    return state == State.RECEIVED


def stage_deadline(state: str, stage: StageDue | None) -> Deadline | None:
    """The open stage's next deadline: its acknowledgement, then its response (as extended,
    when an extension that counts moved it). None when no stage is open."""
    if stage is None or not deadline_reads_stage(state):
        return None
    if stage.status == StageStatus.REQUESTED:
        return Deadline(DeadlineKind.ACKNOWLEDGE, stage.acknowledgement_due, stage.number)
    if stage.status == StageStatus.ACKNOWLEDGED:
        extended = stage.response_due_extended != stage.response_due
        kind = DeadlineKind.RESPOND_EXTENDED if extended else DeadlineKind.RESPOND
        return Deadline(kind, stage.response_due_extended, stage.number)
    return None


def record_deadline(
    *, state: str, received_on: dt.date, stage: StageDue | None, calendar: WorkingCalendar
) -> Deadline | None:
    """A record's own next deadline. Code 6.2: a complaint waiting for triage is to be
    acknowledged within 5 working days of being received; otherwise the open stage's."""
    if deadline_reads_calendar(state):
        return Deadline(DeadlineKind.ACKNOWLEDGE, acknowledgement_due(calendar, received_on), 1)
    return stage_deadline(state, stage)


def deadline_kind(state: str, stage: StageDue | None) -> DeadlineKind | None:
    """Which of the record's own deadlines is next (its ``next_due_on``, which the services
    keep by ``record_deadline``): the acknowledgement while waiting for triage, then the
    open stage's."""
    if state == State.RECEIVED:
        return DeadlineKind.ACKNOWLEDGE
    deadline = stage_deadline(state, stage)
    return deadline.kind if deadline is not None else None


_KIND_ORDER = {kind: n for n, kind in enumerate(DeadlineKind)}


def earliest(*deadlines: Deadline | None) -> Deadline | None:
    """The soonest of the deadlines given (None ones left out); on the same day the
    complaint's own comes before the Ombudsman's."""
    present = [d for d in deadlines if d is not None]
    if not present:
        return None
    return min(present, key=lambda d: (d.due_on, _KIND_ORDER[d.kind]))
