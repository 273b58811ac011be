"""Code 6.13 over the API (issue 14, item 1): the same rule as the staff pages, answered
in the API's error shape. Stage 2 goes only to a senior handler or officer of the landlord;
a stage never to a viewer; allocating a contractor's handler never moves the complaint to
their contractor unless ``contractor_id`` names it; a response recorded with a key is
recorded by the key's integration for the stage's handler."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.complaints import services
from putright.complaints.models import Complaint, Event, EventKind
from putright.landlords.models import Role
from tests import factories
from tests.api.helpers import client, get, key, post

pytestmark = pytest.mark.django_db


def _stage2_requested(landlord) -> Complaint:
    c = factories.stage1_responded(landlord)
    services.complaint_request_escalation(complaint=c, requested_on=dt.date(2024, 4, 20), by=None)
    return Complaint.objects.get(pk=c.pk)


@pytest.mark.parametrize(
    ("role", "words"),
    [
        (Role.HANDLER, "and Pat Plain is a handler."),
        (Role.CONTRACTOR_HANDLER, "and Pat Plain is a contractor handler."),
        (Role.VIEWER, "Pat Plain is a viewer (read-only), a role that does not handle"),
    ],
)
def test_stage_2_is_not_allocated_to_a_plain_handler_a_contractors_handler_or_a_viewer(role, words):
    landlord = factories.landlord()
    kestrel = factories.contractor(landlord, "Kestrel") if role == Role.CONTRACTOR_HANDLER else None
    person = factories.user(
        "pat", landlord=landlord, role=role, contractor=kestrel, first_name="Pat", last_name="Plain"
    )
    c = _stage2_requested(landlord)
    body = {"handler": "pat", **({"contractor_id": kestrel.pk} if kestrel else {})}

    response = post(client(key(landlord)), f"/complaints/{c.reference}/allocate", body)

    assert response.status_code == 422, response.json()
    answer = response.json()
    assert answer["code"] == "rule_broken"
    assert words in answer["problems"]["handler"]
    assert answer["message"] == answer["problems"]["handler"]
    after = Complaint.objects.get(pk=c.pk)
    assert (after.stage(2).handler, after.contractor, after.version) == (None, None, c.version)
    assert person.pk  # made, and refused


def test_a_senior_handler_takes_stage_2():
    landlord = factories.landlord()
    factories.user("sarah", landlord=landlord, role=Role.SENIOR_HANDLER)
    c = _stage2_requested(landlord)

    response = post(
        client(key(landlord)), f"/complaints/{c.reference}/allocate", {"handler": "sarah"}
    )

    assert response.status_code == 200
    assert response.json()["stages"][1]["handler"] == "sarah"


def test_a_contractors_handler_does_not_move_the_complaint_to_their_contractor():
    landlord = factories.landlord()
    kestrel = factories.contractor(landlord, "Kestrel")
    factories.user("kim", landlord=landlord, role=Role.CONTRACTOR_HANDLER, contractor=kestrel)
    c = factories.complaint(landlord)
    services.complaint_triage(complaint=c, decision="complaint", by=None, on=c.received_on)
    api = client(key(landlord))

    refused = post(api, f"/complaints/{c.reference}/allocate", {"handler": "kim"})
    moved = post(
        api, f"/complaints/{c.reference}/allocate", {"handler": "kim", "contractor_id": kestrel.pk}
    )

    assert refused.status_code == 422
    assert refused.json()["problems"]["handler"] == (
        "kim works for Kestrel, and the landlord itself handles this complaint: a contractor's "
        "handler handles only the complaints allocated to that contractor. To give it to kim, "
        "allocate the complaint to Kestrel too."
    )
    assert moved.status_code == 200
    assert moved.json()["contractor"]["id"] == kestrel.pk


def test_the_handlers_list_offers_stage_2_only_to_the_landlords_senior_staff():
    landlord = factories.landlord()
    factories.user("sarah", landlord=landlord, role=Role.SENIOR_HANDLER)
    factories.user("olu", landlord=landlord, role=Role.OFFICER)
    factories.user("adam", landlord=landlord, role=Role.ADMINISTRATOR)
    factories.user("pat", landlord=landlord, role=Role.HANDLER)
    api = client(key(landlord, write=False))

    everyone = {h["username"]: h["may_take_stage2"] for h in get(api, "/handlers").json()}
    stage2 = [h["username"] for h in get(api, "/handlers", stage=2).json()]

    assert everyone == {"olu": True, "pat": False, "sarah": True}  # no administrator
    assert sorted(stage2) == ["olu", "sarah"]


def test_a_response_recorded_with_a_key_is_recorded_for_the_stages_handler():
    landlord = factories.landlord()
    sam = factories.user("sam", landlord=landlord, first_name="Sam", last_name="Jones")
    c = factories.stage1_acknowledged(landlord, handler=sam)

    response = post(
        client(key(landlord, name="Housing CRM")),
        f"/complaints/{c.reference}/respond",
        {"outcome": "upheld", "reasons": "Late.", "point_outcomes": ["upheld"]},
    )

    assert response.status_code == 200, response.json()
    decided = Event.objects.get(complaint=c, kind=EventKind.DECIDED)
    assert decided.summary.startswith(
        "Stage 1 decision recorded by API: Housing CRM for Sam Jones: upheld."
    )
