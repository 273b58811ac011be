"""Awaab's Law clocks: what the landlord must do about a hazard, and by when.

The Hazards in Social Housing (Prescribed Requirements) (England) Regulations 2025
(domain.md §12) run from the moment the landlord becomes aware of a hazard:

- an **emergency hazard** is investigated and made safe within 24 hours of awareness;
- a **significant damp and mould hazard** is investigated within 10 working days of
  awareness; the resident is sent a written summary of the findings within 3 working days
  of the investigation, and safety work is started within 5 working days of it.

These clocks run beside the complaint's own (Code section 6): Putright keeps them, the
repairs service does the work. A clock that starts from the investigation waits until the
investigation is recorded. Working days are the landlord's (``calendar.WorkingCalendar``):
a deadline in working days ends at the close of that day in London.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from putright.rules.calendar import WorkingCalendar

LONDON = ZoneInfo("Europe/London")

#: Emergency hazards: investigated and made safe within 24 hours of awareness.
EMERGENCY_HOURS = 24
#: Significant damp and mould: investigated within 10 working days of awareness.
INVESTIGATION_WORKING_DAYS = 10
#: ... a written summary to the resident within 3 working days of the investigation.
SUMMARY_WORKING_DAYS = 3
#: ... and safety work started within 5 working days of the investigation.
SAFETY_WORK_WORKING_DAYS = 5


class HazardClass(StrEnum):
    """Which of the regulations' clocks a hazard runs."""

    EMERGENCY = "emergency"
    DAMP_MOULD = "damp_mould"

    @property
    def label(self) -> str:
        return {
            HazardClass.EMERGENCY: "Emergency hazard",
            HazardClass.DAMP_MOULD: "Significant damp and mould",
        }[self]


class Milestone(StrEnum):
    """A step the repairs service takes about a hazard, recorded as it happens."""

    INVESTIGATED = "investigated"
    SUMMARY_SENT = "summary_sent"
    SAFETY_WORK_STARTED = "safety_work_started"
    MADE_SAFE = "made_safe"

    @property
    def label(self) -> str:
        return {
            Milestone.INVESTIGATED: "Investigated",
            Milestone.SUMMARY_SENT: "Written summary sent to the resident",
            Milestone.SAFETY_WORK_STARTED: "Safety work started",
            Milestone.MADE_SAFE: "Made safe",
        }[self]


#: The milestones each class of hazard records, in order. Making safe closes either: for
#: damp and mould it has no clock of its own, but the hazard stays open until it is done.
MILESTONES: dict[HazardClass, tuple[Milestone, ...]] = {
    HazardClass.EMERGENCY: (Milestone.INVESTIGATED, Milestone.MADE_SAFE),
    HazardClass.DAMP_MOULD: (
        Milestone.INVESTIGATED,
        Milestone.SUMMARY_SENT,
        Milestone.SAFETY_WORK_STARTED,
        Milestone.MADE_SAFE,
    ),
}


class ClockState(StrEnum):
    """Where a clock stands."""

    WAITING = "waiting"  # it starts from the investigation, not recorded yet
    RUNNING = "running"  # not done, not yet due
    OVERDUE = "overdue"  # not done, past due
    MET = "met"  # done by the deadline
    MISSED = "missed"  # done, but after the deadline


@dataclass(frozen=True, slots=True)
class HazardClock:
    """One clock: the milestone it waits for, its deadline (None while waiting for the
    investigation), when it was done (None if not yet) and where it stands."""

    milestone: Milestone
    rule: str
    due_at: dt.datetime | None
    done_at: dt.datetime | None
    state: ClockState

    @property
    def open(self) -> bool:
        return self.state in (ClockState.WAITING, ClockState.RUNNING, ClockState.OVERDUE)


def end_of_day(day: dt.date) -> dt.datetime:
    """The last moment of ``day`` in London: a deadline in working days ends then."""
    return dt.datetime.combine(day, dt.time(23, 59, 59), LONDON)


def day_of(moment: dt.datetime) -> dt.date:
    """The date in London of an aware moment."""
    return moment.astimezone(LONDON).date()


def _clock(
    milestone: Milestone,
    rule: str,
    due_at: dt.datetime | None,
    done_at: dt.datetime | None,
    now: dt.datetime,
) -> HazardClock:
    if due_at is None:
        state = ClockState.MET if done_at is not None else ClockState.WAITING
    elif done_at is not None:
        state = ClockState.MET if done_at <= due_at else ClockState.MISSED
    else:
        state = ClockState.OVERDUE if now > due_at else ClockState.RUNNING
    return HazardClock(milestone, rule, due_at, done_at, state)


def hazard_clocks(
    calendar: WorkingCalendar,
    hazard_class: HazardClass,
    *,
    aware_at: dt.datetime,
    done: dict[Milestone, dt.datetime],
    now: dt.datetime,
) -> tuple[HazardClock, ...]:
    """The regulations' clocks for a hazard the landlord became aware of at ``aware_at``,
    given the milestones ``done`` so far (each at the moment it happened; a day-only
    milestone at the end of its day) and the time ``now``.

    Emergency: investigated and made safe within 24 hours of awareness. Significant damp
    and mould: investigated within 10 working days of awareness (the days counted from the
    day after the one the landlord became aware on), a written summary within 3 working
    days of the investigation and safety work started within 5 working days of it."""
    if hazard_class == HazardClass.EMERGENCY:
        # 24 hours as they pass, across a change of the clocks too (in UTC, not wall time).
        due = (aware_at.astimezone(dt.UTC) + dt.timedelta(hours=EMERGENCY_HOURS)).astimezone(LONDON)
        return (
            _clock(
                Milestone.INVESTIGATED,
                "Within 24 hours of becoming aware",
                due,
                done.get(Milestone.INVESTIGATED),
                now,
            ),
            _clock(
                Milestone.MADE_SAFE,
                "Within 24 hours of becoming aware",
                due,
                done.get(Milestone.MADE_SAFE),
                now,
            ),
        )
    investigated = done.get(Milestone.INVESTIGATED)
    investigation_due = end_of_day(
        calendar.add_working_days(day_of(aware_at), INVESTIGATION_WORKING_DAYS)
    )

    def after_investigation(days: int) -> dt.datetime | None:
        if investigated is None:
            return None
        return end_of_day(calendar.add_working_days(day_of(investigated), days))

    return (
        _clock(
            Milestone.INVESTIGATED,
            "Within 10 working days of becoming aware",
            investigation_due,
            investigated,
            now,
        ),
        _clock(
            Milestone.SUMMARY_SENT,
            "Within 3 working days of the investigation",
            after_investigation(SUMMARY_WORKING_DAYS),
            done.get(Milestone.SUMMARY_SENT),
            now,
        ),
        _clock(
            Milestone.SAFETY_WORK_STARTED,
            "Within 5 working days of the investigation",
            after_investigation(SAFETY_WORK_WORKING_DAYS),
            done.get(Milestone.SAFETY_WORK_STARTED),
            now,
        ),
    )


def next_due(clocks: tuple[HazardClock, ...]) -> dt.datetime | None:
    """The soonest deadline of the clocks still open, for sorting the hazard list."""
    dues = [c.due_at for c in clocks if c.open and c.due_at is not None]
    return min(dues) if dues else None


def overdue(clocks: tuple[HazardClock, ...]) -> bool:
    return any(c.state == ClockState.OVERDUE for c in clocks)


def milestone_problem(
    hazard_class: HazardClass,
    milestone: Milestone,
    *,
    aware_at: dt.datetime,
    at: dt.datetime,
    done: dict[Milestone, dt.datetime],
) -> str | None:
    """Why ``milestone`` cannot be recorded at ``at`` now, in plain words, or None.

    Each milestone is recorded once, for the class of hazard that has it, never before the
    landlord became aware; the summary and the safety work follow the investigation, and
    a hazard is made safe only once it has been investigated."""
    if milestone not in MILESTONES[hazard_class]:
        what = "an emergency hazard" if hazard_class == HazardClass.EMERGENCY else "damp and mould"
        return f"{milestone.label} is not a step recorded for {what}."
    if milestone in done:
        return f"{milestone.label} is already recorded."
    if at < aware_at:
        return "The time cannot be before the landlord became aware of the hazard."
    investigated = done.get(Milestone.INVESTIGATED)
    if milestone != Milestone.INVESTIGATED:
        if investigated is None:
            return "Record the investigation first."
        if day_of(at) < day_of(investigated):
            return "The date cannot be before the investigation."
    return None
