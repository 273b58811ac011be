"""What the work queue says about a deadline: "due in 3 working days", "2 working days overdue"."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from putright.rules.calendar import WorkingCalendar
from putright.rules.timescales import deadline_words, working_days_left

CAL = WorkingCalendar()


@pytest.mark.parametrize(
    ("due", "today", "left"),
    [
        (dt.date(2026, 11, 23), dt.date(2026, 11, 23), 0),  # Monday, due today
        (dt.date(2026, 11, 26), dt.date(2026, 11, 23), 3),  # Thursday from Monday
        (dt.date(2026, 11, 23), dt.date(2026, 11, 22), 1),  # Monday from Sunday
        (dt.date(2026, 11, 20), dt.date(2026, 11, 23), -1),  # due Friday, now Monday
        (dt.date(2026, 11, 20), dt.date(2026, 11, 22), -1),  # due Friday, now Sunday
        (dt.date(2026, 11, 19), dt.date(2026, 11, 23), -2),  # due Thursday, now Monday
        (
            dt.date(2024, 4, 2),
            dt.date(2024, 3, 28),
            1,
        ),  # over Easter 2024: Good Friday, Easter Monday
        (dt.date(2024, 3, 28), dt.date(2024, 4, 2), -1),
    ],
)
def test_working_days_left(due, today, left):
    assert working_days_left(CAL, due, today) == left


@pytest.mark.parametrize(
    ("left", "words"),
    [
        (0, "due today"),
        (1, "due in 1 working day"),
        (3, "due in 3 working days"),
        (-1, "1 working day overdue"),
        (-2, "2 working days overdue"),
    ],
)
def test_deadline_words(left, words):
    assert deadline_words(left) == words


@given(st.dates(dt.date(2000, 1, 1), dt.date(2060, 1, 1)), st.integers(1, 60))
def test_a_due_date_n_working_days_ahead_is_n_days_left(today, n):
    assert working_days_left(CAL, CAL.add_working_days(today, n), today) == n


@given(st.dates(dt.date(2000, 1, 1), dt.date(2060, 1, 1)), st.integers(1, 60))
def test_a_passed_due_date_is_always_overdue(due, n):
    today = due + dt.timedelta(days=n)
    assert working_days_left(CAL, due, today) < 0
