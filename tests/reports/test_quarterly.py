"""The quarterly update for the MRC and governing body (Code 9.7): each quarter counted by
the year's rules, so the four quarters add up to the year."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from putright.reports.annual import annual_figures
from putright.reports.periods import Quarter
from putright.reports.quarterly import quarterly_update, rising_themes
from tests.reports.construction import build_landlord

pytestmark = pytest.mark.django_db

ADDITIVE = ("logged", "service_requests", "member_enquiries", "withdrawn")
STAGE_ADDITIVE = (
    "received",
    "responded",
    "responded_within_timescale",
    "responded_within_agreed_extension",
    "acknowledged",
    "acknowledged_within_timescale",
    "extended",
)


def test_quarter_one_is_april_to_june_and_quarters_follow_each_other():
    assert Quarter.parse("2024-Q1").period.start == dt.date(2024, 4, 1)
    assert Quarter.parse("2024-q1").period.end == dt.date(2024, 6, 30)
    assert Quarter(2024, 4).period.start == dt.date(2025, 1, 1)
    assert Quarter(2024, 4).period.end == dt.date(2025, 3, 31)
    assert Quarter(2024, 1).previous() == Quarter(2023, 4)
    assert Quarter(2024, 4).previous(-1) == Quarter(2025, 1)
    assert Quarter.containing(dt.date(2025, 3, 31)) == Quarter(2024, 4)
    assert Quarter(2024, 2).period.label == "July to September 2024 (Q2 2024/25)"
    with pytest.raises(ValueError, match="written like 2024-Q1"):
        Quarter.parse("2024-Q5")


def test_the_four_quarters_add_up_to_the_year():
    landlord = build_landlord()
    year = annual_figures(landlord, 2023)
    quarters = [quarterly_update(landlord, Quarter(2023, n)).figures for n in (1, 2, 3, 4)]
    for key in ADDITIVE:
        assert sum(q[key] for q in quarters) == year[key], key
    for stage in ("stage1", "stage2"):
        for key in STAGE_ADDITIVE:
            assert sum(q[stage][key] for q in quarters) == year[stage][key], (stage, key)
    assert sum(q["not_accepted"]["total"] for q in quarters) == year["not_accepted"]["total"]


def test_the_update_has_volumes_outcomes_performance_trend_and_the_year_to_date():
    landlord = build_landlord()
    figures = quarterly_update(landlord, Quarter(2023, 1), on=dt.date(2024, 6, 1)).figures
    assert figures["quarter"] == "2023-Q1"
    assert figures["period"] == {"start": "2023-04-01", "end": "2023-06-30"}
    # R1 and R2 (June), S1 (May) received; R10, S1 and R1 answered in April to June.
    assert figures["stage1"]["received"] == 3
    assert figures["stage1"]["responded"] == 3
    assert figures["stage1"]["outcomes"] == {"upheld": 2, "partly_upheld": 1}
    assert [row["quarter"] for row in figures["trend"]] == [
        "2022-Q1",
        "2022-Q2",
        "2022-Q3",
        "2022-Q4",
        "2023-Q1",
    ]
    assert figures["trend"][0]["stage1_received"] == 1  # P1, June 2022
    assert figures["year_to_date"]["stage1_received"] == 3
    assert figures["themes"]["this_quarter"] == {"Damp and mould": 1, "Repairs delay": 1}
    assert figures["ombudsman"]["recorded"] is False
    assert figures["ombudsman"]["text"] == [
        "No contacts, determinations, orders or reports from the Housing Ombudsman were "
        "recorded for April to June 2023 (Q1 2023/24)."
    ]


def test_a_theme_rising_on_the_quarter_before_is_called_out():
    rising = rising_themes({"Damp and mould": 9, "Noise": 3}, {"Damp and mould": 4, "Noise": 2})
    assert rising == [
        {"theme": "Damp and mould", "this_quarter": 9, "previous_quarter": 4, "change_pct": 125.0}
    ]
    assert rising_themes({"New": 3}, {})[0]["change_pct"] is None


def test_the_command_writes_the_quarterly_json_and_rejects_a_bad_quarter(tmp_path):
    build_landlord()
    out = tmp_path / "q.json"
    call_command(
        "report", "quarterly", "--landlord", "Known Homes", "--quarter", "2023-Q3",
        "--format", "json", "--out", str(out),
    )  # fmt: skip
    figures = json.loads(out.read_text())
    # October to December 2023: R6 taken on; R5 not accepted.
    assert figures["stage1"]["received"] == 1
    assert figures["not_accepted"] == {"total": 1, "by_reason": {"legal_proceedings": 1}}
    with pytest.raises(CommandError, match="--quarter: a quarter is written like 2024-Q1"):
        call_command(
            "report", "quarterly", "--landlord", "Known Homes", "--quarter", "Q3 2023",
            "--out", str(out),
        )  # fmt: skip
