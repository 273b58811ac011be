"""Code 8.5 in the workspace, in a real browser: a late case shows the notice in force
beside it and the queue marks it; a failed email to the Ombudsman is sent again; and a
spotlight report's recommendations come from a CSV file, a wrong one refused by its line.
No axe-core violation on any page."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from playwright.sync_api import Page, expect

from putright.landlords.models import ExceptionalCircumstances, Role
from tests import factories
from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.ombudsman.test_ombudsman_journeys import sign_in
from tests.staff import people
from tests.staff.test_queue import working_days_ago


def test_a_late_case_shows_the_notice_and_a_failed_email_is_sent_again(
    today, page: Page, base_url: str
):
    landlord = factories.landlord("Riverside Homes", ombudsman_email="casework@ombudsman.example")
    officer = factories.user("olivia", landlord=landlord, role=Role.OFFICER)
    late = people.stage1_open(
        landlord,
        handler=people.staff(landlord, Role.HANDLER),
        received_on=working_days_ago(landlord, 30),
        acknowledge=True,
    )
    ExceptionalCircumstances.objects.create(
        landlord=landlord,
        what_happened="A cyber attack took our systems offline.",
        started_on=today - dt.timedelta(days=3),
        back_to_compliance="We expect to be back by January.",
        ombudsman_emailed_to="casework@ombudsman.example",
        ombudsman_email_failed_at=timezone.now(),
        ombudsman_email_failure="SMTPRecipientsRefused: no such user",
    )
    sign_in(page, base_url, officer)

    page.goto("/staff/")
    expect(page.locator(".putright-exceptional")).to_have_count(1)
    assert_no_axe_violations(page)

    page.goto(f"/staff/cases/{late.reference}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(
        page.get_by_role("heading", name="Exceptional circumstances while this case was late")
    ).to_be_visible()
    expect(page.locator(".govuk-inset-text").first).to_contain_text(
        f"Riverside Homes recorded exceptional circumstances from "
        f"{(today - dt.timedelta(days=3)).day} December 2026"
    )
    assert_no_axe_violations(page)

    page.goto("/staff/ombudsman/exceptional-circumstances/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Exceptional circumstances")
    expect(page.get_by_text("SMTPRecipientsRefused: no such user")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send again").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Exceptional circumstances")
    expect(page.get_by_text("Waiting to be sent")).to_be_visible()
    expect(page.get_by_role("button", name="Send again")).to_have_count(0)
    assert_no_axe_violations(page)


def test_a_spotlight_reports_recommendations_come_from_a_csv_file(page: Page, base_url: str):
    landlord = factories.landlord("Riverside Homes")
    officer = factories.user("olivia", landlord=landlord, role=Role.OFFICER)
    sign_in(page, base_url, officer)
    page.goto("/staff/reports/self-assessment/spotlight/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Spotlight reports")
    page.get_by_label("Title of the report").fill("Spotlight on damp and mould")
    page.locator("#published_on-day").fill("25")
    page.locator("#published_on-month").fill("10")
    page.locator("#published_on-year").fill("2021")

    def choose(data: bytes) -> None:
        page.set_input_files(
            "#recommendations_file",
            files=[{"name": "recommendations.csv", "mimeType": "text/csv", "buffer": data}],
        )
        page.get_by_role("button", name="Record the report").click()

    choose(b"reference,recommendation\nR1,Take a zero-tolerance approach.\nR2,\n")
    expect(page.get_by_role("heading", level=1)).to_have_text("Spotlight reports")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Line 3: the recommendation is blank"
    )
    assert_no_axe_violations(page)

    choose(b"reference,recommendation\nR1,Take a zero-tolerance approach.\nR2,Keep records.\n")
    expect(page.get_by_role("heading", level=1)).to_have_text("Spotlight on damp and mould")
    expect(page.get_by_text("Keep records.")).to_be_visible()
    assert_no_axe_violations(page)
