"""The start page at /: what a complaint is, the two stages, other ways to complain and the
Housing Ombudsman, for the landlord the deployment speaks for."""

from __future__ import annotations

import pytest
from django.test import Client

from putright.rules.timescales import ACKNOWLEDGEMENT_WORKING_DAYS, RESPONSE_WORKING_DAYS
from tests import factories

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    """The page's HTML with runs of whitespace made single spaces, to search for sentences."""
    return " ".join(response.content.decode().split())


def test_start_page_names_the_landlord_and_the_service(client: Client) -> None:
    factories.landlord("Riverside Homes")

    response = client.get("/")

    assert response.status_code == 200
    page = text_of(response)
    assert (
        "<title>Complain about our service \N{EN DASH} Putright \N{EN DASH} Riverside Homes</title>"
        in page
    )
    assert "Riverside Homes" in page
    assert "Putright" in page
    assert '<html lang="en-GB"' in page


def test_start_page_gives_each_stage_its_timescale_from_the_rules(client: Client) -> None:
    factories.landlord()

    page = text_of(client.get("/"))

    assert ACKNOWLEDGEMENT_WORKING_DAYS == 5
    assert RESPONSE_WORKING_DAYS == {1: 10, 2: 20}
    assert "within 5 working days to say we have your complaint" in page
    assert "our answer within 10 working days of that reply" in page
    assert "within 5 working days to say we have your request" in page
    assert "our final answer within 20 working days of that reply" in page


def test_with_several_landlords_the_start_page_lists_them_to_choose_from(client: Client) -> None:
    factories.landlord("Zebra Housing")
    factories.landlord("Aardvark Homes")

    page = text_of(client.get("/"))

    assert "Who is your landlord?" in page
    assert page.index("Aardvark Homes") < page.index("Zebra Housing")
    assert "Make a complaint" not in page


def test_start_page_lists_the_landlords_other_ways_to_complain(client: Client) -> None:
    factories.landlord(
        "Riverside Homes",
        phone="0161 496 0000",
        email="complaints@riverside.example",
        address="1 River Street\nManchester\nM1 1AA",
    )

    page = text_of(client.get("/"))

    assert '<a class="govuk-link" href="tel:01614960000">0161 496 0000</a>' in page
    assert 'href="mailto:complaints@riverside.example"' in page
    assert "1 River Street<br>Manchester<br>M1 1AA" in page


def test_start_page_shows_no_contact_list_when_the_landlord_has_no_contacts(
    client: Client,
) -> None:
    factories.landlord()

    page = text_of(client.get("/"))

    assert "tel:" not in page.split("The Housing Ombudsman")[0]
    assert "mailto:" not in page.split("The Housing Ombudsman")[0]
    assert "by phone, by email, in writing or by telling any of our staff" in page


def test_start_page_gives_the_housing_ombudsmans_details_from_the_landlord(
    client: Client,
) -> None:
    factories.landlord(
        ombudsman_phone="0300 111 3000",
        ombudsman_email="info@housing-ombudsman.org.uk",
        ombudsman_website="housing-ombudsman.org.uk",
        ombudsman_address="PO Box 1484, Unit D, Preston PR2 0ET",
    )

    page = text_of(client.get("/"))

    assert "Housing Ombudsman Service" in page
    assert 'href="tel:03001113000"' in page
    assert 'href="mailto:info@housing-ombudsman.org.uk"' in page
    assert '<a class="govuk-link" href="https://housing-ombudsman.org.uk">' in page
    assert "PO Box 1484, Unit D, Preston PR2 0ET" in page


def test_start_page_links_staff_to_sign_in(client: Client) -> None:
    factories.landlord()

    page = text_of(client.get("/"))

    assert '<a class="govuk-link" href="/staff/sign-in/">Staff sign in</a>' in page


def test_start_page_buttons_lead_to_the_complaint_form_and_tracking(client: Client) -> None:
    factories.landlord()

    page = text_of(client.get("/"))

    assert 'href="/complain/' in page
    assert 'href="/track/' in page
    assert client.get("/complain/").status_code == 200
    assert client.get("/track/").status_code == 200


def test_without_a_landlord_the_start_page_says_how_to_set_one_up(client: Client) -> None:
    response = client.get("/")

    assert response.status_code == 200
    page = text_of(response)
    assert "This service is not set up yet" in page
    assert "putright landlord add NAME" in page
    assert "Stage 1" not in page


def test_pages_carry_neither_the_crown_nor_the_gds_transport_font(client: Client) -> None:
    factories.landlord()

    page = text_of(client.get("/")).lower()

    assert "crown" not in page
    assert "gds transport" not in page
    assert "gov.uk" not in page
