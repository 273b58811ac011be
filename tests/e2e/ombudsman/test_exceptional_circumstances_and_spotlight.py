"""Code 8.5 and spotlight reports in a real browser: an officer records a notice of
exceptional circumstances, the start page shows it, the officer withdraws it; and records a
spotlight report and assesses a recommendation. No axe-core violation on any page."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page, expect

from putright.landlords.models import Role
from tests import factories
from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.ombudsman.test_ombudsman_journeys import fill_date, sign_in
from tests.letters import records


def test_a_notice_is_recorded_shown_on_the_start_page_and_withdrawn(
    today, page: Page, base_url: str
):
    landlord = records.landlord(name="Riverside Homes")
    officer = factories.user("olivia", landlord=landlord, role=Role.OFFICER)
    complaint = records.stage1_acknowledged(landlord)
    sign_in(page, base_url, officer)
    page.goto("/staff/ombudsman/exceptional-circumstances/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Exceptional circumstances")
    assert_no_axe_violations(page)
    page.get_by_label("What happened").fill("A cyber attack took our systems offline.")
    fill_date(page, "started_on", today - dt.timedelta(days=3))
    page.get_by_label("Timescale back to compliance").fill("We expect to be back by January.")
    page.get_by_role("button", name="Record the notice and tell everyone").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Exceptional circumstances")
    expect(page.get_by_text(f"{complaint.reference}: update letter issued")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Complain about our service")
    expect(
        page.get_by_text("We may take longer than usual to deal with complaints")
    ).to_be_visible()
    assert_no_axe_violations(page)

    page.goto("/staff/ombudsman/exceptional-circumstances/")
    page.get_by_role("link", name="Withdraw").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Withdraw the notice of exceptional circumstances"
    )
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Withdraw the notice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Exceptional circumstances")
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Complain about our service")
    expect(page.get_by_text("We may take longer than usual to deal with complaints")).to_have_count(
        0
    )


def test_a_spotlight_report_is_recorded_and_a_recommendation_assessed(page: Page, base_url: str):
    landlord = factories.landlord("Riverside Homes")
    officer = factories.user("olivia", landlord=landlord, role=Role.OFFICER)
    sign_in(page, base_url, officer)
    page.goto("/staff/reports/self-assessment/spotlight/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Spotlight reports")
    assert_no_axe_violations(page)
    page.get_by_label("Title of the report").fill("Spotlight on damp and mould")
    page.locator("#published_on-day").fill("25")
    page.locator("#published_on-month").fill("10")
    page.locator("#published_on-year").fill("2021")
    page.get_by_label("Recommendations").fill("Take a zero-tolerance approach.\nKeep records.")
    page.get_by_role("button", name="Record the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Spotlight on damp and mould")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Assess recommendation 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recommendation 1")
    assert_no_axe_violations(page)
    page.get_by_label("Partly met").check()
    page.get_by_role("button", name="Save the assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recommendation 1")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why the recommendation")
    assert_no_axe_violations(page)
    page.get_by_label("Commentary").fill("Only new reports are tracked.")
    page.get_by_role("button", name="Save the assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Spotlight on damp and mould")
    expect(page.locator("#recommendation-1")).to_contain_text("Partly met")
