"""/reports/annual and /reports/tsm: the figures for a financial year, byte for byte what
``putright report annual|tsm --format json`` writes, for the key's landlord only; a year
that is not a financial year with a record is refused in plain words."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from putright.landlords.models import HomesCount
from putright.rules.counting import financial_year_of
from tests import factories
from tests.api.helpers import client, get, key

pytestmark = pytest.mark.django_db


def _command_output(tmp_path, report: str, landlord_name: str, year: int) -> bytes:
    out = tmp_path / f"{report}.json"
    call_command(
        "report",
        report,
        "--landlord",
        landlord_name,
        "--year",
        str(year),
        "--format",
        "json",
        "--out",
        str(out),
    )
    return out.read_bytes()


@pytest.mark.parametrize("report", ["annual", "tsm"])
def test_the_figures_are_exactly_what_the_command_writes(tmp_path, report):
    landlord = factories.landlord("Cannock Test")
    HomesCount.objects.create(landlord=landlord, year=2023, lcra=5035)
    factories.stage1_responded(landlord)  # received 29 March 2024, in 2023/24
    factories.complaint(landlord, kind="service_request", received_on=dt.date(2023, 6, 1))
    response = get(client(key(landlord, write=False)), f"/reports/{report}", year=2023)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.content == _command_output(tmp_path, report, "Cannock Test", 2023)


def test_the_annual_figures_count_only_the_keys_landlord():
    ours, theirs = factories.landlord("Ours"), factories.landlord("Theirs")
    factories.stage1_responded(theirs)
    body = get(client(key(ours)), "/reports/annual", year=2023).json()
    assert body["landlord"] == "Ours"
    assert body["year"] == "2023/24"
    assert body["period"] == {"start": "2023-04-01", "end": "2024-03-31"}
    assert (body["logged"], body["stage1"]["received"]) == (0, 0)


def test_the_tsm_return_has_ch01_ch02_and_tp09():
    landlord = factories.landlord()
    factories.stage1_responded(landlord)
    c = client(key(landlord))
    received = get(c, "/reports/tsm", year=2023).json()  # received 29 March 2024
    responded = get(c, "/reports/tsm", year=2024).json()  # responded 12 April 2024
    assert received["CH01"]["stage1_received"] == 1
    assert responded["CH02"]["stage1_responded"] == 1
    assert responded["TP09"] is None


def test_the_current_year_so_far_can_be_fetched(today):
    landlord = factories.landlord()
    current = financial_year_of(today)
    assert get(client(key(landlord)), "/reports/tsm", year=current).status_code == 200


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (1994, "There are no figures before 1995/96: give a year from 1995 to {current}."),
        (
            "next",
            "The financial year {next_label} has not started yet: give a year from 1995 to "
            "{current} ({current_label}).",
        ),
    ],
)
@pytest.mark.parametrize("report", ["annual", "tsm"])
def test_a_year_with_no_figures_is_422_in_plain_words(today, report, year, message):
    current = financial_year_of(today)
    if year == "next":
        year = current + 1
    words = message.format(
        current=current,
        current_label=f"{current}/{(current + 1) % 100:02d}",
        next_label=f"{current + 1}/{(current + 2) % 100:02d}",
    )
    response = get(client(key(factories.landlord())), f"/reports/{report}", year=year)
    assert response.status_code == 422
    assert response.json() == {
        "code": "invalid_year",
        "message": words,
        "problems": {"year": words},
    }


@pytest.mark.parametrize("params", [{"year": "2023/24"}, {"year": "twenty"}, {}])
def test_a_year_that_is_not_a_year_is_422(params):
    response = get(client(key(factories.landlord())), "/reports/annual", **params)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_request"
    assert "year" in response.json()["problems"]


def test_the_annual_figures_carry_the_equality_choice_and_the_ombudsman_analysis():
    from putright.ombudsman import services as ombudsman
    from putright.ombudsman.services import FindingInput
    from putright.reports.models import EqualitySetting, EqualityYear

    landlord = factories.landlord()
    EqualitySetting.objects.create(landlord=landlord, threshold=4)
    EqualityYear.objects.create(landlord=landlord, year=2023, counting="people")
    case = ombudsman.ombudsman_case_open(
        landlord=landlord, reference="HOS-API", opened_on=dt.date(2023, 5, 2), by=None,
        resident_name="Ms A Resident",
    )  # fmt: skip
    ombudsman.determination_record(
        case=case,
        determined_on=dt.date(2023, 11, 6),
        findings=[FindingInput("Leaks", "maladministration", "leaks")],
        by=None,
    )
    body = get(client(key(landlord, write=False)), "/reports/annual", year=2023).json()
    equality = body["equality"]
    assert (equality["threshold"], equality["counting"], equality["people"]) == (4, "people", 0)
    analysis = body["sections"]["ombudsman_casework"]["data"]["analysis"]
    assert analysis["determinations_with_maladministration"] == 1
    assert analysis["maladministration_rate_pct"] == 100.0
    assert analysis["findings_by_category"]["leaks"]["maladministration"] == 1
