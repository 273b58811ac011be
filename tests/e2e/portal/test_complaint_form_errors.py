"""Journey: making a complaint with wrong answers on the way. Each wrong answer (an empty
required answer, an invalid email address, a bad postcode, a file too large or of the wrong
type) gives a clear message in an error summary linked to the field, passes axe-core in its
error state, and loses nothing already typed or uploaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from putright.complaints.models import Attachment, Complaint
from putright.complaints.services import MAX_ATTACHMENT_BYTES
from tests.e2e.portal.journey import check_page, expect_heading, press_continue, submit


def expect_error(page: Page, message: str, field_id: str, javascript: bool) -> None:
    """The error summary lists the message, linked to the field, and the page passes axe.
    With JavaScript the summary takes focus, and its link moves focus to the field."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    link = summary.get_by_role("link", name=message)
    expect(link).to_have_attribute("href", f"#{field_id}")
    expect(page.locator(f"#{field_id}-error, .govuk-error-message").first).to_be_visible()
    assert page.title().startswith("Error: ")
    check_page(page)
    if javascript:
        expect(summary).to_be_focused()
        link.click()
        expect(page.locator(f"#{field_id}")).to_be_focused()


@pytest.fixture(params=[True, False], ids=["with-javascript", "without-javascript"])
def browser_page(request, page: Page, no_js_page: Page) -> tuple[Page, bool]:
    return (page, True) if request.param else (no_js_page, False)


def test_wrong_answers_are_explained_and_nothing_typed_is_lost(
    browser_page: tuple[Page, bool], landlord, tmp_path: Path
) -> None:
    page, javascript = browser_page
    page.goto("/complain/")
    press_continue(page)
    expect_error(
        page, "Select if the complaint is for you or for someone else", "person", javascript
    )
    page.get_by_label("For me").check()
    press_continue(page)

    press_continue(page)
    expect_error(page, "Enter your full name", "resident_name", javascript)
    page.get_by_label("What is your full name?").fill("Sam Okafor")
    press_continue(page)

    press_continue(page)
    expect_error(page, "Select how you would like us to contact you", "contact_method", javascript)
    page.get_by_label("Text message").check()
    press_continue(page)

    page.get_by_label("Email address").fill("sam at example")
    press_continue(page)
    expect_error(
        page,
        "Enter an email address in the correct format, like name@example.com",
        "email",
        javascript,
    )
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a phone number, so that we can call or text you")
    expect(page.get_by_label("Email address")).to_have_value("sam at example")
    page.get_by_label("Email address").fill("sam@example.com")
    page.get_by_label("Phone number").fill("07700 900982")
    press_continue(page)

    page.get_by_label("Address line 1").fill("12 Mill Lane")
    page.get_by_label("Town or city").fill("Manchester")
    page.get_by_label("Postcode").fill("NOT A CODE")
    press_continue(page)
    expect_error(page, "Enter a full UK postcode, like AA1 1AA", "postcode", javascript)
    expect(page.get_by_label("Address line 1")).to_have_value("12 Mill Lane")
    expect(page.get_by_label("Town or city")).to_have_value("Manchester")
    expect(page.get_by_label("Postcode")).to_have_value("NOT A CODE")
    page.get_by_label("Postcode").fill("M1 1AA")
    press_continue(page)

    press_continue(page)
    expect_error(page, "Tell us what happened", "what_happened", javascript)
    page.get_by_label("What happened?").fill("The heating has not worked since October.")
    press_continue(page)
    press_continue(page)  # what to put right is optional

    page.get_by_label("An interpreter", exact=True).check()
    press_continue(page)
    expect_error(
        page, "Enter the language you need an interpreter for", "interpreter_language", javascript
    )
    expect(page.get_by_label("An interpreter", exact=True)).to_be_checked()
    page.get_by_label("Which language?").fill("Polish")
    press_continue(page)

    expect_heading(page, "Upload photos or documents (optional)")
    upload = page.get_by_label("Add a file")
    good = tmp_path / "boiler.pdf"
    good.write_bytes(b"%PDF-1.7\n" + b"0" * 100)
    upload.set_input_files(good)
    submit(page, "Add file")
    expect(page.get_by_role("main")).to_contain_text("boiler.pdf")

    too_large = tmp_path / "video.mp4"
    too_large.write_bytes(b"\x00" * (MAX_ATTACHMENT_BYTES + 1))
    page.get_by_label("Add a file").set_input_files(too_large)
    submit(page, "Add file")
    expect_error(page, "The file video.mp4 must be smaller than 20 MB", "files", javascript)
    expect(page.get_by_role("main")).to_contain_text("boiler.pdf")  # the good file stays

    wrong_type = tmp_path / "setup.exe"
    wrong_type.write_bytes(b"MZ\x90\x00")
    page.get_by_label("Add a file").set_input_files(wrong_type)
    submit(page, "Add file")
    expect_error(
        page,
        "The file setup.exe must be a PDF, JPG, PNG, HEIC, Word, text, email (EML), MP3 or "
        "MP4 file",
        "files",
        javascript,
    )
    press_continue(page)

    expect_heading(page, "Check your answers before sending your complaint")
    main = page.get_by_role("main")
    for answer in (
        "Sam Okafor",
        "Text message",
        "sam@example.com",
        "07700 900982",
        "12 Mill Lane",
        "M1 1AA",
        "The heating has not worked since October.",
        "Interpreter language: Polish",
        "boiler.pdf",
    ):
        expect(main).to_contain_text(answer)
    submit(page, "Send complaint")
    expect_heading(page, "Complaint sent")

    complaint = Complaint.objects.get()
    assert complaint.resident.contact_preference == "text"
    assert [a.filename for a in Attachment.objects.filter(complaint=complaint)] == ["boiler.pdf"]


def test_answers_survive_going_back_and_changing(page: Page, landlord) -> None:
    page.goto("/complain/")
    page.get_by_label("For me").check()
    press_continue(page)
    page.get_by_label("What is your full name?").fill("Sam Okafor")
    press_continue(page)

    page.get_by_role("link", name="Back").click()

    expect(page.get_by_label("What is your full name?")).to_have_value("Sam Okafor")
    page.get_by_role("link", name="Back").click()
    expect(page.get_by_label("For me")).to_be_checked()
