"""Residents found by what a caller gives (issue 12, item 7): the normal forms of a phone
number, an email address and a tenancy reference, the same in Python and in the database,
and each look-up on its own index."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models.functions import Lower

from putright.residents.lookups import (
    CompactUpper,
    PhoneKey,
    email_key,
    looks_like_phone,
    phone_keys,
    tenancy_key,
)
from putright.residents.models import Resident
from tests import factories


def test_a_phone_number_is_compared_without_its_spaces_and_both_ways_of_writing_a_uk_number():
    assert phone_keys("07700 900-123") == ["07700900123", "+447700900123"]
    assert phone_keys("+44 (0)7700 900123")[0] == "+4407700900123"
    assert phone_keys("+44 7700 900123") == ["+447700900123", "07700900123"]
    assert phone_keys("0033 1 23 45 67 89") == ["0033123456789"]


@pytest.mark.parametrize(
    ("text", "phone"),
    [("07700 900123", True), ("+44 7700 900123", True), ("(01632) 960 001", True), ("763", False)],
)
def test_what_looks_like_a_phone_number(text, phone):
    assert looks_like_phone(text) is phone


def test_email_and_tenancy_reference_ignore_case_and_spaces():
    assert email_key("  Amina.Okafor@Example.ORG ") == "amina.okafor@example.org"
    assert tenancy_key("ten 0045 12") == "TEN004512"


@pytest.mark.django_db
def test_the_database_works_out_the_same_keys_from_what_is_stored():
    landlord = factories.landlord()
    Resident.objects.create(
        landlord=landlord,
        name="Amina Okafor",
        phone="07700 900-123",
        email="Amina.Okafor@Example.org",
        tenancy_reference="ten 0045 12",
    )
    keys = Resident.objects.annotate(
        phone_key=PhoneKey("phone"),
        email_key=Lower("email"),
        tenancy_key=CompactUpper("tenancy_reference"),
    ).values("phone_key", "email_key", "tenancy_key")
    assert list(keys) == [
        {
            "phone_key": phone_keys("07700 900-123")[0],
            "email_key": email_key("Amina.Okafor@Example.org"),
            "tenancy_key": tenancy_key("ten 0045 12"),
        }
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("key", "value", "index"),
    [
        (PhoneKey("phone"), "07700900123", "resident_phone_key"),
        (Lower("email"), "amina@example.org", "resident_email_key"),
        (CompactUpper("tenancy_reference"), "TEN004512", "resident_tenancy_key"),
    ],
)
def test_each_look_up_uses_its_index(key, value, index):
    # A landlord with many residents, as the planner is told: on an empty table any index
    # on the landlord looks as good as the one for the look-up.
    landlord = factories.landlord()
    Resident.objects.bulk_create(
        Resident(
            landlord=landlord,
            name=f"Resident {n}",
            phone=f"07700 9{n:05d}",
            email=f"resident{n}@example.org",
            tenancy_reference=f"TEN{n:06d}",
        )
        for n in range(2000)
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE residents_resident")
            cursor.execute("SET LOCAL enable_seqscan = off")
    plan = (
        Resident.objects.alias(k=key)
        .filter(landlord_id=landlord.pk, k=value)
        .order_by()
        .values_list("id", flat=True)
        .explain()
    )
    assert index in plan
