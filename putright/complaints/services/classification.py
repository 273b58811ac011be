"""What a complaint is about, changed after it was logged: its main service area and theme
(Code 9.2: learning from complaints needs them right; the reports count by them).

A complaint logged in a hurry is often filed under the wrong service area, and what it is
really about comes out as it is looked into. Either may be changed at any time; the
timeline says what it was and what it is now ("Service area changed from Repairs to
Estates."), so the reports' figures can be traced.
"""

from __future__ import annotations

import datetime as dt
from types import EllipsisType

from django.db import transaction

from putright.complaints.models import Complaint, EventKind
from putright.complaints.services._common import User, change_record, command_date, command_open
from putright.landlords.models import ServiceArea, Theme
from putright.rules.lifecycle import RuleError

#: How the timeline names a service area or theme that was not recorded.
NOT_RECORDED = "not recorded"


def _name(record: ServiceArea | Theme | None) -> str:
    return record.name if record is not None else NOT_RECORDED


@transaction.atomic
def complaint_reclassify(
    *,
    complaint: Complaint,
    by: User | None,
    service_area: ServiceArea | EllipsisType | None = ...,
    theme: Theme | EllipsisType | None = ...,
    on: dt.date | None = None,
) -> Complaint:
    """Change the complaint's main service area, its main theme, or both (``...`` leaves
    one as it is; None clears it). Refused when nothing would change, or when the new one
    belongs to another landlord."""
    complaint = command_open(complaint, by)
    on = command_date(on, earliest=complaint.received_on, what="the date it was received")
    problems: dict[str, str] = {}
    changes: list[str] = []
    detail: dict[str, object] = {}
    changed: list[str] = []
    for field, label, new in (
        ("service_area", "Service area", service_area),
        ("theme", "Theme", theme),
    ):
        if new is ...:
            continue
        if new is not None and new.landlord_id != complaint.landlord_id:
            problems[field] = "That record belongs to another landlord."
            continue
        old = getattr(complaint, field)
        if (old.pk if old else None) == (new.pk if new else None):
            continue
        changes.append(f"{label} changed from {_name(old)} to {_name(new)}.")
        detail[field] = {"from": _name(old), "to": _name(new)}
        setattr(complaint, field, new)
        changed.append(field)
    if problems:
        raise RuleError(problems)
    if not changes:
        raise RuleError(
            {
                "service_area": "Choose a different service area or theme: these are the ones recorded."
            }
        )
    stage = complaint.current_stage
    change_record(
        complaint,
        EventKind.RECLASSIFIED,
        " ".join(changes),
        on=on,
        by=by,
        stage=stage.number if stage else None,
        detail=detail,
        changed=changed,
    )
    return complaint
