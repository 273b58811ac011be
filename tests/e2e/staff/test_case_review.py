"""A critical case review in the browser (issue 17 item 6): an officer selects complaints
for the panel, fixes what the form refused, records the panel's meeting and findings, adds
an action that lands in the improvements register, and finds the review on the list; and an
administrator records the Member Responsible for Complaints. Each page checked with
axe-core."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from putright.landlords.models import Role
from putright.learning.models import LearningRecord
from tests import factories
from tests.e2e.staff.helpers import checked, follow, go, sign_in, submit


def test_an_officer_runs_a_critical_case_review(page: Page, base_url: str) -> None:
    landlord = factories.landlord("Riverside Homes")
    first = factories.complaint(landlord)
    second = factories.complaint(landlord)
    sign_in(page, base_url, factories.user(landlord=landlord, role=Role.OFFICER))
    go(page, "/staff/learning/reviews/")
    expect(page.get_by_text("No complaints have been selected")).to_be_visible()
    follow(page, page.get_by_role("link", name="Select complaints for review"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Select complaints for review")
    checked(page)

    page.get_by_label("Complaints to review").fill(f"{first.reference}\nCU-999999")
    submit(page, "Select for review")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is no complaint CU-999999: check the reference")
    expect(summary).to_contain_text("Say why these complaints are being reviewed")
    checked(page)

    page.get_by_label("Complaints to review").fill(f"{first.reference}, {second.reference}")
    page.get_by_label("Why the panel should review them").fill("Repeat leaks in one block.")
    submit(page, "Select for review")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Critical case review")
    expect(page.get_by_text("The complaints have been selected for review.")).to_be_visible()
    expect(page.get_by_role("link", name=second.reference)).to_be_visible()
    checked(page)

    follow(page, page.get_by_role("link", name="Record the panel's meeting"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the panel's meeting")
    checked(page)
    page.get_by_label("Day").fill("7")
    page.get_by_label("Month").fill("12")
    page.get_by_label("Year", exact=True).fill("2026")
    page.get_by_label("What the panel found").fill("Leaks were patched, never traced.")
    submit(page, "Save the findings")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Critical case review")
    expect(page.get_by_text("Leaks were patched, never traced.")).to_be_visible()
    expect(page.get_by_text("7 December 2026", exact=True)).to_be_visible()
    checked(page)

    follow(page, page.get_by_role("link", name="Add an action"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an action")
    checked(page)
    page.get_by_label("The action").fill("Survey the roof of every block with two leaks.")
    page.get_by_label("What we learned").fill("Patching hides the cause.")
    page.get_by_label("Owner").fill("Head of Repairs")
    submit(page, "Add the action")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Critical case review")
    expect(
        page.get_by_role("link", name="Survey the roof of every block with two leaks.")
    ).to_be_visible()
    checked(page)
    assert LearningRecord.objects.get().case_review is not None

    go(page, "/staff/learning/")
    expect(page.get_by_role("cell", name="Critical case review", exact=False)).to_be_visible()
    go(page, "/staff/learning/reviews/")
    expect(page.get_by_role("cell", name="Repeat leaks in one block.")).to_be_visible()


def test_an_administrator_records_the_member_responsible_for_complaints(
    page: Page, base_url: str
) -> None:
    landlord = factories.landlord("Riverside Homes")
    sign_in(page, base_url, factories.user(landlord=landlord, role=Role.ADMINISTRATOR))
    go(page, "/staff/settings/mrc/")
    page.get_by_label("Name").fill("Councillor Jane Smith")
    submit(page, "Save")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the email address of the Member Responsible for Complaints"
    )
    checked(page)
    page.get_by_label("Email address").fill("jane.smith@council.example")
    page.get_by_label("Also copy every upheld decision", exact=False).check()
    submit(page, "Save")
    expect(page.get_by_role("heading", level=1)).to_have_text("Member Responsible for Complaints")
    expect(
        page.get_by_text("The Member Responsible for Complaints has been saved.")
    ).to_be_visible()
    checked(page)
    landlord.refresh_from_db()
    assert landlord.mrc_copy_upheld is True
