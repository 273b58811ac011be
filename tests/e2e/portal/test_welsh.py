"""The resident pages in Welsh in the browser (issue 17, item 5): switched with the link at
the top of the page, kept from page to page, with the error summary in Welsh; each page
checked with axe-core, which reads the pages' lang attributes."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.portal.journey import check_page, expect_heading, submit


def test_a_resident_switches_to_welsh_and_says_thank_you(page: Page, landlord) -> None:
    landlord.portal_languages = "cy"
    landlord.save(update_fields=["portal_languages"])

    page.goto("/thank-you/")
    expect_heading(page, "Say thank you")
    with page.expect_navigation():
        page.locator("#language-switch").get_by_role(
            "link", name="Newid yr iaith i'r Gymraeg"
        ).click()
    expect_heading(page, "Dweud diolch")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.locator("#language-switch [aria-current='true']")).to_have_text("Cymraeg")
    check_page(page)

    submit(page, "Anfon eich diolch")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Mae problem")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Rhowch yr hyn yr hoffech ei ddweud"
    )
    expect(page).to_have_title(re.compile(r"^Gwall: Dweud diolch \W"))
    check_page(page)

    page.get_by_label("Beth hoffech chi ei ddweud?").fill("Diolch am y gegin newydd.")
    submit(page, "Anfon eich diolch")
    expect_heading(page, "Diolch")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    check_page(page)

    # The choice is kept: the form again, still in Welsh, then back to English.
    page.goto("/thank-you/")
    expect_heading(page, "Dweud diolch")
    with page.expect_navigation():
        page.locator("#language-switch").get_by_role(
            "link", name="Change the language to English"
        ).click()
    expect_heading(page, "Say thank you")
    expect(page.locator("html")).to_have_attribute("lang", "en-GB")
    check_page(page)


def test_the_start_page_in_welsh(page: Page, landlord) -> None:
    landlord.portal_languages = "cy"
    landlord.save(update_fields=["portal_languages"])

    page.goto("/?lang=cy")

    expect_heading(page, "Cwyno am ein gwasanaeth")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    check_page(page)
