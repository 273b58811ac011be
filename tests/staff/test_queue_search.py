"""Searching the work queue by what a caller gives (issue 12, item 7): a phone number
however it is spaced, an email address, a tenancy reference, part of a reference; each
looked up on its own index, in the same few queries as any other search."""

from __future__ import annotations

import pytest

from putright.landlords.models import Role
from putright.residents.models import Representative
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db


def refs(response) -> list[str]:
    return [row.complaint.reference for row in response.context["queue"].rows]


def _officer_and_one_case(**resident):
    landlord = factories.landlord(reference_prefix="RH", next_reference_number=763)
    elsewhere = factories.landlord()
    # The same details at another landlord, and another resident here: never found.
    people.logged(elsewhere, resident=people.resident(elsewhere, **resident))
    people.logged(landlord, resident=people.resident(landlord, "Bob Other", email="bob@x.org"))
    person = people.resident(landlord, **resident)
    wanted = people.logged(landlord, resident=person)
    return landlord, wanted, people.signed_in(people.staff(landlord, Role.OFFICER))


@pytest.mark.parametrize(
    "typed", ["07700900123", "07700 900 123", "+44 7700 900123", "07700-900123"]
)
def test_a_phone_number_finds_the_residents_records_however_it_is_spaced(typed):
    _, wanted, client = _officer_and_one_case(phone="07700 900123")

    assert refs(client.get("/staff/", {"q": typed})) == [wanted.reference]


def test_a_representatives_phone_number_or_email_finds_the_record_they_act_on():
    landlord, _, client = _officer_and_one_case()
    person = people.resident(landlord, "Dora Lane")
    son = Representative.objects.create(
        resident=person, name="Sam Lane", kind="family", phone="(01632) 960 001", email="sam@x.org"
    )
    acted_on = people.logged(landlord, resident=person, representative=son)

    assert refs(client.get("/staff/", {"q": "01632960001"})) == [acted_on.reference]
    assert refs(client.get("/staff/", {"q": "SAM@x.org"})) == [acted_on.reference]


@pytest.mark.parametrize("typed", ["amina.okafor@example.org", "Amina.Okafor@EXAMPLE.org"])
def test_an_email_address_finds_the_residents_records_in_any_case(typed):
    _, wanted, client = _officer_and_one_case(email="Amina.Okafor@example.org")

    assert refs(client.get("/staff/", {"q": typed})) == [wanted.reference]


@pytest.mark.parametrize("typed", ["TEN-0045-12", "ten-0045-12", "TEN-0045 -12"])
def test_a_tenancy_reference_finds_the_residents_records(typed):
    _, wanted, client = _officer_and_one_case(tenancy_reference="TEN-0045-12")

    assert refs(client.get("/staff/", {"q": typed})) == [wanted.reference]


@pytest.mark.parametrize("typed", ["764", "000764", "rh764", "RH-764", "RH-000764", " 764 "])
def test_part_of_a_reference_finds_the_record(typed):
    _, wanted, client = _officer_and_one_case()

    assert wanted.reference == "RH-000764"
    assert refs(client.get("/staff/", {"q": typed})) == [wanted.reference]


def test_another_prefix_is_not_taken_for_this_landlords():
    _, _, client = _officer_and_one_case()

    assert refs(client.get("/staff/", {"q": "CU-764"})) == []


def test_a_number_that_is_no_reference_still_finds_words_in_the_descriptions():
    landlord, _, client = _officer_and_one_case()
    flat = people.logged(landlord, description="Water coming through from flat 40012 above.")

    assert refs(client.get("/staff/", {"q": "40012"})) == [flat.reference]


@pytest.mark.parametrize("typed", ["07700 900123", "amina@example.org", "TEN-0045-12", "764"])
def test_each_kind_of_search_takes_the_same_few_queries(typed, django_assert_max_num_queries):
    _, _, client = _officer_and_one_case(
        phone="07700 900123", email="amina@example.org", tenancy_reference="TEN-0045-12"
    )
    client.get("/staff/")

    # One of them is the officer's authenticator app, which gave this session its code;
    # another the responses waiting for approval that an officer sees above the queue;
    # another the notice of exceptional circumstances in force (Code 8.5).
    with django_assert_max_num_queries(22):
        response = client.get("/staff/", {"q": typed})

    assert len(refs(response)) == 1


@pytest.mark.parametrize("typed", ["G0001-000135", "g0001-135", "G0001135", "g0001 135", "135"])
def test_a_prefix_with_digits_in_it_is_taken_off_before_the_number(typed):
    # putright generate's prefixes are G0001 and on, and putright landlord allows them.
    landlord = factories.landlord(reference_prefix="G0001", next_reference_number=135)
    wanted = people.logged(landlord)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    assert wanted.reference == "G0001-000135"
    assert refs(client.get("/staff/", {"q": typed})) == [wanted.reference]
