"""Code 6.4 / 6.5: an extension is agreed on or before the due date it extends; one agreed
after it does not move the date (counting-rules.md, "Due dates")."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from putright.rules.calendar import WorkingCalendar
from putright.rules.counting import StageFacts
from putright.rules.timescales import (
    due_after_extensions,
    extended_due,
    extension_in_time,
    extension_too_late,
    stage_due_dates,
)

CAL = WorkingCalendar()
# Received Monday 2 June 2025; acknowledged the same day; response due Monday 16 June 2025
# (no bank holiday in June 2025).
RECEIVED = dt.date(2025, 6, 2)
RESPONSE_DUE = dt.date(2025, 6, 16)

fast = settings(max_examples=200, deadline=None)
any_day = st.dates(dt.date(2001, 1, 1), dt.date(2060, 12, 31))
maybe_day = st.none() | any_day
working_days = st.integers(min_value=0, max_value=40)


def test_an_extension_agreed_on_the_due_date_counts():
    assert extension_in_time(RESPONSE_DUE, RESPONSE_DUE)
    assert extension_too_late(RESPONSE_DUE, RESPONSE_DUE) is None


def test_an_extension_agreed_the_day_after_the_due_date_does_not_count():
    day_after = RESPONSE_DUE + dt.timedelta(days=1)
    assert not extension_in_time(day_after, RESPONSE_DUE)
    assert extension_too_late(day_after, RESPONSE_DUE) == (
        "The response was due on 16 June 2025. An extension has to be agreed on or before "
        "that date; tell the resident the new date as an update instead."
    )


def test_an_extension_with_no_agreed_date_is_taken_as_agreed_in_time():
    assert extension_in_time(None, RESPONSE_DUE)


def test_a_late_extension_leaves_the_stage_due_dates_as_they_were():
    late = stage_due_dates(CAL, 1, RECEIVED, RECEIVED, 10, dt.date(2025, 6, 17))
    in_time = stage_due_dates(CAL, 1, RECEIVED, RECEIVED, 10, dt.date(2025, 6, 16))
    unknown = stage_due_dates(CAL, 1, RECEIVED, RECEIVED, 10)
    assert late.response_due_extended == late.response_due == RESPONSE_DUE
    assert in_time.response_due_extended == unknown.response_due_extended == dt.date(2025, 6, 30)


def test_extensions_count_in_turn_each_against_the_date_it_extends():
    # The first moves 16 June to 30 June; the second, agreed 27 June, is in time for that.
    # The third, agreed 21 July, is after 14 July, the date it would extend: it does not count.
    terms = [(10, dt.date(2025, 6, 10)), (10, dt.date(2025, 6, 27)), (5, dt.date(2025, 7, 21))]
    assert due_after_extensions(CAL, RESPONSE_DUE, terms) == dt.date(2025, 7, 14)


def test_a_late_extension_counts_as_late_in_ch02():
    facts = StageFacts(
        requested=RECEIVED,
        acknowledged=RECEIVED,
        extension_working_days=10,
        extension_agreed_on=dt.date(2025, 6, 20),
        responded=dt.date(2025, 6, 25),
    )
    assert facts.due_dates(CAL, 1).response_due_extended == RESPONSE_DUE < facts.responded


@fast
@given(due=any_day, agreed=maybe_day, days=working_days)
def test_an_extension_moves_the_date_exactly_when_agreed_in_time(due, agreed, days):
    moved = due_after_extensions(CAL, due, [(days, agreed)])
    if agreed is None or agreed <= due:
        assert moved == extended_due(CAL, due, days)
    else:
        assert moved == due
    if agreed is not None:
        assert (extension_too_late(agreed, due) is None) == extension_in_time(agreed, due)


@fast
@given(due=any_day, terms=st.lists(st.tuples(working_days, maybe_day), max_size=4))
def test_extensions_never_bring_the_date_forward_and_late_ones_change_nothing(due, terms):
    moved = due_after_extensions(CAL, due, terms)
    assert moved >= due
    in_turn = due
    for days, agreed in terms:
        before = in_turn
        in_turn = due_after_extensions(CAL, in_turn, [(days, agreed)])
        if agreed is not None and agreed > before:
            assert in_turn == before
    assert in_turn == moved


@fast
@given(
    received=st.dates(dt.date(2001, 1, 1), dt.date(2059, 1, 1)),
    days=st.integers(min_value=1, max_value=30),
    offset=st.integers(min_value=-30, max_value=30),
)
def test_whether_an_extension_counts_depends_only_on_its_date_against_the_due_date(
    received, days, offset
):
    plain = stage_due_dates(CAL, 1, received, None)
    agreed = plain.response_due + dt.timedelta(days=offset)
    extended = stage_due_dates(CAL, 1, received, None, days, agreed)
    if offset <= 0:
        assert extended.response_due_extended == extended_due(CAL, plain.response_due, days)
    else:
        assert extended.response_due_extended == plain.response_due
    assert extended.response_due == plain.response_due
