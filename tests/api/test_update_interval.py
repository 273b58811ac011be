"""The update interval agreed with the resident through the API (issue 17, item 1; Code
5.9): POST /complaints/{reference}/update-interval, the agreed interval on the stage and
the update owed (update_due) on the complaint."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.complaints import services
from tests import factories
from tests.api.helpers import client, get, key, post

pytestmark = pytest.mark.django_db

RECEIVED = dt.date(2024, 5, 1)


def test_an_interval_agreed_through_the_api_shows_the_update_owed():
    landlord = factories.landlord()
    complaint = factories.stage1_acknowledged(landlord, received_on=RECEIVED)
    c = client(key(landlord))

    response = post(
        c,
        f"/complaints/{complaint.reference}/update-interval",
        {"working_days": 5, "note": "By email", "on": "2024-05-01"},
    )

    assert response.status_code == 200, response.content
    body = response.json()
    # Wednesday 1 May 2024 + 5 working days, past the bank holiday of Monday 6 May.
    assert body["update_due"] == "2024-05-09"
    stage = body["stages"][0]
    assert (stage["update_interval"], stage["update_interval_agreed_on"]) == (5, "2024-05-01")
    assert stage["update_interval_note"] == "By email"
    assert get(c, "/complaints").json()["items"][0]["update_due"] == "2024-05-09"


def test_a_contact_to_the_resident_moves_the_update_owed_in_the_api():
    landlord = factories.landlord()
    complaint = factories.stage1_acknowledged(landlord, received_on=RECEIVED)
    c = client(key(landlord))
    post(
        c,
        f"/complaints/{complaint.reference}/update-interval",
        {"working_days": 5, "on": "2024-05-01"},
    )
    services.complaint_record_contact(
        complaint=complaint,
        method="email",
        direction="to_resident",
        with_whom="The resident",
        summary="The survey is booked.",
        at=dt.datetime(2024, 5, 8, 9, 0),
        by=None,
    )
    assert get(c, f"/complaints/{complaint.reference}").json()["update_due"] == "2024-05-15"


def test_a_wrong_interval_is_422_with_the_staff_pages_words():
    landlord = factories.landlord()
    complaint = factories.stage1_acknowledged(landlord, received_on=RECEIVED)
    response = post(
        client(key(landlord)),
        f"/complaints/{complaint.reference}/update-interval",
        {"working_days": 0},
    )
    assert response.status_code == 422
    assert "The update interval must be between 1 and 60 working days." in response.content.decode()


def test_nothing_outstanding_is_409():
    landlord = factories.landlord()
    complaint = factories.stage1_responded(landlord, received_on=RECEIVED)
    response = post(
        client(key(landlord)),
        f"/complaints/{complaint.reference}/update-interval",
        {"working_days": 5},
    )
    assert response.status_code == 409
    assert "Nothing is outstanding" in response.content.decode()
