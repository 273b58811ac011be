"""Timescales of the Complaint Handling Code 2024, section 6 (counting-rules.md, "Due dates").

- Code 6.2 / 6.11: acknowledge within 5 working days of the complaint or escalation request.
- Code 6.3: stage 1 response within 10 working days of the acknowledgement.
- Code 6.14: stage 2 response within 20 working days of the acknowledgement.
- Code 6.4 / 6.15: an extension of no more than 10 (stage 1) or 20 (stage 2) working days
  without good reason.
- Code 6.4 / 6.5: an extension is decided before the response is late: agreed on or before
  the due date it extends. One agreed after that date is refused, and history that carries
  one does not count it (counting-rules.md, "Due dates").

A late acknowledgement never buys time: the response is due counted from the actual
acknowledgement or from the acknowledgement due date, whichever is earlier (or from the
due date when there was no acknowledgement).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from putright.rules.calendar import WorkingCalendar

ACKNOWLEDGEMENT_WORKING_DAYS = 5
RESPONSE_WORKING_DAYS = {1: 10, 2: 20}
EXTENSION_LIMIT_WORKING_DAYS = {1: 10, 2: 20}


def _check_stage(stage: int) -> None:
    if stage not in (1, 2):
        raise ValueError(f"there are only two stages, not {stage}")


def acknowledgement_due(calendar: WorkingCalendar, started: dt.date) -> dt.date:
    """5 working days after the complaint (stage 1) or escalation request (stage 2) was received."""
    return calendar.add_working_days(started, ACKNOWLEDGEMENT_WORKING_DAYS)


def response_due(
    calendar: WorkingCalendar, stage: int, started: dt.date, acknowledged: dt.date | None
) -> dt.date:
    """10 (stage 1) or 20 (stage 2) working days after the acknowledgement.

    The acknowledgement date used is the actual one, or the acknowledgement due date if that
    is earlier or there was no acknowledgement.
    """
    _check_stage(stage)
    ack_due = acknowledgement_due(calendar, started)
    counted_from = ack_due if acknowledged is None else min(acknowledged, ack_due)
    return calendar.add_working_days(counted_from, RESPONSE_WORKING_DAYS[stage])


def extended_due(calendar: WorkingCalendar, due: dt.date, extension_working_days: int) -> dt.date:
    """The due date moved on by an agreed extension: N working days after the old due date."""
    if extension_working_days == 0:
        return due
    if extension_working_days < 0:
        raise ValueError("an extension cannot be negative")
    return calendar.add_working_days(due, extension_working_days)


def extension_in_time(agreed_on: dt.date | None, due: dt.date) -> bool:
    """Code 6.4 / 6.5: an extension counts only if agreed on or before the due date it
    extends. An extension whose agreement date is not known (a register that does not say)
    is taken as agreed in time."""
    return agreed_on is None or agreed_on <= due


def extension_too_late(agreed_on: dt.date, due: dt.date) -> str | None:
    """Why an extension agreed on ``agreed_on`` cannot move a response due on ``due``, in
    plain words for the person recording it; None when it is in time."""
    if extension_in_time(agreed_on, due):
        return None
    return (
        f"The response was due on {due.day} {due:%B %Y}. An extension has to be agreed on "
        "or before that date; tell the resident the new date as an update instead."
    )


def due_after_extensions(
    calendar: WorkingCalendar, due: dt.date, extensions: Iterable[tuple[int, dt.date | None]]
) -> dt.date:
    """The response due date after the extensions (working days, date agreed), taken in the
    order they were agreed: each one agreed in time moves the date on by its working days;
    one agreed after the date it would extend does not count."""
    for working_days, agreed_on in extensions:
        if extension_in_time(agreed_on, due):
            due = extended_due(calendar, due, working_days)
    return due


def extension_needs_good_reason(stage: int, total_working_days: int) -> bool:
    """Code 6.4 / 6.15: beyond 10 (stage 1) or 20 (stage 2) working days in all needs good reason."""
    _check_stage(stage)
    return total_working_days > EXTENSION_LIMIT_WORKING_DAYS[stage]


def on_time(done: dt.date | None, due: dt.date) -> bool | None:
    """A step done on or before its due date is on time; None when not done yet."""
    if done is None:
        return None
    return done <= due


@dataclass(frozen=True, slots=True)
class StageDueDates:
    """The due dates of one stage, as the reports and the export show them."""

    acknowledgement_due: dt.date
    response_due: dt.date
    response_due_extended: dt.date


def stage_due_dates(
    calendar: WorkingCalendar,
    stage: int,
    started: dt.date,
    acknowledged: dt.date | None,
    extension_working_days: int = 0,
    extension_agreed_on: dt.date | None = None,
) -> StageDueDates:
    """All due dates of a stage, from when it started, its acknowledgement and its extension
    (the register's total working days and the date it was agreed, if known: agreed after
    the response due date, it does not move it)."""
    ack_due = acknowledgement_due(calendar, started)
    due = response_due(calendar, stage, started, acknowledged)
    extended = due_after_extensions(calendar, due, [(extension_working_days, extension_agreed_on)])
    return StageDueDates(ack_due, due, extended)


def working_days_left(calendar: WorkingCalendar, due: dt.date, today: dt.date) -> int:
    """Working days from ``today`` to ``due``: 0 when due today, negative when overdue.

    Once the due date has passed a step is at least one working day overdue, even at a
    weekend: due Friday, on Sunday it is 1 working day overdue, and still 1 on Monday.
    """
    if due >= today:
        return calendar.working_days_between(today, due)
    return -max(1, calendar.working_days_between(due, today))


def deadline_words(days_left: int) -> str:
    """Plain words for a deadline: "due today", "due in 3 working days", "2 working days overdue"."""
    if days_left == 0:
        return "due today"
    if days_left > 0:
        return f"due in {days_left} working day{'s' if days_left != 1 else ''}"
    late = -days_left
    return f"{late} working day{'s' if late != 1 else ''} overdue"
