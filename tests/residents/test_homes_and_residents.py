"""Code 5.12, a full record: a home and a resident are recorded once, whether staff, the
resident on the website or another system through the API entered them, and whichever way
the postcode was typed; each record says who made it and where."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from putright.complaints.models import Complaint
from putright.landlords.models import Role
from putright.portal.complain.forms import AddressForm
from putright.residents import services
from putright.residents.models import Property, Representative, Resident, Via
from putright.rules.lifecycle import RuleError
from putright.staff.forms import ResidentForm
from tests import factories
from tests.portal.helpers import PATHS, REPRESENTATIVE, RESIDENT, answer_all
from tests.staff import people

pytestmark = pytest.mark.django_db


@pytest.fixture
def landlord():
    return factories.landlord("Riverside Homes", email="complaints@riverside.example")


def _sent_online(client, answers, capture):
    answer_all(client, answers)
    with capture(execute=True):
        response = client.post(PATHS["check"])
    assert response["Location"] == PATHS["sent"], response.content.decode()[:2000]
    return Complaint.objects.get()


def test_a_home_staff_entered_is_the_home_the_resident_complains_about_online(
    landlord, client, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    officer = people.signed_in(people.staff(landlord, Role.OFFICER))
    officer.post(
        "/staff/residents/new/",
        {
            "name": "Sam Okafor",
            "email": "sam@example.com",
            "tenure": "tenant",
            "address": "12 Mill Lane\nManchester",
            "postcode": "m11aa",
        },
    )
    known = Resident.objects.get()

    answers = {**RESIDENT, "address": {**RESIDENT["address"], "postcode": "M1  1AA"}}
    complaint = _sent_online(client, answers, django_capture_on_commit_callbacks)

    assert Property.objects.count() == 1
    assert Resident.objects.count() == 1
    assert complaint.home == known.home and complaint.resident == known
    assert known.home.postcode == "M1 1AA"


def test_someone_else_at_the_same_home_online_is_a_new_resident_of_that_home(
    landlord, client, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    known = services.resident_create(
        landlord=landlord,
        name="Grace Okafor",
        email="grace@example.com",
        address="12 Mill Lane\nManchester",
        postcode="M11AA",
        by=None,
    )

    complaint = _sent_online(client, RESIDENT, django_capture_on_commit_callbacks)

    assert complaint.home == known.home
    assert complaint.resident != known
    assert (complaint.resident.recorded_via, complaint.resident.recorded_by) == (Via.WEB, None)
    assert Property.objects.count() == 1


def test_a_representative_online_is_recorded_through_the_services_awaiting_consent(
    landlord, client, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    complaint = _sent_online(client, REPRESENTATIVE, django_capture_on_commit_callbacks)

    representative = Representative.objects.get()
    assert complaint.representative == representative
    assert (representative.recorded_via, representative.has_consent) == (Via.WEB, False)
    assert complaint.resident.recorded_via == Via.WEB


@pytest.mark.parametrize("typed", ["ex2 3bb", "EX23BB", " Ex2   3bB "])
def test_a_home_is_found_whatever_spacing_or_case_the_postcode_was_typed_in(landlord, typed):
    home = services.property_find_or_create(
        landlord=landlord, address="Flat 4, Willow Court\nExampleton", postcode="EX2 3BB", by=None
    )

    found = services.property_find_or_create(
        landlord=landlord, address="flat 4,  willow court,\nExampleton", postcode=typed, by=None
    )

    assert found == home
    assert Property.objects.count() == 1


def test_a_different_first_line_or_landlord_or_no_postcode_is_another_home(landlord):
    home = services.property_find_or_create(
        landlord=landlord, address="Flat 4\nExampleton", postcode="EX2 3BB", by=None
    )
    other_landlord = factories.landlord()

    homes = {
        services.property_find_or_create(
            landlord=landlord, address="Flat 5\nExampleton", postcode="EX2 3BB", by=None
        ),
        services.property_find_or_create(
            landlord=other_landlord, address="Flat 4\nExampleton", postcode="EX2 3BB", by=None
        ),
        services.property_find_or_create(
            landlord=landlord, address="1 High Street", postcode="", by=None
        ),
        services.property_find_or_create(
            landlord=landlord, address="1 High Street", postcode="", by=None
        ),
    }

    assert home not in homes and len(homes) == 4


def test_staff_adding_a_second_resident_of_a_home_find_the_home(landlord):
    first = services.resident_create(
        landlord=landlord, name="Amina Okafor", address="2 Low Rd", postcode="WS111AA", by=None
    )
    second = services.resident_create(
        landlord=landlord, name="Ben Okafor", address="2 low rd", postcode="ws11 1aa", by=None
    )

    assert first.home == second.home and first.home.postcode == "WS11 1AA"


def test_a_resident_is_matched_by_name_and_email_only_at_the_same_home(landlord):
    known = services.resident_create(
        landlord=landlord,
        name="Sam Okafor",
        email="Sam@Example.com",
        address="12 Mill Lane",
        postcode="M1 1AA",
        by=None,
    )

    def online(**changes):
        return services.resident_find_or_create(
            landlord=landlord,
            **{
                "name": " sam  okafor ",
                "email": "sam@example.com",
                "address": "12 Mill Lane",
                "postcode": "m11aa",
                **changes,
            },
            by=None,
            via=Via.WEB,
        )

    assert online() == known
    assert online(email="other@example.com") != known
    assert online(address="14 Mill Lane") != known
    assert online(email="").email == ""  # no email address, nobody to match


def test_staff_records_say_who_made_them_and_where(landlord):
    officer = factories.user(landlord=landlord, role=Role.OFFICER)

    resident = services.resident_create(landlord=landlord, name="Amina Okafor", by=officer)
    representative = services.representative_add(
        resident=resident, name="Ada Okafor", kind="family", by=officer, via=Via.API
    )

    assert (resident.recorded_by, resident.recorded_via) == (officer, Via.STAFF)
    assert (representative.recorded_by, representative.recorded_via) == (officer, Via.API)


def test_a_viewer_cannot_record_a_home_or_a_resident(landlord):
    viewer = factories.user(landlord=landlord, role=Role.VIEWER)

    with pytest.raises(PermissionDenied):
        services.property_find_or_create(
            landlord=landlord, address="2 Low Rd", postcode="WS11 1AA", by=viewer
        )
    with pytest.raises(PermissionDenied):
        services.resident_find_or_create(
            landlord=landlord,
            name="Sam",
            email="sam@example.com",
            address="2 Low Rd",
            postcode="WS11 1AA",
            by=viewer,
            via=Via.STAFF,
        )
    assert not Property.objects.exists() and not Resident.objects.exists()


def test_another_landlords_staff_cannot_record_a_home_here(landlord):
    stranger = factories.user(landlord=factories.landlord(), role=Role.OFFICER)

    with pytest.raises(PermissionDenied):
        services.property_find_or_create(
            landlord=landlord, address="2 Low Rd", postcode="WS11 1AA", by=stranger
        )


def test_a_home_needs_an_address(landlord):
    with pytest.raises(RuleError) as refused:
        services.property_find_or_create(landlord=landlord, address=" ", postcode="M1 1AA", by=None)
    assert refused.value.problems == {"address": "Enter the address."}


@pytest.mark.parametrize("typed", ["sw1a1aa", " SW1A  1AA ", "Sw1A 1aA"])
def test_the_staff_form_and_the_website_form_keep_a_postcode_the_same_way(typed):
    staff = ResidentForm(data={"name": "Sam Okafor", "tenure": "tenant", "postcode": typed})
    website = AddressForm(
        data={"address_line_1": "1 Road", "town": "London", "postcode": typed}, answers={}
    )

    assert staff.is_valid(), staff.errors
    assert website.is_valid(), website.errors
    assert staff.cleaned_data["postcode"] == website.cleaned_data["postcode"] == "SW1A 1AA"
