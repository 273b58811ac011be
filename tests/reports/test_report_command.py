"""`putright report annual` and `putright report tsm` (interfaces.md)."""

from __future__ import annotations

import csv
import json

import pytest
from django.core.management import CommandError, call_command

from putright.landlords.models import HomesCount
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
    assert report["homes"] == {"lcra": 5035, "lcho": 0, "total": 5035}
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
