"""Journey: following a complaint made through the form, by its private link and by its
reference and email address with the emailed code; wrong codes and too many of them."""

from __future__ import annotations

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from putright.portal.services import CODE_ATTEMPTS
from tests.e2e.portal.journey import (
    RESIDENT,
    check_page,
    code_in,
    enter_code,
    expect_heading,
    find_by_reference,
    latest_email_to,
    make_complaint,
    private_link_in,
    submit,
)


def _quietly(page: Page) -> None:
    """Pages already checked by the complaint journey tests."""


def _wrong(code: str) -> str:
    return "000000" if code != "000000" else "111111"


@pytest.fixture(params=[True, False], ids=["with-javascript", "without-javascript"])
def browser_page(request, page: Page, no_js_page: Page) -> Page:
    return page if request.param else no_js_page


def test_a_resident_follows_their_complaint_by_the_private_link(
    browser_page: Page, landlord
) -> None:
    page = browser_page
    reference = make_complaint(page, check=_quietly)

    page.goto(private_link_in(latest_email_to(RESIDENT.email)))

    expect(page).to_have_url(f"{page.url.split('/track/')[0]}/track/complaint/")
    expect_heading(page, "Your complaint")
    main = page.get_by_role("main")
    expect(main).to_contain_text(reference)
    expect(main).to_contain_text("Received")
    expect(main).to_contain_text("We will write to you by ")
    check_page(page)


def test_a_resident_follows_their_complaint_by_reference_and_code(
    browser_page: Page, landlord
) -> None:
    page = browser_page
    reference = make_complaint(page, check=_quietly)

    page.goto("/track/")
    submit(page, "Send me a code")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your complaint reference")
    check_page(page)
    find_by_reference(page, reference.lower(), "SAM@example.com")
    code = code_in(latest_email_to(RESIDENT.email))

    enter_code(page, "12")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code must be 6 digits")
    check_page(page)
    enter_code(page, _wrong(code))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The code is not right. Check the email and try again. You can try 4 more times"
    )
    expect(page.get_by_label("Enter the 6-digit code")).to_have_value(_wrong(code))
    check_page(page)
    enter_code(page, code)

    expect_heading(page, "Your complaint")
    expect(page.get_by_role("main")).to_contain_text(reference)
    check_page(page)


def test_too_many_wrong_codes_need_a_new_code(page: Page, landlord) -> None:
    reference = make_complaint(page, check=_quietly)
    find_by_reference(page, reference, RESIDENT.email)
    code = code_in(latest_email_to(RESIDENT.email))
    for _ in range(CODE_ATTEMPTS):
        enter_code(page, _wrong(code))

    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "You have entered the wrong code too many times. Ask for a new code"
    )
    check_page(page)
    enter_code(page, code)
    expect(page.locator(".govuk-error-summary")).to_contain_text("too many times")

    submit(page, "Send a new code")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "We have sent a new code, if the details match a complaint."
    )
    check_page(page)
    enter_code(page, code_in(latest_email_to(RESIDENT.email)))
    expect_heading(page, "Your complaint")


def test_a_wrong_email_address_gets_the_same_page_and_no_email(page: Page, landlord) -> None:
    reference = make_complaint(page, check=_quietly)
    sent = len(mail.outbox)

    find_by_reference(page, reference, "someone.else@example.com")

    expect(page.get_by_role("main")).to_contain_text(
        "If the reference and email address match a complaint, we have sent a code to "
        "someone.else@example.com."
    )
    assert len(mail.outbox) == sent
    enter_code(page, "123456")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is not right.")


def test_a_link_that_does_not_work_says_so(page: Page, landlord) -> None:
    page.goto("/track/link/not-a-real-link-at-all-not-a-real-link-xx/")

    expect_heading(page, "This link does not work")
    check_page(page)


def test_stopping_on_a_shared_computer(page: Page, landlord) -> None:
    make_complaint(page, check=_quietly)
    page.goto(private_link_in(latest_email_to(RESIDENT.email)))

    submit(page, "Stop viewing on this device")

    expect_heading(page, "Check a complaint")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "You have stopped viewing the complaint on this device."
    )
    check_page(page)
    page.goto("/track/complaint/")
    expect_heading(page, "Check a complaint")
