"""Service requests and member enquiries as work (issue 17, item 3; domain.md §2).

They are not complaints, so the Code sets no timescale for them: the landlord sets a target
in working days for each kind (``Landlord.service_request_target_days`` and
``member_enquiry_target_days``), counted like the Code's timescales in the landlord's
working-day calendar (bank holidays and its closure days left out); the days left or overdue
are ``putright.rules.timescales.working_days_left``, as for every other deadline. A record is responded
to within target when its response is dated on or before its target date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from putright.rules.calendar import WorkingCalendar
from putright.rules.codes import Kind

#: The kinds of record that have an owner, a target date and a response of their own.
RECORD_KINDS = (Kind.SERVICE_REQUEST, Kind.MEMBER_ENQUIRY)

#: The target a landlord starts with, in working days, like the Code's stage 1 response.
DEFAULT_TARGET_DAYS = 10

#: The targets a landlord may set, in working days: at least a day, at most three months.
TARGET_DAYS_RANGE = (1, 65)


def has_target(kind: str) -> bool:
    """Whether a record of this kind is worked to the landlord's target: a service request
    or a member enquiry; a complaint follows the Code's timescales instead."""
    return kind in RECORD_KINDS


def record_target(calendar: WorkingCalendar, received_on: dt.date, working_days: int) -> dt.date:
    """The date a service request or member enquiry is to be responded to by: the landlord's
    target, ``working_days`` working days after the day it was received, counted like the
    Code's timescales (the first working day after receipt is day 1)."""
    return calendar.add_working_days(received_on, working_days)


def responded_within_target(responded_on: dt.date | None, target_on: dt.date | None) -> bool:
    """A record counts as responded to within target when it has a response dated on or
    before its target date (the counting rule of the annual report's figures)."""
    return responded_on is not None and target_on is not None and responded_on <= target_on


@dataclass(frozen=True, slots=True)
class RecordFacts:
    """What the annual report counts of a service request or member enquiry."""

    kind: str
    service_area: str
    received_on: dt.date
    responded_on: dt.date | None
    target_on: dt.date | None


@dataclass(slots=True)
class WithinTarget:
    """The counts of one kind in one service area: received in the year, responded to (at
    any time since), and responded to on or before the target date."""

    received: int = 0
    responded: int = 0
    responded_within_target: int = 0


def within_target_counts(
    records: Iterable[RecordFacts], start: dt.date, end: dt.date
) -> dict[tuple[str, str], WithinTarget]:
    """The annual report's counting rule (counting-rules.md, "Service requests and member
    enquiries"), one record at a time: each service request and member enquiry received
    from ``start`` to ``end`` counts as received under its kind and service area; as
    responded when it has a response; and as responded within target when that response is
    dated on or before its target date. The reports count the same in the database; the
    tests hold the two together."""
    counts: dict[tuple[str, str], WithinTarget] = {}
    for r in records:
        if r.kind not in RECORD_KINDS or not start <= r.received_on <= end:
            continue
        c = counts.setdefault((r.kind, r.service_area), WithinTarget())
        c.received += 1
        c.responded += r.responded_on is not None
        c.responded_within_target += responded_within_target(r.responded_on, r.target_on)
    return counts
