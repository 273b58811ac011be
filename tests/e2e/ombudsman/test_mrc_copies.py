"""The copies to the Member Responsible for Complaints on the Ombudsman case page and the
failure orders page, in a real browser with axe-core (issue 17, item 6): one sent, one the
mail server refused."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page, expect

from putright.landlords.models import Role
from putright.landlords.services import landlord_mrc_set
from putright.ombudsman import services
from putright.ombudsman.models import FailureOrderKind, FindingKind, MrcCopy, MrcCopyWhat
from putright.ombudsman.services import FindingInput
from tests import factories
from tests.e2e.staff.helpers import go, sign_in
from tests.ombudsman.helpers import case, closed_complaint
from tests.staff import people


def test_the_copies_table_on_both_pages_meets_wcag(page: Page, base_url: str) -> None:
    landlord = factories.landlord("Riverside Homes", email="complaints@riverside.example")
    officer = people.staff(landlord, Role.OFFICER, first="Olivia", last="Grant")
    landlord_mrc_set(
        landlord=landlord,
        mrc_name="Councillor Jane Smith",
        mrc_email="jane.smith@council.example",
        mrc_copy_upheld=False,
        by=people.staff(landlord, Role.ADMINISTRATOR, first="Ada", last="Admin"),
    )
    the_case = case(landlord, complaint=closed_complaint(landlord))
    services.determination_record(
        case=the_case,
        determined_on=dt.date(2024, 9, 2),
        findings=[FindingInput("The repairs to the roof", FindingKind.MALADMINISTRATION)],
        by=None,
    )
    services.failure_order_record(
        landlord=landlord,
        issued_on=dt.date(2024, 9, 20),
        kind=FailureOrderKind.TYPE_1,
        what_failed="No stage 2 response.",
        actions_taken="",
        case=the_case,
        by=None,
    )
    MrcCopy.objects.filter(what=MrcCopyWhat.DETERMINATION).update(
        sent_at=dt.datetime(2024, 9, 20, 9, 30, tzinfo=dt.UTC)
    )
    MrcCopy.objects.filter(what=MrcCopyWhat.FAILURE_ORDER).update(
        failure="The mail server refused it: mailbox unavailable."
    )
    sign_in(page, base_url, officer)

    go(page, f"/staff/ombudsman/cases/{the_case.pk}/")
    table = page.get_by_role("table", name="Copies to the Member Responsible for Complaints")
    expect(table.get_by_role("row")).to_have_count(3)
    expect(table).to_contain_text("10:30am on 20 September 2024")

    go(page, "/staff/ombudsman/failure-orders/")
    table = page.get_by_role("table", name="Copies to the Member Responsible for Complaints")
    expect(table.get_by_role("row")).to_have_count(2)
    expect(table).to_contain_text("Not sent The mail server refused it: mailbox unavailable.")
