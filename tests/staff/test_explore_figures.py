"""The staff page "Explore the figures" (issue 13): the form, the table with its totals,
the chart, errors that say what to choose, and the CSV and XLSX downloads with the same
figures as `putright report breakdown`."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from putright.complaints.models import Complaint
from putright.landlords.models import ServiceArea
from tests import factories
from tests.registers.support import import_dicts
from tests.reports.breakdown_cases import year_of_cases

pytestmark = pytest.mark.django_db

URL = "/staff/reports/explore/"
CHOSEN = "year=2024&stage=1&measure=received&measure=upheld&by=division&then=handler"


def _signed_in(client, landlord, role="officer"):
    client.force_login(factories.user(landlord=landlord, role=role))
    return client


def test_the_reports_page_links_to_it_and_it_opens_on_received_and_upheld_by_area(client):
    landlord = year_of_cases()
    _signed_in(client, landlord, "viewer")
    assert URL in client.get("/staff/reports/").content.decode()
    page = client.get(URL).content.decode()
    assert "Explore the figures" in page
    assert 'name="measure" type="checkbox" value="received" checked' in page
    assert "Received, upheld or partly upheld at stage 1 by service area, 2026/27" in page


def test_the_table_shows_each_row_in_words_with_its_share_and_the_total(client):
    landlord = year_of_cases()
    page = _signed_in(client, landlord).get(f"{URL}?{CHOSEN}").content.decode()
    assert "Received, upheld or partly upheld at stage 1 by division and handled by" in page
    rows = page.split('<tbody class="govuk-table__body">')[1].split("</tbody>")[0]
    cells = [
        part.split("<")[0]
        for part in rows.replace('<th scope="row" class="govuk-table__header">', "<td>>").split(
            ">"
        )[1:]
    ]
    text = " | ".join(c for c in cells if c.strip())
    assert text == (
        "Housing Management Property | By hand (landlord) | 1 | 25.0% | 1 | 50.0% | "
        "Housing Management Property | Mears | 2 | 50.0% | 1 | 50.0% | "
        "Not recorded | By hand (landlord) | 1 | 25.0% | 0 | 0.0% | "
        "All | 4 | 100.0% | 2 | 100.0%"
    )
    assert '<svg class="report-chart" id="explore-chart" role="img"' in page
    assert "counts under its main one, and so under the division" in page


def test_not_recorded_and_codes_are_in_words(client):
    landlord = year_of_cases()
    Complaint.objects.filter(landlord=landlord, reference="E").update(service_area=None)
    page = (
        _signed_in(client, landlord)
        .get(f"{URL}?year=2024&stage=1&measure=received&by=service_area&then=channel")
        .content.decode()
    )
    assert "Not recorded" in page
    assert "Email" in page and "Phone" in page


def test_what_cannot_be_counted_is_said_beside_the_field(client):
    landlord = year_of_cases()
    page = (
        _signed_in(client, landlord)
        .get(f"{URL}?year=2024&stage=2&measure=escalated&by=handler&then=handler")
        .content.decode()
    )
    assert "There is a problem" in page
    assert 'href="#measure"' in page and "choose stage 1" in page
    assert 'href="#by"' in page and "Choose two different dimensions." in page
    assert "<title>Error:" in page


def test_the_csv_is_the_commands_and_the_xlsx_the_table(client, tmp_path):
    landlord = year_of_cases("Download Test")
    ServiceArea.objects.filter(landlord=landlord, name="Estates").update(name="=HYPERLINK(1)")
    _signed_in(client, landlord)
    as_csv = client.get(f"{URL}download/csv/?{CHOSEN}")
    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    out = tmp_path / "b.csv"
    call_command("report", "breakdown", "--landlord", "Download Test", "--year", "2024",
                 "--measure", "received,upheld", "--by", "division", "--by", "handler",
                 "--out", str(out))  # fmt: skip
    assert as_csv.content == b"\xef\xbb\xbf" + out.read_bytes()
    by_area = client.get(f"{URL}download/xlsx/?year=2024&measure=received&by=service_area")
    sheet = load_workbook(io.BytesIO(by_area.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["Service area", "Received", "Share of the total received"]
    # Text as typed, stored as text with the spreadsheet's own text mark, never a formula.
    assert values[1] == ["=HYPERLINK(1)", 1, 25.0]
    first = sheet.cell(row=2, column=1)
    assert first.data_type == "s" and first.quotePrefix
    assert values[-1] == ["Repairs", 2, 50.0]


def test_a_download_of_choices_that_cannot_be_counted_goes_back_to_the_form(client):
    landlord = year_of_cases()
    response = _signed_in(client, landlord).get(f"{URL}download/csv/?year=2024&by=handler")
    assert response.status_code == 302
    assert response["Location"].startswith(URL)


@pytest.mark.parametrize("role", ["handler", "contractor_handler"])
def test_handlers_do_not_see_it(client, role):
    landlord = year_of_cases()
    contractor = factories.contractor(landlord, "Mears Again")
    user = (
        factories.user(landlord=landlord, role=role, contractor=contractor)
        if role == "contractor_handler"
        else factories.user(landlord=landlord, role=role)
    )
    client.force_login(user)
    assert client.get(f"{URL}?{CHOSEN}").status_code == 403


def test_compare_shows_last_year_and_the_change(client):
    landlord = year_of_cases()
    import_dicts(landlord, {"reference": "LY-1", "received_date": "2023-06-01",
                            "service_area": "Repairs"})  # fmt: skip
    page = (
        _signed_in(client, landlord)
        .get(f"{URL}?year=2024&stage=1&measure=received&by=service_area&compare=yes")
        .content.decode()
    )
    assert "Received, last year" in page and "Change in received" in page
    repairs = page.split(">Repairs</th>")[1].split("</tr>")[0]
    cells = [c.split("</td>")[0] for c in repairs.split('numeric">')[1:]]
    assert cells == ["2", "50.0%", "1", "100.0%"]
    assert 'name="compare" type="checkbox" value="yes" checked' in page
    assert "compare=yes" in page  # the downloads keep it
