"""Team tools in a real browser (issue 12, item 6): a Monday morning with one handler off
sick. The officer marks them away from the workload page, ticks their cases on the work
queue, forgets to choose who takes them, then reassigns them: one case is refused (its
stage 2 cannot go to the stage 1 handler, Code 6.13) and the result says why. Each page
checked with axe-core."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page, expect

from putright.complaints import services
from putright.complaints.models import Complaint
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


def _fill_date(page: Page, prefix: str, day: dt.date) -> None:
    page.locator(f"#{prefix}_day").fill(str(day.day))
    page.locator(f"#{prefix}_month").fill(str(day.month))
    page.locator(f"#{prefix}_year").fill(str(day.year))


def test_an_officer_covers_for_a_handler_off_sick(today, page: Page, base_url: str) -> None:
    landlord = factories.landlord("Riverside Homes")
    officer = people.staff(landlord, Role.OFFICER, first="Olivia", last="Grant")
    sick = people.staff(landlord, Role.SENIOR_HANDLER, first="Sam", last="Jones")
    cover = people.staff(landlord, Role.SENIOR_HANDLER, first="Cara", last="Cover")
    first = people.stage1_open(landlord, handler=sick, resident=people.resident(landlord))
    second = people.stage1_open(landlord, handler=sick)
    escalated = factories.stage1_responded(
        landlord, handler=cover, received_on=today - dt.timedelta(days=20), on=today
    )
    services.complaint_request_escalation(complaint=escalated, requested_on=today, by=None)
    services.complaint_allocate(complaint=escalated, handler=sick, by=None)
    sign_in(page, base_url, officer)

    # The workload: Sam's three open stages; mark Sam away for the week.
    go(page, "/staff/")
    follow(page, page.get_by_role("link", name="Workload", exact=True))
    checked(page)
    row = page.get_by_role("row", name="Sam Jones")
    expect(row.get_by_role("cell").first).to_have_text("3 open stages of Sam Jones")
    follow(page, row.get_by_role("link", name="Mark as away (Sam Jones)"))
    checked(page)
    until = today + dt.timedelta(days=7)
    _fill_date(page, "id_away_from", today)
    _fill_date(page, "id_away_until", until)
    submit(page, "Save")
    expect_success(page, "Sam Jones is shown as away until")
    expect(page.get_by_role("row", name="Sam Jones")).to_contain_text("Away until")

    # The queue: tick Sam's cases, and forget to choose who takes them.
    go(page, f"/staff/?scope=all&handler={sick.pk}")
    for c in (first, second, escalated):
        page.get_by_label(f"Select {c.reference}").check()
    submit(page, "Reassign selected cases")
    checked(page)
    expect(page.get_by_role("heading", name="Reassign cases")).to_be_visible()
    expect(page.get_by_label("Reassign them to")).to_contain_text("Sam Jones")
    expect(page.get_by_label("Reassign them to")).to_contain_text("(away until")
    submit(page, "Reassign the cases")
    expect_errors(page, "Choose who the cases go to")
    for c in (first, second, escalated):
        expect(page.get_by_label(c.reference, exact=False)).to_be_checked()

    page.get_by_label("Reassign them to").select_option(str(cover.pk))
    submit(page, "Reassign the cases")
    checked(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("2 cases reassigned to Cara Cover")
    refused = page.get_by_role("row", name=escalated.reference)
    expect(refused).to_contain_text("must be a different person from the stage 1 handler")
    assert Complaint.objects.get(pk=first.pk).current_stage.handler == cover
    assert Complaint.objects.get(pk=escalated.pk).current_stage.handler == sick
