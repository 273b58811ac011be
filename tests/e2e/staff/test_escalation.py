"""Journey: a stage 1 response escalated by the resident (no reason needed), stage 2
allocated to a different, senior handler, defined, acknowledged and answered with the
final response; both stage 2 letters issued and read back for every required element."""

from __future__ import annotations

import datetime as dt

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


def test_escalated_to_stage_2_with_a_different_handler_and_a_final_response(
    today, page: Page, base_url: str
) -> None:
    landlord = factories.landlord(
        "Riverside Homes", phone="0161 496 0000", email="complaints@riverside.example"
    )
    first = people.staff(landlord, Role.HANDLER, first="Hamza", last="Ali")
    senior = people.staff(landlord, Role.SENIOR_HANDLER, first="Sarah", last="Bennett")
    officer = people.staff(landlord, Role.OFFICER, first="Olivia", last="Grant")
    c = factories.stage1_responded(
        landlord,
        handler=first,
        resident=people.resident(landlord),
        received_on=today - dt.timedelta(days=30),
        on=today - dt.timedelta(days=5),
        outcome="not_upheld",
    )
    sign_in(page, base_url, officer)

    go(page, f"/staff/cases/{c.reference}/")
    follow(page, page.get_by_role("button", name="Record a request for stage 2"))
    expect(page.get_by_role("main")).to_contain_text(
        "They do not have to give a reason (Code 6.12)."
    )
    checked(page)
    submit(page, "Record the request")
    expect_success(
        page, "Stage 2 started. Allocate it to a senior handler who did not handle stage 1."
    )

    follow(page, page.get_by_role("button", name="Allocate"))
    checked(page)
    handlers = page.get_by_label("Handler").locator("option").all_inner_texts()
    assert not any("Hamza Ali" in h for h in handlers), handlers
    submit(page, "Allocate")
    expect_errors(page, "Choose who will handle it")
    page.get_by_label("Handler").select_option(
        label="Sarah Bennett (Senior handler (may take stage 2))"
    )
    submit(page, "Allocate")
    expect_success(page, "Allocated.")

    sign_in(page, base_url, senior)
    go(page, f"/staff/cases/{c.reference}/")
    expect(page.get_by_role("main")).to_contain_text("Stage 2 handler")
    follow(page, page.get_by_role("button", name="Define the complaint"))
    expect(page.get_by_label("Point 1")).to_have_value("The boiler repair was not done")
    checked(page)
    submit(page, "Add another point")
    page.get_by_label("Point 2").fill("The stage 1 answer ignored the missed appointments")
    checked(page)
    submit(page, "Save definition")
    expect_success(page, "The complaint definition is saved.")

    follow(page, page.get_by_role("button", name="Acknowledge"))
    checked(page)
    submit(page, "Acknowledge")
    stage2 = Complaint.objects.get(pk=c.pk).stage(2)
    expect_success(
        page,
        f"Stage 2 acknowledged. The response is due {long_date(stage2.response_due_extended)}.",
    )
    follow(page, page.get_by_role("link", name="Write the stage 2 acknowledgement letter"))
    checked(page)
    submit(page, "Issue the letter")
    expect_success(page, "The stage 2 acknowledgement letter is issued")
    text = letter_pdf_text(
        page, base_url, Letter.objects.get(complaint=c, kind="acknowledgement_stage2")
    )
    for needed in (
        "The stage 1 answer ignored the missed appointments",
        long_date(stage2.response_due_extended),
        "0300 111 3000",
    ):
        assert needed in text, needed

    follow(page, page.get_by_role("button", name="Record the response"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the stage 2 final response")
    for point in (
        "Point 1: The boiler repair was not done",
        "Point 2: The stage 1 answer ignored the missed appointments",
    ):
        page.get_by_role("group", name=point).get_by_label("Partly upheld").check()
    page.get_by_role("group", name="Overall decision").get_by_label("Partly upheld").check()
    page.get_by_label("Reasons for the decision", exact=True).fill(
        "The repair was done within our timescale, but two appointments were missed without notice."
    )
    submit(page, "Add a remedy")
    remedy = page.get_by_role("group", name="Remedy 1")
    remedy.get_by_label("Remedy", exact=True).select_option("apology")
    remedy.get_by_label("What we will tell the resident").fill(
        "We are sorry that two appointments were missed without notice."
    )
    page.locator("#id_remedies-0-due_on_day").fill(str(today.day))
    page.locator("#id_remedies-0-due_on_month").fill(str(today.month))
    page.locator("#id_remedies-0-due_on_year").fill(str(today.year))
    submit(page, "Record the decision")
    # Decided: the final response is sent, and the complaint closed, by its letter.
    expect_success(page, "The stage 2 decision is recorded.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stage 2 final response letter")
    submit(page, "Issue the letter")
    expect_success(page, "The stage 2 final response letter is issued")
    expect(page.get_by_role("main")).to_contain_text("Closed after final response")
    text = letter_pdf_text(page, base_url, Letter.objects.get(complaint=c, kind="stage2_response"))
    for needed in (
        "stage 2",
        "final",
        "The stage 1 answer ignored the missed appointments",
        "partly upheld",
        "two appointments were missed without notice.",
        "We are sorry that two appointments were missed without notice.",
        "Housing Ombudsman",
        "0300 111 3000",
    ):
        assert needed.lower() in text.lower(), needed
    c = Complaint.objects.get(pk=c.pk)
    assert c.stage(2).handler == senior != c.stage(1).handler
