"""Journey: a complaint reports damp and mould; the handler starts the Awaab's Law clocks,
records the investigation, and finds the hazard on the hazard clocks list from the work
queue (issue 17, item 8). Every page is checked with axe-core as it goes."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from putright.complaints.models import HazardCase
from putright.landlords.models import Role
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


def test_the_hazard_clocks_are_started_kept_and_listed(page: Page, base_url: str) -> None:
    landlord = factories.landlord("Riverside Homes")
    handler = people.staff(landlord, Role.HANDLER, first="Priya", last="Shah")
    c = people.stage1_open(
        landlord,
        handler=handler,
        acknowledge=True,
        description="There is black mould across the bedroom ceiling and water coming in.",
    )
    sign_in(page, base_url, handler)

    go(page, f"/staff/cases/{c.reference}/")
    follow(page, page.get_by_role("link", name="Start the hazard clocks"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Start the hazard clocks")
    checked(page)

    submit(page, "Start the clocks")
    expect_errors(page, "Choose what kind of hazard it is", "Enter what the hazard is and where")

    page.get_by_role("group", name="What kind of hazard is it?").get_by_label(
        "Significant damp and mould"
    ).check()
    page.get_by_label("What is the hazard and where?").fill("Black mould on the bedroom ceiling")
    page.get_by_label("Time the landlord became aware").fill("9am")
    page.get_by_label("Time the repairs service was told").fill("9:30am")
    page.get_by_label("Repair job reference (optional)").fill("R-2048")
    submit(page, "Start the clocks")
    expect_success(page, "The hazard is recorded and its Awaab's Law clocks have started.")
    clocks = page.locator("#hazard-clock-table")
    expect(clocks).to_contain_text("Within 10 working days of becoming aware")
    expect(clocks).to_contain_text("end of 21 December 2026")
    expect(clocks).to_contain_text("Starts when investigated")

    follow(page, page.get_by_role("button", name="Record: investigated"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Record that the hazard was investigated"
    )
    checked(page)
    page.get_by_label("Time").fill("9:45am")
    page.get_by_label("What was done or found (optional)").fill("Mould from a roof leak")
    submit(page, "Save")
    expect_success(page, "Investigated: recorded on the hazard clocks.")
    expect(clocks).to_contain_text("Met")
    assert HazardCase.objects.get(complaint=c).repairs_reference == "R-2048"

    go(page, "/staff/")
    expect(page.get_by_role("main")).to_contain_text("Hazard clock")
    follow(page, page.get_by_role("link", name="Hazard clocks (Awaab's Law)"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hazard clocks")
    checked(page)
    expect(page.locator("#hazard-clocks")).to_contain_text(c.reference)
    expect(page.locator("#hazard-clocks")).to_contain_text("Written summary sent to the resident")
