"""Journey, with the keyboard alone (Tab, Enter, arrow keys and typing; no clicks): an
officer signs in (password, then their authenticator app's code), finds a complaint by its reference, decides not to accept it with a
reason, an explanation and the discretion considered (Code 4.1 - 4.3), and issues the
letter telling the resident why and of their right to go to the Ombudsman."""

from __future__ import annotations

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from putright.complaints.models import Complaint
from putright.landlords.models import Role
from putright.letters.models import Letter
from tests import factories
from tests.e2e.staff.helpers import (
    PASSWORD,
    checked,
    expect_errors,
    expect_success,
    letter_pdf_text,
)
from tests.staff import people

MOST_TABS = 120


def tab_to(page: Page, selector: str) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(MOST_TABS):
        if page.evaluate(
            "(s) => !!document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def enter(page: Page) -> None:
    """Press Enter on the focused link or button and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_not_accepted_with_the_keyboard_alone(page: Page, base_url: str) -> None:
    landlord = factories.landlord("Riverside Homes", phone="0161 496 0000")
    officer = people.staff(landlord, Role.OFFICER, first="Olivia", last="Grant")
    app = TOTPDevice.objects.create(user=officer, name="Phone", confirmed=True)
    c = people.logged(
        landlord,
        resident=people.resident(landlord),
        description="I was charged for a repair to my fence in 2019 and I still think it was wrong.",
    )
    people.logged(landlord, description="Another complaint in the queue")

    page.goto("/staff/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to the staff workspace")
    checked(page)
    tab_to(page, "#id_username")
    page.keyboard.type(officer.username)
    page.keyboard.press("Tab")
    page.keyboard.type("not the password")
    enter(page)
    expect_errors(page, "Enter a correct username and password")
    tab_to(page, "#id_password")
    page.keyboard.type(PASSWORD)
    enter(page)
    # An officer gives the code from their authenticator app after the password.
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    checked(page)
    tab_to(page, "#id_code")
    page.keyboard.type(f"{TOTP(app.bin_key).token():06d}")
    enter(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Work queue")
    checked(page)

    tab_to(page, "#q")
    page.keyboard.type(c.reference.lower())
    enter(page)
    expect(page.locator("table tbody tr")).to_have_count(1)
    checked(page)
    tab_to(page, f'table a[href="/staff/cases/{c.reference}/"]')
    enter(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Amina Okafor")

    tab_to(page, f'a[href="/staff/cases/{c.reference}/triage/"]')
    enter(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Triage")
    tab_to(page, "#id_decision")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    expect(page.locator("#id_decision-4")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.type("The issue")  # the first reason: "The issue arose more than 12 months ago"
    expect(page.locator("#id_reason")).to_have_value("over_12_months")
    tab_to(page, "button.govuk-button")
    enter(page)
    expect_errors(page, "Explain why the complaint is not accepted")
    expect(page.locator("#id_reason")).to_have_value("over_12_months")

    # The error summary has the focus; its link takes the keyboard to the field.
    tab_to(page, '.govuk-error-summary a[href="#id_explanation"]')
    page.keyboard.press("Enter")
    expect(page.locator("#id_explanation")).to_be_focused()
    page.keyboard.type("The charge was made in 2019, more than 12 months before you complained.")
    page.keyboard.press("Tab")
    page.keyboard.type("We looked at whether there was a good reason for the delay and found none.")
    tab_to(page, "button.govuk-button")
    enter(page)
    expect_success(page, "Not accepted. Write the letter to tell the resident why.")
    assert Complaint.objects.get(pk=c.pk).state == "not_accepted"

    tab_to(page, f'a[href="/staff/cases/{c.reference}/letters/not_accepted/"]')
    enter(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Complaint not accepted letter")
    checked(page)
    tab_to(page, 'button[value="issue"]')
    enter(page)
    expect_success(
        page, "The complaint not accepted letter is issued and will be emailed to amina@example.org"
    )

    text = letter_pdf_text(page, base_url, Letter.objects.get(complaint=c, kind="not_accepted"))
    for needed in (
        "The charge was made in 2019, more than 12 months before you complained.",
        "Housing Ombudsman",
        "0300 111 3000",
    ):
        assert needed in text, needed
