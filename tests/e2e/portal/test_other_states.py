"""The portal's remaining pages and states, each checked with axe-core: the complaint page
at every point of a complaint's life, the representative's error state, and the pages shown
when a rate limit is reached."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from putright.complaints import services as complaint_services
from putright.letters.kinds import LetterKind
from tests.e2e.portal.journey import (
    check_page,
    expect_heading,
    find_by_reference,
    make_complaint,
    press_continue,
    submit,
)
from tests.letters import records
from tests.portal.support import (
    access_for,
    acknowledged_today,
    issue_letter,
    received_today,
)


def _withdrawn(landlord):
    complaint = records.stage1_acknowledged(landlord)
    complaint_services.complaint_withdraw(
        complaint=complaint, requested_by="the resident", by=None, on=dt.date(2024, 4, 9)
    )
    return complaint


def _service_request(landlord):
    complaint = received_today(landlord)
    complaint_services.complaint_triage(complaint=complaint, decision="service_request", by=None)
    return complaint


def _extended_with_letters(landlord):
    complaint = records.stage1_extended(landlord)
    issue_letter(complaint, LetterKind.ACKNOWLEDGEMENT_STAGE1)
    issue_letter(complaint, LetterKind.EXTENSION)
    return complaint


STATES = {
    "received": (received_today, "We are reading your complaint"),
    "acknowledged": (acknowledged_today, "We will send you our answer by"),
    "extended-and-late": (_extended_with_letters, "We are late."),
    "stage-2-open": (records.stage2_acknowledged, "Someone more senior"),
    "final-answer": (records.stage2_responded, "We sent you our final answer on 30 May 2024."),
    "not-accepted": (records.not_accepted, "We decided we could not take this on"),
    "escalation-refused": (records.escalation_refused, "We decided not to look at your"),
    "withdrawn": (_withdrawn, "This complaint was withdrawn on 9 April 2024."),
    "service-request": (_service_request, "as a request for a service"),
}


@pytest.mark.parametrize("state", list(STATES))
def test_the_complaint_page_at_each_point_of_a_complaint(page: Page, landlord, state) -> None:
    build, words = STATES[state]
    _, token = access_for(build(landlord))

    page.goto(f"/track/link/{token}/")

    expect_heading(page, "Your complaint")
    expect(page.get_by_role("main")).to_contain_text(words)
    check_page(page)


def test_the_representatives_questions_explain_wrong_answers(page: Page, landlord) -> None:
    page.goto("/complain/")
    page.get_by_label("For someone else").check()
    press_continue(page)

    press_continue(page)

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter your full name")
    expect(summary).to_contain_text("Select how you know the person you are complaining for")
    check_page(page)
    page.get_by_label("Your full name").fill("Ada Okafor")
    page.get_by_label("Councillor").check()
    press_continue(page)
    press_continue(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the full name of the person you are complaining for"
    )
    check_page(page)


def test_too_many_complaints_from_one_place(page: Page, landlord, settings) -> None:
    settings.PORTAL_RATE_LIMITS = {"submit": (1, 3600)}
    make_complaint(page, check=lambda page: None)
    make_complaint_until_check(page)

    submit(page, "Send complaint")

    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "You have sent too many complaints in a short time."
    )
    expect_heading(page, "Check your answers before sending your complaint")
    check_page(page)


def make_complaint_until_check(page: Page) -> None:
    page.goto("/complain/")
    page.get_by_label("For me").check()
    press_continue(page)
    page.get_by_label("What is your full name?").fill("Sam Okafor")
    press_continue(page)
    page.get_by_label("Email", exact=True).check()
    press_continue(page)
    page.get_by_label("Email address").fill("sam@example.com")
    press_continue(page)
    page.get_by_label("Address line 1").fill("12 Mill Lane")
    page.get_by_label("Town or city").fill("Manchester")
    page.get_by_label("Postcode").fill("M1 1AA")
    press_continue(page)
    page.get_by_label("What happened?").fill("Again: the lift.")
    press_continue(page)
    press_continue(page)
    page.get_by_label("No, I do not need any support").check()
    press_continue(page)
    press_continue(page)


def test_too_many_codes_and_too_many_tries(page: Page, landlord, settings) -> None:
    settings.PORTAL_RATE_LIMITS = {"code_request_client": (1, 3600), "lookup": (1, 3600)}
    find_by_reference(page, "CU-000001", "sam@example.com")
    page.get_by_label("Enter the 6-digit code").fill("123456")
    press_continue(page)

    page.get_by_label("Enter the 6-digit code").fill("654321")
    press_continue(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "You have tried too many codes. Wait an hour, then try again"
    )
    check_page(page)
    submit(page, "Send a new code")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "You have asked for too many codes. Wait an hour, then try again"
    )
    check_page(page)

    page.goto("/track/")
    page.get_by_label("Complaint reference").fill("CU-000002")
    page.get_by_label("Email address").fill("sam@example.com")
    submit(page, "Send me a code")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "You have asked for too many codes. Wait an hour, then try again."
    )
    check_page(page)

    page.goto("/track/link/" + "x" * 43 + "/")
    expect_heading(page, "Too many tries")
    check_page(page)
