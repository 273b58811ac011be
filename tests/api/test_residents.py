"""/residents: residents with their reasonable adjustments (Code 5.10) and representatives
with their consent (Code 3.6)."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.residents.models import Property, ReasonableAdjustment, Representative, Resident
from tests import factories
from tests.api.helpers import client, get, key

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
