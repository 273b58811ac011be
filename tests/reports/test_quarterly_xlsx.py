"""The quarterly update as a spreadsheet (issue 12, item 10): from its page and from
`putright report quarterly --format xlsx`, one sheet per table, numbers stored as numbers,
and words someone typed that a spreadsheet would run as a formula kept as text."""

from __future__ import annotations

import datetime as dt
import zipfile
from io import BytesIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from putright.landlords.models import Role
from putright.reports.exports import quarterly_export
from putright.reports.layout import quarterly_document
from putright.reports.periods import Quarter
from putright.reports.quarterly import quarterly_update
from putright.reports.xlsx import HEADER_ROW, sheet_names
from tests import factories
from tests.reports.construction import build_landlord
from tests.staff import people

pytestmark = pytest.mark.django_db

Q1 = Quarter(2023, 1)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_the_command_writes_one_sheet_per_table_with_numbers_as_numbers(tmp_path):
    landlord = build_landlord()
    out = tmp_path / "q1.xlsx"

    call_command(
        "report", "quarterly", "--landlord", "Known Homes", "--quarter", "2023-Q1",
        "--format", "xlsx", "--out", str(out),
    )  # fmt: skip

    document = quarterly_document(quarterly_update(landlord, Q1))
    names = sheet_names(document)
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["About", *names]
    assert len(names) == len(list(document.tables())) > 1
    compared = 0
    for table, name in zip(document.tables(), names, strict=True):
        sheet = workbook[name]
        assert sheet["A1"].value == table.caption
        for r, row in enumerate(table.rows, start=HEADER_ROW + 1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, int) and not isinstance(value, bool):
                    assert sheet.cell(row=r, column=c).value == value
                    assert sheet.cell(row=r, column=c).data_type == "n"
                    compared += 1
    assert compared > 10


def test_the_page_offers_the_spreadsheet_and_downloads_it(client):
    landlord = build_landlord()
    client.force_login(factories.user(landlord=landlord, role=Role.OFFICER))

    page = client.get("/staff/reports/quarterly/2023-Q1/").content.decode()
    download = client.get("/staff/reports/quarterly/2023-Q1/download/xlsx/")

    assert "/staff/reports/quarterly/2023-Q1/download/xlsx/" in page
    assert download.status_code == 200
    assert download["Content-Type"] == XLSX
    assert download["Content-Disposition"] == (
        'attachment; filename="known-homes-quarterly-update-2023-Q1.xlsx"'
    )
    assert load_workbook(BytesIO(download.content)).sheetnames[0] == "About"


def test_a_name_that_looks_like_a_formula_is_kept_as_text():
    landlord = factories.landlord("Formula Homes")
    evil = '=HYPERLINK("http://example.com/steal","Repairs")'
    people.stage1_open(
        landlord, received_on=dt.date(2023, 5, 2), service_area=people.area(landlord, evil)
    )
    people.stage1_open(
        landlord, received_on=dt.date(2023, 5, 3), service_area=people.area(landlord, "@SUM(1)")
    )

    content = quarterly_export(landlord, Q1, "xlsx").content

    with zipfile.ZipFile(BytesIO(content)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) for n in sheets)
    cells = {
        cell.value: cell
        for sheet in load_workbook(BytesIO(content)).worksheets
        for row in sheet.iter_rows()
        for cell in row
    }
    for text in (evil, "@SUM(1)"):
        assert cells[text].data_type == "s"
        assert cells[text].quotePrefix
