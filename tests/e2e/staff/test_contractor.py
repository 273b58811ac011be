"""A contractor's handler sees and acts only on its contractor's allocations: a direct
address of another contractor's case is a plain-English 403 page (issue 3, item 1); and
what is the landlord's own (withdrawing, a resident's record, the reviews of every
resident's needs) is neither offered nor allowed (issue 12, item 9)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from putright.landlords.models import Role
from tests import factories
from tests.e2e.staff.helpers import checked, go, sign_in
from tests.staff import people


def test_a_contractor_cannot_see_another_contractors_case(page: Page, base_url: str) -> None:
    landlord = factories.landlord("Riverside Homes")
    kestrel = people.contractor(landlord, "Kestrel Property Services")
    greenway = people.contractor(landlord, "Greenway Grounds")
    handler = people.staff(
        landlord, Role.CONTRACTOR_HANDLER, first="Chris", last="Doyle", contractor=kestrel
    )
    ours = people.stage1_open(
        landlord, handler=handler, contractor=kestrel, resident=people.resident(landlord)
    )
    theirs = people.stage1_open(
        landlord, contractor=greenway, description="Greenway's grass cutting"
    )
    sign_in(page, base_url, handler)

    go(page, "/staff/")
    rows = page.locator("table tbody")
    expect(rows).to_contain_text(ours.reference)
    expect(rows).not_to_contain_text(theirs.reference)

    go(page, f"/staff/cases/{ours.reference}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Amina Okafor")

    response = page.goto(f"/staff/cases/{theirs.reference}/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot see this page")
    expect(page.get_by_role("main")).to_contain_text(
        "This complaint is not allocated to your organisation."
    )
    expect(page.get_by_role("main")).not_to_contain_text("Greenway")
    checked(page)


def test_a_contractor_works_its_case_but_not_what_is_the_landlords(
    page: Page, base_url: str
) -> None:
    landlord = factories.landlord("Riverside Homes")
    kestrel = people.contractor(landlord, "Kestrel Property Services")
    handler = people.staff(
        landlord, Role.CONTRACTOR_HANDLER, first="Chris", last="Doyle", contractor=kestrel
    )
    resident = people.resident(landlord)
    ours = people.stage1_open(
        landlord, handler=handler, contractor=kestrel, resident=resident, acknowledge=True
    )
    sign_in(page, base_url, handler)

    go(page, f"/staff/cases/{ours.reference}/")
    expect(page.get_by_role("button", name="Add a note")).to_be_visible()
    expect(page.get_by_role("button", name="Withdraw")).to_have_count(0)
    expect(page.get_by_role("navigation", name="Staff menu")).not_to_contain_text("Reviews due")

    go(page, f"/staff/residents/{resident.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Amina Okafor")
    expect(page.get_by_role("link", name="Change details")).to_have_count(0)

    for path in (f"/staff/cases/{ours.reference}/withdraw/", "/staff/reviews/"):
        response = page.goto(path)
        assert response is not None and response.status == 403
        expect(page.get_by_role("heading", level=1)).to_have_text("You cannot see this page")
        expect(page.get_by_role("main")).to_contain_text("the landlord's own complaints team")
        checked(page)
