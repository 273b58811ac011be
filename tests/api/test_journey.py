"""A complaint followed over the API from logging to the stage 2 final response, as
docs/api.md shows it: the same timeline as the staff pages would write. Each response is
decided, then sent with its letter (issue 12: a stage is done when its letter goes)."""

from __future__ import annotations

import pytest

from putright.complaints.models import Event
from putright.landlords.models import Role
from tests import factories
from tests.api.helpers import client, get, key, new_complaint, post

pytestmark = pytest.mark.django_db

#: A response letter recorded as posted, to an address the record does not hold.
LETTER = {"delivery": "post", "send_to": "Flat 2\n5 Mill Lane\nExampleton EX2 3BB"}


def test_a_complaint_through_both_stages_over_the_api():
    landlord = factories.landlord(phone="01632 960 001", email="complaints@example.org")
    first_handler = factories.user("sam", landlord=landlord)
    second_handler = factories.user("lee", landlord=landlord, role=Role.SENIOR_HANDLER)
    c = client(key(landlord, name="CRM"))

    created = post(c, "/complaints", new_complaint(received_on="2024-03-29"))
    ref = created.json()["reference"]

    def step(action: str, body: dict, version: int) -> dict:
        response = post(c, f"/complaints/{ref}/{action}", body, **{"If-Match": f'"{version}"'})
        assert response.status_code == 200, response.json()
        assert response.json()["version"] == version + 1
        assert response["ETag"] == f'"{version + 1}"'
        return response.json()

    body = step("triage", {"decision": "complaint", "on": "2024-04-02"}, 1)
    # domain.md §3: received on Good Friday, the acknowledgement is due Monday 8 April.
    assert body["stages"][0]["acknowledgement_due"] == "2024-04-08"
    step(
        "define",
        {"points": ["Boiler not fixed"], "outcomes_sought": "A working boiler", "on": "2024-04-03"},
        2,
    )
    step("allocate", {"handler": "sam", "on": "2024-04-03"}, 3)
    body = step("acknowledge", {"on": "2024-04-03"}, 4)
    assert body["stages"][0]["response_due"] == "2024-04-17"
    step("extend", {"working_days": 5, "reason": "Waiting for a part", "on": "2024-04-10"}, 5)
    body = step(
        "respond",
        {
            "outcome": "partly_upheld",
            "reasons": "The repair was late; the boiler is now fixed.",
            "point_outcomes": ["partly_upheld"],
            "on": "2024-04-20",
        },
        6,
    )
    assert (body["state"], body["stages"][0]["letter_to_send"]) == ("stage1", "response")
    assert body["stages"][0]["decided_on"] == "2024-04-20"
    body = step("letters", {**LETTER, "kind": "stage1_response", "on": "2024-04-22"}, 7)
    assert (body["state"], body["stages"][0]["letter_to_send"]) == ("stage1_closed", None)
    assert body["stages"][0]["responded_on"] == "2024-04-22"
    body = step("escalate", {"requested_on": "2024-05-01", "reason": "compensation"}, 8)
    assert body["stages"][1]["escalation_reason"] == "compensation"
    step(
        "define",
        {"points": ["Compensation too low"], "outcomes_sought": "More", "on": "2024-05-02"},
        9,
    )
    step("allocate", {"handler": "lee", "on": "2024-05-02"}, 10)
    step("acknowledge", {"on": "2024-05-02"}, 11)
    body = step(
        "respond",
        {
            "outcome": "not_upheld",
            "reasons": "The offer was in line with our policy.",
            "point_outcomes": ["not_upheld"],
            "on": "2024-05-20",
        },
        12,
    )
    assert body["state"] == "stage2"
    body = step("letters", {**LETTER, "kind": "stage2_response", "on": "2024-05-20"}, 13)
    assert body["state"] == "closed"
    assert [s["handler"] for s in body["stages"]] == [
        first_handler.username,
        second_handler.username,
    ]

    timeline = get(c, f"/complaints/{ref}/events").json()
    assert [e["kind"] for e in timeline] == [
        "logged",
        "triaged",
        "defined",
        "allocated",
        "acknowledged",
        "extended",
        "decided",
        "responded",
        "escalation_requested",
        "defined",
        "allocated",
        "acknowledged",
        "decided",
        "responded",
    ]
    assert {e["actor"] for e in timeline} == {"api:CRM"}
    assert Event.objects.filter(complaint__reference=ref).count() == 14
