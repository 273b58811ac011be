"""`putright report annual`, `tsm` and `compliance` (interfaces.md)."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from putright.complaints import services as complaint_services
from putright.complaints.models import Complaint, Stage
from putright.landlords.models import HomesCount
from putright.letters import services as letters
from tests import factories

pytestmark = pytest.mark.django_db


def test_annual_json_has_the_interface_keys(tmp_path):
    landlord = factories.landlord("Cannock Test")
    HomesCount.objects.create(landlord=landlord, year=2023, lcra=5035)
    factories.stage1_responded(landlord)  # received 29 March 2024, in 2023/24
    out = tmp_path / "annual.json"
    call_command(
        "report",
        "annual",
        "--landlord",
        "Cannock Test",
        "--year",
        "2023",
        "--format",
        "json",
        "--out",
        str(out),
    )
    report = json.loads(out.read_text())
    assert report["landlord"] == "Cannock Test"
    assert report["period"] == {"start": "2023-04-01", "end": "2024-03-31"}
    assert report["homes"] == {"lcra": 5035, "lcho": 0, "total": 5035, "by_type": None}
    assert report["stage1"]["received"] == 1
    assert report["tsm"]["CH01"]["stage1_per_1000_homes"] == 0.2
    for key in (
        "logged",
        "service_requests",
        "member_enquiries",
        "not_accepted",
        "withdrawn",
        "stage2",
        "escalation_rate_pct",
        "escalation_reasons",
        "compensation_total_gbp",
    ):
        assert key in report


def test_tsm_csv(tmp_path):
    landlord = factories.landlord("Homes")
    HomesCount.objects.create(landlord=landlord, year=2023, lcra=1000)
    factories.stage1_responded(landlord)
    out = tmp_path / "tsm.csv"
    call_command(
        "report",
        "tsm",
        "--landlord",
        "Homes",
        "--year",
        "2023",
        "--format",
        "csv",
        "--out",
        str(out),
    )
    rows = dict(csv.reader(out.read_text().splitlines()))
    assert rows["CH01.stage1_per_1000_homes"] == "1.0"
    assert rows["CH01.stage2_per_1000_homes"] == "0.0"
    assert rows["CH02.stage2_within_timescale_pct"] == ""  # no stage 2 responses: null, not 0


def test_unknown_landlord_and_bad_year_are_clear_errors(tmp_path):
    with pytest.raises(CommandError, match="no landlord called"):
        call_command(
            "report",
            "annual",
            "--landlord",
            "Nobody",
            "--year",
            "2023",
            "--out",
            str(tmp_path / "x"),
        )
    factories.landlord("Somebody")
    with pytest.raises(CommandError, match="--year must be a year"):
        call_command(
            "report",
            "annual",
            "--landlord",
            "Somebody",
            "--year",
            "23/24",
            "--out",
            str(tmp_path / "x"),
        )


def _responded_in_2023(landlord, received_on: dt.date):
    return factories.stage1_responded(
        landlord, received_on=received_on, on=received_on + dt.timedelta(days=14)
    )


def _decided_in_2023(landlord, received_on: dt.date):
    """The stage 1 decision recorded, its letter (which sends the response) still to go."""
    complaint = factories.stage1_acknowledged(landlord, received_on=received_on)
    complaint_services.complaint_respond(
        complaint=complaint,
        outcome="upheld",
        reasons="Because.",
        point_outcomes=["upheld"],
        by=None,
        on=received_on + dt.timedelta(days=14),
    )
    return Complaint.objects.get(pk=complaint.pk)


def _response_letter(complaint):
    on = complaint.stage(1).decided_on
    draft = letters.letter_draft(complaint=complaint, kind="stage1_response", on=on)
    letters.letter_issue(
        complaint=complaint,
        kind="stage1_response",
        subject=draft.subject,
        body_text=draft.body_text,
        delivery="post",
        send_to="A Resident\n1 Quay Street\nRiverside RV1 1AA",
        by=None,
        on=on,
    )


@pytest.fixture
def one_letter_of_two():
    """Two stage 1 responses in 2023/24, only the first with its letter (Code 6.9)."""
    landlord = factories.landlord("Compliance Homes", phone="0300 123 4567")
    _response_letter(_decided_in_2023(landlord, dt.date(2023, 6, 1)))
    unwritten = _responded_in_2023(landlord, dt.date(2023, 7, 3))
    # Answered before a response was sent by issuing its letter: no letter was issued.
    Stage.objects.filter(complaint=unwritten).update(response_letter_sent=None)
    return unwritten.reference


def compliance(tmp_path, fmt: str, landlord: str = "Compliance Homes", year: str = "2023"):
    out = tmp_path / f"compliance.{fmt}"
    call_command(
        "report",
        "compliance",
        "--landlord",
        landlord,
        "--year",
        year,
        "--format",
        fmt,
        "--out",
        str(out),
    )
    return out.read_text()


def test_compliance_json_gives_each_provision_with_its_figure_and_breaking_references(
    tmp_path, one_letter_of_two
):
    view = json.loads(compliance(tmp_path, "json"))
    assert view["landlord"] == "Compliance Homes"
    assert view["period"] == {"start": "2023-04-01", "end": "2024-03-31"}
    rows = {row["provision"]: row for row in view["provisions"]}
    assert {"2.4", "3.6", "5.6", "6.2", "6.9", "6.19", "7.3"} <= set(rows)
    letters_row = rows["6.9"]
    assert letters_row["numerator"] == 1
    assert letters_row["denominator"] == 2
    assert letters_row["percentage"] == 50.0
    assert letters_row["breaking_references"] == [one_letter_of_two]
    assert letters_row["figure"].startswith("1 of 2 stage 1 responses were sent as a letter")
    assert rows["6.19"]["denominator"] == 0
    assert rows["6.19"]["percentage"] is None


def test_compliance_csv_has_one_row_per_provision_with_the_interface_columns(
    tmp_path, one_letter_of_two
):
    rows = list(csv.DictReader(compliance(tmp_path, "csv").splitlines()))
    assert list(rows[0]) == [
        "provision",
        "figure",
        "numerator",
        "denominator",
        "percentage",
        "breaking_references",
    ]
    by_provision = {row["provision"]: row for row in rows}
    assert by_provision["6.9"]["numerator"] == "1"
    assert by_provision["6.9"]["denominator"] == "2"
    assert by_provision["6.9"]["percentage"] == "50.0"
    assert by_provision["6.9"]["breaking_references"] == one_letter_of_two
    assert by_provision["6.19"]["percentage"] == ""


def test_compliance_names_every_problem_with_its_arguments_one_line_each(tmp_path):
    with pytest.raises(CommandError) as refused:
        compliance(tmp_path, "xlsx", landlord="Nobody", year="23/24")
    assert str(refused.value).splitlines() == [
        "There is no landlord called 'Nobody'.",
        "--year must be a year such as 2023 (for 2023/24), not '23/24'",
        "--format must be json or csv for the compliance view, not 'xlsx'",
    ]
    factories.landlord("Compliance Homes")
    with pytest.raises(CommandError, match=r"--year 2030 \(2030/31\) has not started yet"):
        compliance(tmp_path, "json", year="2030")
    assert not (tmp_path / "compliance.json").exists()
