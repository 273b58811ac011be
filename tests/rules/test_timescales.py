"""The timescales of the Complaint Handling Code 2024, section 6 (counting-rules.md, "Due dates").

Expected dates are counted by hand from the published bank holidays of England and Wales.
"""

from __future__ import annotations

import datetime as dt

import pytest

from putright.rules.calendar import WorkingCalendar
from putright.rules.timescales import (
    ACKNOWLEDGEMENT_WORKING_DAYS,
    EXTENSION_LIMIT_WORKING_DAYS,
    RESPONSE_WORKING_DAYS,
    StageDueDates,
    acknowledgement_due,
    extended_due,
    extension_needs_good_reason,
    on_time,
    response_due,
    stage_due_dates,
)

CAL = WorkingCalendar()

# June 2023 has no bank holiday; Monday 5 June 2023 is an ordinary Monday.
MON_5_JUNE_2023 = dt.date(2023, 6, 5)


def test_the_code_timescales_are_5_10_and_20_working_days():
    assert ACKNOWLEDGEMENT_WORKING_DAYS == 5
    assert RESPONSE_WORKING_DAYS == {1: 10, 2: 20}
    assert EXTENSION_LIMIT_WORKING_DAYS == {1: 10, 2: 20}


def test_acknowledgement_is_due_5_working_days_after_the_complaint_was_received():
    # Mon 5 June: 6, 7, 8, 9, 12 June.
    assert acknowledgement_due(CAL, MON_5_JUNE_2023) == dt.date(2023, 6, 12)


def test_acknowledgement_due_over_easter_is_the_worked_example():
    assert acknowledgement_due(CAL, dt.date(2024, 3, 29)) == dt.date(2024, 4, 8)


def test_stage2_acknowledgement_is_due_5_working_days_after_the_escalation_request():
    # Escalation asked for on Mon 11 Dec 2023: 12, 13, 14, 15, 18 Dec.
    dates = stage_due_dates(CAL, 2, dt.date(2023, 12, 11), None)
    assert dates.acknowledgement_due == dt.date(2023, 12, 18)


def test_stage1_response_due_is_10_working_days_after_acknowledgement():
    # Acknowledged Wed 7 June 2023: 8, 9 (2), 12-16 (7), 19, 20, 21 (10).
    assert response_due(CAL, 1, MON_5_JUNE_2023, dt.date(2023, 6, 7)) == dt.date(2023, 6, 21)


def test_stage2_response_due_is_20_working_days_after_acknowledgement():
    # Escalation Mon 11 Dec 2023, acknowledged Fri 15 Dec: 18-22 (5); 25, 26 Dec holidays;
    # 27-29 (8); 1 Jan holiday; 2-5 Jan (12), 8-12 (17), 15, 16, 17 (20).
    assert response_due(CAL, 2, dt.date(2023, 12, 11), dt.date(2023, 12, 15)) == dt.date(
        2024, 1, 17
    )


def test_the_response_is_counted_from_the_ack_due_date_when_there_was_no_acknowledgement():
    # Ack due Mon 12 June 2023; 13-16 (4), 19-23 (9), 26 (10).
    assert response_due(CAL, 1, MON_5_JUNE_2023, None) == dt.date(2023, 6, 26)
    # Stage 2: 13-16 (4), 19-23 (9), 26-30 (14), 3-7 July (19), 10 July (20).
    assert response_due(CAL, 2, MON_5_JUNE_2023, None) == dt.date(2023, 7, 10)


def test_the_response_is_counted_from_the_earlier_of_the_actual_ack_and_the_ack_due_date():
    # Acknowledged on time, on the due date (12 June): the same as no acknowledgement.
    assert response_due(CAL, 1, MON_5_JUNE_2023, dt.date(2023, 6, 12)) == dt.date(2023, 6, 26)
    # Acknowledged early, the day it arrived: 6-9 (4), 12-16 (9), 19 (10).
    assert response_due(CAL, 1, MON_5_JUNE_2023, MON_5_JUNE_2023) == dt.date(2023, 6, 19)


def test_a_late_acknowledgement_never_buys_time():
    # Acknowledged a week late, Mon 19 June: still counted from the due date, 12 June.
    assert response_due(CAL, 1, MON_5_JUNE_2023, dt.date(2023, 6, 19)) == dt.date(2023, 6, 26)
    assert response_due(CAL, 2, MON_5_JUNE_2023, dt.date(2023, 6, 19)) == dt.date(2023, 7, 10)


def test_an_acknowledgement_at_the_weekend_counts_from_the_next_working_day():
    # Received Wed 7 June 2023, acknowledged by email on Sat 10 June: 12-16 (5), 19-23 (10).
    assert response_due(CAL, 1, dt.date(2023, 6, 7), dt.date(2023, 6, 10)) == dt.date(2023, 6, 23)


def test_an_extension_moves_the_due_date_on_by_its_working_days():
    # Due Wed 21 June 2023, extended by 10: 22, 23 (2), 26-30 (7), 3, 4, 5 July (10).
    assert extended_due(CAL, dt.date(2023, 6, 21), 10) == dt.date(2023, 7, 5)
    # Due Mon 27 Nov 2023, extended by 5: 28, 29, 30 Nov, 1 Dec (4), Mon 4 Dec (5).
    assert extended_due(CAL, dt.date(2023, 11, 27), 5) == dt.date(2023, 12, 4)


def test_no_extension_leaves_the_due_date_alone():
    assert extended_due(CAL, dt.date(2023, 6, 21), 0) == dt.date(2023, 6, 21)


def test_a_negative_extension_is_refused():
    with pytest.raises(ValueError, match="negative"):
        extended_due(CAL, dt.date(2023, 6, 21), -1)


@pytest.mark.parametrize(
    ("stage", "total", "needs"),
    [
        (1, 1, False),
        (1, 9, False),
        (1, 10, False),
        (1, 11, True),
        (1, 20, True),
        (2, 10, False),
        (2, 19, False),
        (2, 20, False),
        (2, 21, True),
        (2, 40, True),
    ],
)
def test_an_extension_beyond_10_or_20_working_days_needs_good_reason(stage, total, needs):
    """Code 6.4 / 6.16: no more than 10 (stage 1) or 20 (stage 2) without good reason."""
    assert extension_needs_good_reason(stage, total) is needs


@pytest.mark.parametrize("stage", [0, 3, -1, 12])
def test_there_are_only_two_stages(stage):
    with pytest.raises(ValueError, match="only two stages"):
        response_due(CAL, stage, MON_5_JUNE_2023, None)
    with pytest.raises(ValueError, match="only two stages"):
        extension_needs_good_reason(stage, 5)
    with pytest.raises(ValueError, match="only two stages"):
        stage_due_dates(CAL, stage, MON_5_JUNE_2023, None)


def test_a_step_done_on_or_before_its_due_date_is_on_time():
    due = dt.date(2023, 6, 21)
    assert on_time(dt.date(2023, 6, 20), due) is True
    assert on_time(due, due) is True
    assert on_time(dt.date(2023, 6, 22), due) is False
    assert on_time(None, due) is None


def test_stage_due_dates_gathers_the_due_dates_of_a_stage():
    # Received Mon 4 Sep 2023, acknowledged Fri 8 Sep: ack due Mon 11 Sep; response due
    # 11-15 (5), 18-22 (10) = Fri 22 Sep; extended by 10: 25-29 (5), 2-6 Oct (10) = Fri 6 Oct.
    assert stage_due_dates(CAL, 1, dt.date(2023, 9, 4), dt.date(2023, 9, 8), 10) == StageDueDates(
        acknowledgement_due=dt.date(2023, 9, 11),
        response_due=dt.date(2023, 9, 22),
        response_due_extended=dt.date(2023, 10, 6),
    )


def test_stage_due_dates_without_an_extension_has_the_same_extended_date():
    dates = stage_due_dates(CAL, 1, MON_5_JUNE_2023, None)
    assert dates.response_due == dates.response_due_extended == dt.date(2023, 6, 26)


def test_closure_days_push_the_stage_due_dates():
    # A shutdown Mon 12 - Fri 16 June 2023: received Mon 5 June, ack due 6-9 (4), 19 (5);
    # response due 20-23 (4), 26-30 (9), 3 July (10).
    shut = WorkingCalendar([dt.date(2023, 6, 12) + dt.timedelta(days=i) for i in range(5)])
    dates = stage_due_dates(shut, 1, MON_5_JUNE_2023, None)
    assert dates.acknowledgement_due == dt.date(2023, 6, 19)
    assert dates.response_due == dt.date(2023, 7, 3)
