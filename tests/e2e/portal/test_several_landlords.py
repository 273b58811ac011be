"""Journey: an installation of several landlords (issue 15). The root asks who the
resident's landlord is; each landlord's complaint form, under /l/<slug>/, lands the
complaint in that landlord's own staff queue; and following a complaint finds only that
landlord's, even where two landlords have a complaint of the same reference."""

from __future__ import annotations

from dataclasses import replace

import pytest
from playwright.sync_api import Page, expect

from putright.complaints.models import Complaint
from putright.landlords.models import Landlord, Role
from tests import factories
from tests.e2e.portal.journey import (
    RESIDENT,
    check_page,
    code_in,
    enter_code,
    expect_heading,
    find_by_reference,
    latest_email_to,
    make_complaint,
    private_link_in,
    sign_in_as_staff,
)

DASH = "\u2013"  # the en dash between the parts of a page's title
NAMES = ("Brent Council", "I4B Holdings", "First Wave Housing")


def _landlords(count: int) -> list[Landlord]:
    return [
        factories.landlord(name, phone=f"020 8937 100{n}", email=f"complaints{n}@example.org")
        for n, name in enumerate(NAMES[:count])
    ]


def _headline_only(page: Page) -> None:
    expect(page.locator("h1")).to_have_count(1)


@pytest.mark.parametrize("count", [2, 3])
def test_the_root_asks_who_the_landlord_is_and_leads_to_its_own_pages(
    page: Page, count: int
) -> None:
    landlords = _landlords(count)

    page.goto("/")
    expect_heading(page, "Who is your landlord?")
    check_page(page)
    links = page.locator("#landlords a")
    expect(links).to_have_count(count)
    expect(links).to_have_text(sorted(landlord.name for landlord in landlords))

    chosen = landlords[-1]
    page.get_by_role("link", name=chosen.name).click()
    expect_heading(page, "Complain about our service")
    assert page.url.endswith(f"/l/{chosen.slug}/")
    expect(page).to_have_title(f"Complain about our service {DASH} Putright {DASH} {chosen.name}")
    expect(page.get_by_role("main")).to_contain_text(chosen.phone)
    check_page(page)
    page.get_by_role("button", name="Make a complaint").click()
    expect_heading(page, "Who is the complaint for?")
    assert page.url.endswith(f"/l/{chosen.slug}/complain/")


def test_the_form_at_the_root_sends_the_resident_to_choose_then_on_to_the_form(page: Page) -> None:
    landlords = _landlords(2)

    page.goto("/complain/")
    expect_heading(page, "Who is your landlord?")
    expect(page.get_by_role("main")).to_contain_text("Choose the landlord you want to complain to.")
    check_page(page)
    page.get_by_role("link", name=landlords[0].name).click()
    expect_heading(page, "Who is the complaint for?")
    assert page.url.endswith(f"/l/{landlords[0].slug}/complain/")


def test_each_landlords_complaint_lands_in_its_own_staff_queue(page: Page, base_url: str) -> None:
    landlords = _landlords(3)
    residents = {}
    for n, landlord in enumerate(landlords):
        who = replace(RESIDENT, name=f"Resident of {landlord.name}", email=f"r{n}@example.com")
        # Every page of one journey is checked with axe; the others as a person sees them.
        reference = make_complaint(
            page,
            who,
            check=check_page if n == 0 else _headline_only,
            start=f"/l/{landlord.slug}/complain/",
        )
        residents[landlord.pk] = (who, reference)
        message = latest_email_to(who.email)
        assert landlord.name in message.from_email and landlord.name in message.body
        assert private_link_in(message).startswith(f"/l/{landlord.slug}/track/link/")

    for landlord in landlords:
        who, reference = residents[landlord.pk]
        complaint = Complaint.objects.get(landlord=landlord, reference=reference)
        assert complaint.resident.name == who.name and complaint.channel == "web"

        officer = factories.user(f"officer-{landlord.slug}", landlord=landlord, role=Role.OFFICER)
        page.context.clear_cookies()
        sign_in_as_staff(page, base_url, officer)
        page.goto("/staff/")
        main = page.get_by_role("main")
        expect(main).to_contain_text(who.name)
        for other in landlords:
            if other != landlord:
                expect(main).not_to_contain_text(residents[other.pk][0].name)
    page.context.clear_cookies()


def test_following_a_complaint_finds_only_that_landlords_even_with_the_same_reference(
    page: Page,
) -> None:
    brent, i4b = _landlords(2)
    # The same person complains to both: both complaints are CU-000001.
    make_complaint(
        page,
        replace(RESIDENT, what_happened="Brent: the lift has been broken for weeks."),
        check=_headline_only,
        start=f"/l/{brent.slug}/complain/",
    )
    brent_link = private_link_in(latest_email_to(RESIDENT.email))
    reference = make_complaint(
        page,
        replace(RESIDENT, what_happened="I4B: the boiler has not worked since May."),
        check=_headline_only,
        start=f"/l/{i4b.slug}/complain/",
    )
    assert reference == "CU-000001"
    page.context.clear_cookies()

    # By reference, email address and code, at I4B's pages: I4B's complaint alone.
    find_by_reference(page, reference, RESIDENT.email, start=f"/l/{i4b.slug}/track/")
    enter_code(page, code_in(latest_email_to(RESIDENT.email)))
    expect_heading(page, "Your complaint")
    check_page(page)
    # The page is named for the landlord of the complaint it shows (the complaint's own).
    expect(page).to_have_title(f"Your complaint {DASH} Putright {DASH} {i4b.name}")

    # The same session at Brent's pages follows nothing there: it must find Brent's first.
    page.goto(f"/l/{brent.slug}/track/complaint/")
    expect_heading(page, "Check a complaint")
    assert page.url.endswith(f"/l/{brent.slug}/track/")

    # Brent's private link does not work on I4B's pages, and does on Brent's.
    page.goto(brent_link.replace(f"/l/{brent.slug}/", f"/l/{i4b.slug}/"))
    expect_heading(page, "This link does not work")
    check_page(page)
    page.goto(brent_link)
    expect_heading(page, "Your complaint")
    expect(page).to_have_title(f"Your complaint {DASH} Putright {DASH} {brent.name}")
