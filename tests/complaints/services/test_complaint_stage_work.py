"""Define, allocate, acknowledge, extend and respond (Code 5.6, 6.2 - 6.9, 6.13 - 6.19)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from putright.complaints import services
from putright.complaints.models import Complaint, Event, OutstandingAction, Remedy
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db


def _accepted(landlord=None, received_on=dt.date(2024, 6, 3)):
    c = factories.complaint(landlord or factories.landlord(), received_on=received_on)
    services.complaint_triage(complaint=c, decision="complaint", by=None, on=received_on)
    return c


def test_acknowledge_needs_a_definition_and_a_handler():
    c = _accepted()
    with pytest.raises(RuleError) as error:
        services.complaint_acknowledge(complaint=c, by=None, on=dt.date(2024, 6, 4))
    assert set(error.value.problems) == {"definition", "handler"}


def test_definition_needs_points_and_outcomes_sought():
    c = _accepted()
    with pytest.raises(RuleError) as error:
        services.complaint_define(complaint=c, points=["", " "], outcomes_sought="", by=None)
    assert set(error.value.problems) == {"points", "outcomes_sought"}


def test_redefining_keeps_the_earlier_definition_on_the_timeline():
    c = _accepted()
    services.complaint_define(complaint=c, points=["A"], outcomes_sought="X", by=None)
    services.complaint_define(complaint=c, points=["A", "B"], outcomes_sought="Y", by=None)
    definitions = Event.objects.filter(complaint=c, kind="defined").order_by("id")
    assert [e.detail["points"] for e in definitions] == [["A"], ["A", "B"]]
    assert Complaint.objects.get(pk=c.pk).stage(1).points.count() == 2


def test_stage1_response_due_is_10_working_days_after_acknowledgement():
    c = factories.stage1_acknowledged(
        factories.landlord(), received_on=dt.date(2024, 6, 3), on=dt.date(2024, 6, 4)
    )
    # Tue 4 June 2024 + 10 working days = Tue 18 June 2024.
    assert c.stage(1).response_due == dt.date(2024, 6, 18)


def test_a_late_acknowledgement_never_buys_time():
    c = factories.stage1_acknowledged(
        factories.landlord(), received_on=dt.date(2024, 6, 3), on=dt.date(2024, 6, 20)
    )
    stage = c.stage(1)
    assert stage.acknowledgement_due == dt.date(2024, 6, 10)
    assert stage.response_due == dt.date(2024, 6, 24)  # 10 working days after 10 June
    assert Event.objects.get(complaint=c, kind="acknowledged").detail["late"] is True


def test_extension_moves_the_due_date_and_beyond_the_limit_needs_good_reason():
    c = factories.stage1_acknowledged(
        factories.landlord(), received_on=dt.date(2024, 6, 3), on=dt.date(2024, 6, 4)
    )
    ext = services.complaint_extend(
        complaint=c, working_days=10, reason="Survey needed", by=None, on=dt.date(2024, 6, 10)
    )
    assert (ext.previous_due, ext.new_due) == (dt.date(2024, 6, 18), dt.date(2024, 7, 2))
    with pytest.raises(RuleError) as error:
        services.complaint_extend(
            complaint=c, working_days=1, reason="More time", by=None, on=dt.date(2024, 6, 25)
        )
    assert "good_reason" in error.value.problems
    services.complaint_extend(
        complaint=c,
        working_days=5,
        reason="Specialist report",
        good_reason="Awaiting a structural engineer",
        by=None,
        on=dt.date(2024, 6, 25),
    )
    stage = Complaint.objects.get(pk=c.pk).stage(1)
    assert stage.extension_working_days == 15
    assert stage.response_due_extended == dt.date(2024, 7, 9)
    assert stage.response_due == dt.date(2024, 6, 18)  # the Code's own date is kept


def test_respond_records_outcomes_remedies_and_actions_and_its_letter_closes_stage_1():
    c = factories.stage1_acknowledged(factories.landlord(), received_on=dt.date(2024, 6, 3))
    services.complaint_respond(
        complaint=c,
        outcome="upheld",
        reasons="The repair was late.",
        point_outcomes=["upheld"],
        remedies=[
            services.RemedyInput(
                kind="apology", description="We apologise.", due_on=dt.date(2024, 6, 14)
            ),
            services.RemedyInput(
                kind="financial",
                description="Time and trouble",
                due_on=dt.date(2024, 7, 1),
                amount=Decimal("150.00"),
                compensation_reason="time_trouble",
            ),
        ],
        actions=[
            services.ActionInput(
                description="Replace boiler", owner="Repairs manager", due_on=dt.date(2024, 7, 5)
            )
        ],
        root_cause="service_failure",
        root_cause_detail="Delay",
        by=None,
        on=dt.date(2024, 6, 14),
    )
    c = Complaint.objects.get(pk=c.pk)
    stage = c.stage(1)
    # Decided, not sent: stage 1 is open until its response letter goes.
    assert (c.state, stage.status, stage.outcome) == ("stage1", "acknowledged", "upheld")
    factories.response_letter_sent(c, on=dt.date(2024, 6, 14))
    c = Complaint.objects.get(pk=c.pk)
    stage = c.stage(1)
    assert (c.state, stage.status, stage.outcome) == ("stage1_closed", "responded", "upheld")
    assert stage.points.get().outcome == "upheld"
    assert Remedy.objects.get(stage=stage, kind="financial").amount_offered == Decimal("150.00")
    assert OutstandingAction.objects.get(stage=stage).owner == "Repairs manager"
    assert (c.root_cause, c.root_cause_detail) == ("service_failure", "Delay")


def test_respond_names_every_missing_element():
    c = factories.stage1_acknowledged(factories.landlord())
    with pytest.raises(RuleError) as error:
        services.complaint_respond(
            complaint=c,
            outcome="",
            reasons="",
            point_outcomes=[""],
            remedies=[services.RemedyInput(kind="financial")],
            actions=[services.ActionInput(description="x", owner="", due_on=None)],
            by=None,
        )
    assert set(error.value.problems) == {
        "outcome",
        "reasons",
        "points.1",
        "remedies.1.due",
        "remedies.1.amount",
        "actions.1.due",
        "actions.1.owner",
    }


def test_respond_needs_a_decision_on_each_point():
    c = factories.stage1_acknowledged(factories.landlord())
    with pytest.raises(RuleError, match="each of the 1 points"):
        services.complaint_respond(
            complaint=c, outcome="upheld", reasons="x", point_outcomes=[], by=None
        )


def test_cannot_respond_before_acknowledging():
    c = _accepted()
    with pytest.raises(RuleError, match="acknowledged"):
        services.complaint_respond(complaint=c, outcome="upheld", reasons="x", by=None)


def test_dates_in_the_future_are_refused():
    c = _accepted()
    services.complaint_define(complaint=c, points=["A"], outcomes_sought="X", by=None)
    services.complaint_allocate(complaint=c, handler=factories.user(landlord=c.landlord), by=None)
    with pytest.raises(RuleError, match="future"):
        services.complaint_acknowledge(complaint=c, by=None, on=dt.date(2099, 1, 1))
