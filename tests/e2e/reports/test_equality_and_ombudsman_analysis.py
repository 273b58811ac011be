"""The equality data page and the annual report's Ombudsman analysis in a real browser,
each page checked with axe-core, the error state included."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from putright.ombudsman import services
from putright.ombudsman.models import OrderKind
from putright.ombudsman.services import FindingInput
from tests import factories
from tests.e2e.conftest import assert_no_axe_violations
from tests.reports.construction import build_landlord

D = dt.date


def _sign_in(page: Page, base_url: str, role: str):
    landlord = build_landlord()
    user = factories.user(landlord=landlord, role=role, first_name="Ada", last_name="Admin")
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )
    return landlord


def _press(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()
    assert_no_axe_violations(page)


def test_an_administrator_counts_people_with_a_threshold_of_3(page: Page, base_url: str) -> None:
    _sign_in(page, base_url, "administrator")
    page.goto("/staff/reports/annual/2023/")
    with page.expect_navigation():
        page.get_by_role("link", name="Change how equality data is counted").click()
    assert_no_axe_violations(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Equality data")

    page.get_by_label("The smallest count published").fill("2")
    _press(page, "Save the equality data settings")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("The smallest count published must be 3 or more")
    expect(
        page.get_by_label("Complaints: someone who complained twice is counted twice")
    ).to_be_checked()

    page.get_by_label("People: someone who complained twice is counted once").check()
    page.get_by_label("The smallest count published").fill("3")
    _press(page, "Save the equality data settings")
    expect(page.get_by_text("The equality data settings have been saved.")).to_be_visible()
    equality = page.locator("#equality")
    expect(equality).to_contain_text("each counted once however often they complained")
    expect(equality).to_contain_text('any count below 3 is shown as "fewer than 3"')
    expect(page.get_by_role("table", name="Sex of the people who complained")).to_contain_text(
        "People"
    )


def test_the_ombudsman_analysis_on_the_annual_report_page(page: Page, base_url: str) -> None:
    landlord = _sign_in(page, base_url, "officer")
    case = services.ombudsman_case_open(
        landlord=landlord, reference="HOS-E2E", opened_on=D(2023, 5, 2), by=None,
        resident_name="Ms A Resident",
    )  # fmt: skip
    determination = services.determination_record(
        case=case,
        determined_on=D(2023, 11, 6),
        findings=[
            FindingInput("Damp", "severe_maladministration", "damp_and_mould"),
            FindingInput("Handling", "maladministration", "complaint_handling"),
        ],
        by=None,
    )
    services.order_add(
        determination=determination, kind=OrderKind.COMPENSATION, description="Pay",
        amount=Decimal("900"), due_on=D(2023, 12, 4), owner="Finance", by=None,
    )  # fmt: skip
    response = page.goto("/staff/reports/annual/2023/")
    assert response is not None and response.status == 200
    assert_no_axe_violations(page)
    by_category = page.get_by_role("table", name="The Ombudsman's findings by category and outcome")
    expect(by_category).to_contain_text("Damp and mould")
    expect(page.get_by_role("table", name="The Ombudsman's decisions about us")).to_contain_text(
        "Maladministration rate"
    )
    expect(
        page.get_by_role(
            "table", name="Compensation the Ombudsman ordered and recommended, by case"
        )
    ).to_contain_text("£900.00")
