"""Code 5.10 in a real browser: the case page shows the support a resident asked for online;
an officer follows the link, makes a mistake, and agrees it with a review date; each page
checked with axe-core."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page, expect

from putright.complaints.services import complaint_adjustments_request
from putright.landlords.models import Role
from putright.residents.models import ReasonableAdjustment
from tests import factories
from tests.e2e.staff.helpers import (
    checked,
    expect_errors,
    expect_success,
    follow,
    go,
    sign_in,
    submit,
)
from tests.staff import people


def _fill_date(page: Page, prefix: str, day: dt.date) -> None:
    page.locator(f"#{prefix}_day").fill(str(day.day))
    page.locator(f"#{prefix}_month").fill(str(day.month))
    page.locator(f"#{prefix}_year").fill(str(day.year))


def test_an_officer_agrees_support_asked_for_online(today, page: Page, base_url: str) -> None:
    landlord = factories.landlord("Riverside Homes")
    officer = people.staff(landlord, Role.OFFICER, first="Olivia", last="Grant")
    complaint = people.logged(landlord, resident=people.resident(landlord), channel="web")
    complaint_adjustments_request(
        complaint=complaint,
        kinds=["interpreter"],
        interpreter_language="Tigrinya",
        requested_by="resident",
        by=None,
    )
    sign_in(page, base_url, officer)

    go(page, f"/staff/cases/{complaint.reference}/")
    expect(page.locator("#adjustment-requests")).to_contain_text("Interpreter: Tigrinya")
    follow(page, page.get_by_role("link", name="Agree it (Interpreter)"))
    expect(page.get_by_role("heading", name="Agree support asked for online")).to_be_visible()
    checked(page)
    page.get_by_label("What you agreed with the resident").fill("Tigrinya, at every visit")
    submit(page, "Agree the adjustment")
    expect_errors(page, "Enter the review date")
    expect(page.get_by_label("What you agreed with the resident")).to_have_value(
        "Tigrinya, at every visit"
    )

    review = today + dt.timedelta(days=180)
    _fill_date(page, "id_review_due_on", review)
    submit(page, "Agree the adjustment")
    expect_success(page, "The adjustment is agreed: Interpreter.")
    expect(page.locator("#adjustment-requests")).to_have_count(0)
    assert ReasonableAdjustment.objects.get().details == "Tigrinya, at every visit"
