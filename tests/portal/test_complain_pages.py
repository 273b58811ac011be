"""The complaint form's question pages: one question each, GOV.UK error messages, answers
kept when a page is wrong, pages in order, and change links back to check your answers."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.portal.helpers import PATHS, REPRESENTATIVE, RESIDENT, answer, answer_all

pytestmark = pytest.mark.usefixtures("landlord")


def _answer_up_to(client: Client, last: str, answers=RESIDENT) -> None:
    for step, data in answers.items():
        response = answer(client, step, data)
        assert response.status_code == 302, step
        if step == last:
            return


def _h1(response) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)
    assert found, response.content.decode()
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def _error_summary(response) -> list[str]:
    html = response.content.decode()
    summary = re.search(r'class="govuk-error-summary".*?</ul>', html, re.S)
    if summary is None:
        return []
    return [m.strip() for m in re.findall(r'<a href="#[^"]+">(.*?)</a>', summary.group(0))]


def test_the_form_starts_at_complain_with_who_the_complaint_is_for(client):
    response = client.get("/complain/")

    assert response.status_code == 200
    assert _h1(response) == "Who is the complaint for?"
    assert (
        "<title>Who is the complaint for? \N{EN DASH} Putright \N{EN DASH} Riverside Homes</title>"
        in (response.content.decode())
    )
    assert 'href="/"' in response.content.decode()  # back to the start page


@pytest.mark.parametrize(
    ("step", "heading"),
    [
        ("name", "What is your full name?"),
        ("contact_method", "How would you like us to contact you about the complaint?"),
        ("contact_details", "Your contact details"),
        ("address", "What is your address?"),
        ("what_happened", "What happened?"),
        ("put_right", "What would you like us to do to put things right?"),
        ("support", "Do you need any support or changes to help you with your complaint?"),
    ],
)
def test_each_question_page_has_one_heading_for_its_one_purpose(client, step, heading):
    steps = list(RESIDENT)
    _answer_up_to(client, steps[steps.index(step) - 1])

    response = client.get(PATHS[step])

    assert response.status_code == 200
    assert _h1(response) == heading
    assert response.content.decode().count("<h1") == 1


@pytest.mark.parametrize(
    ("step", "data", "messages"),
    [
        ("who", {}, ["Select if the complaint is for you or for someone else"]),
        ("name", {"resident_name": "  "}, ["Enter your full name"]),
        ("contact_method", {}, ["Select how you would like us to contact you"]),
        ("contact_details", {"email": ""}, ["Enter your email address"]),
        (
            "contact_details",
            {"email": "sam at example"},
            ["Enter an email address in the correct format, like name@example.com"],
        ),
        (
            "contact_details",
            {"email": "sam@example.com", "phone": "call me"},
            ["Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"],
        ),
        (
            "address",
            {},
            [
                "Enter address line 1, typically the building and street",
                "Enter town or city",
                "Enter postcode",
            ],
        ),
        (
            "address",
            {"address_line_1": "1 Road", "town": "Leeds", "postcode": "NOT A POSTCODE"},
            ["Enter a full UK postcode, like AA1 1AA"],
        ),
        ("what_happened", {"what_happened": ""}, ["Tell us what happened"]),
        (
            "what_happened",
            {"what_happened": "x" * 5001},
            ["What happened must be 5,000 characters or fewer"],
        ),
        (
            "support",
            {},
            ["Select the support you need, or select that you do not need any"],
        ),
        (
            "support",
            {"support": ["none", "large_print"]},
            ["Select the support you need, or that you do not need any, not both"],
        ),
        (
            "support",
            {"support": ["interpreter"]},
            ["Enter the language you need an interpreter for"],
        ),
        ("support", {"support": ["other"]}, ["Tell us what would help"]),
    ],
)
def test_a_wrong_answer_gives_a_clear_message_linked_from_the_error_summary(
    client, step, data, messages
):
    steps = list(RESIDENT)
    if step != "who":
        _answer_up_to(client, steps[steps.index(step) - 1])

    response = client.post(PATHS[step], data)

    assert response.status_code == 200
    assert _error_summary(response) == messages
    html = response.content.decode()
    assert "<title>Error: " in html
    for message in messages:
        assert f'<span class="govuk-visually-hidden">Error:</span> {message}' in html


def test_the_error_summary_links_to_the_field(client):
    _answer_up_to(client, "name")

    html = client.post(PATHS["contact_method"], {}).content.decode()

    assert '<a href="#contact_method">' in html
    assert 'id="contact_method"' in html
    assert 'aria-describedby="contact_method-error"' in html


def test_what_was_typed_stays_when_a_page_is_wrong(client):
    _answer_up_to(client, "address")

    response = client.post(
        PATHS["contact_details"], {"email": "sam at example", "phone": "07700 900982"}
    )

    html = response.content.decode()
    assert 'value="sam at example"' in html
    assert 'value="07700 900982"' in html


def test_answers_already_given_are_shown_when_going_back(client):
    _answer_up_to(client, "what_happened")

    html = client.get(PATHS["what_happened"]).content.decode()

    assert RESIDENT["what_happened"]["what_happened"] in html
    html = client.get(PATHS["name"]).content.decode()
    assert 'value="Sam Okafor"' in html


def test_someone_who_wants_phone_calls_must_give_a_phone_number(client):
    _answer_up_to(client, "name")
    answer(client, "contact_method", {"contact_method": "phone"})

    response = client.post(PATHS["contact_details"], {"email": "sam@example.com"})

    assert _error_summary(response) == ["Enter a phone number, so that we can call or text you"]


def test_a_postcode_is_kept_in_its_usual_form(client):
    _answer_up_to(client, "address")
    answer(
        client,
        "address",
        {"address_line_1": "1 Road", "town": "Leeds", "postcode": "ls11aa"},
    )

    assert client.session["portal.complaint"]["answers"]["postcode"] == "LS1 1AA"


def test_pages_cannot_be_skipped(client):
    answer(client, "who", RESIDENT["who"])

    response = client.get(PATHS["what_happened"])

    assert response.status_code == 302
    assert response["Location"] == PATHS["name"]
    assert client.get(PATHS["check"])["Location"] == PATHS["name"]


def test_each_page_leads_to_the_next_and_back_links_lead_back(client):
    answer(client, "who", RESIDENT["who"])

    assert answer(client, "name", RESIDENT["name"])["Location"] == PATHS["contact_method"]
    html = client.get(PATHS["contact_method"]).content.decode()
    assert f'<a href="{PATHS["name"]}" class="govuk-back-link">Back</a>' in html


def test_someone_complaining_for_the_resident_is_asked_about_themselves(client):
    response = answer(client, "who", REPRESENTATIVE["who"])
    assert response["Location"] == PATHS["representative"]

    response = client.get(PATHS["representative"])
    assert _h1(response) == "About you"
    errors = _error_summary(client.post(PATHS["representative"], {}))
    assert errors == [
        "Enter your full name",
        "Select how you know the person you are complaining for",
    ]
    answer(client, "representative", REPRESENTATIVE["representative"])
    assert _h1(client.get(PATHS["name"])) == (
        "What is the full name of the person you are complaining for?"
    )


def test_letters_go_to_the_resident_so_a_representative_is_not_offered_them(client):
    _answer_up_to(client, "name", REPRESENTATIVE)

    html = client.get(PATHS["contact_method"]).content.decode()

    assert "Letter to your home" not in html
    assert "We will write to the person you are complaining for at home." in html


def test_the_support_question_offers_the_common_adjustments(client):
    _answer_up_to(client, "put_right")

    html = client.get(PATHS["support"]).content.decode()

    for option in (
        "Letters in large print",
        "Letters in easy read",
        "Letters in braille",
        "Letters as audio recordings",
        "Phone calls instead of letters",
        "An interpreter",
        "A British Sign Language (BSL) interpreter",
        "Someone to help, such as an advocate",
        "Something else",
        "No, I do not need any support",
    ):
        assert option in html
    assert 'data-behaviour="exclusive"' in html
    assert 'data-aria-controls="conditional-support-6"' in html  # the language, revealed


def test_inputs_carry_autocomplete_and_no_browser_validation(client):
    _answer_up_to(client, "contact_method")

    html = client.get(PATHS["contact_details"]).content.decode()

    assert 'type="email"' in html and 'autocomplete="email"' in html
    assert 'autocomplete="tel"' in html
    assert "novalidate" in html
    assert " required" not in html
    assert "maxlength" not in html


def test_check_answers_lists_every_answer_with_a_change_link(client):
    answer_all(client)

    response = client.get(PATHS["check"])

    html = response.content.decode()
    assert _h1(response) == "Check your answers before sending your complaint"
    for text in (
        "Sam Okafor",
        "sam@example.com",
        "12 Mill Lane",
        "M1 1AA",
        "Water has come through my kitchen ceiling since May.",
        "Fix the leak and repaint the ceiling.",
        "No, I do not need any support",
    ):
        assert text in html
    for step in ("who", "name", "contact_method", "contact_details", "address", "support"):
        assert f'href="{PATHS[step]}?change=1"' in html
    assert '<span class="govuk-visually-hidden"> your email address</span>' in html


def test_a_changed_answer_returns_to_check_answers(client):
    answer_all(client)

    response = client.post(f"{PATHS['name']}?change=1", {"resident_name": "Samuel Okafor"})

    assert response["Location"] == PATHS["check"]
    assert "Samuel Okafor" in client.get(PATHS["check"]).content.decode()


def test_a_change_that_needs_another_answer_asks_for_it_first(client):
    answer_all(client)

    response = client.post(f"{PATHS['contact_method']}?change=1", {"contact_method": "text"})

    assert response["Location"] == PATHS["contact_details"]
    assert client.get(PATHS["check"])["Location"] == PATHS["contact_details"]


def test_becoming_a_representative_asks_the_new_question(client):
    answer_all(client)

    response = client.post(f"{PATHS['who']}?change=1", REPRESENTATIVE["who"])

    assert response["Location"] == PATHS["representative"]


def test_the_sent_page_needs_a_sent_complaint(client):
    assert client.get(PATHS["sent"])["Location"] == PATHS["who"]


def test_without_a_landlord_the_form_says_the_service_is_not_set_up(client):
    from putright.landlords.models import Landlord

    Landlord.objects.all().delete()

    response = client.get("/complain/")

    assert "This service is not set up yet" in response.content.decode()
