"""The retention rule (domain.md §11): a closed record's personal data is kept for the
landlord's retention period after closure, then removed, while its counted facts stay.

A record is closed when nothing more will happen on it: a complaint not accepted, closed
after its final response, left at stage 1 responded, withdrawn, or a service request or
member enquiry resolved, with no letter still to send and every remedy and action done.
Its closure date is the date of the last thing that happened on it (its latest timeline
entry), so a note or an Ombudsman contact after closure starts the period again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from putright.rules.lifecycle import State

#: The states in which nothing more is due from the landlord on the record.
CLOSED_STATES = frozenset(
    {State.NOT_ACCEPTED, State.STAGE1_CLOSED, State.CLOSED, State.WITHDRAWN, State.RESOLVED}
)

#: The wording put in place of a piece of personal data that was removed. Text that was
#: empty stays empty, so a count of what was recorded (Code 5.6, 5.14) stays the same.
REMOVED = "Removed under the retention policy."


def is_closed(state: str, *, pending: bool = False) -> bool:
    """Closed: a closed state and nothing pending (a letter to send, a remedy or an action
    not done)."""
    return state in CLOSED_STATES and not pending


def retention_ends(closed_on: dt.date, years: int) -> dt.date:
    """The last day the record's personal data is kept: ``years`` after the closure date, to
    the day (a closure on 29 February ends on 28 February)."""
    if years < 1:
        raise ValueError("The retention period is at least one year.")
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:
        return closed_on.replace(year=closed_on.year + years, day=28)


def is_past_retention(
    *, state: str, closed_on: dt.date, years: int, today: dt.date, pending: bool = False
) -> bool:
    """True once a closed record's retention period has ended: from the day after
    ``retention_ends``."""
    return is_closed(state, pending=pending) and today > retention_ends(closed_on, years)


def removed(text: str) -> str:
    """``REMOVED`` in place of text that held something; empty text stays empty."""
    return REMOVED if text.strip() else text


def oldest(days: Iterable[dt.date]) -> dt.date | None:
    """The earliest of ``days``, or None when there are none."""
    return min(days, default=None)
