"""Which landlord the public pages speak for (issue 15): by /l/<slug>/, by the landlord's
own host name, or the only landlord at the root; with several and none chosen, the root
lists them and the public pages there send the resident to that list."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from putright.landlords.models import Landlord, free_slug, slug_from_name
from tests import factories

pytestmark = pytest.mark.django_db

HOST = "complaints.firstwave.example"


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def two(settings) -> tuple[Landlord, Landlord]:
    settings.ALLOWED_HOSTS = ["testserver", HOST, "other.example"]
    brent = factories.landlord("Brent Council", phone="020 8937 1234")
    first_wave = factories.landlord("First Wave Housing", phone="020 8937 2000", host_name=HOST)
    return brent, first_wave


# Slugs -----------------------------------------------------------------------------------


def test_a_slug_comes_from_the_name():
    assert slug_from_name("First Wave Housing") == "first-wave-housing"
    assert slug_from_name("  I4B  Holdings Ltd. ") == "i4b-holdings-ltd"
    assert slug_from_name("A_B & C") == "a-b-c"
    assert slug_from_name("!!!") == "landlord"


def test_every_landlord_gets_a_free_slug_however_it_is_made():
    first = factories.landlord("Riverside Homes")
    second = factories.landlord("Riverside  Homes!")
    assert first.slug == "riverside-homes"
    assert second.slug == "riverside-homes-2"
    assert free_slug("Riverside Homes") == "riverside-homes-3"


def test_a_host_name_is_kept_lowercase():
    landlord = factories.landlord("Riverside Homes", host_name=" Complaints.Riverside.EXAMPLE ")
    assert landlord.host_name == "complaints.riverside.example"


# One landlord: the root, as before -----------------------------------------------------------


def test_one_landlord_is_served_at_the_root_and_under_its_slug(client: Client):
    factories.landlord("Riverside Homes")

    root = client.get("/")
    by_slug = client.get("/l/riverside-homes/")

    assert "Riverside Homes" in text_of(root) and "Make a complaint" in text_of(root)
    assert 'href="/complain/"' in text_of(root)
    assert 'href="/l/riverside-homes/complain/"' in text_of(by_slug)
    assert 'href="/l/riverside-homes/track/"' in text_of(by_slug)
    assert client.get("/complain/").status_code == 200
    assert client.get("/track/").status_code == 200


# Several landlords -----------------------------------------------------------------------------


def test_the_root_lists_every_landlord_linking_to_its_own_pages(client: Client, two):
    page = text_of(client.get("/"))

    assert "Who is your landlord?" in page
    assert (
        '<a class="govuk-link govuk-!-font-size-24 govuk-!-font-weight-bold" href="/l/brent-council/">Brent Council</a>'
        in page
    )
    assert 'href="/l/first-wave-housing/"' in page


def test_the_complaint_form_at_the_root_sends_the_resident_to_choose_their_landlord(
    client: Client, two
):
    response = client.get("/complain/contact/")

    assert response.status_code == 302
    assert response["Location"] == "/?for=complain"
    page = text_of(client.get(response["Location"]))
    assert "Choose the landlord you want to complain to." in page
    assert 'href="/l/brent-council/complain/"' in page


def test_tracking_at_the_root_sends_the_resident_to_choose_then_to_tracking(client: Client, two):
    response = client.get("/track/")

    assert response["Location"] == "/?for=track"
    page = text_of(client.get("/?for=track"))
    assert 'href="/l/first-wave-housing/track/"' in page
    assert "to check your complaint" in page


def test_the_chooser_ignores_a_page_it_does_not_know(client: Client, two):
    page = text_of(client.get("/?for=//evil.example"))
    assert 'href="/l/brent-council/"' in page
    assert "evil" not in page


def test_each_landlords_start_page_is_under_its_slug_with_its_own_contacts(client: Client, two):
    brent = text_of(client.get("/l/brent-council/"))
    first_wave = text_of(client.get("/l/first-wave-housing/"))

    assert "020 8937 1234" in brent and "020 8937 2000" not in brent
    assert "020 8937 2000" in first_wave and "020 8937 1234" not in first_wave
    assert "Putright \u2013 First Wave Housing</title>" in first_wave
    assert 'href="/l/first-wave-housing/complain/"' in first_wave


def test_an_unknown_slug_is_not_found(client: Client, two):
    assert client.get("/l/nobody/").status_code == 404
    assert client.get("/l/nobody/complain/").status_code == 404


def test_a_slug_without_its_slash_is_sent_to_it(client: Client, two):
    response = client.get("/l/brent-council?x=1")
    assert response.status_code == 301
    assert response["Location"] == "/l/brent-council/?x=1"


def test_staff_pages_are_not_under_a_slug(client: Client, two):
    assert client.get("/l/brent-council/staff/").status_code == 404
    assert client.get("/staff/sign-in/").status_code == 200


# By host name ----------------------------------------------------------------------------------


def test_a_landlords_host_name_serves_its_pages_at_the_root(client: Client, two):
    start = text_of(client.get("/", headers={"host": HOST}))
    form = client.get("/complain/", headers={"host": HOST})

    assert "First Wave Housing" in start and "Make a complaint" in start
    assert 'href="/complain/"' in start
    assert form.status_code == 200 and "First Wave Housing" in text_of(form)


def test_a_host_name_with_a_port_still_finds_its_landlord(client: Client, two, settings):
    start = text_of(client.get("/", headers={"host": f"{HOST}:8443"}))
    assert "First Wave Housing" in start and "Who is your landlord?" not in start


def test_another_landlords_slug_is_not_found_on_a_landlords_host(client: Client, two):
    assert client.get("/l/brent-council/", headers={"host": HOST}).status_code == 404
    assert client.get("/l/first-wave-housing/", headers={"host": HOST}).status_code == 200


def test_a_host_not_in_allowed_hosts_is_refused(client: Client, two):
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400


def test_a_host_of_the_installation_with_no_landlord_lists_them(client: Client, two):
    assert "Who is your landlord?" in text_of(client.get("/", headers={"host": "other.example"}))
