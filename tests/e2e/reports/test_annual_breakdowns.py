"""Choosing the annual report's breakdowns (issue 13) in a real browser: tick a breakdown,
untick another, see the table in the report, and go back to the defaults; every page
checked with axe-core."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from tests import factories
from tests.e2e.conftest import assert_no_axe_violations
from tests.reports.breakdown_cases import year_of_cases


def _sign_in(page: Page, base_url: str) -> None:
    landlord = year_of_cases("Breakdown Browser")
    user = factories.user(landlord=landlord, role="officer", first_name="Robin", last_name="Lee")
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )


def _press(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()
    assert_no_axe_violations(page)


def test_choosing_a_breakdown_puts_it_in_the_report(page: Page, base_url: str) -> None:
    _sign_in(page, base_url)
    response = page.goto("/staff/reports/annual/2024/")
    assert response is not None and response.status == 200
    by_division = page.get_by_role("table", name="Stage 1 escalation rate, by division")
    expect(by_division).to_contain_text("Housing Management Property")
    expect(by_division.get_by_role("row", name="Housing Management Property")).to_contain_text(
        "33.3%"
    )
    with page.expect_navigation():
        page.get_by_role("link", name="Choose the breakdowns").click()
    assert_no_axe_violations(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Choose the breakdowns in the report"
    )
    by_area = page.get_by_label("Stage 1: complaints received and upheld, by service area")
    expect(by_area).to_be_checked()
    by_area.uncheck()
    page.get_by_label("Stage 1: complaints received and upheld, by theme").check()
    page.get_by_label("Stage 1: compensation offered, by compensation reason").check()
    _press(page, "Save the breakdowns")

    expect(page.get_by_text("The breakdowns in the report have been saved.")).to_be_visible()
    by_theme = page.get_by_role("table", name="Stage 1 complaints received and upheld, by theme")
    expect(by_theme.get_by_role("row", name="Damp and mould")).to_contain_text("1")
    expect(by_theme.get_by_role("row", name="Noise")).to_contain_text("100.0%")
    compensation = page.get_by_role(
        "table", name="Stage 1 compensation offered, by the reason for it"
    )
    expect(compensation.get_by_role("row", name="Goodwill")).to_contain_text("£50.50")
    expect(
        page.get_by_role("table", name="Stage 1 complaints received and upheld, by service area")
    ).to_have_count(0)
    expect(
        page.get_by_role("img", name="Stage 1 complaints received and upheld, by theme")
    ).to_be_visible()

    with page.expect_navigation():
        page.get_by_role("link", name="Choose the breakdowns").click()
    expect(page.locator("#last-change")).to_contain_text("Last changed by Robin Lee")
    _press(page, "Go back to the defaults")
    expect(
        page.get_by_role("table", name="Stage 1 complaints received and upheld, by service area")
    ).to_be_visible()
    expect(
        page.get_by_role("table", name="Stage 1 complaints received and upheld, by theme")
    ).to_have_count(0)
