"""The publications page in a real browser (Code 8.2): a landlord's published reports and
self-assessments with a superseded version, under its own /l/<slug>/ address with two
landlords, meeting WCAG 2.2 AA; a file opens as published."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page, expect

from putright.reports.services import annual_report_publish, narrative_save
from tests import factories
from tests.e2e.conftest import assert_no_axe_violations


def _publish(landlord, year, correction=""):
    narrative_save(
        landlord=landlord,
        year=year,
        by=None,
        governing_body="Housing Committee",
        governing_body_response="We accept the report.",
        governing_body_response_on=dt.date(year + 1, 7, 14),
    )
    return annual_report_publish(landlord=landlord, year=year, correction=correction, by=None)


def test_the_publications_page_lists_the_years_and_meets_wcag(page: Page) -> None:
    brent = factories.landlord("Brent Council")
    wave = factories.landlord("First Wave Housing")
    _publish(brent, 2024)
    _publish(brent, 2025)
    current = _publish(brent, 2025, correction="The stage 2 figures were wrong.")
    _publish(wave, 2023)

    page.goto(f"/l/{brent.slug}/publications/")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Complaints reports and self-assessments"
    )
    expect(page.get_by_role("heading", name="2025/26")).to_be_visible()
    expect(page.get_by_role("heading", name="2024/25")).to_be_visible()
    expect(page.get_by_role("heading", name="2023/24")).to_have_count(0)
    main = page.get_by_role("main")
    expect(main).to_contain_text(current.files.get(format="pdf").sha256)
    expect(main).to_contain_text("The stage 2 figures were wrong.")
    assert_no_axe_violations(page)

    page.get_by_text("Earlier version, replaced").click()
    expect(main).to_contain_text("Superseded")
    assert_no_axe_violations(page)

    page.get_by_role(
        "link",
        name="Annual complaints performance and service improvement report 2025/26, version 2: Web page (HTML)",
    ).click()
    expect(page).to_have_url(f"/l/{brent.slug}/publications/2025/annual-report/2/html/")
    expect(page.get_by_text("We accept the report.").first).to_be_visible()


def test_the_publications_page_on_a_small_screen_meets_wcag(page: Page) -> None:
    landlord = factories.landlord("Known Homes")
    _publish(landlord, 2025)
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto("/publications/")

    expect(page.get_by_role("heading", name="2025/26")).to_be_visible()
    assert_no_axe_violations(page)
