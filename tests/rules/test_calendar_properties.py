"""Properties of the working-day calendar and the timescales that must hold for any date.

Dates are drawn from 2000 to 2060. Closure-day sets are drawn from a small pool around one
Christmas (weekdays, a weekend day and a bank holiday among them), with start dates near
it so that closures matter; ``calendar_for`` caches each set's calendar.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from putright.rules.calendar import WorkingCalendar, calendar_for
from putright.rules.timescales import (
    acknowledgement_due,
    extended_due,
    on_time,
    response_due,
)

CAL = WorkingCalendar()

any_day = st.dates(dt.date(2000, 1, 1), dt.date(2060, 12, 31))
working_days = st.integers(min_value=1, max_value=80)
stages = st.sampled_from([1, 2])

# Tue 24, Thu 26 (Boxing Day), Fri 27, Sat 28, Mon 30, Tue 31 December 2024, Thu 2 January 2025.
CLOSURE_POOL = [
    dt.date(2024, 12, 24),
    dt.date(2024, 12, 26),
    dt.date(2024, 12, 27),
    dt.date(2024, 12, 28),
    dt.date(2024, 12, 30),
    dt.date(2024, 12, 31),
    dt.date(2025, 1, 2),
]
closure_sets = st.frozensets(st.sampled_from(CLOSURE_POOL), max_size=3)
near_closures = st.dates(dt.date(2024, 11, 1), dt.date(2025, 1, 31))

fast = settings(max_examples=100, deadline=None)


@fast
@given(any_day, working_days)
def test_a_due_date_is_a_working_day_strictly_after_its_start(start, n):
    due = CAL.add_working_days(start, n)
    assert due > start
    assert CAL.is_working_day(due)


@fast
@given(near_closures, working_days, closure_sets)
def test_a_due_date_is_a_working_day_whatever_the_closure_days(start, n, closed):
    cal = calendar_for(closed)
    due = cal.add_working_days(start, n)
    assert due > start
    assert cal.is_working_day(due)
    assert due not in closed


@fast
@given(any_day)
def test_the_first_working_day_after_start_is_next_working_day(start):
    first = CAL.next_working_day(start)
    assert CAL.is_working_day(first)
    day = start + dt.timedelta(days=1)
    while day < first:
        assert not CAL.is_working_day(day)
        day += dt.timedelta(days=1)


@fast
@given(any_day, working_days, working_days)
def test_adding_a_then_b_working_days_is_adding_a_plus_b_from_any_day(start, a, b):
    assert CAL.add_working_days(CAL.add_working_days(start, a), b) == CAL.add_working_days(
        start, a + b
    )


@fast
@given(any_day.filter(CAL.is_working_day), working_days, working_days)
def test_adding_a_then_b_working_days_is_adding_a_plus_b_from_a_working_day(start, a, b):
    assert CAL.add_working_days(CAL.add_working_days(start, a), b) == CAL.add_working_days(
        start, a + b
    )


@fast
@given(near_closures, working_days, working_days, closure_sets)
def test_adding_a_then_b_is_a_plus_b_with_closure_days(start, a, b, closed):
    cal = calendar_for(closed)
    assert cal.add_working_days(cal.add_working_days(start, a), b) == cal.add_working_days(
        start, a + b
    )


@fast
@given(any_day, working_days)
def test_counting_the_working_days_back_gives_n(start, n):
    assert CAL.working_days_between(start, CAL.add_working_days(start, n)) == n


@fast
@given(near_closures, working_days, closure_sets)
def test_counting_the_working_days_back_gives_n_with_closure_days(start, n, closed):
    cal = calendar_for(closed)
    assert cal.working_days_between(start, cal.add_working_days(start, n)) == n


@fast
@given(any_day, any_day)
def test_working_days_between_is_antisymmetric(a, b):
    assert CAL.working_days_between(a, b) == -CAL.working_days_between(b, a)


@fast
@given(any_day, st.integers(min_value=0, max_value=40))
def test_an_extension_never_moves_a_due_date_earlier(due, extension):
    extended = extended_due(CAL, due, extension)
    assert extended >= due
    if extension >= 1:
        assert extended > due
        assert CAL.working_days_between(due, extended) == extension
    else:
        assert extended == due


@fast
@given(any_day, st.integers(1, 30), st.integers(1, 30))
def test_two_extensions_are_the_same_as_one_of_their_sum(due, a, b):
    assert extended_due(CAL, extended_due(CAL, due, a), b) == extended_due(CAL, due, a + b)


@fast
@given(any_day, stages)
def test_a_response_on_the_due_date_is_on_time_and_one_working_day_later_is_not(started, stage):
    due = response_due(CAL, stage, started, None)
    assert on_time(due, due) is True
    assert on_time(due - dt.timedelta(days=1), due) is True
    assert on_time(CAL.next_working_day(due), due) is False
    assert on_time(None, due) is None


@fast
@given(near_closures, working_days, closure_sets)
def test_closure_days_never_make_a_due_date_earlier(start, n, closed):
    assert calendar_for(closed).add_working_days(start, n) >= CAL.add_working_days(start, n)


@fast
@given(near_closures, working_days, closure_sets, closure_sets)
def test_more_closure_days_never_make_a_due_date_earlier(start, n, some, more):
    fewer_cal, more_cal = calendar_for(some), calendar_for(some | more)
    assert more_cal.add_working_days(start, n) >= fewer_cal.add_working_days(start, n)


@fast
@given(any_day, stages, st.none() | st.integers(0, 40))
def test_the_response_is_never_due_before_the_acknowledgement(started, stage, ack_after):
    acknowledged = None if ack_after is None else started + dt.timedelta(days=ack_after)
    assert response_due(CAL, stage, started, acknowledged) > acknowledgement_due(CAL, started)


@fast
@given(near_closures, stages, st.none() | st.integers(0, 40), closure_sets)
def test_the_response_is_never_due_before_the_acknowledgement_with_closures(
    started, stage, ack_after, closed
):
    cal = calendar_for(closed)
    acknowledged = None if ack_after is None else started + dt.timedelta(days=ack_after)
    assert response_due(cal, stage, started, acknowledged) > acknowledgement_due(cal, started)


@fast
@given(any_day, stages, st.integers(1, 60))
def test_a_late_acknowledgement_never_buys_time(started, stage, days_late):
    acknowledged = acknowledgement_due(CAL, started) + dt.timedelta(days=days_late)
    assert response_due(CAL, stage, started, acknowledged) == response_due(
        CAL, stage, started, None
    )


@fast
@given(any_day, stages, st.integers(0, 10))
def test_an_early_acknowledgement_never_makes_the_response_due_later(started, stage, back):
    ack_due = acknowledgement_due(CAL, started)
    early = max(started, ack_due - dt.timedelta(days=back))
    assert response_due(CAL, stage, started, early) <= response_due(CAL, stage, started, ack_due)
    assert response_due(CAL, stage, started, ack_due) == response_due(CAL, stage, started, None)


@fast
@given(any_day, stages, st.integers(0, 10), st.integers(0, 10))
def test_an_earlier_acknowledgement_never_makes_the_response_due_later(started, stage, x, y):
    ack_due = acknowledgement_due(CAL, started)
    earlier, later = sorted(
        (
            max(started, ack_due - dt.timedelta(days=x)),
            max(started, ack_due - dt.timedelta(days=y)),
        )
    )
    assert response_due(CAL, stage, started, earlier) <= response_due(CAL, stage, started, later)


@fast
@given(any_day, st.sampled_from([(1, 10), (2, 20)]))
def test_the_response_is_due_the_stage_limit_after_an_on_time_acknowledgement(started, limit):
    stage, n = limit
    ack_due = acknowledgement_due(CAL, started)
    assert CAL.working_days_between(started, ack_due) == 5
    assert CAL.working_days_between(ack_due, response_due(CAL, stage, started, ack_due)) == n
