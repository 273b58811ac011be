"""/service-requests and /member-enquiries: records that are not complaints, recorded and
reported all the same (domain.md §2)."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.residents.models import Resident
from tests import factories
from tests.api.helpers import client, get, key, new_complaint, post

pytestmark = pytest.mark.django_db

KINDS = [("service-requests", "service_request"), ("member-enquiries", "member_enquiry")]


@pytest.mark.parametrize(("path", "kind"), KINDS)
def test_log_read_list_and_resolve(path, kind):
    landlord = factories.landlord()
    c = client(key(landlord))
    created = post(c, f"/{path}", new_complaint(channel="councillor_mp"))
    assert created.status_code == 201
    record = created.json()
    assert (record["kind"], record["state"]) == (kind, "open")
    ref = record["reference"]

    assert get(c, f"/{path}/{ref}").json()["reference"] == ref
    assert get(c, f"/complaints/{ref}").json()["kind"] == kind
    assert [i["reference"] for i in get(c, f"/{path}").json()["items"]] == [ref]
    assert get(c, "/complaints").json()["items"] == []

    resolved = post(c, f"/{path}/{ref}/resolve", {"summary": "Answered the councillor."})
    assert resolved.status_code == 200
    assert resolved.json()["state"] == "resolved"
    again = post(c, f"/{path}/{ref}/resolve", {"summary": "Again."})
    assert again.status_code == 409
    assert again.json()["code"] == "not_allowed_now"


@pytest.mark.parametrize(("path", "kind"), KINDS)
def test_a_record_of_another_kind_is_not_found_here(path, kind):
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    c = client(key(landlord))
    assert get(c, f"/{path}/{complaint.reference}").status_code == 404
    assert post(c, f"/{path}/{complaint.reference}/resolve", {"summary": "x"}).status_code == 404


@pytest.mark.parametrize(("path", "kind"), KINDS)
def test_resolving_needs_a_summary(path, kind):
    landlord = factories.landlord()
    record = factories.complaint(landlord, kind=kind)
    response = post(client(key(landlord)), f"/{path}/{record.reference}/resolve", {"summary": ""})
    assert response.status_code == 422
    assert "summary" in response.json()["problems"]


@pytest.mark.parametrize(("path", "kind"), KINDS)
def test_the_kind_cannot_be_given_here(path, kind):
    landlord = factories.landlord()
    response = post(client(key(landlord)), f"/{path}", new_complaint(kind="complaint"))
    assert response.status_code == 422
    assert "kind" in response.json()["problems"]


@pytest.mark.parametrize(("path", "kind"), KINDS)
def test_another_landlords_records_are_not_found(path, kind):
    theirs = factories.complaint(factories.landlord(), kind=kind)
    c = client(key(factories.landlord()))
    assert get(c, f"/{path}/{theirs.reference}").status_code == 404
    assert get(c, f"/{path}").json()["items"] == []


# Service requests and member enquiries as work (issue 17, item 3) --------------------------


def test_a_member_enquiry_logged_through_the_api_has_its_member_target_and_resident():
    landlord = factories.landlord(member_enquiry_target_days=5)
    resident = Resident.objects.create(landlord=landlord, name="Sam Green")
    c = client(key(landlord))
    response = post(
        c,
        "/member-enquiries",
        {"received_on": "2024-05-01", "channel": "councillor_mp", "description": "Damp.",
         "resident_id": resident.pk, "member_name": "Cllr Ann Patel", "member_role": "councillor"},
    )  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    # Wednesday 1 May 2024 + 5 working days, past the bank holiday of Monday 6 May.
    assert (body["target_on"], body["resident_id"], body["member"]) == (
        "2024-05-09",
        resident.pk,
        {"name": "Cllr Ann Patel", "role": "councillor"},
    )
    assert (body["owner"], body["responded_on"], body["responded_within_target"]) == (
        None,
        None,
        False,
    )


def test_the_response_to_a_service_request_is_recorded_through_the_api():
    landlord = factories.landlord()
    record = factories.complaint(landlord, received_on=dt.date(2024, 5, 1), kind="service_request")
    c = client(key(landlord))
    response = post(
        c,
        f"/service-requests/{record.reference}/respond",
        {"response": "The gutter was cleared.", "on": "2024-05-10"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["state"], body["responded_on"], body["response"]) == (
        "resolved",
        "2024-05-10",
        "The gutter was cleared.",
    )
    assert (body["target_on"], body["responded_within_target"]) == ("2024-05-16", True)
    again = post(c, f"/service-requests/{record.reference}/respond", {"response": "Again."})
    assert again.status_code == 409


def test_a_response_with_no_words_is_refused_on_its_field():
    landlord = factories.landlord()
    record = factories.complaint(landlord, kind="member_enquiry")
    response = post(
        client(key(landlord)), f"/member-enquiries/{record.reference}/respond", {"response": " "}
    )
    assert response.status_code == 422
    assert "response" in response.content.decode()


def test_a_complaint_cannot_name_a_member():
    landlord = factories.landlord()
    response = post(
        client(key(landlord)),
        "/complaints",
        {"received_on": "2024-05-01", "channel": "phone", "description": "x",
         "member_name": "Jo Bloggs MP", "member_role": "mp"},
    )  # fmt: skip
    assert response.status_code == 422
    assert "Only a member enquiry records a councillor or MP." in response.content.decode()
