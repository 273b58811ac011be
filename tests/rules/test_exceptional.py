"""Code 8.5: when a deadline was late, and whether a notice was in force while it was."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from putright.rules.exceptional import late_period, notice_in_force_during

TODAY = dt.date(2026, 12, 7)
days = st.dates(min_value=dt.date(2025, 1, 1), max_value=TODAY)


def test_a_deadline_met_on_the_day_was_not_late():
    assert late_period(dt.date(2026, 12, 1), dt.date(2026, 12, 1), TODAY) is None


def test_an_open_deadline_is_late_from_the_day_after_it_until_today():
    assert late_period(dt.date(2026, 12, 1), None, TODAY) == (dt.date(2026, 12, 2), TODAY)


def test_a_deadline_met_late_was_late_until_the_day_it_was_met():
    assert late_period(dt.date(2026, 11, 2), dt.date(2026, 11, 5), TODAY) == (
        dt.date(2026, 11, 3),
        dt.date(2026, 11, 5),
    )


def test_a_notice_withdrawn_before_the_lateness_began_does_not_cover_it():
    period = (dt.date(2026, 11, 10), TODAY)
    assert not notice_in_force_during(period, dt.date(2026, 10, 1), dt.date(2026, 11, 9), TODAY)
    assert notice_in_force_during(period, dt.date(2026, 10, 1), dt.date(2026, 11, 10), TODAY)


def test_a_notice_that_started_after_the_lateness_ended_does_not_cover_it():
    period = (dt.date(2026, 11, 3), dt.date(2026, 11, 5))
    assert not notice_in_force_during(period, dt.date(2026, 11, 6), None, TODAY)
    assert notice_in_force_during(period, dt.date(2026, 11, 5), None, TODAY)


@given(due=days, done=st.none() | days, start=days, length=st.none() | st.integers(0, 400))
def test_a_notice_covers_lateness_exactly_when_they_share_a_day(due, done, start, length):
    withdrawn = None if length is None else min(start + dt.timedelta(days=length), TODAY)
    period = late_period(due, done, TODAY)
    if period is None:
        assert (done or TODAY) <= due
        return
    first, last = period
    assert first == due + dt.timedelta(days=1) and first <= last
    late_days = {first + dt.timedelta(days=n) for n in range((last - first).days + 1)}
    ended = withdrawn or TODAY
    notice_days = {start + dt.timedelta(days=n) for n in range((ended - start).days + 1)}
    assert notice_in_force_during(period, start, withdrawn, TODAY) == bool(late_days & notice_days)
