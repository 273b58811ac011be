"""Awaab's Law clocks over the API (issue 17, item 8): the repairs system records the
hazard and its milestones on a complaint and reads the clocks; the same services and
timeline entries as the staff pages, the one error shape, write scope for writes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from putright.complaints.models import Event, HazardCase
from tests import factories
from tests.api.helpers import client, get, key, post

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def monday(time_machine) -> dt.date:
    """Monday 7 December 2026 at 10am: the deadlines below are worked out by hand for it,
    so these tests keep that day whatever day the suite runs on (scripts/test-dates)."""
    time_machine.move_to(dt.datetime(2026, 12, 7, 10, tzinfo=LONDON))
    return dt.date(2026, 12, 7)


def _iso(day: dt.date, hour: int, minute: int = 0) -> str:
    return dt.datetime.combine(day, dt.time(hour, minute), LONDON).isoformat()


def _hazard(day: dt.date, hazard_class: str = "damp_mould") -> dict[str, str]:
    return {
        "hazard_class": hazard_class,
        "description": "Black mould across the back bedroom ceiling",
        "aware_at": _iso(day, 8, 30),
        "repairs_told_at": _iso(day, 9),
        "repairs_reference": "R-1001",
    }


def test_the_repairs_system_starts_the_clocks_and_reads_them(monday):
    landlord = factories.landlord()
    complaint = factories.complaint(landlord, received_on=monday)
    c = client(key(landlord, name="Repairs system"))

    created = post(c, f"/complaints/{complaint.reference}/hazard", _hazard(monday))

    assert created.status_code == 201
    assert created["ETag"] == '"2"'
    body = created.json()
    assert body["hazard_class"] == "damp_mould"
    assert body["repairs_reference"] == "R-1001"
    assert body["next_due_at"] == "2026-12-21T23:59:59Z"
    assert [(k["milestone"], k["state"]) for k in body["clocks"]] == [
        ("investigated", "running"),
        ("summary_sent", "waiting"),
        ("safety_work_started", "waiting"),
    ]
    event = Event.objects.get(complaint=complaint, kind="hazard")
    assert event.actor.username.startswith("api")
    assert get(c, f"/complaints/{complaint.reference}/hazard").json() == body


def test_milestones_move_the_clocks_on(monday):
    landlord = factories.landlord()
    complaint = factories.complaint(landlord, received_on=monday)
    c = client(key(landlord))
    post(c, f"/complaints/{complaint.reference}/hazard", _hazard(monday, "emergency"))

    investigated = post(
        c,
        f"/complaints/{complaint.reference}/hazard/milestones",
        {"milestone": "investigated", "at": _iso(monday, 9, 30), "note": "Gas smell at the meter"},
    )
    safe = post(
        c,
        f"/complaints/{complaint.reference}/hazard/milestones",
        {"milestone": "made_safe", "at": _iso(monday, 9, 50)},
        **{"HTTP_IF_MATCH": '"3"'},
    )

    assert investigated.status_code == 201
    assert safe.status_code == 201
    body = safe.json()
    assert body["made_safe_at"] == "2026-12-07T09:50:00Z"
    assert [k["state"] for k in body["clocks"]] == ["met", "met"]
    assert body["next_due_at"] is None
    assert body["overdue"] is False
    assert safe["ETag"] == '"4"'


def test_a_step_out_of_order_or_twice_is_refused_with_the_reason(monday):
    landlord = factories.landlord()
    complaint = factories.complaint(landlord, received_on=monday)
    c = client(key(landlord))
    path = f"/complaints/{complaint.reference}/hazard"

    before = post(c, path + "/milestones", {"milestone": "investigated"})
    post(c, path, _hazard(monday))
    early = post(c, path + "/milestones", {"milestone": "summary_sent"})
    again = post(c, path, _hazard(monday))

    assert before.status_code == 409
    assert before.json()["message"] == "Record when the landlord became aware of the hazard first."
    assert early.status_code == 422
    assert early.json()["problems"] == {"at": "Record the investigation first."}
    assert again.status_code == 409
    assert again.json()["message"] == "The hazard on this complaint is already recorded."
    assert HazardCase.objects.count() == 1


def test_a_read_only_key_reads_the_clocks_but_cannot_write(monday):
    landlord = factories.landlord()
    complaint = factories.complaint(landlord, received_on=monday)
    reader = client(key(landlord, write=False))

    refused = post(reader, f"/complaints/{complaint.reference}/hazard", _hazard(monday))
    missing = get(reader, f"/complaints/{complaint.reference}/hazard")

    assert refused.status_code == 403
    assert missing.status_code == 404
    assert missing.json()["message"] == "There is no such hazard on this complaint."
    assert not HazardCase.objects.exists()


def test_another_landlords_complaint_is_not_found(monday):
    complaint = factories.complaint(factories.landlord(), received_on=monday)
    c = client(key(factories.landlord()))

    assert post(c, f"/complaints/{complaint.reference}/hazard", _hazard(monday)).status_code == 404
