"""Ombudsman casework (and the learning from it) on the linked complaint's timeline.

Each entry is of kind ``ombudsman`` (``learning`` for learning records);
``detail["ombudsman"]`` says what it records (case, contact, reply, determination, order,
failure order, learning); the summary reads plainly on its own. The entry is written by
the timeline's one writer, ``putright.complaints.timeline``, which moves the complaint's
version on and tells whoever listens.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from putright.complaints.models import Complaint, Event, EventKind
from putright.complaints.timeline import event_write

#: The timeline kind used for Ombudsman entries.
OMBUDSMAN_EVENT_KIND = EventKind.OMBUDSMAN


def ombudsman_detail(what: str, detail: dict[str, Any] | None = None) -> dict[str, Any]:
    """An Ombudsman entry's ``detail``: what it records, and the ids it is about."""
    return {"ombudsman": {"what": what, **(detail or {})}}


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
    alone), inside the caller's transaction."""
    if complaint is None:
        return None
    return event_write(
        complaint=complaint,
        kind=kind,
        summary=summary,
        occurred_on=on,
        by=by,
        detail=ombudsman_detail(what, detail),
    )
