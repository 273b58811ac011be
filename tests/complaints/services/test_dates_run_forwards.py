"""The timeline runs forwards: no step may be dated before the step it follows."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.complaints import services
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db

RECEIVED = dt.date(2024, 6, 3)
BEFORE = dt.date(2024, 6, 1)


def test_triage_before_the_complaint_was_received_is_refused():
    c = factories.complaint(factories.landlord(), received_on=RECEIVED)
    with pytest.raises(RuleError, match="before the date it was received"):
        services.complaint_triage(complaint=c, decision="complaint", by=None, on=BEFORE)
    with pytest.raises(RuleError, match="before the date it was received"):
        services.complaint_not_accept(
            complaint=c, reason="duplicate", explanation="Same as CU-1", by=None, on=BEFORE
        )
    with pytest.raises(RuleError, match="before the date it was received"):
        services.complaint_add_note(complaint=c, text="Called", by=None, on=BEFORE)


def test_define_and_extend_before_the_stage_began_are_refused():
    c = factories.complaint(factories.landlord(), received_on=RECEIVED)
    services.complaint_triage(complaint=c, decision="complaint", by=None, on=RECEIVED)
    with pytest.raises(RuleError, match="before the stage began"):
        services.complaint_define(
            complaint=c, points=["A"], outcomes_sought="B", by=None, on=BEFORE
        )
    with pytest.raises(RuleError, match="before the stage began"):
        services.complaint_extend(complaint=c, working_days=5, reason="Survey", by=None, on=BEFORE)


def test_a_response_before_the_last_extension_is_refused():
    c = factories.stage1_acknowledged(factories.landlord(), received_on=RECEIVED, on=RECEIVED)
    services.complaint_extend(
        complaint=c, working_days=5, reason="Survey", by=None, on=dt.date(2024, 6, 10)
    )
    with pytest.raises(RuleError, match="last extension"):
        services.complaint_respond(
            complaint=c,
            outcome="upheld",
            reasons="x",
            point_outcomes=["upheld"],
            by=None,
            on=dt.date(2024, 6, 7),
        )


def test_refusing_stage_2_before_it_was_asked_for_is_refused():
    c = factories.stage1_responded(factories.landlord(), received_on=dt.date(2024, 5, 1))
    services.complaint_request_escalation(complaint=c, requested_on=dt.date(2024, 6, 3), by=None)
    with pytest.raises(RuleError, match="before stage 2 was asked for"):
        services.complaint_refuse_escalation(
            complaint=c, reason="duplicate", explanation="x", by=None, on=dt.date(2024, 5, 31)
        )


def test_allocation_cannot_be_dated_in_the_future():
    c = factories.complaint(factories.landlord())
    with pytest.raises(RuleError, match="future"):
        services.complaint_allocate(complaint=c, handler=None, by=None, on=dt.date(2099, 1, 1))
