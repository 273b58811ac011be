"""Keeping the resident informed (Code 5.9, 6.6, 6.17).

Code 5.9: the landlord keeps the resident regularly updated while their complaint is
handled; Code 6.6 and 6.17: where actions promised in a response are still outstanding, it
tracks them and keeps the resident informed. Two things make an update owed:

- an **update interval** the handler agreed with the resident for a stage ("every 10
  working days while the works are outstanding"): the next update is due that many working
  days after the last update given, or after the day it was agreed if none was given since.
  It runs while the stage is open or any of the complaint's outstanding actions is not
  done;
- an **outstanding action not done by its date**: the resident is owed an update about it
  by ``ACTION_UPDATE_WORKING_DAYS`` working day after that date, unless one was given on
  or after the date.

An update given is an update letter issued or a contact recorded *to* the resident (a call,
email, text, visit or letter); a call from the resident is theirs, not ours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from putright.rules.calendar import WorkingCalendar

#: The shortest and longest update interval a handler can agree, in working days.
MIN_INTERVAL_WORKING_DAYS = 1
MAX_INTERVAL_WORKING_DAYS = 60
#: An action not done by its date: the update about it is owed by this many working days
#: after the date.
ACTION_UPDATE_WORKING_DAYS = 1


class UpdateReason(StrEnum):
    """Why an update is owed. The values are the API's ``update_due_reason``."""

    INTERVAL = "interval"
    ACTION = "action"

    @property
    def label(self) -> str:
        return {
            UpdateReason.INTERVAL: "the update interval agreed with the resident",
            UpdateReason.ACTION: "an outstanding action not done by its date",
        }[self]


@dataclass(frozen=True, slots=True)
class UpdateDue:
    """The next update owed to the resident: when, and why (for an action, its date)."""

    due_on: dt.date
    reason: UpdateReason
    action_due_on: dt.date | None = None


def interval_problem(working_days: int | None) -> str | None:
    """What is wrong with an update interval a handler entered, in plain words (None: it
    is fine; an empty interval means none is agreed)."""
    if working_days is None:
        return None
    if not MIN_INTERVAL_WORKING_DAYS <= working_days <= MAX_INTERVAL_WORKING_DAYS:
        return (
            f"The update interval must be between {MIN_INTERVAL_WORKING_DAYS} and "
            f"{MAX_INTERVAL_WORKING_DAYS} working days."
        )
    return None


def action_update_due(calendar: WorkingCalendar, action_due_on: dt.date) -> dt.date:
    """Code 6.6 / 6.17: an action not done by its date owes the resident an update by this
    day."""
    return calendar.add_working_days(action_due_on, ACTION_UPDATE_WORKING_DAYS)


def next_update_due(
    calendar: WorkingCalendar,
    *,
    interval: int | None,
    agreed_on: dt.date | None,
    last_update_on: dt.date | None,
    stage_open: bool,
    undone_actions_due: Iterable[dt.date] = (),
) -> UpdateDue | None:
    """The next update owed to the resident (Code 5.9, 6.6, 6.17), or None when none is.

    ``interval`` and ``agreed_on``: the update interval agreed for the latest stage (None:
    none); ``last_update_on``: the last update given to the resident; ``stage_open``: the
    latest stage is open; ``undone_actions_due``: the dates of the outstanding actions not
    done yet. The earliest of the interval's next date and the first action owing an update
    (one whose date no update has followed) is the one due."""
    undone = sorted(undone_actions_due)
    candidates: list[UpdateDue] = []
    if interval and agreed_on is not None and (stage_open or undone):
        since = max(agreed_on, last_update_on) if last_update_on is not None else agreed_on
        candidates.append(
            UpdateDue(calendar.add_working_days(since, interval), UpdateReason.INTERVAL)
        )
    for due in undone:
        if last_update_on is None or last_update_on < due:
            candidates.append(UpdateDue(action_update_due(calendar, due), UpdateReason.ACTION, due))
            break
    return min(candidates, key=lambda u: u.due_on) if candidates else None


def interval_missed(
    calendar: WorkingCalendar,
    *,
    interval: int,
    agreed_on: dt.date,
    updates: Iterable[dt.date],
    until: dt.date,
) -> dt.date | None:
    """Code 5.9: the first date an update was due under the interval and none had been
    given since the one before (or since the interval was agreed), judged up to ``until``
    (the last day whose dates have passed, or the day the interval stopped running); None
    when every update due by then was given on time."""
    given = sorted(d for d in updates if d > agreed_on)
    since = agreed_on
    while True:
        due = calendar.add_working_days(since, interval)
        if due > until:
            return None
        in_time = [d for d in given if since < d <= due]
        if not in_time:
            return due
        since = in_time[-1]


def action_update_missed(
    calendar: WorkingCalendar,
    *,
    action_due_on: dt.date,
    done_on: dt.date | None,
    updates: Iterable[dt.date],
    until: dt.date,
) -> dt.date | None:
    """Code 6.6 / 6.17: for an action not done by its date, the day the update about it was
    owed by, if none was given on or after its date by then (and the action was not done by
    then either); None when it was, or when that day is after ``until``."""
    owed_by = action_update_due(calendar, action_due_on)
    if owed_by > until:
        return None
    if done_on is not None and done_on <= owed_by:
        return None
    if any(action_due_on <= d <= owed_by for d in updates):
        return None
    return owed_by
