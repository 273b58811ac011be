"""Page: the response form's sub-cause (issue 13, item 5). Every sub-cause is listed under
its root cause; with JavaScript, choosing a root cause offers only its own."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from putright.landlords.models import Role
from putright.landlords.services import sub_causes_seed
from tests import factories
from tests.e2e.staff.helpers import checked, go, sign_in
from tests.staff import people


def test_the_sub_causes_follow_the_root_cause_chosen(page: Page, base_url: str) -> None:
    landlord = factories.landlord("Riverside Homes")
    sub_causes_seed(landlord=landlord)
    handler = people.staff(landlord, Role.HANDLER)
    c = people.stage1_open(landlord, handler=handler, acknowledge=True)
    sign_in(page, base_url, handler)

    go(page, f"/staff/cases/{c.reference}/respond/")
    checked(page)
    sub_cause = page.get_by_label("Sub-cause")
    page.get_by_label("Root cause", exact=True).select_option("service_failure")
    # Options inside a select have no box of their own: ask the groups themselves.
    expect(sub_cause.locator("optgroup[label='Service failure']")).to_have_js_property(
        "disabled", False
    )
    expect(sub_cause.locator("optgroup[label='Communication']")).to_have_js_property("hidden", True)
    sub_cause.select_option("delay")
    page.get_by_label("Root cause", exact=True).select_option("communication")
    expect(sub_cause).to_have_value("")  # the choice under the other root cause is cleared
    sub_cause.select_option("not_kept_informed")
    expect(sub_cause).to_have_value("not_kept_informed")
