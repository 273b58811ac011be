"""Keeping the resident informed (Code 5.9, 6.6, 6.17): when the next update is owed, and
whether every update owed was given on time."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from putright.rules.calendar import WorkingCalendar
from putright.rules.updates import (
    UpdateReason,
    action_update_due,
    action_update_missed,
    interval_missed,
    interval_problem,
    next_update_due,
)

CAL = WorkingCalendar()
MON = dt.date(2026, 12, 7)

any_day = st.dates(dt.date(2020, 1, 1), dt.date(2040, 12, 31))
intervals = st.integers(min_value=1, max_value=60)


def test_the_next_update_is_the_interval_after_the_day_it_was_agreed():
    due = next_update_due(CAL, interval=10, agreed_on=MON, last_update_on=None, stage_open=True)
    assert due is not None
    assert due.due_on == dt.date(2026, 12, 21)  # 10 working days on
    assert due.reason is UpdateReason.INTERVAL


def test_an_update_given_moves_the_next_one_on_from_its_own_day():
    due = next_update_due(
        CAL, interval=5, agreed_on=MON, last_update_on=dt.date(2026, 12, 10), stage_open=True
    )
    assert due is not None
    # Thursday 10 December + 5 working days: Thursday 17 December.
    assert due.due_on == dt.date(2026, 12, 17)


def test_the_interval_skips_bank_holidays():
    # Agreed on Wednesday 23 December 2026: Christmas Day and Boxing Day (moved to Monday
    # 28) are not working days.
    due = next_update_due(
        CAL, interval=2, agreed_on=dt.date(2026, 12, 23), last_update_on=None, stage_open=True
    )
    assert due is not None
    assert due.due_on == dt.date(2026, 12, 29)


def test_nothing_is_owed_without_an_interval_or_an_action():
    assert (
        next_update_due(CAL, interval=None, agreed_on=None, last_update_on=None, stage_open=True)
        is None
    )


def test_the_interval_stops_once_the_stage_is_closed_and_every_action_done():
    assert (
        next_update_due(CAL, interval=10, agreed_on=MON, last_update_on=None, stage_open=False)
        is None
    )


def test_the_interval_runs_on_after_the_response_while_works_are_outstanding():
    due = next_update_due(
        CAL,
        interval=10,
        agreed_on=MON,
        last_update_on=None,
        stage_open=False,
        undone_actions_due=[dt.date(2027, 3, 1)],
    )
    assert due is not None
    assert due.reason is UpdateReason.INTERVAL


def test_an_action_not_done_by_its_date_owes_an_update_the_next_working_day():
    due = next_update_due(
        CAL,
        interval=None,
        agreed_on=None,
        last_update_on=None,
        stage_open=False,
        undone_actions_due=[dt.date(2026, 12, 11), dt.date(2026, 12, 1)],
    )
    assert due is not None
    assert due.reason is UpdateReason.ACTION
    assert due.action_due_on == dt.date(2026, 12, 1)
    assert due.due_on == dt.date(2026, 12, 2)


def test_an_update_given_on_or_after_an_actions_date_answers_it():
    due = next_update_due(
        CAL,
        interval=None,
        agreed_on=None,
        last_update_on=dt.date(2026, 12, 1),
        stage_open=False,
        undone_actions_due=[dt.date(2026, 12, 1), dt.date(2026, 12, 11)],
    )
    assert due is not None
    assert due.action_due_on == dt.date(2026, 12, 11)
    assert due.due_on == dt.date(2026, 12, 14)


def test_an_interval_outside_1_to_60_working_days_is_refused_in_plain_words():
    assert interval_problem(10) is None
    assert interval_problem(None) is None
    assert interval_problem(0) == "The update interval must be between 1 and 60 working days."
    assert interval_problem(61) is not None


@given(agreed=any_day, interval=intervals, gap=st.integers(min_value=0, max_value=90))
def test_the_next_update_is_always_a_working_day_after_the_last_one(agreed, interval, gap):
    last = agreed + dt.timedelta(days=gap)
    due = next_update_due(
        CAL, interval=interval, agreed_on=agreed, last_update_on=last, stage_open=True
    )
    assert due is not None
    assert CAL.is_working_day(due.due_on)
    assert CAL.working_days_between(max(agreed, last), due.due_on) == interval


@given(
    agreed=any_day,
    interval=intervals,
    actions=st.lists(any_day, max_size=4),
    last=st.one_of(st.none(), any_day),
)
def test_the_update_owed_is_never_later_than_any_reason_for_it(agreed, interval, actions, last):
    due = next_update_due(
        CAL,
        interval=interval,
        agreed_on=agreed,
        last_update_on=last,
        stage_open=True,
        undone_actions_due=actions,
    )
    assert due is not None
    since = max(agreed, last) if last is not None else agreed
    assert due.due_on <= CAL.add_working_days(since, interval)
    for action in actions:
        if last is None or last < action:
            assert due.due_on <= action_update_due(CAL, action)


@given(agreed=any_day, interval=intervals, length=st.integers(min_value=0, max_value=200))
def test_updates_given_exactly_on_every_due_date_are_all_on_time(agreed, interval, length):
    until = agreed + dt.timedelta(days=length)
    updates, day = [], agreed
    while True:
        day = CAL.add_working_days(day, interval)
        if day > until:
            break
        updates.append(day)
    assert (
        interval_missed(CAL, interval=interval, agreed_on=agreed, updates=updates, until=until)
        is None
    )


@given(agreed=any_day, interval=intervals, skip=st.integers(min_value=0, max_value=3))
def test_leaving_out_one_update_is_a_miss_on_its_due_date(agreed, interval, skip):
    dues, day = [], agreed
    for _ in range(4):
        day = CAL.add_working_days(day, interval)
        dues.append(day)
    updates = [d for i, d in enumerate(dues) if i != skip]
    missed = interval_missed(
        CAL, interval=interval, agreed_on=agreed, updates=updates, until=dues[-1]
    )
    assert missed == dues[skip]


def test_an_interval_not_yet_due_is_not_missed():
    assert (
        interval_missed(CAL, interval=10, agreed_on=MON, updates=[], until=dt.date(2026, 12, 18))
        is None
    )
    assert interval_missed(
        CAL, interval=10, agreed_on=MON, updates=[], until=dt.date(2026, 12, 21)
    ) == dt.date(2026, 12, 21)


@given(due=any_day, offset=st.integers(min_value=0, max_value=1))
def test_an_update_on_the_actions_date_or_the_working_day_after_is_on_time(due, offset):
    owed_by = action_update_due(CAL, due)
    update = due if offset == 0 else owed_by
    assert (
        action_update_missed(CAL, action_due_on=due, done_on=None, updates=[update], until=owed_by)
        is None
    )
    assert (
        action_update_missed(CAL, action_due_on=due, done_on=None, updates=[], until=owed_by)
        == owed_by
    )


def test_an_update_before_the_actions_date_does_not_answer_it():
    due = dt.date(2026, 12, 1)
    assert action_update_missed(
        CAL, action_due_on=due, done_on=None, updates=[dt.date(2026, 11, 30)], until=MON
    ) == dt.date(2026, 12, 2)


def test_an_action_done_by_the_day_its_update_was_owed_owes_none():
    due = dt.date(2026, 12, 1)
    assert (
        action_update_missed(
            CAL, action_due_on=due, done_on=dt.date(2026, 12, 2), updates=[], until=MON
        )
        is None
    )
