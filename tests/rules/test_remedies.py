"""The Ombudsman's remedies guidance as defaults (domain.md §6, Code 7.4)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from putright.rules.remedies import (
    FIXED_SUMS_IN_FORCE_FROM,
    OMBUDSMAN_BANDS,
    OMBUDSMAN_FIXED_SUMS,
    Band,
    Edition,
    FixedSum,
    Per,
    band_problems,
    bands_for_amount,
    fixed_sums_in_force,
    money,
)

D = Decimal


def test_the_default_bands_are_the_ombudsmans_four_bands_before_april_2026():
    assert [b.words for b in OMBUDSMAN_BANDS] == [
        "£50 to £100",
        "£100 to £600",
        "£600 to £1,000",
        "£1,000 or more",
    ]
    assert [b.impact for b in OMBUDSMAN_BANDS] == [
        "Minor impact",
        "Some impact",
        "Significant impact",
        "Severe long-term impact",
    ]
    assert all(b.description for b in OMBUDSMAN_BANDS)


def test_the_default_bands_are_valid_as_a_landlord_would_enter_them():
    assert band_problems(OMBUDSMAN_BANDS) == {}


def test_the_fixed_sums_from_april_2026_include_heating_power_and_missed_appointments():
    words = {f.what: f.words for f in OMBUDSMAN_FIXED_SUMS}
    assert words["Complete loss of heating and hot water"] == "£15 per day"
    assert words["Loss of heating or of hot water (one of them)"] == "£8 per day"
    assert words["Complete loss of power"] == "£10 per day"
    assert words["Loss of lighting only"] == "£10 per week"
    assert words["Missed appointment"] == "£15 per missed appointment"


@pytest.mark.parametrize(
    ("amount", "impacts"),
    [
        (D("49.99"), []),
        (D("50"), ["Minor impact"]),
        (D("75"), ["Minor impact"]),
        (D("100"), ["Minor impact", "Some impact"]),
        (D("100.01"), ["Some impact"]),
        (D("600"), ["Some impact", "Significant impact"]),
        (D("999"), ["Significant impact"]),
        (D("1000"), ["Significant impact", "Severe long-term impact"]),
        (D("5490"), ["Severe long-term impact"]),
    ],
)
def test_an_amount_falls_in_the_bands_that_contain_it_both_ends_included(amount, impacts):
    assert [b.impact for b in bands_for_amount(OMBUDSMAN_BANDS, amount)] == impacts


@given(st.decimals(min_value=50, max_value=100_000, places=2))
def test_every_amount_from_50_pounds_up_falls_in_one_or_two_default_bands(amount):
    found = bands_for_amount(OMBUDSMAN_BANDS, amount)
    assert 1 <= len(found) <= 2
    if len(found) == 2:
        assert found[0].upper == found[1].lower == amount


@given(st.integers(min_value=0, max_value=365))
def test_a_fixed_sum_total_is_the_sum_times_the_units(days):
    heating = OMBUDSMAN_FIXED_SUMS[0]
    assert heating.total(days) == D("15") * days


def test_a_fixed_sum_cannot_be_for_negative_units():
    with pytest.raises(ValueError, match="negative"):
        FixedSum("Missed appointment", D("15"), Per.APPOINTMENT).total(-1)


@pytest.mark.parametrize(
    ("amount", "words"),
    [(D("50"), "£50"), (D("1000"), "£1,000"), (D("12.5"), "£12.50"), (D("1250.00"), "£1,250")],
)
def test_money_is_written_as_people_write_it(amount, words):
    assert money(amount) == words


def test_the_fixed_sums_are_in_force_from_1_april_2026():
    assert dt.date(2026, 4, 1) == FIXED_SUMS_IN_FORCE_FROM
    assert not fixed_sums_in_force(dt.date(2026, 3, 31))
    assert fixed_sums_in_force(dt.date(2026, 4, 1))


def test_each_edition_has_a_label():
    assert Edition.LANDLORD_POLICY.label == "Our compensation policy"
    assert "before 1 April 2026" in Edition.BANDS_BEFORE_2026.label
    assert "from 1 April 2026" in Edition.FIXED_SUMS_FROM_2026.label


def test_band_problems_finds_overlaps_open_middle_bands_and_backwards_bands():
    bands = [
        Band("Low", D("0"), D("100")),
        Band("Middle", D("80"), None),
        Band("", D("300"), D("200")),
    ]
    problems = band_problems(bands)
    assert problems["band 2"] in {
        "Band 2 starts before band 1 ends (£100).",
        "Only the last band can have no upper limit.",
    }
    assert problems["band 3"] == "Band 3 needs a level of impact."
    assert band_problems([Band("Low", D("-1"), D("10"))]) == {
        "band 1": "Band 1 cannot start below £0."
    }
    assert band_problems([Band("Low", D("10"), D("10"))]) == {
        "band 1": "Band 1 must end above where it starts."
    }


@given(
    st.lists(st.integers(min_value=1, max_value=500), min_size=1, max_size=6, unique=True).map(
        sorted
    )
)
def test_touching_ascending_bands_ending_open_are_always_valid(steps):
    edges = [D(0)] + [D(s) for s in steps]
    bands = [Band(f"Level {i}", edges[i], edges[i + 1]) for i in range(len(edges) - 1)]
    bands.append(Band("Top", edges[-1], None))
    assert band_problems(bands) == {}
