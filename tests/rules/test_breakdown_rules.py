"""The breakdown definitions of the counting rules (issue 13): a one-dimension breakdown
adds up to the headline figure, each stage counts under its own handler, the measures'
rounding, year on year, and what cannot be counted said in plain words."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from putright.rules import counting
from putright.rules.calendar import calendar_for
from putright.rules.counting import CaseFacts, StageFacts
from tests.rules.test_counting_properties import registers

CALENDAR = calendar_for(frozenset())
YEAR = 2023
#: The dimensions that break down every measure of complaints, and count each once.
ADDING_UP = [
    d
    for d in counting.DIMENSIONS
    if d
    not in (
        "any_theme",
        "kind",
        "not_accepted_reason",
        "compensation_reason",
        "escalation_reason",
    )
]


@settings(max_examples=60, deadline=None)
@given(records=registers, dimension=st.sampled_from(ADDING_UP), stage=st.sampled_from([1, 2]))
def test_a_one_dimension_breakdown_adds_up_to_the_headline_figures(records, dimension, stage):
    figures = counting.annual_figures(records, YEAR, homes_lcra=100, calendar=CALENDAR)[
        f"stage{stage}"
    ]
    counts = counting.breakdown_counts(
        records, YEAR, stage=stage, by=[dimension], calendar=CALENDAR
    )
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    assert total["received"] == figures["received"]
    assert total["responded"] == figures["responded"]
    assert total["on_time"] == figures["responded_within_timescale"]
    assert total["on_time_with_extension"] == figures["responded_within_agreed_extension"]
    assert total["extended"] == figures["extended"]
    assert total["upheld"] == figures["outcomes"].get("upheld", 0) + figures["outcomes"].get(
        "partly_upheld", 0
    )
    assert total["compensation_cases"] == figures["compensation"]["cases"]
    assert (
        counting.money(Decimal(total["compensation_pence"]) / 100)
        == (figures["compensation"]["total_gbp"])
    )
    if dimension == "handler":
        by_handler = {k[0]: c["received"] for k, c in counts.items() if c["received"]}
        assert by_handler == figures["by_handler"]


def _case(**fields) -> CaseFacts:
    day = dt.date(2023, 5, 2)
    stage1 = StageFacts(requested=day, acknowledged=day, responded=dt.date(2023, 5, 9),
                        outcome="upheld", handled_by="Mears")  # fmt: skip
    stage2 = StageFacts(requested=dt.date(2023, 6, 1), handled_by="")
    return dataclasses.replace(
        CaseFacts(received=day, handled_by="Mears", stage1=stage1, stage2=stage2), **fields
    )


def test_each_stage_counts_under_its_own_handler_and_one_column_means_both():
    own = _case()
    both = _case(stage1=dataclasses.replace(_case().stage1, handled_by=None),
                 stage2=dataclasses.replace(_case().stage2, handled_by=None))  # fmt: skip
    for records, stage2_handler in (([own], "landlord"), ([both], "Mears")):
        stage2 = counting.breakdown_counts(records, YEAR, stage=2, by=["handler"],
                                           calendar=CALENDAR)  # fmt: skip
        assert list(stage2) == [(stage2_handler,)]
        escalated = counting.breakdown_counts(records, YEAR, stage=1, by=["handler"],
                                              calendar=CALENDAR)  # fmt: skip
        assert escalated[("Mears",)]["escalated"] == 1  # under its stage 1 handler


def test_rows_work_out_percentages_money_and_shares():
    counts = {
        ("Repairs",): Counter(received=2, responded=3, upheld=2, compensation_pence=10050),
        ("Lettings",): Counter(received=1, responded=0),
        ("Estates",): Counter(),
    }
    rows = counting.breakdown_rows(
        counts, measures=["received", "upheld_pct", "compensation_gbp"], by=["service_area"]
    )
    assert rows == [
        {"service_area": "Lettings", "received": 1, "received_share_pct": 33.3,
         "upheld_pct": None, "compensation_gbp": "0.00", "compensation_gbp_share_pct": 0.0},
        {"service_area": "Repairs", "received": 2, "received_share_pct": 66.7,
         "upheld_pct": 66.7, "compensation_gbp": "100.50", "compensation_gbp_share_pct": 100.0},
    ]  # fmt: skip


def test_year_on_year_change_is_a_percentage_of_last_years():
    assert counting.change_pct(126, 100) == 26.0
    assert counting.change_pct(1200, 950) == 26.3
    assert counting.change_pct(0, 4) == -100.0
    assert counting.change_pct(3, 0) is None
    rows = counting.compared_rows(
        {("Repairs",): Counter(received=3)},
        {("Gardens",): Counter(received=2)},
        measures=["received"],
        by=["service_area"],
    )
    assert [(r["service_area"], r["received"], r["received_last_year"],
             r["received_change_pct"]) for r in rows] == [
        ("Gardens", 0, 2, -100.0), ("Repairs", 3, 0, None)
    ]  # fmt: skip


def test_natural_order_puts_the_landlord_first_codes_in_order_and_not_recorded_last():
    values = ["Mears", counting.NOT_RECORDED, "landlord", "Axis"]
    assert sorted(values, key=lambda v: counting.sort_key("handler", v)) == [
        "landlord", "Axis", "Mears", counting.NOT_RECORDED
    ]  # fmt: skip
    tenures = ["unknown", "leaseholder", "tenant"]
    assert sorted(tenures, key=lambda v: counting.sort_key("tenure", v)) == [
        "tenant", "leaseholder", "unknown"
    ]  # fmt: skip


def test_share_columns_are_measures_of_counts_only():
    assert counting.base_measure("received_share_pct") == "received"
    assert counting.base_measure("upheld_pct_share_pct") is None
    assert counting.breakdown_problems(1, ["received", "received_share_pct"], ["handler"]) == {}
    assert (
        "Unknown measure upheld_pct_share_pct"
        in counting.breakdown_problems(1, ["upheld_pct_share_pct"], ["handler"])["measure"]
    )
