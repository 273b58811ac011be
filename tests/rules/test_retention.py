"""The retention rule (putright/rules/retention.py, domain.md §11)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from putright.rules.lifecycle import State
from putright.rules.retention import (
    CLOSED_STATES,
    REMOVED,
    is_past_retention,
    removed,
    retention_ends,
)

days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31))
years = st.integers(min_value=1, max_value=10)


def test_six_years_after_closure_ends_on_the_sixth_anniversary():
    assert retention_ends(dt.date(2020, 12, 7), 6) == dt.date(2026, 12, 7)


def test_a_closure_on_29_february_ends_on_28_february():
    assert retention_ends(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    assert retention_ends(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)


def test_the_period_is_at_least_a_year():
    with pytest.raises(ValueError, match="at least one year"):
        retention_ends(dt.date(2024, 1, 1), 0)


@given(closed_on=days, years=years)
def test_a_record_is_kept_to_the_last_day_and_goes_the_day_after(closed_on, years):
    last = retention_ends(closed_on, years)
    assert last > closed_on
    kept = is_past_retention(state=State.CLOSED, closed_on=closed_on, years=years, today=last)
    assert not kept
    day_after = last + dt.timedelta(days=1)
    assert is_past_retention(state=State.CLOSED, closed_on=closed_on, years=years, today=day_after)


@given(state=st.sampled_from(list(State)), closed_on=days, years=years, pending=st.booleans())
def test_only_a_closed_record_with_nothing_pending_is_ever_past_retention(
    state, closed_on, years, pending
):
    much_later = closed_on + dt.timedelta(days=366 * (years + 1))
    past = is_past_retention(
        state=state, closed_on=closed_on, years=years, today=much_later, pending=pending
    )
    assert past == (state in CLOSED_STATES and not pending)


def test_open_states_are_never_closed():
    assert not {State.RECEIVED, State.STAGE1, State.STAGE2, State.OPEN} & CLOSED_STATES


@given(text=st.text())
def test_removed_text_keeps_whether_anything_was_recorded(text):
    assert removed(text) == (REMOVED if text.strip() else text)
