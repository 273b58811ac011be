"""`putright report breakdown` (interfaces.md; issue 13): any measure by one or two
dimensions, as CSV exactly, or JSON; every problem with the arguments said on its own line."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from putright.reports.breakdown import breakdown
from tests.registers.support import import_dicts
from tests.reports.breakdown_cases import year_of_cases

pytestmark = pytest.mark.django_db


def _run(*args: str) -> None:
    call_command("report", "breakdown", *args)


def test_received_and_upheld_by_handler_and_service_area_as_csv(tmp_path):
    year_of_cases("Brent Test")
    out = tmp_path / "breakdown.csv"
    _run("--landlord", "Brent Test", "--year", "2024", "--measure", "received,upheld",
         "--by", "handler", "--by", "service_area", "--format", "csv", "--out", str(out))  # fmt: skip
    assert out.read_bytes() == (
        b"handler,service_area,received,upheld\r\n"
        b"landlord,Estates,1,0\r\n"
        b"landlord,Lettings,1,1\r\n"
        b"Mears,Repairs,2,1\r\n"
    )


def test_percentages_to_one_decimal_money_to_two_and_shares_when_asked(tmp_path):
    year_of_cases("Oxford Test")
    out = tmp_path / "breakdown.csv"
    _run("--landlord", "Oxford Test", "--year", "2024", "--measure",
         "responded,on_time_pct,compensation_gbp,compensation_gbp_share_pct",
         "--by", "service_area", "--out", str(out))  # fmt: skip
    assert out.read_bytes().decode() == (
        "service_area,responded,on_time_pct,compensation_gbp,compensation_gbp_share_pct\r\n"
        "Lettings,1,100.0,50.50,33.6\r\n"
        "Repairs,2,50.0,100.00,66.4\r\n"
    )


def test_stage_2_and_json_agree_with_the_engine(tmp_path):
    landlord = year_of_cases("Json Test")
    out = tmp_path / "breakdown.json"
    _run("--landlord", "Json Test", "--year", "2024", "--stage", "2", "--measure",
         "received",
         "--by", "escalation_reason", "--format", "json", "--out", str(out))  # fmt: skip
    written = json.loads(out.read_text())
    expected = breakdown(landlord, 2024, stage=2, measures=["received"], by=["escalation_reason"])
    assert written == json.loads(json.dumps(expected.as_json()))
    assert written["rows"] == [
        {"escalation_reason": "compensation", "received": 1, "received_share_pct": 100.0}
    ]
    assert written["period"] == {"start": "2024-04-01", "end": "2025-03-31"}


def test_every_problem_is_said_on_its_own_line_and_nothing_is_written(tmp_path):
    out = tmp_path / "never.csv"
    with pytest.raises(CommandError) as caught:
        _run("--landlord", "Nobody", "--year", "24", "--stage", "3", "--measure", "recieved",
             "--by", "handler", "--by", "handler", "--format", "pdf", "--out", str(out))  # fmt: skip
    assert str(caught.value).splitlines() == [
        "There is no landlord called 'Nobody'.",
        "--year must be a year such as 2023 (for 2023/24), not '24'",
        "--stage must be 1 or 2, not '3'",
        "--format must be csv or json for a breakdown, not 'pdf'",
        "--measure: Unknown measure recieved; the measures are received, responded, upheld, "
        "upheld_pct, not_upheld, on_time, on_time_pct, on_time_with_extension, "
        "on_time_with_extension_pct, extended, escalated, escalation_rate_pct, "
        "compensation_cases, compensation_gbp, not_accepted.",
        "--by: Choose two different dimensions.",
    ]
    assert not out.exists()


def test_compare_puts_last_year_and_the_change_beside_each_measure(tmp_path):
    """Brent's compensation +26% kind of figure: last year's beside this year's, and the
    change in per cent for counts and money (none where last year had nothing)."""
    landlord = year_of_cases("Compare Test")
    import_dicts(
        landlord,
        {"reference": "LY-1", "received_date": "2023-06-01", "service_area": "Repairs",
         "s1_acknowledged_date": "2023-06-02", "s1_responded_date": "2023-06-09",
         "s1_outcome": "upheld", "s1_compensation_gbp": "80"},
        {"reference": "LY-2", "received_date": "2023-07-03", "service_area": "Gardens",
         "s1_acknowledged_date": "2023-07-04", "s1_responded_date": "2023-07-11",
         "s1_outcome": "not_upheld"},
    )  # fmt: skip
    out = tmp_path / "compare.csv"
    _run("--landlord", "Compare Test", "--year", "2024", "--measure",
         "received,upheld_pct,compensation_gbp", "--by", "service_area", "--compare",
         "--out", str(out))  # fmt: skip
    assert out.read_bytes().decode() == (
        "service_area,received,received_last_year,received_change_pct,upheld_pct,"
        "upheld_pct_last_year,compensation_gbp,compensation_gbp_last_year,"
        "compensation_gbp_change_pct\r\n"
        "Estates,1,0,,,,0.00,0.00,\r\n"
        "Gardens,0,1,-100.0,,0.0,0.00,0.00,\r\n"
        "Lettings,1,0,,100.0,,50.50,0.00,\r\n"
        "Repairs,2,1,100.0,50.0,100.0,100.00,80.00,25.0\r\n"
    )
    json_out = tmp_path / "compare.json"
    _run("--landlord", "Compare Test", "--year", "2024", "--measure", "compensation_gbp",
         "--by", "service_area", "--compare", "--format", "json", "--out", str(json_out))  # fmt: skip
    totals = json.loads(json_out.read_text())["totals"]
    assert totals == {
        "compensation_gbp": "150.50",
        "compensation_gbp_last_year": "80.00",
        "compensation_gbp_change_pct": 88.1,
    }
