"""The annual report's Ombudsman section analyses the determinations (Code 8.1 e, f): the
decisions with maladministration, the findings by category and outcome, the compensation
ordered and the maladministration rate, beside last year's, in the JSON, the web page and
the spreadsheet."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from putright.ombudsman import services
from putright.ombudsman.models import OrderKind
from putright.ombudsman.services import FindingInput
from putright.reports.exports import annual_export
from putright.reports.periods import Period, Quarter, year_period
from putright.reports.providers import same_time_last_year
from putright.reports.report import annual_report
from tests import factories
from tests.ombudsman.helpers import case

pytestmark = pytest.mark.django_db

D = dt.date
ON = D(2024, 6, 1)


def _determine(landlord, reference, on, findings, compensation=None):
    determination = services.determination_record(
        case=case(landlord, reference=reference, opened_on=on - dt.timedelta(days=90)),
        determined_on=on,
        findings=[FindingInput(f"Element {i}", o, c) for i, (c, o) in enumerate(findings, 1)],
        by=None,
    )
    if compensation:
        services.order_add(
            determination=determination,
            kind=OrderKind.COMPENSATION,
            description="Pay compensation",
            amount=Decimal(compensation),
            due_on=on + dt.timedelta(days=28),
            owner="Finance",
            by=None,
        )
    return determination


@pytest.fixture
def landlord():
    landlord = factories.landlord("Ombudsman Homes")
    # 2022/23: two determinations, one with maladministration; £400 ordered.
    _determine(landlord, "HOS-21", D(2022, 10, 3), [("repairs", "maladministration")], "400")
    _determine(landlord, "HOS-22", D(2023, 1, 9), [("repairs", "no_maladministration")])
    # 2023/24: three determinations; £500 and £250 ordered.
    _determine(
        landlord,
        "HOS-31",
        D(2023, 6, 5),
        [("damp_and_mould", "severe_maladministration"), ("complaint_handling", "maladministration")],
        "500",
    )  # fmt: skip
    _determine(landlord, "HOS-32", D(2023, 9, 4), [("leaks", "service_failure")], "250")
    _determine(landlord, "HOS-33", D(2024, 2, 5), [("anti_social_behaviour", "mediation")])
    return landlord


def test_the_json_gives_the_analysis_beside_last_year_and_the_change(landlord):
    data = annual_report(landlord, 2023, on=ON).figures["sections"]["ombudsman_casework"]["data"]
    analysis = data["analysis"]
    assert data["determinations"] == 3  # the key that was there before is unchanged
    assert (
        analysis["determinations"],
        analysis["determinations_with_maladministration"],
        analysis["determinations_with_severe_maladministration"],
        analysis["determinations_with_fault"],
        analysis["maladministration_rate_pct"],
    ) == (3, 1, 1, 2, 66.7)
    assert analysis["compensation_by_case"] == [
        {"case": "HOS-31", "ordered_gbp": "500.00", "recommended_gbp": "0.00"},
        {"case": "HOS-32", "ordered_gbp": "250.00", "recommended_gbp": "0.00"},
    ]
    assert analysis["compensation_ordered_gbp"] == "750.00"
    assert analysis["findings_by_category"]["anti_social_behaviour"]["mediation"] == 1
    previous = analysis["previous"]
    assert (previous["label"], previous["period"]) == (
        "2022/23",
        {"start": "2022-04-01", "end": "2023-03-31"},
    )
    assert (previous["determinations"], previous["maladministration_rate_pct"]) == (2, 50.0)
    assert previous["compensation_ordered_gbp"] == "400.00"
    change = analysis["change"]
    assert change["determinations"] == {
        "current": 3,
        "previous": 2,
        "difference": 1,
        "change_pct": 50.0,
    }
    assert change["compensation_ordered_gbp"] == {
        "current": "750.00",
        "previous": "400.00",
        "difference": "350.00",
        "change_pct": 87.5,
    }
    assert change["maladministration_rate_pct"] == {
        "current": 66.7,
        "previous": 50.0,
        "difference": 16.7,
    }


def test_the_web_page_and_the_spreadsheet_show_the_tables(landlord):
    html = annual_export(landlord, 2023, "html", on=ON).content.decode()
    assert "The Ombudsman&#x27;s findings by category and outcome" in html
    assert "Compensation the Ombudsman ordered and recommended, by case" in html
    assert "Our maladministration rate was 66.7%" in html

    workbook = load_workbook(BytesIO(annual_export(landlord, 2023, "xlsx", on=ON).content))
    decisions = list(workbook["ombudsman-decisions"].iter_rows(min_row=4, values_only=True))
    assert decisions[0] == ("Figure", "2023/24", "2022/23", "Change")
    rows = {r[0]: r[1:] for r in decisions[1:] if r[0]}
    assert rows["Determinations"] == (3, 2, "up 1 (50.0%)")
    assert rows["Compensation the Ombudsman ordered"] == (750, 400, "up £350.00 (87.5%)")
    assert rows["Maladministration rate (% of determinations with a finding of fault)"] == (
        66.7,
        50.0,
        "up 16.7 percentage points",
    )
    by_category = list(
        workbook["ombudsman-findings-by-category"].iter_rows(min_row=4, values_only=True)
    )
    assert by_category[0][0] == "Category"
    assert by_category[0][1:] == (
        "Severe maladministration",
        "Maladministration",
        "Service failure",
        "Resolved by mediation",
        "Reasonable redress",
        "No maladministration",
        "Outside jurisdiction",
        "Withdrawn",
        "Total",
        "Total 2022/23",
    )
    # Repairs had findings only last year: its row is there, with this year's zeros.
    assert by_category[1:7] == [
        ("Repairs and maintenance", 0, 0, 0, 0, 0, 0, 0, 0, 0, 2),
        ("Damp and mould", 1, 0, 0, 0, 0, 0, 0, 0, 1, 0),
        ("Leaks and water ingress", 0, 0, 1, 0, 0, 0, 0, 0, 1, 0),
        ("Anti-social behaviour", 0, 0, 0, 1, 0, 0, 0, 0, 1, 0),
        ("Complaint handling", 0, 1, 0, 0, 0, 0, 0, 0, 1, 0),
        ("Total", 1, 1, 1, 1, 0, 0, 0, 0, 4, 2),
    ]
    compensation = [
        r for r in workbook["ombudsman-compensation"].iter_rows(min_row=5, values_only=True) if r[0]
    ]
    assert compensation == [("HOS-31", 500, 0), ("HOS-32", 250, 0), ("Total", 750, 0)]


def test_the_pdf_holds_the_ombudsman_tables(landlord, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(annual_export(landlord, 2023, "pdf", on=ON).content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    text = re.sub(r"\s+", " ", text)
    for words in (
        "The Ombudsman's findings by category and outcome",
        "Damp and mould 1 0 0 0 0 0 0 0 1",
        "Total 1 1 1 1 0 0 0 0 4",
        "HOS-31 £500.00 £0.00",
        "Our maladministration rate was 66.7%",
    ):
        assert words in text, words


def test_a_year_with_no_determinations_still_shows_last_years():
    landlord = factories.landlord()
    _determine(landlord, "HOS-1", D(2022, 10, 3), [("repairs", "maladministration")])
    casework = annual_report(landlord, 2023, on=ON).figures["sections"]["ombudsman_casework"]
    assert casework["recorded"] is True
    assert casework["data"]["analysis"]["determinations"] == 0
    assert casework["data"]["analysis"]["previous"]["determinations"] == 1


def test_last_year_is_the_financial_year_or_the_same_quarter_before():
    assert same_time_last_year(year_period(2023)) == year_period(2022)
    assert same_time_last_year(Quarter(2023, 4).period) == Quarter(2022, 4).period
    assert same_time_last_year(Period(D(2024, 2, 29), D(2024, 3, 5), "a week")) == Period(
        D(2023, 2, 28), D(2023, 3, 5), "a year before a week"
    )


def test_contacts_alone_show_no_table_of_decisions():
    landlord = factories.landlord()
    the_case = case(landlord, reference="HOS-1", opened_on=D(2023, 5, 1))
    services.contact_record(
        case=the_case, kind="enquiry", received_on=D(2023, 5, 1), deadline=D(2023, 5, 15),
        details="", by=None,
    )  # fmt: skip
    report = annual_report(landlord, 2023, on=ON)
    assert report.figures["sections"]["ombudsman_casework"]["data"]["contacts"] == 1
    keys = [t.key for t in report.sections["ombudsman_casework"].tables]
    assert keys == ["ombudsman-contacts"]
