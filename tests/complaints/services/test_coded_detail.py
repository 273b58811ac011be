"""Coded detail (issue 13, item 5): a response's sub-cause from the landlord's own list
under its root cause, and an extension's reason code beside its words."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.complaints import services
from putright.complaints.models import Complaint, Event, EventKind
from putright.landlords.models import SubCause
from putright.landlords.services import sub_causes_seed
from putright.rules.codes import DEFAULT_SUB_CAUSES
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db


def _acknowledged():
    landlord = factories.landlord()
    sub_causes_seed(landlord=landlord)
    return factories.stage1_acknowledged(landlord, received_on=dt.date(2024, 6, 3))


def _respond(c: Complaint, **fields):
    return services.complaint_respond(
        complaint=c,
        outcome="upheld",
        reasons="The repair was late.",
        point_outcomes=["upheld"],
        by=None,
        on=dt.date(2024, 6, 12),
        **fields,
    )


def test_a_new_landlord_is_given_the_default_sub_causes_once():
    landlord = factories.landlord()
    assert len(sub_causes_seed(landlord=landlord)) == len(DEFAULT_SUB_CAUSES)
    SubCause.objects.filter(landlord=landlord, code="delay").update(label="Delayed repair")
    assert sub_causes_seed(landlord=landlord) == []
    assert SubCause.objects.get(landlord=landlord, code="delay").label == "Delayed repair"


def test_the_response_records_the_sub_cause_under_its_root_cause():
    c = _acknowledged()
    _respond(c, root_cause="service_failure", sub_cause="delay", root_cause_detail="Boiler")
    c = Complaint.objects.get(pk=c.pk)
    assert (c.root_cause, c.sub_cause.code, c.root_cause_detail) == (
        "service_failure",
        "delay",
        "Boiler",
    )
    assert Event.objects.filter(complaint=c, kind=EventKind.DECIDED).exists()


@pytest.mark.parametrize(
    ("root_cause", "sub_cause", "problem"),
    [
        ("", "delay", "Choose the root cause before its sub-cause."),
        (
            "communication",
            "delay",
            "Delay in providing a service is a sub-cause of service failure, not of the root "
            "cause chosen: choose one under that root cause.",
        ),
        (
            "service_failure",
            "late_bus",
            "There is no sub-cause 'late_bus' in the landlord's list; choose one from it.",
        ),
    ],
)
def test_a_sub_cause_not_in_the_list_under_the_root_cause_is_refused(
    root_cause, sub_cause, problem
):
    c = _acknowledged()
    with pytest.raises(RuleError) as refusal:
        _respond(c, root_cause=root_cause, sub_cause=sub_cause)
    assert refusal.value.problems == {"sub_cause": problem}
    assert Complaint.objects.get(pk=c.pk).sub_cause is None


def test_another_landlords_sub_cause_is_not_in_the_list():
    c = _acknowledged()
    other = factories.landlord()
    SubCause.objects.create(
        landlord=other, root_cause="service_failure", code="own_code", label="x"
    )
    with pytest.raises(RuleError, match="no sub-cause 'own_code'"):
        _respond(c, root_cause="service_failure", sub_cause="own_code")


def test_an_extension_keeps_its_reason_code_beside_the_words():
    c = _acknowledged()
    ext = services.complaint_extend(
        complaint=c,
        working_days=5,
        reason_code="awaiting_contractor",
        reason="We are waiting for the roofer's report.",
        by=None,
        on=dt.date(2024, 6, 10),
    )
    ext.refresh_from_db()
    assert (ext.reason_code, ext.reason) == (
        "awaiting_contractor",
        "We are waiting for the roofer's report.",
    )
    event = Event.objects.get(complaint=c, kind=EventKind.EXTENDED)
    assert event.detail["reason_code"] == "awaiting_contractor"


def test_an_extension_reason_code_not_in_the_list_is_refused_and_nothing_changes():
    c = _acknowledged()
    with pytest.raises(RuleError) as refusal:
        services.complaint_extend(
            complaint=c,
            working_days=5,
            reason_code="weather",
            reason="Snow.",
            by=None,
            on=dt.date(2024, 6, 10),
        )
    assert "There is no extension reason 'weather'" in refusal.value.problems["reason_code"]
    assert Complaint.objects.get(pk=c.pk).stage(1).extension_working_days == 0
