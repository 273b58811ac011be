"""Issue 13, item 5, over the API: a response's sub-cause from the landlord's own list
(GET /sub-causes), and an extension's reason code beside its words."""

from __future__ import annotations

import pytest

from putright.landlords.models import SubCause
from putright.landlords.services import sub_causes_seed
from tests import factories
from tests.api.helpers import client, get, key, new_complaint, post

pytestmark = pytest.mark.django_db


def _at_stage1(c) -> str:
    ref = post(c, "/complaints", new_complaint(received_on="2024-04-02")).json()["reference"]
    for action, body in (
        ("triage", {"decision": "complaint", "on": "2024-04-02"}),
        (
            "define",
            {
                "points": ["Boiler not fixed"],
                "outcomes_sought": "A working boiler",
                "on": "2024-04-03",
            },
        ),
        ("allocate", {"handler": "sam", "on": "2024-04-03"}),
        ("acknowledge", {"on": "2024-04-03"}),
    ):
        assert post(c, f"/complaints/{ref}/{action}", body).status_code == 200
    return ref


@pytest.fixture
def api():
    landlord = factories.landlord()
    sub_causes_seed(landlord=landlord)
    factories.user("sam", landlord=landlord)
    return landlord, client(key(landlord, name="CRM"))


def _respond(c, ref, **fields):
    return post(
        c,
        f"/complaints/{ref}/respond",
        {
            "outcome": "upheld",
            "reasons": "The repair was late.",
            "point_outcomes": ["upheld"],
            "on": "2024-04-12",
            **fields,
        },
    )


def test_the_sub_causes_are_listed_under_their_root_causes(api):
    landlord, c = api
    SubCause.objects.filter(landlord=landlord, code="delay").update(active=False)
    listed = get(c, "/sub-causes").json()["sub_causes"]
    assert {
        "code": "delay",
        "label": "Delay in providing a service",
        "root_cause": "service_failure",
        "active": False,
    } in listed
    assert {s["root_cause"] for s in listed} == {
        "communication",
        "policy_procedure",
        "service_failure",
    }


def test_a_response_takes_a_sub_cause_and_the_complaint_gives_it_back(api):
    _, c = api
    ref = _at_stage1(c)
    body = _respond(
        c, ref, root_cause="service_failure", sub_cause="below_standard", root_cause_detail="x"
    ).json()
    assert body["sub_cause"] == {
        "code": "below_standard",
        "label": "Service not meeting standards",
        "root_cause": "service_failure",
        "active": True,
    }
    assert get(c, f"/complaints/{ref}").json()["sub_cause"]["code"] == "below_standard"


def test_a_sub_cause_not_under_the_root_cause_is_422_on_its_field(api):
    _, c = api
    ref = _at_stage1(c)
    response = _respond(c, ref, root_cause="communication", sub_cause="delay")
    assert response.status_code == 422
    assert "sub_cause" in str(response.json())
    assert get(c, f"/complaints/{ref}").json()["sub_cause"] is None


def test_an_extension_takes_a_reason_code_and_gives_it_back(api):
    _, c = api
    ref = _at_stage1(c)
    extended = post(
        c,
        f"/complaints/{ref}/extend",
        {
            "working_days": 5,
            "reason_code": "awaiting_third_party",
            "reason": "Waiting for the gas engineer's report",
            "on": "2024-04-10",
        },
    )
    assert extended.status_code == 200
    (extension,) = extended.json()["stages"][0]["extensions"]
    assert (extension["reason_code"], extension["reason"]) == (
        "awaiting_third_party",
        "Waiting for the gas engineer's report",
    )


def test_an_extension_reason_code_not_in_the_list_is_refused(api):
    _, c = api
    ref = _at_stage1(c)
    response = post(
        c,
        f"/complaints/{ref}/extend",
        {"working_days": 5, "reason_code": "weather", "reason": "Snow", "on": "2024-04-10"},
    )
    assert response.status_code == 422
    assert get(c, f"/complaints/{ref}").json()["stages"][0]["extensions"] == []
