"""Notes and corrections on the timeline (Code 5.12: a full record)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from putright.complaints.models import Complaint, Event, EventKind
from putright.complaints.services._common import User, change_record, command_date, command_open
from putright.landlords.models import today
from putright.rules.lifecycle import RuleError


@transaction.atomic
def complaint_add_note(
    *, complaint: Complaint, text: str, by: User | None, on: dt.date | None = None
) -> Event:
    """Add an internal note, call note or email summary to the timeline."""
    complaint = command_open(complaint, by)
    if not text.strip():
        raise RuleError({"text": "Write the note."})
    on = command_date(on, earliest=complaint.received_on, what="the date it was received")
    stage = complaint.current_stage
    return change_record(
        complaint, EventKind.NOTE, text.strip(), on=on, by=by, stage=stage.number if stage else None
    )


@transaction.atomic
def event_correct(*, event: Event, correction: str, by: User | None) -> Event:
    """Correct a timeline entry. The old entry stays as it was; the correction is a new
    entry pointing at it, so the record shows both."""
    complaint = command_open(event.complaint, by)
    if not correction.strip():
        raise RuleError({"correction": "Write the correction."})
    return change_record(
        complaint,
        EventKind.CORRECTION,
        correction.strip(),
        on=today(),
        by=by,
        stage=event.stage,
        corrects=event,
    )
