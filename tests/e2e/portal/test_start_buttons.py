"""The start page's two buttons lead into the portal's two journeys."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.e2e.portal.journey import check_page, expect_heading, submit


def test_the_start_page_buttons_lead_to_the_two_journeys(page: Page, landlord) -> None:
    page.goto("/")
    check_page(page)

    submit(page, "Make a complaint")
    expect_heading(page, "Who is the complaint for?")
    page.go_back()
    submit(page, "Check a complaint")
    expect_heading(page, "Check a complaint")
