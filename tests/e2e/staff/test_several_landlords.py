"""Staff journeys in an installation of two and of three landlords (issue 15), in a real
browser, every page checked with axe-core: someone with a role at two landlords switches
between them and sees only the one they work for now (its queue, cases, reports and
settings); someone at one landlord cannot reach another's case; and a group's officer,
with no role at any landlord, reads the group's work queue and the group report."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from putright.landlords.models import GroupMembership, Landlord, Role, StaffMembership
from putright.landlords.services import group_add
from putright.rules.counting import financial_year_of
from tests import factories
from tests.e2e.staff.helpers import checked, expect_success, follow, go, sign_in
from tests.staff import people

LANDLORDS = (("Brent Council", "BC"), ("First Wave Housing", "FW"), ("I4B Holdings", "IB"))


def _installation(count: int) -> list[tuple[Landlord, str]]:
    """``count`` landlords, by name, each with one open complaint (its reference)."""
    made = []
    for name, prefix in LANDLORDS[:count]:
        landlord = factories.landlord(name, reference_prefix=prefix)
        handler = people.staff(landlord, Role.HANDLER)
        made.append((landlord, people.stage1_open(landlord, handler=handler).reference))
    return made


def _heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_contain_text(text)
    checked(page)


def _case(page: Page, reference: str) -> None:
    """The case page (its heading is the resident's name) of this reference."""
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text(reference)
    checked(page)


def _not_found(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 404, path
    _heading(page, "Page not found")


def _sees_only(page: Page, landlord: Landlord, own: str, others: list[str], today) -> None:
    """The queue, a case, the reports and the settings are this landlord's alone."""
    go(page, "/staff/")
    _heading(page, "Work queue")
    queue = page.locator("main table")
    expect(queue).to_contain_text(own)
    for reference in others:
        expect(queue).not_to_contain_text(reference)
    follow(page, page.get_by_role("link", name=own))
    _case(page, own)
    for reference in others:
        _not_found(page, f"/staff/cases/{reference}/")
    go(page, f"/staff/reports/annual/{financial_year_of(today)}/")
    _heading(page, "Annual complaints performance and service improvement report")
    report = page.locator("main")
    expect(report).to_contain_text(landlord.name)
    for name, _ in LANDLORDS:
        if name != landlord.name:
            expect(report).not_to_contain_text(name)
    go(page, "/staff/settings/")
    _heading(page, f"Set up {landlord.name}")


@pytest.mark.parametrize("count", [2, 3])
def test_someone_at_two_landlords_switches_and_sees_only_the_one_they_work_for(
    today, page: Page, base_url: str, count: int
) -> None:
    made = _installation(count)
    (first, first_ref), (second, second_ref) = made[0], made[1]
    references = [reference for _, reference in made]
    user = people.staff(first, Role.ADMINISTRATOR, first="Sam", last="Patel")
    StaffMembership.objects.create(user=user, landlord=second, role=Role.ADMINISTRATOR)
    sign_in(page, base_url, user)

    # Working for the first landlord, by name: its own records and pages only.
    _sees_only(page, first, first_ref, [r for r in references if r != first_ref], today)

    # Switch to the second.
    go(page, "/staff/")
    follow(page, page.get_by_role("link", name="Landlord", exact=True))
    _heading(page, "Which landlord are you working for?")
    if count == 3:  # a landlord they have no role at is not offered
        expect(page.locator("main")).not_to_contain_text(LANDLORDS[2][0])
    follow(page, page.get_by_role("button", name=f"Work for {second.name}"))
    expect_success(page, f"You are now working for {second.name}.")
    _sees_only(page, second, second_ref, [r for r in references if r != second_ref], today)


@pytest.mark.parametrize("count", [2, 3])
def test_someone_at_one_landlord_cannot_reach_anothers_case(
    page: Page, base_url: str, count: int
) -> None:
    made = _installation(count)
    (own, own_ref), others = made[0], made[1:]
    sign_in(page, base_url, people.staff(own, Role.OFFICER))
    go(page, f"/staff/cases/{own_ref}/")
    _case(page, own_ref)
    for _, reference in others:
        _not_found(page, f"/staff/cases/{reference}/")
    # Nor is another landlord theirs to choose.
    go(page, "/staff/account/landlord/")
    expect(page.locator("main")).to_contain_text("Your account works for this landlord only.")


@pytest.mark.parametrize("count", [2, 3])
def test_a_group_officer_reads_the_group_queue_and_the_group_report(
    page: Page, base_url: str, count: int
) -> None:
    made = _installation(count)
    group = group_add(name="Brent group", landlords=[landlord for landlord, _ in made], by=None)
    officer = factories.user(first_name="Grace", last_name="Mensah")
    GroupMembership.objects.create(user=officer, group=group, role="officer")
    sign_in(page, base_url, officer)

    go(page, f"/staff/groups/{group.slug}/queue/")
    _heading(page, "Group work queue")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(count)
    for landlord, reference in made:
        row = rows.filter(has_text=reference)
        expect(row).to_contain_text(landlord.name)
        # Read-only: they work for none of the landlords, so no case opens from here.
        expect(row.get_by_role("button")).to_have_count(0)

    # Filtered to one landlord.
    last, last_ref = made[-1]
    page.get_by_label("Landlord", exact=True).select_option(label=f"{last.name} (1)")
    follow(page, page.get_by_role("button", name="Apply filters"))
    _heading(page, "Group work queue")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(last_ref)

    # The group report, from the queue.
    follow(page, page.get_by_role("link", name="Group report", exact=True))
    _heading(page, "Group report: Brent group")
    for landlord, _ in made:
        expect(page.locator("#group-figures thead")).to_contain_text(landlord.name)
    # And back by the menu.
    follow(page, page.get_by_role("link", name="Group queue"))
    _heading(page, "Group work queue")
