"""Choosing in proportion, and counting working days back: the small tools every part of
the demo uses. The demo draws every choice from one seeded ``random.Random``, so a run is
the same for the same name, year, size and day."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from putright.rules.calendar import WorkingCalendar


def weighted(rng: random.Random, weights: dict[Any, int]) -> Any:
    """One key of ``weights``, chosen in proportion to its weight."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def working_days_before(calendar: WorkingCalendar, day: dt.date, n: int) -> dt.date:
    """The n-th working day strictly before ``day`` (the mirror of add_working_days)."""
    while n > 0:
        day -= dt.timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


def add_days(calendar: WorkingCalendar, day: dt.date, n: int) -> dt.date:
    """n working days after ``day`` (before, for n < 0; the next working day on or after
    ``day`` for n == 0)."""
    if n > 0:
        return calendar.add_working_days(day, n)
    if n < 0:
        return working_days_before(calendar, day, -n)
    return day if calendar.is_working_day(day) else calendar.next_working_day(day)
