"""A postal address for a resident not on file, taken as a complaint is logged (issue 12,
item 7): the GOV.UK address pattern, all or nothing, so a letter can be posted to them;
their home is found if it is already recorded (residents.services)."""

from __future__ import annotations

import html as htmllib

import pytest

from putright.complaints.models import Complaint
from putright.landlords.models import Role
from putright.residents.models import Property, Resident
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


def form(today, **more: str) -> dict[str, str]:
    return {
        "kind": "complaint",
        "channel": "phone",
        **people.date_fields("received_on", today),
        "description": "Nobody came to fix the fence.",
        "jurisdiction": "housing",
        "vulnerable": "unknown",
        "resident_name": "Grace Oduya",
        **more,
    }


@pytest.fixture
def landlord():
    return factories.landlord()


@pytest.fixture
def client(landlord):
    return people.signed_in(people.staff(landlord, Role.OFFICER))


def test_the_address_is_the_new_residents_home_and_the_complaints(today, landlord, client):
    client.post(
        "/staff/log/",
        form(
            today,
            address_line_1="Flat 2, Elm House",
            address_line_2="3 Church Road",
            address_town="Exampleton",
            address_postcode="ex2 3bb",
        ),
    )

    c = Complaint.objects.get()
    assert c.resident.name == "Grace Oduya"
    assert c.home == c.resident.home
    assert c.home.address == "Flat 2, Elm House\n3 Church Road\nExampleton"
    assert c.home.postcode == "EX2 3BB"


def test_a_home_already_recorded_is_used_not_made_again(today, landlord, client):
    home = Property.objects.create(
        landlord=landlord, address="12 Mill Lane\nExampleton", postcode="EX2 3BB"
    )

    client.post(
        "/staff/log/",
        form(
            today,
            address_line_1="12 mill lane",
            address_town="Exampleton",
            address_postcode="EX23BB",
        ),
    )

    assert Complaint.objects.get().home == home
    assert Property.objects.count() == 1


def test_a_part_of_an_address_is_refused_and_what_was_typed_is_kept(today, landlord, client):
    response = client.post(
        "/staff/log/", form(today, address_line_1="Flat 2, Elm House", address_postcode="EX2")
    )

    page = text(response)
    assert '<a href="#id_address_town">Enter town or city</a>' in page
    assert '<a href="#id_address_postcode">Enter a full UK postcode, like AA1 1AA</a>' in page
    assert 'value="Flat 2, Elm House"' in page
    assert 'value="Grace Oduya"' in page
    assert not Complaint.objects.exists()
    assert not Resident.objects.exists()


def test_an_address_needs_a_name(today, landlord, client):
    response = client.post(
        "/staff/log/",
        form(
            today,
            resident_name="",
            address_line_1="3 Church Road",
            address_town="Exampleton",
            address_postcode="EX2 3BB",
        ),
    )

    assert "Enter the resident's name, or leave the address blank" in text(response)
    assert not Complaint.objects.exists()


def test_no_address_is_fine(today, landlord, client):
    client.post("/staff/log/", form(today))

    c = Complaint.objects.get()
    assert c.resident.name == "Grace Oduya"
    assert c.home is None


def test_the_page_asks_for_the_address_as_a_group(landlord, client):
    page = text(client.get("/staff/log/"))

    assert "Resident's postal address" in page
    assert 'autocomplete="off"' in page
    assert page.index("Address line 1") < page.index("Town or city") < page.index("Postcode")


def test_a_resident_on_file_is_not_asked_for_an_address(landlord, client):
    person = people.resident(landlord)

    page = text(client.get(f"/staff/log/?resident={person.pk}"))

    assert "Resident's postal address" not in page
