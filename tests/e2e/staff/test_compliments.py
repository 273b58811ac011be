"""The staff's compliments in the browser: log one, fix what the form refused, and find it
on the list, filtered by year and service area; each page checked with axe-core."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from putright.compliments.models import Compliment
from putright.landlords.models import Role, ServiceArea
from tests import factories
from tests.e2e.staff.helpers import checked, go, sign_in, submit


def test_a_handler_logs_a_compliment_and_finds_it_on_the_list(page: Page, base_url: str) -> None:
    landlord = factories.landlord("Riverside Homes")
    ServiceArea.objects.create(landlord=landlord, name="Repairs")
    ServiceArea.objects.create(landlord=landlord, name="Estates")
    sign_in(page, base_url, factories.user(landlord=landlord, role=Role.HANDLER))
    go(page, "/staff/compliments/")
    with page.expect_navigation():
        page.get_by_role("link", name="Log a compliment").click()
    checked(page)

    page.get_by_label("Staff member named (optional)").fill("Dee Okafor")
    submit(page, "Log the compliment")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose the service area the compliment is about")
    expect(summary).to_contain_text("Enter the date received")
    expect(summary).to_contain_text("Enter what the compliment said")
    expect(page.get_by_label("Staff member named (optional)")).to_have_value("Dee Okafor")
    checked(page)

    page.get_by_label("Service area").select_option(label="Repairs")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("12")
    page.get_by_label("Year", exact=True).fill("2026")
    page.get_by_label("How it came in").select_option(label="Email")
    page.get_by_label("What they said").fill("Dee fixed our boiler the same day.")
    submit(page, "Log the compliment")
    expect(page.get_by_text("Compliment logged.")).to_be_visible()
    expect(page.get_by_role("cell", name="Dee fixed our boiler the same day.")).to_be_visible()
    checked(page)
    assert Compliment.objects.get().staff_named == "Dee Okafor"

    page.get_by_label("Year").select_option(label="2026/27")
    page.get_by_label("Service area").select_option(label="Estates")
    submit(page, "Show compliments")
    expect(page.get_by_text("No compliments are recorded for these filters.")).to_be_visible()
    checked(page)
