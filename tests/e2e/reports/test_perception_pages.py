"""The tenant perception measures' pages in a real browser, each checked with axe-core: the
TSM page's list of TP01 to TP12, a measure's page with its errors, and the figure saved."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.reports.test_report_pages import _open, _press, _sign_in


def test_an_officer_enters_tp12_with_not_applicable_errors_first(page: Page, base_url: str) -> None:
    _sign_in(page, base_url)
    _open(page, "/staff/reports/tsm/2023/")
    perception = page.get_by_role("table", name="Tenant perception measures for 2023/24")
    expect(perception).to_contain_text("TP12: Satisfaction with the landlord's approach")
    with page.expect_navigation():
        page.get_by_role("link", name="Enter TP12").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("TP12")
    _open(page, page.url)

    page.get_by_label("Very satisfied").fill("100")
    page.get_by_label("Fairly satisfied", exact=True).fill("64")
    page.get_by_label("Neither satisfied nor dissatisfied").fill("90")
    page.get_by_label("Fairly dissatisfied", exact=True).fill("seventy")
    page.get_by_label("Very dissatisfied").fill("76")
    page.get_by_label("Not applicable or don't know").fill("600")
    page.get_by_label("Sector median").fill("34")
    _press(page, "Save TP12")

    expect(page).to_have_title(
        "Error: TP12 for 2023/24 \N{EN DASH} Staff \N{EN DASH} Putright \N{EN DASH} Known Homes"
    )
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(
        "Enter the number who answered 'fairly dissatisfied' as a whole number, like 120"
    )
    # What was typed is kept, and the summary's link moves to the box.
    expect(page.get_by_label("Very satisfied")).to_have_value("100")
    expect(page.get_by_label("Sector median")).to_have_value("34")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Fairly dissatisfied", exact=True)).to_be_focused()

    page.get_by_label("Fairly dissatisfied", exact=True).fill("70")
    _press(page, "Save TP12")

    expect(page.get_by_role("main")).to_contain_text("TP12 has been saved.")
    row = page.get_by_role("row", name="TP12: Satisfaction with the landlord's approach")
    expect(row).to_contain_text("41.0%")
    expect(row).to_contain_text("1000")
    expect(row).to_contain_text("34.0%")
    expect(row.get_by_role("link", name="Change TP12")).to_be_visible()
