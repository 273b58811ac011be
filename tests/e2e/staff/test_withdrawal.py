"""Journey: a complaint withdrawn at the resident's request before the response."""

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


def test_a_complaint_withdrawn_before_the_response(page: Page, base_url: str) -> None:
    landlord = factories.landlord("Riverside Homes")
    handler = people.staff(landlord, Role.HANDLER, first="Tom", last="Reed")
    c = people.stage1_open(
        landlord, handler=handler, acknowledge=True, resident=people.resident(landlord)
    )
    sign_in(page, base_url, handler)

    go(page, f"/staff/cases/{c.reference}/")
    follow(page, page.get_by_role("button", name="Withdraw"))
    checked(page)
    page.get_by_label("What they said").fill("The repair has now been done and they are happy.")
    submit(page, "Withdraw")
    expect_errors(page, "Enter who asked to withdraw it")
    expect(page.get_by_label("What they said")).to_have_value(
        "The repair has now been done and they are happy."
    )
    page.get_by_label("Who asked to withdraw it").fill("Amina Okafor, by phone")
    submit(page, "Withdraw")
    expect_success(page, "Withdrawn.")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Withdrawn at the request of Amina Okafor, by phone.")
    expect(page.get_by_role("button", name="Record the response")).to_have_count(0)
    expect(page.get_by_role("button", name="Add a note")).to_be_visible()
    c = Complaint.objects.get(pk=c.pk)
    assert (c.state, c.withdrawn_by, c.next_due_on) == ("withdrawn", "Amina Okafor, by phone", None)
