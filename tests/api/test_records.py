"""/service-requests and /member-enquiries: records that are not complaints, recorded and
reported all the same (domain.md §2)."""

from __future__ import annotations

import pytest

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
