"""A record's next deadline and its name (Code 6.2: the clock runs from receipt)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from putright.rules.calendar import WorkingCalendar, calendar_for
from putright.rules.deadlines import (
    Deadline,
    DeadlineKind,
    deadline_kind,
    deadline_reads_calendar,
    deadline_reads_stage,
    earliest,
    record_deadline,
    stage_deadline,
)
from putright.rules.lifecycle import StageStatus, State

CAL = WorkingCalendar()


@dataclass
class _Stage:
    number: int = 1
    status: str = "requested"
    acknowledgement_due: dt.date = dt.date(2025, 6, 9)
    response_due: dt.date = dt.date(2025, 6, 23)
    response_due_extended: dt.date = dt.date(2025, 6, 23)


def test_a_complaint_waiting_for_triage_is_to_be_acknowledged_5_working_days_after_receipt():
    # Received Friday 23 May 2025; Monday 26 May is a bank holiday: due Monday 2 June.
    deadline = record_deadline(
        state="received", received_on=dt.date(2025, 5, 23), stage=None, calendar=CAL
    )
    assert deadline == Deadline(DeadlineKind.ACKNOWLEDGE, dt.date(2025, 6, 2), 1)
    assert deadline.label == "Acknowledge"


def test_an_open_stage_is_acknowledged_then_responded_to():
    assert stage_deadline("stage1", _Stage()).label == "Acknowledge"
    respond = stage_deadline("stage2", _Stage(number=2, status="acknowledged"))
    assert (respond.kind, respond.due_on, respond.stage) == (
        DeadlineKind.RESPOND,
        dt.date(2025, 6, 23),
        2,
    )


def test_a_response_moved_by_an_extension_is_named_so():
    stage = _Stage(status="acknowledged", response_due_extended=dt.date(2025, 7, 7))
    deadline = stage_deadline("stage1", stage)
    assert (deadline.label, deadline.due_on) == ("Respond (extended)", dt.date(2025, 7, 7))


def test_nothing_is_due_once_the_stage_is_closed_or_withdrawn():
    assert stage_deadline("stage1_closed", _Stage(status="responded")) is None
    assert stage_deadline("withdrawn", _Stage()) is None
    assert stage_deadline("stage1", None) is None
    assert (
        record_deadline(state="open", received_on=dt.date(2025, 6, 2), stage=None, calendar=CAL)
        is None
    )


def test_the_soonest_deadline_wins_and_on_the_same_day_the_complaints_own_comes_first():
    own = Deadline(DeadlineKind.RESPOND, dt.date(2025, 6, 23), 1)
    ombudsman_later = Deadline(
        DeadlineKind.OMBUDSMAN, dt.date(2025, 6, 24), what="Evidence request"
    )
    ombudsman_same_day = Deadline(DeadlineKind.OMBUDSMAN, dt.date(2025, 6, 23))
    ombudsman_sooner = Deadline(DeadlineKind.OMBUDSMAN, dt.date(2025, 6, 20))
    assert earliest(own, ombudsman_later) is own
    assert earliest(ombudsman_same_day, own) is own
    assert earliest(own, ombudsman_sooner).label == "Ombudsman"
    assert earliest(None, None) is None


def test_the_kind_of_a_records_own_deadline_follows_its_state_and_stage():
    assert deadline_kind("received", None) is DeadlineKind.ACKNOWLEDGE
    assert deadline_kind("stage1", _Stage()) is DeadlineKind.ACKNOWLEDGE
    assert deadline_kind("stage1", _Stage(status="acknowledged")) is DeadlineKind.RESPOND
    assert deadline_kind("closed", _Stage(status="responded")) is None


_days = st.dates(dt.date(2024, 11, 1), dt.date(2025, 2, 28))
_stages = st.builds(
    _Stage,
    number=st.sampled_from([1, 2]),
    status=st.sampled_from(list(StageStatus)),
    acknowledgement_due=_days,
    response_due=_days,
    response_due_extended=_days,
)
_calendars = st.frozensets(_days, max_size=4).map(calendar_for)


@given(
    state=st.sampled_from(list(State)),
    received_on=_days,
    stage=st.none() | _stages,
    calendar=_calendars,
    other_calendar=_calendars,
)
def test_a_deadline_needs_the_stage_and_the_calendar_only_in_the_states_that_read_them(
    state, received_on, stage, calendar, other_calendar
):
    # The services read the latest stage and the landlord's closure days only when the
    # state's deadline depends on them: the answer without them is the same.
    deadline = record_deadline(state=state, received_on=received_on, stage=stage, calendar=calendar)
    without = record_deadline(
        state=state,
        received_on=received_on,
        stage=stage if deadline_reads_stage(state) else None,
        calendar=calendar if deadline_reads_calendar(state) else other_calendar,
    )
    assert without == deadline


def test_only_an_open_stage_reads_the_stage_and_only_waiting_for_triage_reads_the_calendar():
    assert {s for s in State if deadline_reads_stage(s)} == {State.STAGE1, State.STAGE2}
    assert {s for s in State if deadline_reads_calendar(s)} == {State.RECEIVED}
