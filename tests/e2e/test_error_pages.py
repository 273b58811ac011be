"""The 404 page in a real browser."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests import factories
from tests.e2e.conftest import assert_no_axe_violations


def test_404_page_is_plain_and_accessible(page: Page) -> None:
    factories.landlord("Riverside Homes")

    response = page.goto("/no-such-page/")

    assert response is not None and response.status == 404
    expect(page).to_have_title("Page not found \N{EN DASH} Putright \N{EN DASH} Riverside Homes")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_role("link", name="find out how to complain")).to_have_attribute("href", "/")
    assert_no_axe_violations(page)
