"""'Say thank you' in the browser: from the start page, with the error summary, and sent to
the landlord, at the root and under /l/<slug>/; each state checked with axe-core."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from putright.compliments.models import Compliment
from putright.landlords.models import ServiceArea
from tests import factories
from tests.e2e.portal.journey import check_page, expect_heading, submit


def test_a_resident_says_thank_you_from_the_start_page(page: Page, landlord) -> None:
    ServiceArea.objects.create(landlord=landlord, name="Repairs")
    page.goto("/")
    with page.expect_navigation():
        page.get_by_role("link", name="Say thank you").click()
    expect_heading(page, "Say thank you")
    check_page(page)

    page.get_by_label("Who would you like to thank? (optional)").fill("Dee")
    submit(page, "Send your thanks")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter what you would like to say")
    expect(page).to_have_title(re.compile(r"^Error: Say thank you \W"))
    expect(page.get_by_label("Who would you like to thank? (optional)")).to_have_value("Dee")
    check_page(page)
    summary.get_by_role("link", name="Enter what you would like to say").click()
    expect(page.get_by_label("What would you like to say?")).to_be_focused()

    page.get_by_label("What would you like to say?").fill("Dee fixed our boiler the same day.")
    page.get_by_label("Which service was it? (optional)").select_option(label="Repairs")
    submit(page, "Send your thanks")
    expect_heading(page, "Thank you")
    check_page(page)
    compliment = Compliment.objects.get()
    assert (compliment.landlord, compliment.staff_named) == (landlord, "Dee")
    assert compliment.service_area is not None and compliment.service_area.name == "Repairs"


def test_under_a_landlords_slug_the_thanks_go_to_that_landlord(page: Page) -> None:
    factories.landlord("Brent Council")
    first_wave = factories.landlord("First Wave Housing")
    page.goto("/l/first-wave-housing/thank-you/")
    expect_heading(page, "Say thank you")
    check_page(page)
    page.get_by_label("What would you like to say?").fill("Thank you for the new kitchen.")
    page.get_by_label("Your name (optional)").fill("Ann Example")
    submit(page, "Send your thanks")
    expect_heading(page, "Thank you")
    assert page.url.endswith("/l/first-wave-housing/thank-you/sent/")
    assert Compliment.objects.get().landlord == first_wave
