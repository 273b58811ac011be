"""/residents: residents with their reasonable adjustments (Code 5.10), the support they
asked for online, and representatives with their consent (Code 3.6)."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.complaints.services import complaint_adjustments_request
from putright.residents.models import Property, ReasonableAdjustment, Representative, Resident
from tests import factories
from tests.api.helpers import client, get, key, new_complaint, post
from tests.portal.support import received_today

pytestmark = pytest.mark.django_db


def test_a_resident_with_adjustments_and_representatives():
    landlord = factories.landlord()
    home = Property.objects.create(landlord=landlord, address="2 Low Rd", postcode="WS11 1AA")
    ann = Resident.objects.create(landlord=landlord, name="Ann Smith", home=home, tenure="tenant")
    ReasonableAdjustment.objects.create(
        resident=ann,
        kind="large_print",
        agreed_on=dt.date(2024, 1, 5),
        review_due_on=dt.date(2025, 1, 5),
    )
    Representative.objects.create(
        resident=ann, name="Bo", kind="advocate", consent_given_on=dt.date(2024, 2, 1)
    )
    Representative.objects.create(resident=ann, name="Cy", kind="family")
    body = get(client(key(landlord, write=False)), f"/residents/{ann.pk}").json()
    assert body["name"] == "Ann Smith"
    assert body["home"]["postcode"] == "WS11 1AA"
    assert body["adjustments"][0]["kind"] == "large_print"
    assert body["adjustments"][0]["kind_label"] == "Large print"
    assert body["adjustments"][0]["review_due_on"] == "2025-01-05"
    assert [(r["name"], r["has_consent"]) for r in body["representatives"]] == [
        ("Bo", True),
        ("Cy", False),
    ]


def test_residents_list_by_name_with_a_cursor():
    landlord = factories.landlord()
    for name in ["Cat", "Ann", "Bob", "Ann"]:
        Resident.objects.create(landlord=landlord, name=name)
    c = client(key(landlord))
    first = get(c, "/residents", limit=2).json()
    second = get(c, "/residents", limit=2, cursor=first["next_cursor"]).json()
    assert [r["name"] for r in first["items"] + second["items"]] == ["Ann", "Ann", "Bob", "Cat"]
    assert second["next_cursor"] is None
    assert [r["name"] for r in get(c, "/residents", name="bo").json()["items"]] == ["Bob"]


def test_another_landlords_resident_is_not_found():
    theirs = Resident.objects.create(landlord=factories.landlord(), name="Dee")
    c = client(key(factories.landlord()))
    assert get(c, f"/residents/{theirs.pk}").status_code == 404
    assert get(c, "/residents").json()["items"] == []


def test_a_bad_resident_id_or_cursor_is_422():
    c = client(key(factories.landlord()))
    assert get(c, "/residents/0").status_code == 422
    assert get(c, "/residents", cursor="WyJBbm4iLCJ4Il0").json()["code"] == "invalid_cursor"


# Writes, through the same services as the staff resident pages ------------------------------


def test_a_resident_is_recorded_with_their_home_and_can_then_complain():
    landlord = factories.landlord()
    c = client(key(landlord))
    response = post(
        c,
        "/residents",
        {
            "name": " Ann Smith ",
            "tenure": "tenant",
            "email": "ann@example.org",
            "contact_preference": "email",
            "address": "2 Low Rd",
            "postcode": "ws11 1aa",
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert response["Location"] == f"/api/v1/residents/{body['id']}"
    assert (body["name"], body["home"]["postcode"], body["contact_preference"]) == (
        "Ann Smith",
        "WS11 1AA",
        "email",
    )
    complaint = post(c, "/complaints", new_complaint(resident_id=body["id"])).json()
    assert (complaint["resident_id"], complaint["home_id"]) == (body["id"], body["home_id"])


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"name": "  "}, "rule_broken", "name"),
        ({"name": "Ann", "email": "not an email"}, "invalid_request", "email"),
        ({"name": "Ann", "tenure": "squatter"}, "invalid_request", "tenure"),
    ],
)
def test_a_resident_the_rules_refuse_is_422(body, code, field):
    response = post(client(key(factories.landlord())), "/residents", body)
    assert response.status_code == 422
    assert (response.json()["code"], field in response.json()["problems"]) == (code, True)
    assert not Resident.objects.exists()


def test_an_adjustment_is_agreed_kept_under_review_and_ended():
    landlord = factories.landlord()
    ann = Resident.objects.create(landlord=landlord, name="Ann")
    c = client(key(landlord))
    agreed = post(
        c,
        f"/residents/{ann.pk}/adjustments",
        {"kind": "large_print", "agreed_on": "2024-01-05", "review_due_on": "2025-01-05"},
    )
    assert agreed.status_code == 201, agreed.json()
    adjustment = agreed.json()["id"]
    path = f"/residents/{ann.pk}/adjustments/{adjustment}/reviews"
    reviewed = post(c, path, {"reviewed_on": "2025-01-03", "next_review_due_on": "2026-01-03"})
    assert reviewed.status_code == 200, reviewed.json()
    assert (reviewed.json()["last_reviewed_on"], reviewed.json()["review_due_on"]) == (
        "2025-01-03",
        "2026-01-03",
    )
    ended = post(c, path, {"reviewed_on": "2025-06-01", "end": True})
    assert ended.json()["ended_on"] == "2025-06-01"
    assert get(c, f"/residents/{ann.pk}").json()["adjustments"][0]["ended_on"] == "2025-06-01"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "other", "agreed_on": "2024-01-05", "review_due_on": "2025-01-05"}, "details"),
        (
            {"kind": "large_print", "agreed_on": "2024-01-05", "review_due_on": "2023-01-05"},
            "review_due_on",
        ),
    ],
)
def test_an_adjustment_the_rules_refuse_is_422(body, field):
    landlord = factories.landlord()
    ann = Resident.objects.create(landlord=landlord, name="Ann")
    response = post(client(key(landlord)), f"/residents/{ann.pk}/adjustments", body)
    assert response.status_code == 422
    assert response.json()["code"] == "rule_broken"
    assert field in response.json()["problems"]
    assert not ReasonableAdjustment.objects.exists()


def test_a_review_needs_the_next_review_date():
    landlord = factories.landlord()
    ann = Resident.objects.create(landlord=landlord, name="Ann")
    adjustment = ReasonableAdjustment.objects.create(
        resident=ann,
        kind="large_print",
        agreed_on=dt.date(2024, 1, 5),
        review_due_on=dt.date(2025, 1, 5),
    )
    response = post(
        client(key(landlord)), f"/residents/{ann.pk}/adjustments/{adjustment.pk}/reviews", {}
    )
    assert response.status_code == 422
    assert "next_review_due_on" in response.json()["problems"]


def test_a_representative_is_dealt_with_once_consent_is_recorded_until_it_is_withdrawn():
    landlord = factories.landlord()
    ann = Resident.objects.create(landlord=landlord, name="Ann")
    c = client(key(landlord))
    added = post(
        c, f"/residents/{ann.pk}/representatives", {"name": "Cllr Jones", "kind": "councillor"}
    )
    assert added.status_code == 201, added.json()
    assert added.json()["has_consent"] is False
    rep = added.json()["id"]
    base = f"/residents/{ann.pk}/representatives/{rep}"

    never = post(c, f"{base}/consent-withdrawn", {})
    assert never.status_code == 409
    assert never.json() == {
        "code": "not_allowed_now",
        "message": "Consent was never recorded, so it cannot be withdrawn.",
        "problems": {"": "Consent was never recorded, so it cannot be withdrawn."},
    }
    consent = post(c, f"{base}/consent", {"given_on": "2024-02-01", "evidence": "Signed form."})
    assert consent.status_code == 200
    assert consent.json()["has_consent"] is True
    withdrawn = post(c, f"{base}/consent-withdrawn", {"on": "2024-03-01"})
    assert withdrawn.status_code == 200
    assert (withdrawn.json()["has_consent"], withdrawn.json()["consent_withdrawn_on"]) == (
        False,
        "2024-03-01",
    )


def test_consent_needs_how_it_was_given():
    landlord = factories.landlord()
    ann = Resident.objects.create(landlord=landlord, name="Ann")
    c = client(key(landlord))
    added = post(
        c,
        f"/residents/{ann.pk}/representatives",
        {"name": "Bo", "kind": "advocate", "consent_given_on": "2024-02-01"},
    )
    assert added.status_code == 422
    assert added.json()["problems"] == {"consent_evidence": "Enter how consent was given."}
    assert not Representative.objects.exists()


def _resident_writes(ann: Resident) -> list[tuple[str, dict]]:
    adjustment = ReasonableAdjustment.objects.create(
        resident=ann,
        kind="large_print",
        agreed_on=dt.date(2024, 1, 5),
        review_due_on=dt.date(2025, 1, 5),
    )
    rep = Representative.objects.create(
        resident=ann, name="Bo", kind="advocate", consent_given_on=dt.date(2024, 2, 1)
    )
    base = f"/residents/{ann.pk}"
    return [
        ("/residents", {"name": "New"}),
        (
            f"{base}/adjustments",
            {"kind": "large_print", "agreed_on": "2024-01-05", "review_due_on": "2025-01-05"},
        ),
        (f"{base}/adjustments/{adjustment.pk}/reviews", {"end": True}),
        (f"{base}/representatives", {"name": "Cy", "kind": "family"}),
        (
            f"{base}/representatives/{rep.pk}/consent",
            {"given_on": "2024-02-01", "evidence": "Form."},
        ),
        (f"{base}/representatives/{rep.pk}/consent-withdrawn", {}),
    ]


def _resident_state() -> tuple:
    return (
        list(Resident.objects.values_list("name", flat=True).order_by("id")),
        list(ReasonableAdjustment.objects.values_list("ended_on", flat=True)),
        list(Representative.objects.values_list("consent_withdrawn_on", "consent_evidence")),
    )


def test_a_read_only_key_cannot_write_residents():
    landlord = factories.landlord()
    ann = Resident.objects.create(landlord=landlord, name="Ann")
    writes = _resident_writes(ann)
    before = _resident_state()
    c = client(key(landlord, write=False))
    for path, body in writes:
        response = post(c, path, body)
        assert (response.status_code, response.json()["code"]) == (403, "read_only_key"), path
    assert _resident_state() == before


def test_another_landlords_resident_cannot_be_written():
    ann = Resident.objects.create(landlord=factories.landlord(), name="Ann")
    writes = _resident_writes(ann)[1:]
    before = _resident_state()
    c = client(key(factories.landlord()))
    for path, body in writes:
        assert post(c, path, body).status_code == 404, path
    assert _resident_state() == before


# Support asked for online, agreed through the API ---------------------------------------------


def _asked_online(landlord):
    complaint = received_today(landlord)
    [asked] = complaint_adjustments_request(
        complaint=complaint,
        kinds=["interpreter"],
        interpreter_language="Tigrinya",
        requested_by="resident",
        by=None,
    )
    return complaint, asked


def test_support_asked_for_online_is_listed_and_agreed_with_a_review_date(today):
    landlord = factories.landlord()
    complaint, asked = _asked_online(landlord)
    c = client(key(landlord))
    base = f"/residents/{complaint.resident_id}/adjustment-requests"

    [waiting] = get(c, base).json()
    assert waiting == {
        "id": asked.pk,
        "complaint_reference": complaint.reference,
        "kind": "interpreter",
        "kind_label": "Interpreter",
        "details": "Tigrinya",
        "requested_on": today.isoformat(),
        "requested_by": "resident",
        "agreed_adjustment_id": None,
    }
    review = today + dt.timedelta(days=180)
    agreed = post(c, f"{base}/{asked.pk}/agree", {"review_due_on": review.isoformat()})

    assert agreed.status_code == 201, agreed.json()
    assert (agreed.json()["kind"], agreed.json()["details"], agreed.json()["agreed_on"]) == (
        "interpreter",
        "Tigrinya",
        today.isoformat(),
    )
    assert get(c, base).json()[0]["agreed_adjustment_id"] == agreed.json()["id"]
    assert complaint.events.filter(summary__startswith="Reasonable adjustment agreed").exists()
    again = post(c, f"{base}/{asked.pk}/agree", {"review_due_on": review.isoformat()})
    assert (again.status_code, again.json()["code"]) == (409, "not_allowed_now")
    assert ReasonableAdjustment.objects.count() == 1


def test_agreeing_support_the_rules_refuse_is_422_and_a_read_only_key_is_refused(today):
    landlord = factories.landlord()
    complaint, asked = _asked_online(landlord)
    path = f"/residents/{complaint.resident_id}/adjustment-requests/{asked.pk}/agree"
    earlier = (today - dt.timedelta(days=1)).isoformat()

    refused = post(client(key(landlord)), path, {"review_due_on": earlier})
    read_only = post(client(key(landlord, write=False, name="Reports")), path, {"review_due_on": "2030-01-01"})  # fmt: skip

    assert (refused.status_code, refused.json()["code"]) == (422, "rule_broken")
    assert "review_due_on" in refused.json()["problems"]
    assert read_only.status_code == 403
    assert not ReasonableAdjustment.objects.exists()


def test_another_landlords_request_is_not_found():
    _, theirs = _asked_online(factories.landlord())
    landlord = factories.landlord()
    mine = Resident.objects.create(landlord=landlord, name="Ann")
    c = client(key(landlord))

    response = post(
        c,
        f"/residents/{mine.pk}/adjustment-requests/{theirs.pk}/agree",
        {"review_due_on": "2030-01-01"},
    )

    assert response.status_code == 404
    assert get(c, f"/residents/{mine.pk}/adjustment-requests").json() == []
    assert not ReasonableAdjustment.objects.exists()
