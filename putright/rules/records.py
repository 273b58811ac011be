"""Service requests and member enquiries as work (issue 17, item 3; domain.md §2).

They are not complaints, so the Code sets no timescale for them: the landlord sets a target
in working days for each kind (``Landlord.service_request_target_days`` and
``member_enquiry_target_days``), counted like the Code's timescales in the landlord's
working-day calendar (bank holidays and its closure days left out). A record is responded
to within target when its response is dated on or before its target date.
"""

from __future__ import annotations

import datetime as dt

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


def working_days_left(calendar: WorkingCalendar, target_on: dt.date, today: dt.date) -> int:
    """Working days from ``today`` until the target: 0 on the target day itself, negative
    once it has passed (-1 the working day after). The queue shows it as days left or
    overdue."""
    return calendar.working_days_between(today, target_on)


def responded_within_target(responded_on: dt.date | None, target_on: dt.date | None) -> bool:
    """A record counts as responded to within target when it has a response dated on or
    before its target date (the counting rule of the annual report's figures)."""
    return responded_on is not None and target_on is not None and responded_on <= target_on
