"""Journey: acting on a complaint being followed: asking for stage 2 without giving a
reason, asking for support, reading a letter, and giving feedback after the final answer."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from putright.complaints.models import Stage
from putright.letters.kinds import LetterKind
from putright.portal.models import Feedback, Person
from putright.residents.models import AdjustmentRequest
from tests.e2e.portal.journey import check_page, expect_heading, submit
from tests.letters import records
from tests.portal.support import access_for, issue_letter, received_today, responded_today


def open_by_link(page: Page, complaint, **kwargs) -> None:
    _, token = access_for(complaint, **kwargs)
    page.goto(f"/track/link/{token}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your complaint")


@pytest.fixture(params=[True, False], ids=["with-javascript", "without-javascript"])
def browser_page(request, page: Page, no_js_page: Page) -> Page:
    return page if request.param else no_js_page


def test_a_resident_asks_for_stage_2_without_giving_a_reason(
    today, browser_page: Page, landlord
) -> None:
    page = browser_page
    complaint = responded_today(landlord)
    open_by_link(page, complaint)
    expect(page.get_by_role("main")).to_contain_text("You do not have to say why.")
    check_page(page)

    submit(page, "Ask for stage 2")
    expect_heading(page, "Ask us to look at your complaint again")
    check_page(page)
    submit(page, "Ask for stage 2")

    expect_heading(page, "Your complaint")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "We have your request for stage 2. We will write to you by "
    )
    expect(page.get_by_role("main")).to_contain_text("Stage 2")
    check_page(page)
    stage = Stage.objects.get(complaint=complaint, number=2)
    assert (stage.escalation_reason, stage.escalation_reason_text) == ("not_given", "")


def test_a_resident_asks_for_support(today, browser_page: Page, landlord) -> None:
    page = browser_page
    complaint = received_today(landlord)
    open_by_link(page, complaint)

    page.get_by_role("link", name="Ask for support or changes").click()
    expect_heading(page, "What support or changes do you need?")
    check_page(page)
    submit(page, "Send request")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select the support or changes you need"
    )
    check_page(page)
    page.get_by_label("Something else").check()
    page.get_by_label("Tell us what would help").fill("Please only email me.")
    submit(page, "Send request")

    expect(page.locator(".govuk-notification-banner")).to_contain_text("We have your request.")
    expect(page.get_by_role("main")).to_contain_text("Please only email me.")
    check_page(page)
    assert AdjustmentRequest.objects.get(complaint=complaint).details == "Please only email me."


def test_a_resident_downloads_a_letter(page: Page, landlord) -> None:
    complaint = records.stage1_acknowledged(landlord)
    issue_letter(complaint, LetterKind.ACKNOWLEDGEMENT_STAGE1)
    open_by_link(page, complaint)
    check_page(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Stage 1 acknowledgement letter, 3 June 2024 (PDF)").click()

    assert download.value.suggested_filename == (
        f"{complaint.reference}-stage-1-acknowledgement-2024-06-03.pdf"
    )
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_a_resident_gives_feedback_after_the_final_answer(browser_page: Page, landlord) -> None:
    page = browser_page
    complaint = records.stage2_responded(landlord)
    open_by_link(page, complaint)
    check_page(page)

    submit(page, "Give feedback")
    expect_heading(page, "Tell us what you think")
    check_page(page)
    page.get_by_label("Is there anything else you want to tell us? (optional)").fill(
        "It took too long."
    )
    submit(page, "Send feedback")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select how satisfied you are with how we handled your complaint"
    )
    expect(
        page.get_by_label("Is there anything else you want to tell us? (optional)")
    ).to_have_value("It took too long.")
    check_page(page)
    page.get_by_role(
        "group", name="How satisfied are you with how we handled your complaint?"
    ).get_by_label("Fairly dissatisfied").check()
    page.get_by_role(
        "group", name="How satisfied are you with the outcome of your complaint?"
    ).get_by_label("Very satisfied").check()
    submit(page, "Send feedback")

    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Thank you for telling us what you think."
    )
    check_page(page)
    feedback = Feedback.objects.get(complaint=complaint)
    assert (feedback.stage, feedback.process_satisfaction, feedback.outcome_satisfaction) == (
        2,
        2,
        5,
    )
    assert feedback.comments == "It took too long."


def test_a_representative_awaiting_consent_sees_where_the_complaint_is(
    page: Page, landlord
) -> None:
    resident = records.resident(landlord)
    rep = records.representative(resident, consent=False)
    complaint = records.stage1_responded(landlord, resident=resident, representative=rep)
    open_by_link(page, complaint, email=rep.email, person=Person.REPRESENTATIVE)

    expect(page.get_by_role("main")).to_contain_text(
        "We need Amina Okafor\N{RIGHT SINGLE QUOTATION MARK}s permission"
    )
    expect(page.get_by_role("button", name="Ask for stage 2")).to_have_count(0)
    check_page(page)
