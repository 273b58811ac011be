"""Awaab's Law clocks on a complaint (issue 17, item 8; domain.md §12): when the landlord
became aware and the repairs service was told, then each milestone as it happens, each
with its timeline entry."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied

from putright.complaints import services
from putright.complaints.models import Complaint, Event, HazardCase
from putright.landlords.models import Role
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def monday(time_machine) -> dt.date:
    """Monday 7 December 2026 at 10am: the deadlines below are worked out by hand for it,
    so these tests keep that day whatever day the suite runs on (scripts/test-dates)."""
    time_machine.move_to(dt.datetime(2026, 12, 7, 10, tzinfo=LONDON))
    return dt.date(2026, 12, 7)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


def _aware(complaint: Complaint, day: dt.date, hazard_class: str = "damp_mould", **more):
    return services.hazard_record_awareness(
        complaint=complaint,
        hazard_class=hazard_class,
        description="Black mould across the back bedroom ceiling",
        aware_at=_at(day, 8, 30),
        repairs_told_at=_at(day, 9),
        repairs_reference="R-1001",
        by=more.pop("by", None),
        **more,
    )


def test_awareness_starts_the_damp_clock_and_says_so_on_the_timeline(monday):
    c = factories.complaint(factories.landlord(), received_on=monday - dt.timedelta(days=3))
    officer = factories.user(landlord=c.landlord, role=Role.OFFICER)

    hazard = _aware(c, monday, by=officer)

    assert hazard.hazard_class == "damp_mould"
    assert hazard.repairs_reference == "R-1001"
    # Monday 7 December 2026 + 10 working days: Monday 21 December, at the close of the day.
    assert hazard.next_due_at == dt.datetime(2026, 12, 21, 23, 59, 59, tzinfo=LONDON)
    event = Event.objects.get(complaint=c, kind="hazard")
    assert event.actor == officer
    assert event.occurred_on == monday
    assert event.summary == (
        "Significant damp and mould: Black mould across the back bedroom ceiling. The landlord "
        "became aware at 8:30am on 7 December 2026; repairs told at 9am on 7 December 2026. "
        "Repair job R-1001."
    )
    assert Complaint.objects.get(pk=c.pk).version == c.version + 1


def test_an_emergency_is_made_safe_in_time_and_its_clocks_close(monday):
    c = factories.complaint(factories.landlord(), received_on=monday)
    _aware(c, monday, hazard_class="emergency")

    services.hazard_record_investigation(
        complaint=c, at=_at(monday, 9, 45), by=None, note="Gas smell at the meter"
    )
    hazard = services.hazard_record_made_safe(complaint=c, at=_at(monday, 9, 55), by=None)

    assert hazard.made_safe_at == _at(monday, 9, 55)
    assert hazard.next_due_at is None
    summaries = list(
        Event.objects.filter(complaint=c, kind="hazard").values_list("summary", flat=True)
    )
    assert summaries[1:] == [
        "Hazard: investigated at 9:45am on 7 December 2026. In time. Gas smell at the meter",
        "Hazard: made safe at 9:55am on 7 December 2026. In time.",
    ]


def test_the_summary_and_safety_work_follow_the_investigation(monday):
    week_before = monday - dt.timedelta(days=7)
    c = factories.complaint(factories.landlord(), received_on=week_before)
    _aware(c, week_before)

    with pytest.raises(RuleError) as refused:
        services.hazard_record_summary_sent(complaint=c, at=_at(monday, 9), by=None)
    assert refused.value.problems == {"at": "Record the investigation first."}

    hazard = services.hazard_record_investigation(complaint=c, at=_at(week_before, 14), by=None)
    # Investigated Monday 30 November: the summary due Thursday 3 December, the safety
    # work Monday 7 December (the soonest open deadline).
    assert hazard.next_due_at == dt.datetime(2026, 12, 3, 23, 59, 59, tzinfo=LONDON)
    hazard = services.hazard_record_summary_sent(complaint=c, at=_at(monday, 9), by=None)
    assert hazard.next_due_at == dt.datetime(2026, 12, 7, 23, 59, 59, tzinfo=LONDON)
    assert Event.objects.filter(complaint=c, kind="hazard").last().summary == (
        "Hazard: written summary sent to the resident at 9am on 7 December 2026. "
        "Late: after the deadline."
    )


def test_a_milestone_is_recorded_once_and_only_after_awareness(monday):
    c = factories.complaint(factories.landlord(), received_on=monday - dt.timedelta(days=2))

    with pytest.raises(RuleError) as refused:
        services.hazard_record_investigation(complaint=c, by=None)
    assert str(refused.value) == "Record when the landlord became aware of the hazard first."

    _aware(c, monday)
    services.hazard_record_investigation(complaint=c, at=_at(monday, 9, 30), by=None)
    with pytest.raises(RuleError) as refused:
        services.hazard_record_investigation(complaint=c, at=_at(monday, 9, 40), by=None)
    assert refused.value.problems == {"at": "Investigated is already recorded."}
    with pytest.raises(RuleError) as refused:
        services.hazard_record_made_safe(complaint=c, at=_at(monday, 8), by=None)
    assert refused.value.problems == {
        "at": "The time cannot be before the landlord became aware of the hazard."
    }


def test_awareness_needs_a_class_a_description_and_no_second_record(monday):
    c = factories.complaint(factories.landlord(), received_on=monday)

    with pytest.raises(RuleError) as refused:
        services.hazard_record_awareness(
            complaint=c,
            hazard_class="fire",
            description="  ",
            aware_at=_at(monday, 8),
            repairs_told_at=_at(monday, 9),
            by=None,
        )
    assert refused.value.problems == {
        "hazard_class": "Choose an emergency hazard or significant damp and mould.",
        "description": "Enter what the hazard is and where.",
    }
    _aware(c, monday)
    with pytest.raises(RuleError) as refused:
        _aware(c, monday)
    assert str(refused.value) == "The hazard on this complaint is already recorded."
    assert HazardCase.objects.filter(complaint=c).count() == 1


def test_awareness_cannot_be_in_the_future(monday):
    c = factories.complaint(factories.landlord(), received_on=monday)

    with pytest.raises(RuleError) as refused:
        services.hazard_record_awareness(
            complaint=c,
            hazard_class="emergency",
            description="Sparking socket",
            aware_at=_at(monday, 23),
            repairs_told_at=_at(monday, 9),
            by=None,
        )
    assert refused.value.problems == {"aware_at": "The time cannot be in the future."}


def test_a_viewer_cannot_record_a_hazard(monday):
    c = factories.complaint(factories.landlord(), received_on=monday)
    viewer = factories.user(landlord=c.landlord, role=Role.VIEWER)

    with pytest.raises(PermissionDenied):
        _aware(c, monday, by=viewer)
    assert not HazardCase.objects.exists()
