"""Service requests and member enquiries worked to the landlord's targets (issue 17, item 3):
the target date in working days, the days left, and "responded within target"."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from putright.rules.calendar import WorkingCalendar, calendar_for
from putright.rules.records import (
    DEFAULT_TARGET_DAYS,
    TARGET_DAYS_RANGE,
    has_target,
    record_target,
    responded_within_target,
)
from putright.rules.timescales import working_days_left

CAL = WorkingCalendar()
low, high = TARGET_DAYS_RANGE
targets = st.integers(min_value=low, max_value=high)
any_day = st.dates(dt.date(2000, 1, 1), dt.date(2060, 6, 30))
closure_sets = st.frozensets(st.dates(dt.date(2024, 12, 1), dt.date(2025, 1, 31)), max_size=6)
near_closures = st.dates(dt.date(2024, 11, 15), dt.date(2025, 1, 31))


def test_only_service_requests_and_member_enquiries_have_targets():
    assert [has_target(k) for k in ("complaint", "service_request", "member_enquiry")] == [
        False,
        True,
        True,
    ]


def test_the_default_target_is_10_working_days():
    assert DEFAULT_TARGET_DAYS == 10


def test_a_request_received_before_easter_is_due_after_the_bank_holidays():
    # Thursday 28 March 2024; Good Friday 29 March and Easter Monday 1 April are not counted.
    assert record_target(CAL, dt.date(2024, 3, 28), 10) == dt.date(2024, 4, 15)


def test_a_closure_day_moves_the_target():
    closed = calendar_for(frozenset({dt.date(2024, 4, 12)}))
    assert record_target(closed, dt.date(2024, 3, 28), 10) == dt.date(2024, 4, 16)


@given(received=any_day, days=targets)
def test_the_target_is_exactly_the_landlords_working_days_after_receipt(received, days):
    target = record_target(CAL, received, days)
    assert CAL.is_working_day(target)
    assert CAL.working_days_between(received, target) == days
    assert working_days_left(CAL, target, received) == days


@given(received=near_closures, days=targets, closures=closure_sets)
def test_the_target_never_falls_on_a_closure_day_and_counts_none(received, days, closures):
    cal = calendar_for(closures)
    target = record_target(cal, received, days)
    assert target not in closures
    assert cal.working_days_between(received, target) == days
    assert target >= record_target(CAL, received, days)


@given(received=any_day, days=targets, late=st.integers(min_value=1, max_value=30))
def test_a_record_is_overdue_by_the_working_days_since_its_target(received, days, late):
    target = record_target(CAL, received, days)
    today = CAL.add_working_days(target, late)
    assert working_days_left(CAL, target, today) == -late


@given(received=any_day, days=targets, answered=st.integers(min_value=0, max_value=120))
def test_responded_within_target_when_answered_on_or_before_the_target(received, days, answered):
    target = record_target(CAL, received, days)
    responded = received + dt.timedelta(days=answered)
    assert responded_within_target(responded, target) is (responded <= target)


def test_no_response_or_no_target_is_not_within_target():
    assert responded_within_target(None, dt.date(2024, 4, 12)) is False
    assert responded_within_target(dt.date(2024, 4, 1), None) is False
