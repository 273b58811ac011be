"""Keeping the resident informed (Code 5.9, 6.6, 6.17; ``putright.rules.updates``).

The handler agrees with the resident how often they will hear from us while their
complaint, or the works promised in its response, are outstanding: an update interval in
working days for the stage, recorded with its timeline entry. From then on the record's
``update_due_on`` (kept by every command, ``_common.change_record``) says when the next
update is owed; an update letter or a contact recorded to the resident moves it on.
"""

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
    raise_if,
)
from putright.rules.lifecycle import RuleError, State
from putright.rules.updates import interval_problem

#: The longest note of what was agreed.
NOTE_MAX = 500


def _outstanding(complaint: Complaint, stage: Stage) -> bool:
    """The stage is open, or one of the complaint's outstanding actions is not done."""
    if stage.is_open and complaint.state in (State.STAGE1, State.STAGE2):
        return True
    return any(action.done_on is None for s in complaint.stages.all() for action in s.actions.all())


@transaction.atomic
def complaint_update_interval_set(
    *,
    complaint: Complaint,
    working_days: int | None,
    by: User | None,
    note: str = "",
    on: dt.date | None = None,
) -> Stage:
    """Code 5.9: record the update interval agreed with the resident for the latest stage
    (every ``working_days`` working days; None: no interval any more), when it was agreed
    (``on``, today unless given) and what was agreed (``note``). Allowed while the stage is
    open or an outstanding action of the complaint is not done: that is when updates are
    owed."""
    complaint = command_open(complaint, by)
    stage = current_stage(complaint)
    if complaint.state == State.WITHDRAWN or not _outstanding(complaint, stage):
        raise RuleError(
            "Nothing is outstanding on this complaint: its stage is closed and every action "
            "promised is done, so no updates are owed.",
            code="not_allowed_now",
        )
    problems: dict[str, str] = {}
    problem = interval_problem(working_days)
    if problem:
        problems["working_days"] = problem
    note = note.strip()
    if len(note) > NOTE_MAX:
        problems["note"] = f"What was agreed must be {NOTE_MAX} characters or fewer."
    if working_days is None and stage.update_interval is None:
        problems["working_days"] = "Enter how often, in working days, the resident will be updated."
    raise_if(problems)
    on = command_date(on, earliest=stage.requested_on, what="the stage began")
    stage.update_interval = working_days
    stage.update_interval_agreed_on = on if working_days is not None else None
    stage.update_interval_note = note if working_days is not None else ""
    stage.save(
        update_fields=["update_interval", "update_interval_agreed_on", "update_interval_note"]
    )
    if working_days is None:
        summary = f"Stage {stage.number}: no regular updates agreed any more."
    else:
        every = "every working day" if working_days == 1 else f"every {working_days} working days"
        summary = f"Stage {stage.number}: updates to the resident agreed {every}."
        if note:
            summary += f" {note}"
    change_record(
        complaint,
        EventKind.UPDATE_INTERVAL,
        summary,
        on=on,
        by=by,
        stage=stage.number,
        detail={"working_days": working_days, "note": note},
    )
    return stage
