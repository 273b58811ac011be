"""Journey: making a complaint, as the resident and as someone complaining for them, with
and without JavaScript, and with the keyboard alone. The complaint lands waiting for triage
with channel web, and the person is emailed a private link."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from playwright.sync_api import Page, expect

from putright.complaints.models import Attachment, Complaint
from putright.landlords.models import Role
from putright.residents.models import AdjustmentRequest
from tests import factories
from tests.e2e.portal.journey import (
    REPRESENTATIVE,
    RESIDENT,
    check_page,
    latest_email_to,
    make_complaint,
    private_link_in,
    sign_in_as_staff,
    submit,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 256


def _photo(tmp_path: Path) -> Path:
    path = tmp_path / "kitchen-ceiling.png"
    path.write_bytes(PNG)
    return path


def _assert_waiting_for_triage(reference: str) -> Complaint:
    complaint = Complaint.objects.get(reference=reference)
    assert complaint.channel == "web"
    assert complaint.state == "received"
    assert complaint.kind == "complaint"
    return complaint


def test_a_resident_makes_a_complaint_with_javascript(
    page: Page, landlord, tmp_path, base_url: str
) -> None:
    reference = make_complaint(page, replace(RESIDENT, files=(_photo(tmp_path),)))

    complaint = _assert_waiting_for_triage(reference)
    assert complaint.resident.name == "Sam Okafor"
    assert complaint.home.postcode == "M1 1AA"
    assert complaint.representative is None
    assert Attachment.objects.get(complaint=complaint).filename == "kitchen-ceiling.png"
    message = latest_email_to("sam@example.com")
    assert reference in message.subject
    assert private_link_in(message)

    # The complaints officer (as the demo landlord has one) finds it in the work queue.
    officer = factories.user(
        "officer", landlord=landlord, role=Role.OFFICER, first_name="Olivia", last_name="Grant"
    )
    sign_in_as_staff(page, base_url, officer)
    page.goto("/staff/")
    expect(page.get_by_role("main")).to_contain_text(reference)
    expect(page.get_by_role("main")).to_contain_text("Sam Okafor")


def test_a_resident_makes_a_complaint_without_javascript(
    no_js_page: Page, landlord, tmp_path
) -> None:
    reference = make_complaint(no_js_page, replace(RESIDENT, files=(_photo(tmp_path),)))

    expect(no_js_page.locator("body")).not_to_have_class("js-enabled")
    complaint = _assert_waiting_for_triage(reference)
    assert Attachment.objects.filter(complaint=complaint).count() == 1
    assert latest_email_to("sam@example.com")


def test_a_representative_makes_a_complaint_with_javascript(page: Page, landlord) -> None:
    reference = make_complaint(page, REPRESENTATIVE)

    complaint = _assert_waiting_for_triage(reference)
    rep = complaint.representative
    assert (rep.name, rep.kind, rep.consent_given_on) == ("Ada Okafor", "family", None)
    assert complaint.resident.name == "Sam Okafor"
    assert complaint.events.filter(summary__contains="get the resident's consent").exists()
    assert sorted(AdjustmentRequest.objects.values_list("kind", "details")) == [
        ("interpreter", "Yoruba"),
        ("large_print", ""),
    ]
    assert latest_email_to("ada@example.com")


def test_a_representative_makes_a_complaint_without_javascript(no_js_page: Page, landlord) -> None:
    reference = make_complaint(no_js_page, REPRESENTATIVE)

    complaint = _assert_waiting_for_triage(reference)
    assert complaint.representative.name == "Ada Okafor"
    assert not complaint.representative.has_consent


def test_revealed_questions_show_only_when_chosen_with_javascript(page: Page, landlord) -> None:
    make_complaint_until_support(page)
    language = page.get_by_label("Which language?")

    expect(language).to_be_hidden()
    page.get_by_label("An interpreter", exact=True).check()
    expect(language).to_be_visible()
    check_page(page)
    page.get_by_label("No, I do not need any support").check()  # exclusive: clears the rest
    expect(page.get_by_label("An interpreter", exact=True)).not_to_be_checked()


def test_without_javascript_revealed_questions_are_simply_shown(no_js_page: Page, landlord) -> None:
    make_complaint_until_support(no_js_page)

    expect(no_js_page.get_by_label("Which language?")).to_be_visible()
    expect(no_js_page.get_by_label("Tell us what would help")).to_be_visible()


def make_complaint_until_support(page: Page) -> None:
    """Answer the pages before the support question, quickly, through the browser."""
    page.goto("/complain/")
    page.get_by_label("For me").check()
    submit(page, "Continue")
    page.get_by_label("What is your full name?").fill("Sam Okafor")
    submit(page, "Continue")
    page.get_by_label("Email", exact=True).check()
    submit(page, "Continue")
    page.get_by_label("Email address").fill("sam@example.com")
    submit(page, "Continue")
    page.get_by_label("Address line 1").fill("12 Mill Lane")
    page.get_by_label("Town or city").fill("Manchester")
    page.get_by_label("Postcode").fill("M1 1AA")
    submit(page, "Continue")
    page.get_by_label("What happened?").fill("The lift is broken.")
    submit(page, "Continue")
    submit(page, "Continue")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Do you need any support or changes to help you with your complaint?"
    )


# The keyboard alone ------------------------------------------------------------------------


def _focused(page: Page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return (e.id || '') + '|' + (e.textContent || '').trim(); }"
    )


def tab_to(page: Page, element_id: str = "", text: str = "", limit: int = 60) -> None:
    """Press Tab until the element with this id (or a button with this text) has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused_id, focused_text = _focused(page).split("|", 1)
        if (element_id and focused_id == element_id) or (text and focused_text == text):
            return
    raise AssertionError(f"Tab never reached {element_id or text!r} on {page.url}")


def type_into(page: Page, element_id: str, value: str) -> None:
    tab_to(page, element_id)
    page.keyboard.type(value)


def press_continue_by_keyboard(page: Page) -> None:
    tab_to(page, text="Continue")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_whole_form_can_be_completed_with_the_keyboard_alone(page: Page, landlord) -> None:
    page.goto("/complain/")
    tab_to(page, "person")  # the first radio of the group
    page.keyboard.press("Space")
    press_continue_by_keyboard(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("What is your full name?")
    type_into(page, "resident_name", "Sam Okafor")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Enter in a text box sends the form

    tab_to(page, "contact_method")
    page.keyboard.press("ArrowDown")  # from Email to Phone call, choosing it
    press_continue_by_keyboard(page)

    type_into(page, "email", "sam@example.com")
    type_into(page, "phone", "0161 496 0123")
    press_continue_by_keyboard(page)

    type_into(page, "address_line_1", "12 Mill Lane")
    type_into(page, "town", "Manchester")
    type_into(page, "postcode", "M1 1AA")
    press_continue_by_keyboard(page)

    type_into(page, "what_happened", "Nobody answers the repairs line.")
    press_continue_by_keyboard(page)
    press_continue_by_keyboard(page)  # nothing to add about putting it right

    tab_to(page, "support")
    page.keyboard.press("Space")  # large print
    press_continue_by_keyboard(page)
    press_continue_by_keyboard(page)  # no files

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before sending your complaint"
    )
    tab_to(page, "send")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Complaint sent")

    complaint = Complaint.objects.get()
    assert complaint.resident.contact_preference == "phone"
    assert complaint.resident.phone == "0161 496 0123"
    assert AdjustmentRequest.objects.get().kind == "large_print"
