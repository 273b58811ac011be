"""The resident pages in Welsh (issue 17, item 5): only when the landlord has turned Welsh
on, chosen with the link at the top of the page and kept in a cookie; the page's lang
attribute says which language it is in."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def welsh_landlord():
    return factories.landlord(portal_languages="cy")


def test_the_portal_is_in_welsh_when_chosen_and_the_landlord_offers_it(client, welsh_landlord):
    response = client.get("/complain/?lang=cy")

    page = response.content.decode()
    assert '<html lang="cy"' in page
    assert "Ar gyfer pwy mae&#x27;r gŵyn?" in page
    assert response["Content-Language"] == "cy"
    assert response.cookies["putright_language"].value == "cy"


def test_the_choice_is_kept_for_the_next_page(client, welsh_landlord):
    client.get("/track/?lang=cy")

    page = client.get("/track/").content.decode()

    assert '<h1 class="govuk-heading-l">Gwirio cwyn</h1>' in page


def test_the_switch_links_to_the_other_language_named_in_it(client, welsh_landlord):
    english = client.get("/complain/").content.decode()
    welsh = client.get("/complain/?lang=cy").content.decode()

    assert (
        '<a class="govuk-link" href="/complain/?lang=cy" hreflang="cy" lang="cy" '
        'rel="alternate"><span class="govuk-visually-hidden">Newid yr iaith i&#x27;r '
        'Gymraeg</span><span aria-hidden="true">Cymraeg</span></a>'
    ) in english
    assert '<span aria-current="true" lang="en-GB">English</span>' in english
    assert '<span aria-current="true" lang="cy">Cymraeg</span>' in welsh
    assert 'hreflang="en-GB" lang="en-GB"' in welsh


def test_welsh_is_never_used_when_the_landlord_has_not_turned_it_on(client):
    factories.landlord()
    client.cookies["putright_language"] = "cy"

    response = client.get("/complain/?lang=cy")

    page = response.content.decode()
    assert '<html lang="en-GB"' in page
    assert "Who is the complaint for?" in page
    assert 'id="language-switch"' not in page
    assert "putright_language" not in response.cookies


def test_the_start_page_follows_the_choice(client, welsh_landlord):
    page = client.get("/?lang=cy").content.decode()

    assert '<h1 class="govuk-heading-xl">Cwyno am ein gwasanaeth</h1>' in page


def test_the_staff_pages_stay_in_english(client, welsh_landlord):
    client.get("/complain/?lang=cy")

    page = client.get("/staff/sign-in/").content.decode()

    assert '<html lang="en-GB"' in page
