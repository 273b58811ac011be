"""Journey: a service request recorded, then a complaint raised from it when the resident is
unhappy with how it is handled; the service request goes on (Code 1.5)."""

from __future__ import annotations

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


def test_a_service_request_that_becomes_a_complaint(page: Page, base_url: str) -> None:
    landlord = factories.landlord("Riverside Homes")
    people.area(landlord, "Repairs and maintenance")
    person = people.resident(landlord)
    officer = people.staff(landlord, Role.OFFICER, first="Olivia", last="Grant")
    sign_in(page, base_url, officer)

    go(page, f"/staff/residents/{person.pk}/")
    follow(page, page.get_by_role("button", name="Log a complaint or request for Amina Okafor"))
    checked(page)
    submit(page, "Log it")
    expect_errors(
        page,
        "Choose whether this is a complaint, a service request or a member enquiry",
        "Choose how it came in",
        "Enter what the resident told us",
    )
    page.get_by_role("group", name="What is it?").get_by_label("Service request").check()
    page.get_by_label("How did it come in?").select_option("phone")
    page.get_by_label("What the resident told us").fill("The kitchen tap is leaking.")
    page.get_by_label("Service area").select_option(label="Repairs and maintenance")
    submit(page, "Log it")
    expect_success(page, "Service request CU-000001 recorded.")
    expect(page.get_by_role("main")).to_contain_text("Service request CU-000001")

    follow(page, page.get_by_role("button", name="Raise a complaint from this service request"))
    expect(page.get_by_role("main")).to_contain_text("the service request carries on (Code 1.5)")
    checked(page)
    page.get_by_label("How did it come in?").select_option("email")
    page.get_by_label("What the resident told us").fill(
        "Nobody came to fix the tap I reported two weeks ago."
    )
    submit(page, "Raise the complaint")
    expect_success(page, "Complaint CU-000002 logged. Next, triage it.")
    expect(page.get_by_role("main")).to_contain_text("Raised from")

    follow(page, page.get_by_role("button", name="Triage"))
    checked(page)
    page.get_by_role("group", name="What is your decision?").get_by_label(
        "Accept it as a stage 1 complaint"
    ).check()
    submit(page, "Save decision")
    expect_success(page, "Accepted as a stage 1 complaint.")

    follow(page, page.get_by_role("link", name="Service request CU-000001"))
    checked(page)
    expect(page.get_by_role("main")).to_contain_text("Complaints raised from this")
    expect(page.get_by_role("main")).to_contain_text("This service request goes on.")
    request = Complaint.objects.get(reference="CU-000001")
    complaint = Complaint.objects.get(reference="CU-000002")
    assert (request.kind, request.state) == ("service_request", "open")
    assert (complaint.raised_from, complaint.state, complaint.resident) == (
        request,
        "stage1",
        person,
    )
