"""Journeys (issue 12, items 1 and 2): a complaint waiting for triage is overdue on the work
queue and its case page from receipt (Code 6.2); an extension asked for after the response
was due is refused with the reason, the form keeping what was typed, and recorded once the
date it was agreed, on the due date, is given (Code 6.4, 6.5)."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page, expect

from putright.landlords.models import Role
from tests import factories
from tests.e2e.staff.helpers import (
    expect_errors,
    expect_success,
    follow,
    go,
    long_date,
    sign_in,
    submit,
)
from tests.staff import people
from tests.staff.test_queue import working_days_ago


def fill_date(page: Page, prefix: str, day: dt.date) -> None:
    page.locator(f"#{prefix}_day").fill(str(day.day))
    page.locator(f"#{prefix}_month").fill(str(day.month))
    page.locator(f"#{prefix}_year").fill(str(day.year))


def test_a_complaint_waiting_for_triage_is_overdue_from_receipt(
    today, page: Page, base_url: str
) -> None:
    landlord = factories.landlord("Riverside Homes")
    officer = people.staff(landlord, Role.OFFICER, first="Olivia", last="Grant")
    waiting = people.logged(
        landlord, received_on=working_days_ago(landlord, 7), resident=people.resident(landlord)
    )
    sign_in(page, base_url, officer)

    go(page, "/staff/?overdue=on")
    row = page.get_by_role("row").filter(has_text=waiting.reference)
    expect(row).to_contain_text("Acknowledge")
    expect(row).to_contain_text("2 working days overdue")

    follow(page, page.get_by_role("link", name=waiting.reference))
    expect(page.get_by_role("main")).to_contain_text("Next deadline")
    expect(page.locator("#next-deadline")).to_contain_text("Acknowledge")
    expect(page.locator("#next-deadline")).to_contain_text("2 working days overdue")


def test_an_extension_after_the_due_date_is_refused_then_recorded_as_agreed_on_it(
    today, page: Page, base_url: str
) -> None:
    landlord = factories.landlord("Riverside Homes", phone="0161 496 0000")
    handler = people.staff(landlord, Role.HANDLER, first="Priya", last="Shah")
    c = people.stage1_open(
        landlord,
        handler=handler,
        acknowledge=True,
        received_on=working_days_ago(landlord, 12),
        resident=people.resident(landlord),
    )
    due = c.stage(1).response_due_extended
    sign_in(page, base_url, handler)

    go(page, f"/staff/cases/{c.reference}/")
    follow(page, page.get_by_role("button", name="Extend the response date"))
    expect(page.get_by_role("main")).to_contain_text(
        f"An extension has to be agreed on or before {long_date(due)}."
    )
    page.get_by_label("How many more working days?").fill("5")
    page.get_by_label("Awaiting a contractor, a repair or an inspection").check()
    page.get_by_label("Why more time is needed").fill("We are waiting for a surveyor's report.")
    submit(page, "Extend")
    expect_errors(
        page,
        f"The response was due on {long_date(due)}. An extension has to be agreed on or "
        "before that date; tell the resident the new date as an update instead.",
    )
    expect(page.get_by_label("Why more time is needed")).to_have_value(
        "We are waiting for a surveyor's report."
    )
    expect(page.get_by_label("How many more working days?")).to_have_value("5")

    fill_date(page, "id_on", due)
    submit(page, "Extend")
    expect_success(page, "Extended. The response is now due")
    expect(page.get_by_role("main")).to_contain_text(f"5 working days, agreed {long_date(due)}")
