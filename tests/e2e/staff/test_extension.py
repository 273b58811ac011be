"""Journey: a stage 1 complaint extended past the limit, which needs a good reason, agreed
before the response was due; the extension letter, which gives the Ombudsman's details,
issued and read back."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from putright.complaints.models import Complaint
from putright.landlords.models import Role
from putright.letters.models import Letter
from tests import factories
from tests.e2e.staff.helpers import (
    checked,
    expect_errors,
    expect_success,
    follow,
    go,
    letter_pdf_text,
    long_date,
    sign_in,
    submit,
)
from tests.staff import people


def test_stage_1_extended_with_a_good_reason_and_the_letter_sent(page: Page, base_url: str) -> None:
    landlord = factories.landlord("Riverside Homes", phone="0161 496 0000")
    handler = people.staff(landlord, Role.HANDLER, first="Priya", last="Shah")
    c = people.stage1_open(
        landlord, handler=handler, acknowledge=True, resident=people.resident(landlord)
    )
    sign_in(page, base_url, handler)

    go(page, f"/staff/cases/{c.reference}/")
    follow(page, page.get_by_role("button", name="Extend the response date"))
    expect(page.get_by_role("main")).to_contain_text(
        "Limit at stage 1: 10 working days in all without good reason."
    )
    checked(page)
    page.get_by_label("How many more working days?").fill("15")
    page.get_by_label("Awaiting a contractor, a repair or an inspection").check()
    page.get_by_label("Why more time is needed").fill(
        "We need an independent damp survey before we can answer."
    )
    submit(page, "Extend")
    expect_errors(page, "This takes the stage 1 extension past 10 working days in all")
    expect(page.get_by_label("Why more time is needed")).to_have_value(
        "We need an independent damp survey before we can answer."
    )
    page.get_by_label("The good reason for going past the limit").fill(
        "The only approved surveyor cannot visit for three weeks."
    )
    submit(page, "Extend")
    extended = Complaint.objects.get(pk=c.pk).stage(1)
    expect_success(
        page, f"Extended. The response is now due {long_date(extended.response_due_extended)}."
    )
    expect(page.get_by_role("main")).to_contain_text(
        "Stage 1 response due (extended by 15 working days)"
    )
    extension = extended.extensions.get()
    assert extension.good_reason and not extension.ombudsman_details_given
    expect(page.get_by_role("main")).to_contain_text(
        "Ombudsman's details given: not yet: the extension letter gives them"
    )

    follow(page, page.get_by_role("link", name="Write the extension letter"))
    checked(page)
    submit(page, "Issue the letter")
    expect_success(page, "The extension letter is issued")
    letter = Letter.objects.get(complaint=c, kind="extension")
    extension.refresh_from_db()
    assert extension.ombudsman_details_given  # the letter carries them (Code 6.5)
    text = letter_pdf_text(page, base_url, letter)
    for needed in (
        long_date(extended.response_due_extended),
        "We need an independent damp survey before we can answer.",
        "Housing Ombudsman",
        "0300 111 3000",
    ):
        assert needed in text, needed
