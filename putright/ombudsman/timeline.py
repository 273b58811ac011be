"""Ombudsman casework on the linked complaint's timeline.

Each entry is of kind ``ombudsman``; ``detail["ombudsman"]`` says what it records (case,
contact, reply, determination, order, failure order); the summary reads plainly on its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F
from django.utils import timezone

from putright.complaints.models import Complaint, Event, EventKind

#: The timeline kind used for Ombudsman entries.
OMBUDSMAN_EVENT_KIND = EventKind.OMBUDSMAN


def ombudsman_event(
    complaint: Complaint | None,
    summary: str,
    *,
    on: dt.date,
    by: object | None,
    what: str,
    detail: dict[str, Any] | None = None,
    kind: str = OMBUDSMAN_EVENT_KIND,
) -> Event | None:
    """Write an Ombudsman entry on ``complaint``'s timeline (nothing for a case that stands
    alone) and move the complaint's version on, inside the caller's transaction."""
    if complaint is None:
        return None
    actor = by if by is not None and getattr(by, "is_authenticated", False) else None
    event = Event.objects.create(
        landlord_id=complaint.landlord_id,
        complaint=complaint,
        kind=kind,
        occurred_on=on,
        actor=actor,
        summary=summary,
        detail={"ombudsman": {"what": what, **(detail or {})}},
    )
    Complaint.objects.filter(pk=complaint.pk).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    return event
