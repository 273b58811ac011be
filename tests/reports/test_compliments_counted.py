"""Compliments in the annual report and the quarterly update (counting-rules.md,
"Compliments"): counted in the period of their date received, by service area, with the
staff members named counted per area and never named."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook

from putright.compliments.services import compliment_record
from putright.landlords.models import ServiceArea
from putright.reports.exports import annual_export, quarterly_export
from putright.reports.periods import Quarter
from putright.reports.quarterly import quarterly_update
from putright.reports.report import annual_report
from tests import factories

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 12, 7)


@pytest.fixture
def landlord():
    landlord = factories.landlord()
    repairs = ServiceArea.objects.create(landlord=landlord, name="Repairs")
    estates = ServiceArea.objects.create(landlord=landlord, name="Estates")
    for day, area, named in (
        (dt.date(2025, 3, 31), repairs, "Dee Okafor"),  # 2024/25: not counted in 2025/26
        (dt.date(2025, 4, 1), repairs, "Dee Okafor"),  # 2025/26 Q1
        (dt.date(2025, 6, 30), repairs, "dee okafor"),  # the same person, Q1
        (dt.date(2025, 7, 1), repairs, "Sam Jones"),  # Q2
        (dt.date(2025, 8, 1), estates, ""),  # Q2, nobody named
        (dt.date(2026, 1, 15), None, ""),  # Q4, no service area given
        (dt.date(2026, 4, 1), estates, "Ann"),  # 2026/27
    ):
        compliment_record(
            landlord=landlord,
            words="Thank you.",
            channel="phone",
            received_on=day,
            service_area=area,
            staff_named=named,
            by=None,
        )
    return landlord


def test_the_annual_report_counts_the_years_compliments_by_service_area(landlord):
    assert annual_report(landlord, 2025, on=ON).figures["compliments"] == {
        "total": 5,
        "by_service_area": {"Repairs": 3, "Estates": 1, "Not given": 1},
        "naming_a_staff_member": {"total": 3, "by_service_area": {"Repairs": 3}},
        "staff_members_named": {"total": 2, "by_service_area": {"Repairs": 2}},
    }


def test_the_published_report_names_no_member_of_staff_in_any_format(landlord):
    for fmt in ("json", "html"):
        content = annual_export(landlord, 2025, fmt, on=ON).content.decode()
        assert "Okafor" not in content and "Sam Jones" not in content
    html = annual_export(landlord, 2025, "html", on=ON).content.decode()
    assert "Compliments by service area, 2025/26" in html
    assert "We received 5 compliments in 2025/26; 3 named a member of staff." in html
    book = load_workbook(io.BytesIO(annual_export(landlord, 2025, "xlsx", on=ON).content))
    sheet = book["compliments"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["Repairs", 3, 3, 2] in rows
    assert ["Not given", 1, 0, 0] in rows


def test_the_quarterly_update_counts_the_quarter_and_the_year_to_date(landlord):
    q2 = quarterly_update(landlord, Quarter(2025, 2), on=ON).figures["compliments"]
    assert q2["total"] == 2
    assert q2["by_service_area"] == {"Estates": 1, "Repairs": 1}
    assert q2["year_to_date"] == 4
    update = json.loads(quarterly_export(landlord, Quarter(2025, 1), "json", on=ON).content)
    assert update["compliments"]["staff_members_named"]["total"] == 1
    html = quarterly_export(landlord, Quarter(2025, 1), "html", on=ON).content.decode()
    assert "Compliments by service area" in html
    assert "Okafor" not in html


def test_a_year_without_compliments_says_so():
    report = annual_export(factories.landlord(), 2025, "html", on=ON).content.decode()
    assert "No compliments were recorded in 2025/26." in report
