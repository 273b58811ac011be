"""Code 8.2: publication on time is on or after the governing body's approval and within
10 working days of it (Putright's measure; the Code sets no number of days)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from putright.rules.calendar import calendar_for
from putright.rules.publication import (
    PUBLICATION_WORKING_DAYS,
    publication_due,
    published_on_time,
)

CALENDAR = calendar_for()
DAYS = st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2030, 12, 31))


def test_approved_on_a_friday_is_due_two_weeks_later():
    assert publication_due(CALENDAR, dt.date(2026, 7, 10)) == dt.date(2026, 7, 24)


def test_easter_pushes_the_day_back():
    # Approved Thursday 2 April 2026: Good Friday and Easter Monday are not working days.
    assert publication_due(CALENDAR, dt.date(2026, 4, 2)) == dt.date(2026, 4, 20)


@given(approved=DAYS)
def test_the_day_to_publish_by_is_10_working_days_after_approval(approved):
    due = publication_due(CALENDAR, approved)
    assert CALENDAR.working_days_between(approved, due) == PUBLICATION_WORKING_DAYS
    assert CALENDAR.is_working_day(due)


@given(approved=DAYS, offset=st.integers(min_value=-30, max_value=60))
def test_on_time_is_from_approval_to_the_day_to_publish_by(approved, offset):
    published = approved + dt.timedelta(days=offset)
    due = publication_due(CALENDAR, approved)
    assert published_on_time(CALENDAR, approved, published) == (approved <= published <= due)


@given(approved=DAYS)
def test_never_published_is_never_on_time(approved):
    assert not published_on_time(CALENDAR, approved, None)
