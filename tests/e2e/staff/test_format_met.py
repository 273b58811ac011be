"""Journey: a handler records that a BSL interpreter joined a meeting with a resident who
needs one, from the case page, first leaving out how it was met (issue 17, Code 5.10).
Every page is checked with axe-core as it goes."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from putright.complaints.models import Event, EventKind
from putright.landlords.models import Role, today
from putright.residents.models import ReasonableAdjustment
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


def test_a_bsl_interpreter_at_a_meeting_is_recorded(page: Page, base_url: str) -> None:
    landlord = factories.landlord("Riverside Homes", phone="0161 496 0000")
    handler = people.staff(landlord, Role.HANDLER, first="Priya", last="Shah")
    person = people.resident(landlord)
    ReasonableAdjustment.objects.create(
        resident=person,
        kind=ReasonableAdjustment.Kind.BSL,
        agreed_on=today(),
        review_due_on=today(),
    )
    c = people.stage1_open(landlord, handler=handler, acknowledge=True, resident=person)
    sign_in(page, base_url, handler)

    go(page, f"/staff/cases/{c.reference}/")
    follow(page, page.get_by_role("button", name="Record how a need was met"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record how a need was met")
    checked(page)

    need = page.get_by_role("group", name="Which need was met?")
    need.get_by_label("British Sign Language").check()
    page.get_by_label("What was it for?").fill("the meeting on 3 December")
    submit(page, "Save")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record how a need was met")
    expect_errors(page, "Enter how the need was met")
    expect(need.get_by_label("British Sign Language")).to_be_checked()
    expect(page.get_by_label("What was it for?")).to_have_value("the meeting on 3 December")

    page.get_by_label("How was the need met?").fill(
        "A BSL interpreter from SignLive joined the meeting."
    )
    submit(page, "Save")
    expect(page.get_by_role("heading", level=1)).to_have_text("Amina Okafor")
    expect_success(page, "How the need was met is recorded on the timeline.")
    expect(page.get_by_role("main")).to_contain_text(
        "provided for the meeting on 3 December: A BSL interpreter from SignLive joined the "
        "meeting."
    )
    event = Event.objects.get(complaint=c, kind=EventKind.FORMAT_MET)
    assert event.detail["format"] == "bsl"
