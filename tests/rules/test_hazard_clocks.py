"""Awaab's Law clocks (putright.rules.hazard_clocks)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from putright.rules.calendar import WorkingCalendar
from putright.rules.hazard_clocks import (
    LONDON,
    ClockState,
    HazardClass,
    Milestone,
    end_of_day,
    hazard_clocks,
    milestone_problem,
    next_due,
    overdue,
)

CALENDAR = WorkingCalendar()


def at(y: int, m: int, d: int, h: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, h, minute, tzinfo=LONDON)


def test_an_emergency_hazard_is_investigated_and_made_safe_within_24_hours():
    aware = at(2026, 12, 7, 15, 30)
    clocks = hazard_clocks(CALENDAR, HazardClass.EMERGENCY, aware_at=aware, done={}, now=aware)
    assert [c.milestone for c in clocks] == [Milestone.INVESTIGATED, Milestone.MADE_SAFE]
    assert [c.due_at for c in clocks] == [at(2026, 12, 8, 15, 30)] * 2
    assert [c.state for c in clocks] == [ClockState.RUNNING] * 2


def test_the_24_hours_are_real_hours_when_the_clocks_go_back():
    # Sunday 25 October 2026: 1am to 2am happens twice in London.
    aware = at(2026, 10, 24, 12)
    clocks = hazard_clocks(CALENDAR, HazardClass.EMERGENCY, aware_at=aware, done={}, now=aware)
    assert clocks[0].due_at == at(2026, 10, 25, 11)


def test_an_emergency_not_made_safe_after_24_hours_is_overdue():
    aware = at(2026, 12, 7, 15, 30)
    clocks = hazard_clocks(
        CALENDAR,
        HazardClass.EMERGENCY,
        aware_at=aware,
        done={Milestone.INVESTIGATED: at(2026, 12, 7, 18)},
        now=at(2026, 12, 8, 15, 31),
    )
    assert [c.state for c in clocks] == [ClockState.MET, ClockState.OVERDUE]
    assert overdue(clocks)
    assert next_due(clocks) == at(2026, 12, 8, 15, 30)


def test_damp_and_mould_is_investigated_within_10_working_days_over_christmas():
    # Aware Friday 18 December 2026: the 10 working days skip the weekends, Christmas Day
    # Boxing Day (observed Monday 28 December) and New Year's Day: due Wednesday 6 January.
    aware = at(2026, 12, 18, 11)
    clocks = hazard_clocks(CALENDAR, HazardClass.DAMP_MOULD, aware_at=aware, done={}, now=aware)
    assert clocks[0].milestone == Milestone.INVESTIGATED
    assert clocks[0].due_at == end_of_day(dt.date(2027, 1, 6))
    assert [c.state for c in clocks[1:]] == [ClockState.WAITING, ClockState.WAITING]
    assert [c.due_at for c in clocks[1:]] == [None, None]


def test_the_summary_and_safety_work_run_from_the_investigation():
    aware = at(2026, 12, 1)
    investigated = at(2026, 12, 7, 10)  # a Monday
    clocks = hazard_clocks(
        CALENDAR,
        HazardClass.DAMP_MOULD,
        aware_at=aware,
        done={
            Milestone.INVESTIGATED: investigated,
            Milestone.SUMMARY_SENT: end_of_day(dt.date(2026, 12, 11)),
        },
        now=at(2026, 12, 11, 12),
    )
    by = {c.milestone: c for c in clocks}
    assert by[Milestone.SUMMARY_SENT].due_at == end_of_day(dt.date(2026, 12, 10))
    assert by[Milestone.SUMMARY_SENT].state == ClockState.MISSED
    assert by[Milestone.SAFETY_WORK_STARTED].due_at == end_of_day(dt.date(2026, 12, 14))
    assert by[Milestone.SAFETY_WORK_STARTED].state == ClockState.RUNNING
    assert next_due(clocks) == end_of_day(dt.date(2026, 12, 14))


def test_each_milestone_is_recorded_once_in_order_and_never_before_awareness():
    aware = at(2026, 12, 7)
    damp = HazardClass.DAMP_MOULD
    assert milestone_problem(damp, Milestone.SUMMARY_SENT, aware_at=aware, at=aware, done={}) == (
        "Record the investigation first."
    )
    assert (
        milestone_problem(damp, Milestone.INVESTIGATED, aware_at=aware, at=at(2026, 12, 6), done={})
        == "The time cannot be before the landlord became aware of the hazard."
    )
    done = {Milestone.INVESTIGATED: at(2026, 12, 8)}
    assert milestone_problem(damp, Milestone.INVESTIGATED, aware_at=aware, at=aware, done=done) == (
        "Investigated is already recorded."
    )
    assert (
        milestone_problem(
            HazardClass.EMERGENCY, Milestone.SUMMARY_SENT, aware_at=aware, at=aware, done=done
        )
        == "Written summary sent to the resident is not a step recorded for an emergency hazard."
    )
    assert (
        milestone_problem(
            damp, Milestone.SAFETY_WORK_STARTED, aware_at=aware, at=at(2026, 12, 9), done=done
        )
        is None
    )


#: The machine is shared: no deadline per example, as the other rules' properties.
fast = settings(max_examples=200, deadline=None)

moments = st.datetimes(
    min_value=dt.datetime(2024, 1, 1),
    max_value=dt.datetime(2029, 12, 31),
    timezones=st.just(LONDON),
)


@fast
@given(moments, st.sampled_from(list(HazardClass)))
def test_every_deadline_falls_after_awareness_and_emergencies_within_a_day(aware, hazard_class):
    clocks = hazard_clocks(CALENDAR, hazard_class, aware_at=aware, done={}, now=aware)
    for clock in clocks:
        assert clock.state in (ClockState.RUNNING, ClockState.WAITING)
        if clock.due_at is not None:
            assert clock.due_at > aware
            if hazard_class == HazardClass.EMERGENCY:
                # Real hours, across the change of the clocks in March and October.
                elapsed = clock.due_at.astimezone(dt.UTC) - aware.astimezone(dt.UTC)
                assert elapsed == dt.timedelta(hours=24)


@fast
@given(moments, st.integers(min_value=0, max_value=40 * 24))
def test_the_damp_investigation_deadline_is_always_the_tenth_working_day(aware, hours_later):
    clocks = hazard_clocks(
        CALENDAR,
        HazardClass.DAMP_MOULD,
        aware_at=aware,
        done={},
        now=aware + dt.timedelta(hours=hours_later),
    )
    due = clocks[0].due_at
    assert due is not None
    due_day = due.astimezone(LONDON).date()
    assert CALENDAR.is_working_day(due_day)
    assert CALENDAR.working_days_between(aware.astimezone(LONDON).date(), due_day) == 10
    now = aware + dt.timedelta(hours=hours_later)
    assert clocks[0].state == (ClockState.OVERDUE if now > due else ClockState.RUNNING)


@fast
@given(moments, st.integers(min_value=0, max_value=30 * 24 * 60))
def test_a_milestone_is_met_exactly_when_done_by_its_deadline(aware, minutes_later):
    done_at = aware + dt.timedelta(minutes=minutes_later)
    clocks = hazard_clocks(
        CALENDAR,
        HazardClass.EMERGENCY,
        aware_at=aware,
        done={Milestone.INVESTIGATED: done_at, Milestone.MADE_SAFE: done_at},
        now=done_at,
    )
    expected = ClockState.MET if minutes_later <= 24 * 60 else ClockState.MISSED
    assert [c.state for c in clocks] == [expected, expected]
    assert next_due(clocks) is None
    assert not overdue(clocks)
