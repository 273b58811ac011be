"""The report and self-assessment pages in a real browser, each checked with axe-core,
error states included."""

from __future__ import annotations

import re

from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from putright.selfassessment.models import SelfAssessment
from tests import factories
from tests.e2e.conftest import assert_no_axe_violations
from tests.reports.construction import build_landlord, build_worked_landlord


def _sign_in(page: Page, base_url: str, role: str = "officer"):
    landlord = build_landlord()
    user = factories.user(landlord=landlord, role=role, first_name="Robin", last_name="Officer")
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
    return landlord


def _open(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, path
    assert_no_axe_violations(page)


def _press(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()
    assert_no_axe_violations(page)


def test_the_annual_report_page_and_its_written_sections(page: Page, base_url: str) -> None:
    _sign_in(page, base_url)
    _open(page, "/staff/reports/")
    with page.expect_navigation():
        page.get_by_role("link", name="Annual report 2023/24").click()
    assert_no_axe_violations(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Annual complaints performance and service improvement report"
    )
    expect(page.get_by_role("main")).to_contain_text(
        "We logged 13 complaints in 2023/24: 12 were taken on at stage 1 and 1 went on to stage 2."
    )
    charts = page.get_by_role("img")
    assert charts.count() >= 8
    expect(page.get_by_role("img", name="Complaints received at each stage")).to_be_visible()
    expect(page.get_by_role("table", name="Complaints received at each stage")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Change the written sections").click()
    page.get_by_label("Introduction").fill("Our report for residents.")
    page.get_by_label("Its response").fill("The Board accepts it.")
    page.get_by_label("Day", exact=True).fill("31")
    page.get_by_label("Month", exact=True).fill("2")
    page.get_by_label("Year", exact=True).fill("2024")
    _press(page, "Save the written sections")
    expect(page).to_have_title(
        "Error: Written sections of the 2023/24 report \N{EN DASH} Staff \N{EN DASH} Putright "
        "\N{EN DASH} Known Homes"
    )
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("The date of the governing body's response must be a real date")
    page.get_by_label("Day", exact=True).fill("29")
    _press(page, "Save the written sections")
    expect(page.get_by_role("alert")).to_contain_text("The written sections have been saved.")
    expect(page.get_by_role("main")).to_contain_text("Our report for residents.")


def test_the_tsm_page_and_its_error_state(page: Page, base_url: str) -> None:
    _sign_in(page, base_url)
    _open(page, "/staff/reports/tsm/2023/")
    page.get_by_label("TP09: tenants satisfied with the approach to complaints handling").fill(
        "140"
    )
    _press(page, "Save TP09 and the medians")
    expect(page.get_by_role("alert")).to_contain_text("TP09 must be 100 or less")
    page.get_by_label("TP09: tenants satisfied with the approach to complaints handling").fill("41")
    _press(page, "Save TP09 and the medians")
    expect(page.get_by_role("main")).to_contain_text("41.0%")


def test_the_compliance_view_the_cases_and_the_quarterly_update(page: Page, base_url: str) -> None:
    _sign_in(page, base_url, role="viewer")
    _open(page, "/staff/reports/compliance/2023/")
    expect(page.get_by_role("main")).to_contain_text(
        "11 of 12 stage 1 complaints acknowledged within 5 working days"
    )
    with page.expect_navigation():
        page.get_by_role("link", name="1 case breaking 6.2").click()
    assert_no_axe_violations(page)
    expect(page.get_by_role("link", name="R2")).to_have_attribute("href", "/staff/cases/R2/")
    _open(page, "/staff/reports/quarterly/2023-Q1/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quarterly complaints update")


def test_the_self_assessment_from_start_to_approval_errors_included(
    page: Page, base_url: str
) -> None:
    _sign_in(page, base_url)
    _open(page, "/staff/reports/self-assessment/")
    page.get_by_label(
        "After a significant restructure, merger or change in procedures (Code 8.3)"
    ).check()
    _press(page, "Start the self-assessment")
    expect(page.get_by_role("alert")).to_contain_text("Say what prompted this self-assessment")
    page.get_by_label("The annual self-assessment").check()
    page.get_by_label("Financial year assessed").select_option("2023")
    _press(page, "Start the self-assessment")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Self-assessment against the Complaint Handling Code"
    )
    expect(page.get_by_role("main")).to_contain_text(
        "From the record: 11 of 12 stage 1 complaints acknowledged within 5 working days"
    )
    with page.expect_navigation():
        page.get_by_role("link", name="Change the answers in section 6").click()
    assert_no_axe_violations(page)
    page.get_by_label("No, we do not yet comply with 6.3").check()
    _press(page, "Save section 6")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Enter the action planned to comply with 6.3")
    expect(alert).to_contain_text("Enter the date the action for 6.3 will be done by")
    block = page.locator("#provision-6-3")
    block.get_by_label("If no: the action planned").fill("Recruit two officers")
    block.get_by_label("Day", exact=True).fill("30")
    block.get_by_label("Month", exact=True).fill("9")
    block.get_by_label("Year", exact=True).fill("2024")
    _press(page, "Save section 6")
    expect(page.get_by_role("alert")).to_contain_text("Section 6 has been saved.")
    with page.expect_navigation():
        page.get_by_role("link", name="Record the governing body's approval").click()
    assert_no_axe_violations(page)
    _press(page, "Record the approval")
    expect(page.get_by_role("alert")).to_contain_text("Enter the name of the governing body")
    expect(page.get_by_role("main")).to_contain_text("Answer yes or no for every provision")


def test_the_pages_of_a_record_worked_through_putright(page: Page, base_url: str) -> None:
    """Every section filled from the other apps' records (the Ombudsman, learning, feedback,
    an approved self-assessment): no violations on the report, the compliance view and the
    cases behind each provision that has any, the quarterly update and the assessment."""
    landlord = build_worked_landlord()
    user = factories.user(landlord=landlord, role="viewer")
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
    _open(page, "/staff/reports/annual/2023/")
    main = page.get_by_role("main")
    expect(main).to_contain_text("It made 2 orders and recommendations: 1 complied with so far.")
    expect(page.get_by_role("table", name="Contacts from the Ombudsman")).to_be_visible()
    expect(page.get_by_role("table", name="Complaint Handling Failure Orders")).to_be_visible()
    expect(
        page.get_by_role("table", name="What went wrong, what we learnt and what we changed")
    ).to_be_visible()
    _open(page, "/staff/reports/compliance/2023/")
    links = page.get_by_role("link", name=re.compile(r"cases? breaking "))
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(targets) >= 5
    for target in targets:
        _open(page, target)
        expect(page.get_by_role("heading", level=1)).to_contain_text("cases that break it")
    _open(page, "/staff/reports/quarterly/2023-Q4/")
    expect(page.get_by_role("main")).to_contain_text("It determined 1 complaint about us.")
    _open(page, "/staff/reports/self-assessment/")
    assessment = SelfAssessment.objects.get(landlord=landlord, year=2023)
    _open(page, reverse("reports:selfassessment:detail", args=[assessment.pk]))
    expect(page.get_by_role("main")).to_contain_text("Approved by Board on 12 June 2024")
