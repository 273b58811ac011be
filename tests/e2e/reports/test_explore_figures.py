"""Explore the figures (issue 13) in a real browser: choose, see the table and the chart,
an error state, all checked with axe-core."""

from __future__ import annotations

import re

from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from tests import factories
from tests.e2e.conftest import assert_no_axe_violations
from tests.reports.breakdown_cases import year_of_cases


def _sign_in(page: Page, base_url: str) -> None:
    landlord = year_of_cases("Explore Browser")
    user = factories.user(landlord=landlord, role="viewer", first_name="Ada", last_name="Board")
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


def test_explore_the_figures_by_division_and_handler(page: Page, base_url: str) -> None:
    _sign_in(page, base_url)
    page.goto("/staff/reports/")
    with page.expect_navigation():
        page.get_by_role("link", name="Explore the figures").click()
    assert_no_axe_violations(page)
    page.get_by_label("Financial year").select_option(label="2024/25")
    page.get_by_label("Escalated to stage 2 (stage 1)").check()
    page.get_by_label("Break down by").select_option(label="Division")
    page.get_by_label("And then by (optional)").select_option(label="Handled by")
    with page.expect_navigation():
        page.get_by_role("button", name="Show the figures").click()
    assert_no_axe_violations(page)
    table = page.locator("#breakdown")
    expect(table).to_contain_text("Housing Management Property")
    expect(table.get_by_role("row", name="Mears")).to_contain_text("2")
    expect(page.locator("#explore-chart")).to_be_visible()
    expect(page.get_by_role("link", name="CSV of these figures")).to_be_visible()

    page.get_by_role("radio", name="Stage 2").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Show the figures").click()
    assert_no_axe_violations(page)
    expect(page.get_by_role("alert")).to_contain_text("choose stage 1")
    page.get_by_role("link", name=re.compile("choose stage 1")).click()
    expect(page.locator("#measure")).to_be_focused()
