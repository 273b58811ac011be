"""Code 8.5: a notice of exceptional circumstances does not stop the clock, so a deadline
missed while one is in force is still late; the notice explains the delay. These say when
a deadline was late and whether a notice was in force at any time while it was."""

from __future__ import annotations

import datetime as dt

ONE_DAY = dt.timedelta(days=1)


def late_period(
    due_on: dt.date, done_on: dt.date | None, today: dt.date
) -> tuple[dt.date, dt.date] | None:
    """The days a deadline was late, first and last: from the day after it was due to the
    day it was done (or today, while it is not done). None when it was met, or is not due
    yet."""
    last = done_on if done_on is not None else today
    if last <= due_on:
        return None
    return due_on + ONE_DAY, last


def notice_in_force_during(
    period: tuple[dt.date, dt.date],
    started_on: dt.date,
    withdrawn_on: dt.date | None,
    today: dt.date,
) -> bool:
    """Code 8.5: whether a notice that started on ``started_on`` (and was withdrawn on
    ``withdrawn_on``, or is in force still) was in force on any day of ``period``."""
    first, last = period
    ended = withdrawn_on if withdrawn_on is not None else today
    return started_on <= last and ended >= first
