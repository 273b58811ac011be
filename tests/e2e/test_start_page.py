"""The start page in a real browser: content, styles, scripts and accessibility."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests import factories
from tests.e2e.conftest import assert_no_axe_violations


def test_start_page_explains_complaining_to_the_landlord(page: Page) -> None:
    factories.landlord(
        "Riverside Homes",
        phone="0161 496 0000",
        email="complaints@riverside.example",
        address="1 River Street\nManchester\nM1 1AA",
    )

    page.goto("/")

    expect(page).to_have_title(
        "Complain about our service \N{EN DASH} Putright \N{EN DASH} Riverside Homes"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Complain about our service")
    expect(page.get_by_role("banner")).to_contain_text("Riverside Homes")
    expect(page.get_by_role("banner")).to_contain_text("Putright")
    for heading in ("What a complaint is", "Stage 1", "Stage 2", "The Housing Ombudsman"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    main = page.get_by_role("main")
    expect(main).to_contain_text("within 5 working days to say we have your complaint")
    expect(main).to_contain_text("our answer within 10 working days of that reply")
    expect(main).to_contain_text("our final answer within 20 working days of that reply")
    expect(main.get_by_role("link", name="0161 496 0000")).to_have_attribute(
        "href", "tel:01614960000"
    )
    expect(main.get_by_role("link", name="0300 111 3000")).to_have_attribute(
        "href", "tel:03001113000"
    )
    expect(main.get_by_role("link", name="Staff sign in")).to_have_attribute(
        "href", "/staff/sign-in/"
    )
    assert_no_axe_violations(page)


def test_start_page_uses_the_system_fonts_and_starts_govuk_frontend(page: Page) -> None:
    factories.landlord("Riverside Homes")

    page.goto("/")

    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert font.startswith("system-ui"), font
    assert "GDS Transport" not in font
    expect(page.locator("body")).to_have_class(
        "govuk-template__body js-enabled govuk-frontend-supported"
    )
    expect(page.locator(".govuk-service-navigation")).to_have_attribute(
        "data-govuk-service-navigation-init", ""
    )


def test_without_a_landlord_the_start_page_says_how_to_set_one_up(page: Page) -> None:
    page.goto("/")

    expect(page.get_by_role("heading", level=1)).to_have_text("This service is not set up yet")
    expect(page.get_by_role("main")).to_contain_text("putright landlord add NAME")
    assert_no_axe_violations(page)


def test_start_page_fits_a_320_pixel_screen(page: Page, tmp_path: Path) -> None:
    factories.landlord(
        "Riverside Community Housing Association Limited",
        email="complaints-and-compliments@riverside-community-housing.example",
    )
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto("/")
    screenshot = page.screenshot(path=tmp_path / "start-320.png", full_page=True)

    assert screenshot
    widths = page.evaluate(
        "({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})"
    )
    assert widths["scroll"] <= widths["client"], widths
