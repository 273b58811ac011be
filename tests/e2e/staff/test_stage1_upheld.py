"""Journey: a stage 1 complaint acknowledged, then upheld with compensation, an apology
and an outstanding action, each worded for the resident; the decision recorded, then the
response sent by issuing its letter; both letters read back for every required element; the
action and the payment followed up from the queue of actions and remedies, and a remedy
marked as done with what shows it (issue 12, items 3 to 5). Every page checked with axe."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page, expect

from putright.complaints import services
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
from tests.tasks import run_queued


def fill_date(page: Page, prefix: str, day: dt.date) -> None:
    page.locator(f"#{prefix}_day").fill(str(day.day))
    page.locator(f"#{prefix}_month").fill(str(day.month))
    page.locator(f"#{prefix}_year").fill(str(day.year))


def test_stage_1_upheld_with_compensation_and_an_outstanding_action(
    today, page: Page, base_url: str
) -> None:
    landlord = factories.landlord(
        "Riverside Homes",
        phone="0161 496 0000",
        email="complaints@riverside.example",
        address="1 River Street\nManchester\nM1 1AA",
    )
    handler = people.staff(landlord, Role.HANDLER, first="Hamza", last="Ali")
    c = people.stage1_open(
        landlord, handler=handler, acknowledge=True, resident=people.resident(landlord)
    )
    stage = c.stage(1)
    sign_in(page, base_url, handler)

    # The acknowledgement letter, emailed.
    go(page, f"/staff/cases/{c.reference}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Amina Okafor")
    follow(page, page.get_by_role("link", name="Write the stage 1 acknowledgement letter"))
    expect(page.locator("#letter-check")).to_contain_text(
        "The letter has everything it must include"
    )
    checked(page)
    submit(page, "Issue the letter")
    expect_success(page, "letter is issued and will be emailed to amina@example.org")
    # The background worker sends it: until it has, the case's letters say it is waiting.
    expect(page.locator("#letters ~ table")).to_contain_text("Waiting to go")
    run_queued()
    go(page, f"/staff/cases/{c.reference}/")
    expect(page.locator("#letters ~ table")).to_contain_text("Emailed to amina@example.org at")
    acknowledgement = Letter.objects.get(complaint=c, kind="acknowledgement_stage1")
    text = letter_pdf_text(page, base_url, acknowledgement)
    for needed in (
        "The boiler repair was not done",
        "Nobody called back",
        "Fix the boiler",
        long_date(stage.response_due_extended),
        "0300 111 3000",
    ):
        assert needed in text, needed

    # The response: first with nothing filled in.
    follow(page, page.get_by_role("button", name="Record the response"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the stage 1 response")
    checked(page)
    submit(page, "Record the decision")
    expect_errors(
        page,
        "Choose the decision on point 1",
        "Choose the overall decision",
        "Enter the reasons for the decision",
    )

    page.get_by_role("group", name="Point 1: The boiler repair was not done").get_by_label(
        "Upheld", exact=True
    ).check()
    page.get_by_label("Reasons for the decision on point 1").fill(
        "We booked the repair six weeks after you reported it."
    )
    page.get_by_role("group", name="Point 2: Nobody called back").get_by_label(
        "Upheld", exact=True
    ).check()
    page.get_by_role("group", name="Overall decision").get_by_label("Upheld", exact=True).check()
    page.get_by_label("Reasons for the decision", exact=True).fill(
        "The repair should have been done within 7 days under our repairs policy. It took 6 weeks."
    )
    submit(page, "Add a remedy")
    expect(page.get_by_role("group", name="Remedy 1")).to_be_visible()
    expect(page.get_by_label("Reasons for the decision", exact=True)).to_have_value(
        "The repair should have been done within 7 days under our repairs policy. It took 6 weeks."
    )
    checked(page)
    remedy = page.get_by_role("group", name="Remedy 1")
    remedy.get_by_label("Remedy", exact=True).select_option("financial")
    remedy.get_by_label("Note for the record").fill("Agreed with the repairs manager")
    remedy.get_by_label("Amount, if financial").fill("250.00")
    remedy.get_by_label("What the money is for").select_option("delay_failure")
    pay_by = today + dt.timedelta(days=14)
    fill_date(page, "id_remedies-0-due_on", pay_by)
    submit(page, "Add another remedy")
    # The words for the resident start from a plain sentence for the remedy, to change.
    expect(
        page.get_by_role("group", name="Remedy 1").get_by_label("What we will tell the resident")
    ).to_have_value("We will pay you £250 for the delay and the service you did not get.")
    apology = page.get_by_role("group", name="Remedy 2")
    apology.get_by_label("Remedy", exact=True).select_option("apology")
    apology.get_by_label("What we will tell the resident").fill(
        "We are sorry that your boiler was not repaired for six weeks."
    )
    submit(page, "Add an outstanding action")
    action = page.get_by_role("group", name="Outstanding action 1")
    action.get_by_label("What will be done").fill("Replace the boiler's pump")
    action.get_by_label("Who will do it").fill("Kestrel Property Services")
    fix_by = today + dt.timedelta(days=21)
    fill_date(page, "id_actions-0-due_on", fix_by)
    checked(page)
    submit(page, "Record the decision")
    # Recorded, not sent: the response letter is next, and the case says it is owed.
    expect_success(page, "The stage 1 decision is recorded.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stage 1 response letter")
    go(page, f"/staff/cases/{c.reference}/")
    expect(page.locator("#letter-to-send")).to_have_text("Response letter to send")
    expect(page.get_by_role("main")).to_contain_text("Stage 1 decision recorded: upheld.")
    expect(page.get_by_role("main")).to_contain_text("Offered £250.00")

    # The response letter, posted, in large print: it sends the response.
    follow(page, page.get_by_role("link", name="Write the stage 1 response letter"))
    page.get_by_label("Large print (18 point)").check()
    submit(page, "Check and preview")
    expect(page.locator("#letter-check")).to_be_visible()
    checked(page)
    page.get_by_role("group", name="How will it be sent?").get_by_label("Post").check()
    submit(page, "Issue the letter")
    expect_success(page, "recorded as posted to Amina Okafor")
    response = Letter.objects.get(complaint=c, kind="stage1_response")
    assert response.large_print and response.delivery == "post"
    text = letter_pdf_text(page, base_url, response)
    for needed in (
        "stage 1",
        "Point 1: The boiler repair was not done",
        "We booked the repair six weeks after you reported it.",
        "Nobody called back",
        "Fix the boiler",
        "upheld",
        "It took 6 weeks.",
        "We will pay you £250 for the delay",
        long_date(pay_by),
        "We are sorry that your boiler was not repaired for six weeks.",
        "Replace the boiler's pump",
        long_date(fix_by),
        "stage 2",
        "0161 496 0000",
    ):
        assert needed in text, needed
    assert "Agreed with the repairs manager" not in text  # the note stays on the record
    expect(page.locator("#letters")).to_be_visible()
    expect(page.get_by_role("link", name="PDF of the stage 1 response letter")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(
        "Stage 1 response letter sent by post to Amina Okafor"
    )
    expect(page.get_by_role("main")).to_contain_text("Done with this letter: apology.")
    c = Complaint.objects.get(pk=c.pk)
    assert (c.state, c.stage(1).responded_on, c.stage(1).letter_owed) == (
        "stage1_closed",
        today,
        "",
    )

    # Following up: the action done, the compensation accepted and paid.
    follow(page, page.get_by_role("link", name="Actions and remedies"))
    checked(page)
    expect(page.get_by_role("main")).to_contain_text("Replace the boiler's pump")
    follow(
        page, page.get_by_role("link", name="Record as done (action: Replace the boiler's pump)")
    )
    checked(page)
    page.get_by_label("What the resident was told").fill(
        "Pump replaced; told the resident by phone."
    )
    submit(page, "Record as done")
    expect_success(page, "The action is recorded as done.")

    follow(page, page.get_by_role("link", name="Record acceptance or payment (remedy 1)"))
    checked(page)
    submit(page, "Save")
    expect_errors(page, "Enter at least one date: accepted, paid or done")
    fill_date(page, "id_accepted_on", today)
    fill_date(page, "id_paid_on", today)
    page.get_by_label("How it was paid").select_option("rent_account")
    submit(page, "Save")
    expect_success(page, "Progress on the remedy is recorded.")
    c = Complaint.objects.get(pk=c.pk)
    money = c.stage(1).remedies.get(kind="financial")
    # Paid, a financial remedy is done.
    assert (money.accepted_on, money.paid_on, money.payment_method, money.done_on) == (
        today,
        today,
        "rent_account",
        today,
    )
    assert c.stage(1).remedies.get(kind="apology").done_on == today
    assert c.stage(1).actions.get().done_on == today
    expect(page.get_by_role("main")).to_contain_text("Pump replaced; told the resident by phone.")


def test_a_remedy_is_marked_as_done_with_evidence_from_the_actions_page(
    today, page: Page, base_url: str
) -> None:
    landlord = factories.landlord("Riverside Homes")
    handler = people.staff(landlord, Role.HANDLER, first="Hamza", last="Ali")
    c = people.stage1_open(landlord, handler=handler, acknowledge=True)
    services.complaint_respond(
        complaint=c,
        outcome="upheld",
        reasons="Our records were wrong.",
        point_outcomes=["upheld", "upheld"],
        remedies=[services.RemedyInput(kind="correct_record", due_on=today + dt.timedelta(days=7))],
        by=None,
    )
    sign_in(page, base_url, handler)

    go(page, "/staff/actions/")
    expect(page.get_by_role("main")).to_contain_text("We will correct our records.")
    page.get_by_text("Mark as done").first.click()
    page.get_by_label("What shows it was done").fill("Rent account corrected, reference RA-2231.")
    checked(page)
    submit(page, f"Mark as done (remedy on {c.reference})")
    expect_success(page, "The remedy is recorded as done.")
    go(page, "/staff/actions/?show=done")
    expect(page.get_by_role("main")).to_contain_text("Rent account corrected, reference RA-2231.")
