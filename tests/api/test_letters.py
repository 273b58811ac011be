"""POST /complaints/{reference}/letters (issue 12, item 3): a letter written from the record
and issued, as the staff pages issue it; the response letter sends the response."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.complaints import services
from putright.complaints.models import Event, EventKind
from putright.letters.models import Letter
from putright.residents.models import ReasonableAdjustment, Resident
from tests import factories
from tests.api.helpers import client, key, post

pytestmark = pytest.mark.django_db

POSTED = {"delivery": "post", "send_to": "Flat 2\n5 Mill Lane\nExampleton EX2 3BB"}


def _decided(landlord, **fields):
    complaint = factories.stage1_acknowledged(landlord, received_on=dt.date(2024, 5, 1), **fields)
    services.complaint_respond(
        complaint=complaint,
        outcome="upheld",
        reasons="The repair was late.",
        point_outcomes=["upheld"],
        remedies=[services.RemedyInput(kind="apology")],
        by=None,
        on=dt.date(2024, 5, 10),
    )
    return complaint


def test_the_response_letter_sends_the_response_on_its_date():
    landlord = factories.landlord(phone="01632 960 001")
    complaint = _decided(landlord)

    response = post(
        client(key(landlord)),
        f"/complaints/{complaint.reference}/letters",
        {**POSTED, "kind": "stage1_response", "on": "2024-05-13"},
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    stage = body["stages"][0]
    assert body["state"] == "stage1_closed"
    assert (stage["decided_on"], stage["responded_on"], stage["letter_to_send"]) == (
        "2024-05-10",
        "2024-05-13",
        None,
    )
    assert stage["remedies"][0]["done_on"] == "2024-05-13"  # the apology it gives
    letter = Letter.objects.get(complaint=complaint)
    assert (letter.kind, letter.delivery, letter.event.kind) == (
        "stage1_response",
        "post",
        "responded",
    )


def test_a_letter_that_does_not_fit_now_is_409_and_one_the_record_cannot_write_is_422():
    landlord = factories.landlord()  # no phone, email, website or address: no way to escalate
    complaint = _decided(landlord)
    c = client(key(landlord))
    path = f"/complaints/{complaint.reference}/letters"

    too_early = post(c, path, {**POSTED, "kind": "stage2_response"})
    assert too_early.status_code == 409
    cannot = post(c, path, {**POSTED, "kind": "stage1_response", "on": "2024-05-13"})
    assert cannot.status_code == 422
    assert "how_to_escalate" in cannot.json()["problems"]
    assert not Letter.objects.exists()


def test_a_reading_key_cannot_issue_letters():
    landlord = factories.landlord(phone="01632 960 001")
    complaint = _decided(landlord)
    response = post(
        client(key(landlord, write=False)),
        f"/complaints/{complaint.reference}/letters",
        {**POSTED, "kind": "stage1_response"},
    )
    assert response.status_code == 403
    assert not Letter.objects.exists()


def _large_print_resident(landlord):
    resident = Resident.objects.create(landlord=landlord, name="Amina Okafor", tenure="tenant")
    ReasonableAdjustment.objects.create(
        resident=resident,
        kind="large_print",
        agreed_on=dt.date(2024, 1, 5),
        review_due_on=dt.date(2027, 1, 5),
    )
    return resident


def test_a_letter_to_a_resident_who_needs_large_print_is_refused_422_without_formats_met():
    landlord = factories.landlord(phone="01632 960 001")
    complaint = _decided(landlord, resident=_large_print_resident(landlord))

    response = post(
        client(key(landlord)),
        f"/complaints/{complaint.reference}/letters",
        {**POSTED, "kind": "stage1_response", "on": "2024-05-13"},
    )

    assert response.status_code == 422, response.json()
    assert response.json()["problems"] == {
        "format_large_print": "The resident needs Large print: say how you are meeting this "
        "need for this letter."
    }
    assert not Letter.objects.exists()
    assert not Event.objects.filter(complaint=complaint, kind=EventKind.FORMAT_MET).exists()


def test_formats_met_says_how_the_letter_meets_the_need_and_goes_on_the_timeline():
    landlord = factories.landlord(phone="01632 960 001")
    complaint = _decided(landlord, resident=_large_print_resident(landlord))
    how = "Printed in 18 point Arial on cream paper."

    response = post(
        client(key(landlord)),
        f"/complaints/{complaint.reference}/letters",
        {
            **POSTED,
            "kind": "stage1_response",
            "on": "2024-05-13",
            "large_print": True,
            "formats_met": {"large_print": how},
        },
    )

    assert response.status_code == 200, response.json()
    letter = Letter.objects.get(complaint=complaint)
    assert letter.large_print is True
    met = Event.objects.get(complaint=complaint, kind=EventKind.FORMAT_MET)
    assert met.detail == {
        "format": "large_print",
        "details": "",
        "how": how,
        "for": "the stage 1 response letter",
    }
    assert met.occurred_on == dt.date(2024, 5, 13)
