"""Closing a record without a response: a complaint withdrawn, a service request or member
enquiry resolved."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from putright.complaints.models import Complaint, EventKind
from putright.complaints.services._common import (
    User,
    change_record,
    command_date,
    command_open,
    not_before,
    raise_if,
)
from putright.complaints.services.records import record_respond
from putright.landlords.permissions import require_own_staff
from putright.rules import lifecycle as lc
from putright.rules.lifecycle import Command, RuleError, StageStatus, State


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
    asked. A withdrawn complaint stays counted as received (counting-rules.md). Only the
    landlord's own staff withdraw a complaint: a contractor's handler works on the stages
    allocated to it, and the complaint may be about its own work."""
    complaint = command_open(complaint, by, Command.WITHDRAW)
    require_own_staff(
        by,
        complaint.landlord,
        "A contractor's handler cannot withdraw a complaint. Ask the landlord's complaints "
        "team to withdraw it.",
    )
    on = command_date(on)
    raise_if(
        lc.check_withdrawal(
            requested_by=requested_by, withdrawn_on=on, received_on=complaint.received_on
        )
    )
    stage = complaint.current_stage
    if stage is not None:
        not_before(on, stage.requested_on, "the stage began")
        stage.status = StageStatus.WITHDRAWN
        stage.save(update_fields=["status"])
    complaint.state = State.WITHDRAWN
    complaint.withdrawn_on = on
    complaint.withdrawn_by = requested_by.strip()
    change_record(
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


def record_resolve(
    *, record: Complaint, summary: str, by: User | None, on: dt.date | None = None
) -> Complaint:
    """Mark a service request or member enquiry as dealt with: its response, ``summary``
    being what was said (``record_respond``, the one path; kept for the API's
    ``/resolve`` and its older callers)."""
    try:
        return record_respond(record=record, response=summary, by=by, on=on)
    except RuleError as error:
        if "response" in error.problems:
            raise RuleError({"summary": "Say how it was resolved."}) from None
        raise
