"""Every portal page and state on a 320 px wide screen and at 400% zoom (a 1280 x 720 screen
at 400% is a 320 x 180 CSS pixel viewport drawn four times over): nothing scrolls sideways,
axe-core finds nothing, and a screenshot of each is kept in the test's directory."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from putright.letters.kinds import LetterKind
from tests.e2e.portal.journey import (
    REPRESENTATIVE,
    check_page,
    code_in,
    enter_code,
    expect_heading,
    find_by_reference,
    latest_email_to,
    make_complaint,
    press_continue,
    submit,
)
from tests.letters import records
from tests.portal.support import access_for, issue_letter

SCREENS = {
    "320px": {"viewport": {"width": 320, "height": 640}, "device_scale_factor": 1},
    "zoom400": {"viewport": {"width": 320, "height": 180}, "device_scale_factor": 4},
}
LONG_EMAIL = "ada.okafor.family-representative@riverside-community-housing.example"


@pytest.fixture(params=list(SCREENS))
def small(
    request, browser: Browser, base_url: str, tmp_path: Path
) -> Iterator[tuple[Page, Callable[[Page], None]]]:
    """A page on a small screen, and a check that it fits, passes axe and is photographed."""
    context = browser.new_context(base_url=base_url, **SCREENS[request.param])
    page = context.new_page()
    shots = tmp_path / request.param
    shots.mkdir()
    numbers = itertools.count(1)

    def fits(page: Page) -> None:
        widths = page.evaluate(
            "({scroll: document.documentElement.scrollWidth,"
            " client: document.documentElement.clientWidth})"
        )
        assert widths["scroll"] <= widths["client"], (page.url, widths)
        name = re.sub(r"[^a-z0-9]+", "-", page.title().lower()).strip("-")[:60]
        shot = shots / f"{next(numbers):02d}-{name}.png"
        page.screenshot(path=shot, full_page=True)
        assert shot.stat().st_size > 0
        check_page(page)

    yield page, fits
    context.close()


def test_the_complaint_form_fits_small_screens(small, landlord, tmp_path: Path) -> None:
    page, fits = small
    photo = tmp_path / "a-photo-with-a-rather-long-file-name-of-the-kitchen-ceiling.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    who = replace(REPRESENTATIVE, email=LONG_EMAIL, files=(photo,))

    reference = make_complaint(page, who, check=fits)

    assert reference
    assert len(list(tmp_path.glob("*/*.png"))) >= 13  # every page of the form, photographed


def test_error_states_fit_small_screens(small, landlord) -> None:
    page, fits = small
    page.goto("/complain/")
    press_continue(page)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    fits(page)
    page.get_by_label("For me").check()
    press_continue(page)
    page.get_by_label("What is your full name?").fill("Sam")
    press_continue(page)
    page.get_by_label("Phone call").check()
    press_continue(page)
    page.get_by_label("Email address").fill("not-an-email-" + "x" * 60)
    press_continue(page)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    fits(page)


def test_following_a_complaint_fits_small_screens(small, landlord) -> None:
    page, fits = small
    complaint = records.stage1_decided(landlord)
    issue_letter(complaint, LetterKind.STAGE1_RESPONSE)

    find_by_reference(page, complaint.reference, "amina.okafor@example.org", check=fits)
    code = code_in(latest_email_to("amina.okafor@example.org"))
    enter_code(page, "000000" if code != "000000" else "111111")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    fits(page)
    enter_code(page, code)
    expect_heading(page, "Your complaint")
    fits(page)  # the complaint page: letters, promised actions, stage 2
    submit(page, "Ask for stage 2")
    expect_heading(page, "Ask us to look at your complaint again")
    fits(page)
    page.goto("/track/complaint/support/")
    fits(page)
    submit(page, "Send request")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    fits(page)

    final = records.stage2_responded(landlord)
    _, token = access_for(final)
    page.goto(f"/track/link/{token}/")
    page.goto("/track/complaint/feedback/")
    fits(page)
    page.goto("/track/link/this-link-does-not-work-this-link-does-not/")
    fits(page)
