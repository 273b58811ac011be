"""Journey: the open service requests and member enquiries as work (issue 17, item 3): the
queue filtered by kind and owner, an owner given, the member recorded, and the response
recorded with its date and words, each page checked with axe."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page, expect

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


def test_an_enquiry_from_the_queue_to_its_response(page: Page, base_url: str) -> None:
    landlord = factories.landlord("Riverside Homes")
    officer = people.staff(landlord, Role.OFFICER, first="Olivia", last="Grant")
    people.staff(landlord, Role.HANDLER, first="Sam", last="Jones")
    person = people.resident(landlord)
    request = people.logged(landlord, kind="service_request", received_on=dt.date(2026, 11, 2))
    enquiry = people.logged(
        landlord, kind="member_enquiry", resident=person, received_on=dt.date(2026, 12, 1)
    )
    sign_in(page, base_url, officer)

    go(page, "/staff/records/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Service requests and member enquiries"
    )
    expect(page.get_by_role("table")).to_contain_text(request.reference)
    expect(page.get_by_role("table")).to_contain_text("overdue")
    page.get_by_label("Kind").select_option("member_enquiry")
    submit(page, "Apply filters")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    checked(page)
    expect(page.get_by_role("table")).not_to_contain_text(request.reference)
    follow(page, page.get_by_role("link", name=enquiry.reference))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    checked(page)

    follow(page, page.get_by_role("button", name="Record the member"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the member")
    checked(page)
    page.get_by_label("The councillor's or MP's name").fill("Jo Bloggs MP")
    page.get_by_role("group", name="Are they a councillor or an MP?").get_by_label("MP").check()
    submit(page, "Save the member")
    expect_success(page, "Member saved.")

    follow(page, page.get_by_role("button", name="Change the owner"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the owner")
    checked(page)
    page.get_by_label("Owner").select_option(label="Sam Jones (Handler)")
    submit(page, "Save the owner")
    expect_success(page, "Owner saved.")
    expect(page.get_by_role("main")).to_contain_text("Sam Jones")

    follow(page, page.get_by_role("button", name="Record the response"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the response")
    checked(page)
    submit(page, "Record the response")
    expect_errors(page, "Enter what the response said")
    page.get_by_label("What the response said").fill("The damp survey is booked for Friday.")
    submit(page, "Record the response")
    expect_success(page, "Response recorded: member enquiry resolved, within its target.")

    go(page, "/staff/records/")
    expect(page.get_by_role("table")).not_to_contain_text(enquiry.reference)
    enquiry = Complaint.objects.get(pk=enquiry.pk)
    assert (enquiry.state, enquiry.member_name, enquiry.owner.get_full_name()) == (
        "resolved",
        "Jo Bloggs MP",
        "Sam Jones",
    )
