"""Names someone typed that a spreadsheet would run as a formula are written as text in
every report download: the annual report's XLSX (a theme or service area), the TSM return's
CSV (the landlord's name) and the compliance view's CSV (a reference brought in from a
register)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
from openpyxl import load_workbook

from putright.reports.compliance_export import compliance_csv
from putright.reports.exports import annual_export, tsm_export
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example","Repairs")'


def test_a_theme_or_service_area_like_a_formula_is_text_in_the_annual_spreadsheet():
    landlord = factories.landlord("Formula Homes")
    people.stage1_open(
        landlord,
        received_on=dt.date(2023, 5, 2),
        service_area=people.area(landlord, EVIL),
        theme=people.theme(landlord, " =cmd|' /C calc'!A0"),
    )

    content = annual_export(landlord, 2023, "xlsx").content

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) for n in sheets)
    cells = {
        cell.value: cell
        for sheet in load_workbook(io.BytesIO(content)).worksheets
        for row in sheet.iter_rows()
        for cell in row
    }
    for text in (EVIL, " =cmd|' /C calc'!A0"):
        assert cells[text].data_type == "s"
        assert cells[text].quotePrefix


def test_the_tsm_csv_writes_a_landlord_name_like_a_formula_as_text():
    landlord = factories.landlord("@SUM(1+1) Homes")

    rows = list(csv.reader(io.StringIO(tsm_export(landlord, 2023, "csv").content.decode())))

    assert ["landlord", "'@SUM(1+1) Homes"] in rows


def test_the_compliance_csv_writes_references_like_a_formula_as_text():
    figures = {
        "provisions": [
            {
                "provision": "5.1",
                "figure": "-1 of 2",
                "numerator": 1,
                "denominator": 2,
                "percentage": 50.0,
                "breaking_references": ["=1+1", "CU-000001"],
            }
        ]
    }

    rows = list(csv.reader(io.StringIO(compliance_csv(figures))))

    assert rows[1] == ["5.1", "'-1 of 2", "1", "2", "50.0", "'=1+1 CU-000001"]
