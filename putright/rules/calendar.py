"""The working-day calendar (domain.md §3).

A working day is Monday to Friday, except the bank holidays of England and Wales (the
``holidays`` package, country GB, subdivision ENG: never a generic "UK" set) and any
closure days the landlord configures. "N working days after D" is the N-th working day
strictly after D, whether or not D is itself a working day.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import holidays

#: The calendar covers these years; dates outside them are refused rather than guessed.
FIRST_YEAR = 1995
LAST_YEAR = 2075


class CalendarRangeError(ValueError):
    """A date falls outside the years the calendar knows."""


@lru_cache(maxsize=1)
def bank_holidays() -> frozenset[dt.date]:
    """Bank holidays in England and Wales, FIRST_YEAR to LAST_YEAR."""
    england = holidays.country_holidays("GB", subdiv="ENG", years=range(FIRST_YEAR, LAST_YEAR + 1))
    return frozenset(england.keys())


def bank_holiday_name(day: dt.date) -> str | None:
    """The name of the bank holiday on ``day``, or None."""
    england = holidays.country_holidays("GB", subdiv="ENG", years=day.year)
    return england.get(day)


class WorkingCalendar:
    """Working days for one landlord: weekdays less bank holidays and closure days.

    Built once per landlord and reused: working days are held as a sorted list of ordinals
    so that each question is a binary search, fast enough for a million-row import.
    """

    def __init__(self, closure_days: Iterable[dt.date] = ()) -> None:
        self.closure_days = frozenset(closure_days)
        closed = bank_holidays() | self.closure_days
        start = dt.date(FIRST_YEAR, 1, 1).toordinal()
        end = dt.date(LAST_YEAR, 12, 31).toordinal()
        self._days: list[int] = [
            n
            for n in range(start, end + 1)
            if dt.date.fromordinal(n).weekday() < 5 and dt.date.fromordinal(n) not in closed
        ]

    def _check(self, day: dt.date) -> None:
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise CalendarRangeError(
                f"{day.isoformat()} is outside the calendar ({FIRST_YEAR} to {LAST_YEAR})"
            )

    def is_working_day(self, day: dt.date) -> bool:
        """True if ``day`` is a weekday that is neither a bank holiday nor a closure day."""
        self._check(day)
        n = day.toordinal()
        i = bisect.bisect_left(self._days, n)
        return i < len(self._days) and self._days[i] == n

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day strictly after ``day`` (domain.md §3).

        Counting starts from the first working day after ``day`` even when ``day`` is not
        itself a working day: received on Good Friday 29 March 2024, 5 working days after
        is Monday 8 April 2024. ``n`` must be at least 1.
        """
        if n < 1:
            raise ValueError(f"working days to add must be at least 1, not {n}")
        self._check(day)
        i = bisect.bisect_right(self._days, day.toordinal()) + n - 1
        if i >= len(self._days):
            raise CalendarRangeError(f"{n} working days after {day} is beyond {LAST_YEAR}")
        return dt.date.fromordinal(self._days[i])

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end``.

        The inverse of :meth:`add_working_days`: ``working_days_between(d,
        add_working_days(d, n)) == n``. Negative when ``end`` is before ``start``.
        """
        self._check(start)
        self._check(end)
        if end < start:
            return -self.working_days_between(end, start)
        lo = bisect.bisect_right(self._days, start.toordinal())
        hi = bisect.bisect_right(self._days, end.toordinal())
        return hi - lo

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)


@lru_cache(maxsize=64)
def calendar_for(closure_days: frozenset[dt.date] = frozenset()) -> WorkingCalendar:
    """A shared calendar for a set of closure days (landlords with the same days share)."""
    return WorkingCalendar(closure_days)


def london_date(moment: dt.datetime) -> dt.date:
    """The date in Europe/London of an aware datetime: received at 23:30 on a Monday is Monday."""
    from zoneinfo import ZoneInfo

    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no place; give an aware one")
    return moment.astimezone(ZoneInfo("Europe/London")).date()
