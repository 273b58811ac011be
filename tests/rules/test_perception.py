"""The tenant perception measures' percentage (the regulator's rule), the quartile band, and
homes by property type adding up to the homes owned (counting-rules.md)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from putright.rules.perception import (
    PERCEPTION_MEASURES,
    Answer,
    QuartileBand,
    answer_problems,
    answering,
    homes_by_type_problem,
    quartile_band,
    quartile_problems,
    respondents,
    satisfied_pct,
)

counts = st.integers(min_value=0, max_value=100_000)
answer_sets = st.fixed_dictionaries({a.value: counts for a in Answer})


def test_there_are_twelve_measures_and_only_tp11_and_tp12_allow_not_applicable():
    assert list(PERCEPTION_MEASURES) == [f"TP{n:02d}" for n in range(1, 13)]
    assert [c for c, m in PERCEPTION_MEASURES.items() if m.allows_not_applicable] == [
        "TP11",
        "TP12",
    ]


def test_satisfied_is_very_plus_fairly_over_those_answering_not_counting_not_applicable():
    answers = {
        "very_satisfied": 100,
        "fairly_satisfied": 64,
        "neither": 90,
        "fairly_dissatisfied": 70,
        "very_dissatisfied": 76,
        "not_applicable": 600,
    }

    assert respondents(answers) == 1000
    assert answering(answers) == 400
    assert satisfied_pct(answers) == 41.0


def test_nobody_answering_but_not_applicable_gives_no_figure_rather_than_0():
    assert satisfied_pct({"not_applicable": 12}) is None
    assert satisfied_pct({}) is None


def test_the_percentage_rounds_half_up_to_one_place():
    # 1 in 8 is 12.5% exactly; 1 in 16 is 6.25%, which rounds up to 6.3.
    assert satisfied_pct({"very_satisfied": 1, "very_dissatisfied": 7}) == 12.5
    assert satisfied_pct({"fairly_satisfied": 1, "neither": 15}) == 6.3


@given(answer_sets)
def test_the_percentage_is_satisfied_over_answering_and_ignores_not_applicable(answers):
    denominator = sum(answers[a] for a in answers if a != "not_applicable")
    pct = satisfied_pct(answers)
    if denominator == 0:
        assert pct is None
        return
    exact = Decimal(answers["very_satisfied"] + answers["fairly_satisfied"]) * 100 / denominator
    assert pct == float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    assert 0 <= pct <= 100
    assert satisfied_pct({**answers, "not_applicable": answers["not_applicable"] + 7}) == pct


@given(answer_sets, st.integers(min_value=1, max_value=1000))
def test_more_satisfied_answers_never_lower_the_percentage(answers, more):
    before = satisfied_pct(answers)
    after = satisfied_pct({**answers, "fairly_satisfied": answers["fairly_satisfied"] + more})
    assert after is not None
    assert before is None or after >= before


def test_every_answer_is_needed_and_not_applicable_only_where_allowed():
    tp01, tp12 = PERCEPTION_MEASURES["TP01"], PERCEPTION_MEASURES["TP12"]
    full = {a.value: 1 for a in Answer if a is not Answer.NOT_APPLICABLE}

    assert answer_problems(tp01, full) == {}
    assert answer_problems(tp12, {**full, "not_applicable": 4}) == {}
    assert answer_problems(tp01, {**full, "neither": None}) == {
        "neither": "Enter how many answered 'neither satisfied nor dissatisfied' to TP01, or 0"
    }
    assert (
        "does not allow the answer"
        in answer_problems(tp01, {**full, "not_applicable": 3})["not_applicable"]
    )
    assert answer_problems(tp01, dict.fromkeys(full, 0)) == {
        "very_satisfied": "Enter how many people gave each answer to TP01: all are 0"
    }


def test_the_quartiles_must_run_from_lower_to_upper():
    assert quartile_problems(30.0, 34.0, 41.0) == {}
    assert quartile_problems(None, 34.0, None) == {}
    assert quartile_problems(40.0, 34.0, 41.0) == {
        "median": "The median (34%) must be at least the lower quartile (40%)"
    }
    assert quartile_problems(None, None, 101.0) == {
        "upper_quartile": "The upper quartile must be a percentage from 0 to 100"
    }


@given(
    st.floats(min_value=0, max_value=100),
    st.lists(st.floats(min_value=0, max_value=100), min_size=3, max_size=3),
)
def test_the_band_follows_the_quartiles(value, quartiles):
    lower, median, upper = sorted(quartiles)
    band = quartile_band(value, lower, median, upper)
    expected = (
        QuartileBand.UPPER
        if value >= upper
        else QuartileBand.UPPER_MIDDLE
        if value >= median
        else QuartileBand.LOWER_MIDDLE
        if value >= lower
        else QuartileBand.LOWER
    )
    assert band is expected


def test_cannocks_tp09_is_above_the_sector_median():
    # Cannock's 2023/24 report: TP09 41%, against a Housemark median of 34%.
    assert quartile_band(41.0, 28.0, 34.0, 42.0) is QuartileBand.UPPER_MIDDLE


def test_homes_by_type_are_optional_and_must_add_up_to_the_homes_owned():
    assert homes_by_type_problem(5035, {}) == ""
    assert (
        homes_by_type_problem(5035, {"flats": 2000, "houses": 2735, "independent_living": 300})
        == ""
    )
    problem = homes_by_type_problem(5035, {"flats": 2000, "houses": 2000})
    assert problem == (
        "The homes by property type add up to 4,000 (2,000 flats + 2,000 houses + 0 independent "
        "living or sheltered + 0 other), but the homes owned (LCRA plus LCHO) are 5,035: the "
        "types must add up to the homes owned"
    )


@given(st.lists(st.one_of(st.none(), counts), min_size=4, max_size=4), counts)
def test_homes_by_type_are_refused_exactly_when_given_and_not_adding_up(values, owned):
    by_type = dict(zip(["flats", "houses", "independent_living", "other"], values, strict=True))
    problem = homes_by_type_problem(owned, by_type)
    given_any = any(v is not None for v in values)
    assert bool(problem) == (given_any and sum(v or 0 for v in values) != owned)
