"""Contacts with the resident, repairs told of a hazard, and a change of service area or
theme over the API (issue 12, items 7 and 8): the same services as the staff pages, the
same timeline entries, If-Match and the one error shape."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from putright.complaints.models import Complaint, Contact
from putright.landlords.models import ServiceArea, Theme
from tests import factories
from tests.api.helpers import client, get, key, post

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def test_a_phone_call_is_recorded_with_its_time_and_direction(today):
    landlord = factories.landlord()
    complaint = factories.complaint(landlord, received_on=today)
    c = client(key(landlord, name="Phone system"))

    response = post(
        c,
        f"/complaints/{complaint.reference}/contacts",
        {
            "method": "phone",
            "direction": "from_resident",
            "with_whom": "Amina Okafor",
            "summary": "Asked when the engineer is coming.",
            "at": dt.datetime.combine(today, dt.time(9, 15), LONDON).isoformat(),
        },
    )

    assert response.status_code == 201
    entry = response.json()
    assert entry["kind"] == "contact"
    assert entry["actor"] == "api:Phone system"
    assert entry["detail"]["direction"] == "from_resident"
    assert entry["detail"]["with_whom"] == "Amina Okafor"
    assert (
        entry["summary"]
        == "Phone call from Amina Okafor at 9:15am: Asked when the engineer is coming."
    )
    assert response["ETag"] == '"2"'
    contact = Contact.objects.get(complaint=complaint)
    assert contact.event_id == entry["id"]
    assert get(c, f"/complaints/{complaint.reference}/events").json()[-1]["id"] == entry["id"]


def test_a_contact_that_breaks_a_rule_is_refused_in_the_one_error_shape(today):
    landlord = factories.landlord()
    complaint = factories.complaint(landlord, received_on=today)
    c = client(key(landlord))

    blank = post(
        c,
        f"/complaints/{complaint.reference}/contacts",
        {"method": "email", "direction": "to_resident", "with_whom": " ", "summary": "Sent."},
    )
    unknown = post(
        c,
        f"/complaints/{complaint.reference}/contacts",
        {"method": "pigeon", "direction": "to_resident", "with_whom": "A", "summary": "B"},
    )

    assert blank.status_code == 422
    assert blank.json()["problems"] == {"with_whom": "Enter who it was with."}
    assert unknown.status_code == 422
    assert not Contact.objects.exists()


def test_a_contact_needs_the_version_last_seen_when_it_is_given(today):
    landlord = factories.landlord()
    complaint = factories.complaint(landlord, received_on=today)
    c = client(key(landlord))

    response = post(
        c,
        f"/complaints/{complaint.reference}/contacts",
        {"method": "visit", "direction": "to_resident", "with_whom": "A", "summary": "B"},
        **{"If-Match": '"7"'},
    )

    assert response.status_code == 412
    assert not Contact.objects.exists()


def test_a_read_only_key_cannot_record_a_contact(today):
    landlord = factories.landlord()
    complaint = factories.complaint(landlord, received_on=today)

    response = post(
        client(key(landlord, write=False)),
        f"/complaints/{complaint.reference}/contacts",
        {"method": "phone", "direction": "from_resident", "with_whom": "A", "summary": "B"},
    )

    assert response.status_code == 403
    assert not Contact.objects.exists()


def test_repairs_told_of_a_hazard(today):
    landlord = factories.landlord()
    complaint = factories.complaint(
        landlord, received_on=today, description="Black mould in the bedroom."
    )

    response = post(
        client(key(landlord)),
        f"/complaints/{complaint.reference}/repairs-told",
        {"how": "job", "told": "Repairs contact centre", "job_reference": "R-48213"},
    )

    assert response.status_code == 201
    entry = response.json()
    assert entry["kind"] == "repairs_told"
    assert entry["detail"]["job_reference"] == "R-48213"
    assert (
        "by raising a repair job: Repairs contact centre. Repair job R-48213." in (entry["summary"])
    )


def test_the_service_area_and_theme_change_and_a_field_left_out_stays():
    landlord = factories.landlord()
    repairs = ServiceArea.objects.create(landlord=landlord, name="Repairs")
    estates = ServiceArea.objects.create(landlord=landlord, name="Estates")
    noise = Theme.objects.create(landlord=landlord, name="Noise")
    complaint = factories.complaint(landlord, service_area=repairs, theme=noise)
    c = client(key(landlord))

    moved = post(
        c,
        f"/complaints/{complaint.reference}/classification",
        {"service_area_id": estates.pk},
        **{"If-Match": '"1"'},
    )
    cleared = post(c, f"/complaints/{complaint.reference}/classification", {"theme_id": None})

    assert moved.status_code == 200
    assert moved.json()["service_area"]["name"] == "Estates"
    assert moved.json()["theme"]["name"] == "Noise"
    assert cleared.json()["theme"] is None
    assert cleared.json()["service_area"]["name"] == "Estates"
    summaries = [e["summary"] for e in get(c, f"/complaints/{complaint.reference}/events").json()]
    assert "Service area changed from Repairs to Estates." in summaries
    assert "Theme changed from Noise to not recorded." in summaries


def test_another_landlords_service_area_is_not_found():
    landlord = factories.landlord()
    elsewhere = ServiceArea.objects.create(landlord=factories.landlord(), name="Repairs")
    complaint = factories.complaint(landlord)

    response = post(
        client(key(landlord)),
        f"/complaints/{complaint.reference}/classification",
        {"service_area_id": elsewhere.pk},
    )

    assert response.status_code == 422
    assert set(response.json()["problems"]) == {"service_area_id"}
    assert Complaint.objects.get(pk=complaint.pk).service_area is None
