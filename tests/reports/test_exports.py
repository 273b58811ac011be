"""The annual report as PDF, spreadsheet and web page: each opens, and holds the same figures
as the JSON (tests/reports/construction.py gives the record)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from putright.reports.exports import annual_export, quarterly_export
from putright.reports.layout import annual_document
from putright.reports.periods import Quarter
from putright.reports.report import annual_report
from putright.reports.xlsx import sheet_names
from tests.reports.construction import build_landlord

pytestmark = pytest.mark.django_db

ON = dt.date(2024, 6, 1)


@pytest.fixture
def landlord():
    return build_landlord()


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_pdf_opens_renders_and_has_cover_contents_and_page_numbers(landlord, tmp_path):
    pdf = annual_export(landlord, 2023, "pdf", on=ON).content
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout)[1])
    assert pages >= 5
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "2", str(path), str(tmp_path / "page")],
        check=True,
    )
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == 2
    assert all(image.stat().st_size > 1000 for image in images)
    text = _pdf_text(pdf, tmp_path)
    pages_text = text.split("\f")
    cover = _squash(pages_text[0])
    assert "Known Homes" in cover
    assert "Annual complaints performance and service improvement report" in cover
    assert "Page 1 of" not in cover  # the cover has no page number
    contents = _squash(pages_text[1])
    assert "Contents" in contents
    assert re.search(
        r"Code 8\.1 \(a\): Self-assessment against the Complaint Handling Code[ .]*\d+", contents
    )
    assert f"Page 2 of {pages}" in pages_text[1]
    assert f"Page {pages} of {pages}" in pages_text[pages - 1]


def test_the_pdf_uses_liberation_sans_and_never_gds_transport(landlord, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(annual_export(landlord, 2023, "pdf", on=ON).content)
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    assert "Liberation-Sans" in fonts.stdout
    assert "GDS" not in fonts.stdout and "Transport" not in fonts.stdout


def test_the_pdf_holds_the_json_figures(landlord, tmp_path):
    figures = annual_report(landlord, 2023, on=ON).figures
    text = _squash(_pdf_text(annual_export(landlord, 2023, "pdf", on=ON).content, tmp_path))
    s1, s2 = figures["stage1"], figures["stage2"]
    assert f"Stage 1 complaints received {s1['received']} 2" in text  # this year, then last
    assert (
        f"Stage 1 {s1['acknowledged']} {s1['acknowledged_within_timescale']} 91.7% "
        f"{s1['responded']} {s1['responded_within_timescale']} {s1['within_timescale_pct']}% "
        f"{s1['responded_within_agreed_extension']} {s1['within_agreed_extension_pct']}% "
        f"{s1['extended']}"
    ) in text
    assert f"£{figures['compensation_total_gbp']}" in text
    assert (
        f"Escalation rate: stage 2 as a share of stage 1 {figures['escalation_rate_pct']}%" in text
    )
    assert f"Stage 2 complaints per 1,000 homes (CH01) {s2['per_1000_homes']:.2f}" in text
    assert "Legal proceedings have started 1 0" in text
    assert "White British 7" in text and "fewer than 5" in text
    assert "TP09: satisfied with our approach to complaints handling not entered" in text


def test_the_spreadsheet_has_a_sheet_per_table_with_numbers_as_numbers(landlord):
    report = annual_report(landlord, 2023, on=ON)
    document = annual_document(report)
    workbook = load_workbook(BytesIO(annual_export(landlord, 2023, "xlsx", on=ON).content))
    tables = list(document.tables())
    assert workbook.sheetnames == ["About", *sheet_names(document)]
    assert len(workbook.sheetnames) == len(tables) + 1
    for table, name in zip(tables, sheet_names(document), strict=True):
        sheet = workbook[name]
        assert sheet["A1"].value == table.caption
        assert [c.value for c in sheet[4]][: len(table.columns)] == [
            c.heading for c in table.columns
        ]
        for row_number, row in enumerate(table.rows, start=5):
            for column_number, column in enumerate(table.columns, start=1):
                cell = sheet.cell(row=row_number, column=column_number).value
                if (
                    column.kind in ("count", "percent", "rate", "money")
                    and row[column_number - 1] is not None
                ):
                    value = row[column_number - 1]
                    if isinstance(value, (int, float, Decimal)):
                        assert isinstance(cell, (int, float)), (name, row_number, cell)


def _rows(workbook, name: str) -> dict[str, list]:
    sheet = workbook[name]
    return {
        row[0]: list(row[1:])
        for row in sheet.iter_rows(min_row=5, values_only=True)
        if row[0] is not None
    }


def test_the_spreadsheet_holds_the_json_figures(landlord):
    figures = annual_report(landlord, 2023, on=ON).figures
    workbook = load_workbook(BytesIO(annual_export(landlord, 2023, "xlsx", on=ON).content))
    volumes = _rows(workbook, "volumes")
    assert volumes["Complaints logged"] == [
        figures["logged"],
        figures["previous"]["logged"],
        figures["change"]["logged"]["change_pct"],
    ]
    assert volumes["Stage 1 complaints received"] == [12, 2, 500.0]
    assert volumes["Stage 2 requests refused"] == [figures["stage2"]["not_accepted"], 0, None]
    rates = _rows(workbook, "rates")
    assert rates["Stage 1 complaints per 1,000 homes (CH01)"] == [2.4, 0.41]
    assert rates["Escalation rate: stage 2 as a share of stage 1"] == [8.3, 0.0]
    assert workbook["rates"]["C7"].number_format == '0.0"%"'
    timeliness = _rows(workbook, "timeliness")
    s1 = figures["stage1"]
    assert timeliness["Stage 1 2023/24"] == [
        s1["acknowledged"],
        s1["acknowledged_within_timescale"],
        91.7,
        s1["responded"],
        s1["responded_within_timescale"],
        s1["within_timescale_pct"],
        s1["responded_within_agreed_extension"],
        s1["within_agreed_extension_pct"],
        s1["extended"],
    ]
    service_areas = _rows(workbook, "service-area")
    assert service_areas["Repairs"] == [9, 1, 1, 0]
    reasons = _rows(workbook, "compensation-reasons")
    assert reasons["Time and trouble"] == [1, 250, 0, 0]
    assert reasons["Goodwill"] == [0, 0, 1, 50.5]
    equality = _rows(workbook, "equality-age-band")
    assert equality == {
        "31 to 50": [7],
        "66 and over": ["fewer than 5"],
        "Not recorded": ["fewer than 5"],
    }
    glance = _rows(workbook, "at-a-glance")
    assert glance["Compensation offered"][:2] == [475.5, 0]
    assert workbook["at-a-glance"]["B13"].number_format == '"£"#,##0.00'


def test_the_web_page_is_self_contained_with_accessible_charts(landlord):
    html = annual_export(landlord, 2023, "html", on=ON).content.decode()
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in html
    assert "<link" not in html and " src=" not in html  # nothing loaded from elsewhere
    charts = re.findall(
        r'<svg class="report-chart" id="([^"]+)" role="img" aria-labelledby="([^"]+)"', html
    )
    assert len(charts) >= 8
    for chart_id, labelled_by in charts:
        assert labelled_by == f"{chart_id}-title {chart_id}-desc"
        assert f'<title id="{chart_id}-title">' in html and f'<desc id="{chart_id}-desc">' in html
    assert html.count('<th scope="col"') > 50
    assert "Code 8.1 (a)" in html and "Code 8.2" in html
    assert "We logged 13 complaints in 2023/24" in html


def test_the_quarterly_update_comes_as_pdf_and_html(landlord, tmp_path):
    pdf = quarterly_export(landlord, Quarter(2023, 2), "pdf", on=ON).content
    text = _squash(_pdf_text(pdf, tmp_path))
    assert "Quarterly complaints update" in text
    assert "July to September 2023 (Q2 2023/24)" in text
    html = quarterly_export(landlord, Quarter(2023, 2), "html", on=ON).content.decode()
    assert "Code 9.7 (c)" in html
