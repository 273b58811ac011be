"""Journey: a handler takes a call about a case that mentions a hazard, records it, tells
repairs, and writes an update to a resident who prefers a phone call; and the case page and
the letter print without the service around them (issue 12, items 7 and 8). Every page is
checked with axe-core as it goes."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from putright.complaints.models import Contact, Event
from putright.landlords.models import Role, today
from putright.letters.models import Letter
from putright.residents.models import ReasonableAdjustment, Representative
from tests import factories
from tests.e2e.staff.helpers import (
    checked,
    expect_errors,
    expect_success,
    follow,
    go,
    letter_pdf_text,
    sign_in,
    submit,
)
from tests.staff import people


def _case(landlord, handler):
    person = people.resident(landlord, contact_preference="phone")
    ReasonableAdjustment.objects.create(
        resident=person,
        kind=ReasonableAdjustment.Kind.LARGE_PRINT,
        agreed_on=today(),
        review_due_on=today(),
    )
    daughter = Representative.objects.create(
        resident=person, name="Grace Okafor", kind="family", consent_given_on=today()
    )
    return people.stage1_open(
        landlord,
        handler=handler,
        acknowledge=True,
        resident=person,
        representative=daughter,
        description="There is black mould in the bedroom and my baby keeps coughing.",
    )


def test_a_call_recorded_repairs_told_and_an_update_sent(page: Page, base_url: str) -> None:
    landlord = factories.landlord("Riverside Homes", phone="0161 496 0000")
    handler = people.staff(landlord, Role.HANDLER, first="Priya", last="Shah")
    c = _case(landlord, handler)
    sign_in(page, base_url, handler)

    go(page, f"/staff/cases/{c.reference}/")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Possible hazard (Damp and mould, Vulnerable household)")
    expect(main).to_contain_text("Nobody has recorded telling the repairs service yet.")

    follow(page, page.get_by_role("button", name="Record a contact"))
    checked(page)
    expect(page.get_by_label("Who was it with?")).to_have_value("Amina Okafor")
    page.get_by_role("group", name="How were you in contact?").get_by_label("Phone call").check()
    page.get_by_role("group", name="Who got in touch?").get_by_label("They contacted us").check()
    page.get_by_label("Time").fill("25:00")
    submit(page, "Save the contact")
    expect_errors(page, "Enter a real time, like 9:30am or 14:15", "Enter what was said")
    expect(
        page.get_by_role("group", name="How were you in contact?").get_by_label("Phone call")
    ).to_be_checked()
    expect(page.get_by_label("Time")).to_have_value("25:00")
    page.get_by_label("Time").fill("9:15am")
    page.get_by_label("What was said").fill("The mould is back on the bedroom wall.")
    submit(page, "Save the contact")
    expect_success(page, "The phone call is recorded on the timeline.")
    expect(main).to_contain_text(
        "Phone call from Amina Okafor at 9:15am: The mould is back on the bedroom wall."
    )
    assert Contact.objects.filter(complaint=c, method="phone").exists()

    follow(page, page.get_by_role("button", name="Record that repairs were told"))
    checked(page)
    page.get_by_role("group", name="How did you tell them?").get_by_label(
        "Repair job raised"
    ).check()
    page.get_by_label("Who did you tell?").fill("Repairs contact centre")
    page.get_by_label("Repair job reference (optional)").fill("R-48213")
    page.get_by_label("Time").fill("9:20am")
    submit(page, "Save")
    expect_success(page, "Recorded that the repairs service was told.")
    expect(page.locator("#repairs-told")).to_contain_text(
        "by raising a repair job: Repairs contact centre. Repair job R-48213."
    )
    assert Event.objects.filter(complaint=c, kind="repairs_told").exists()

    follow(page, page.get_by_role("link", name="Write the update letter"))
    checked(page)
    expect(page.locator("#contact-first")).to_contain_text(
        "The resident prefers a phone call: call first, then send this letter."
    )
    expect(page.locator("#adjustments")).to_contain_text("Large print")
    expect(page.locator("#representative")).to_contain_text("Grace Okafor")
    expect(page.get_by_label("Large print (18 point)")).to_be_checked()
    letter_box = page.get_by_label("Letter", exact=True)
    letter_box.fill(letter_box.input_value() + "\n\nA surveyor will visit on Thursday morning.")
    page.get_by_role("group", name="How will it be sent?").get_by_label("Post").check()
    expect(page.locator("#format-needs")).to_contain_text("The resident needs Large print.")
    page.get_by_label("How does this letter meet their need: Large print?").fill(
        "Printed in 18 point and posted."
    )
    submit(page, "Issue the letter")
    expect_success(page, "The update letter is issued")
    letter = Letter.objects.get(complaint=c, kind="update")
    assert letter.large_print
    text = letter_pdf_text(page, base_url, letter)
    assert "A surveyor will visit on Thursday morning." in text
    assert "Where your complaint is now" in text


def test_the_case_page_and_a_letter_print_without_menus_buttons_or_addresses(
    page: Page, base_url: str
) -> None:
    landlord = factories.landlord("Riverside Homes", phone="0161 496 0000")
    handler = people.staff(landlord, Role.HANDLER, first="Priya", last="Shah")
    c = _case(landlord, handler)
    sign_in(page, base_url, handler)
    go(page, f"/staff/cases/{c.reference}/")
    resident_link = page.get_by_role("link", name="Amina Okafor")
    expect(page.get_by_role("button", name="Record a contact")).to_be_visible()

    page.emulate_media(media="print")

    for chrome in (
        page.get_by_role("navigation", name="Staff menu"),
        page.get_by_role("navigation", name="Your account"),
        page.locator(".govuk-skip-link"),
        page.locator(".govuk-footer"),
        page.get_by_role("button", name="Record a contact"),
        page.get_by_role("button", name="Record that repairs were told"),
        page.get_by_role("heading", name="What you can do now"),
        page.get_by_role("link", name="Write the update letter"),
    ):
        expect(chrome).to_be_hidden()
    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    expect(resident_link).to_be_visible()
    after = resident_link.evaluate("a => getComputedStyle(a, '::after').content")
    assert after in ("none", "normal"), after

    page.emulate_media(media="screen")
    follow(page, page.get_by_role("link", name="Write the update letter"))
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Issue the letter")).to_be_hidden()
    expect(page.get_by_label("Letter", exact=True)).to_be_hidden()
    expect(page.locator(".putright-letter-preview")).to_be_visible()
    expect(page.get_by_role("heading", name="Who it is for")).to_be_visible()
