"""The breakdown engine (issue 13) counts with the database what the counting rules count
record by record: on random registers, every measure by every dimension and pair of
dimensions gives the same counts and rows; by hand, the figures a complaints manager
would check."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from putright.complaints.models import Complaint
from putright.landlords.models import Division, Landlord, ServiceArea, SubCause, Theme
from putright.landlords.services import sub_causes_seed
from putright.registers.generate import generate_rows
from putright.registers.importer import register_import
from putright.reports import tally as tally_module
from putright.reports.annual import annual_figures
from putright.reports.breakdown import (
    BreakdownError,
    breakdown,
    breakdown_counts,
    breakdown_counts_each,
    breakdowns,
)
from putright.reports.coded import _tallied_causes, coded_figures
from putright.reports.extensions import extensions_counted
from putright.reports.facts import case_facts
from putright.reports.periods import year_period
from putright.reports.tally import tally
from putright.rules import counting
from putright.rules.counting import breakdown_problems
from tests import factories
from tests.registers.support import parse, register_bytes
from tests.reports.breakdown_cases import year_of_cases

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 30)
MEASURES = list(counting.MEASURES)
#: Hypothesis runs its examples in one test's transaction: each landlord a name of its own.
_LANDLORDS = itertools.count(1)
DIMENSIONS = list(counting.DIMENSIONS)


def _register(seed: int, count: int) -> Landlord:
    """A random register imported for a new landlord whose service areas are grouped in
    two divisions (one left out of both)."""
    landlord = factories.landlord(name=f"Random {next(_LANDLORDS)}")
    sub_causes_seed(landlord=landlord)
    data = register_bytes(*generate_rows(count, today=TODAY, seed=seed, years=2, sub_causes=True))
    parsed = parse(data, today=TODAY)
    assert parsed.errors == []
    register_import(landlord=landlord, rows=parsed.rows)
    east = Division.objects.create(landlord=landlord, name="East")
    west = Division.objects.create(landlord=landlord, name="West")
    for i, area in enumerate(ServiceArea.objects.filter(landlord=landlord).order_by("name")):
        area.division = (east, west, None)[i % 3]
        area.save()
    return landlord


def _possible(stage: int, measures: list[str], by: list[str]) -> bool:
    return not breakdown_problems(stage, measures, by)


def registers(examples: int) -> settings:
    """Hypothesis's settings for a test that builds a register per example: a few examples,
    each slow, with the database fixture shared between them."""
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@registers(8)
@given(
    seed=st.integers(0, 10_000),
    count=st.integers(20, 80),
    stage=st.sampled_from([1, 2]),
    year=st.sampled_from([2024, 2025]),
    data=st.data(),
)
def test_the_database_counts_what_the_rules_count_on_random_registers(
    seed, count, stage, year, data
):
    landlord = _register(seed, count)
    facts, calendar = list(case_facts(landlord)), landlord.calendar()
    for by in [[d] for d in DIMENSIONS] + [
        data.draw(st.lists(st.sampled_from(DIMENSIONS), min_size=2, max_size=2, unique=True))
    ]:
        measures = [m for m in MEASURES if _possible(stage, [m], by)]
        if not measures:
            continue
        by_database = breakdown_counts(landlord, year, stage=stage, measures=measures, by=by)
        by_rules = counting.breakdown_counts(facts, year, stage=stage, by=by, calendar=calendar)
        needed = {n for m in measures for n in counting.MEASURES[m].needs}

        def kept(counts, needed=needed):
            return {
                key: {n: c[n] for n in sorted(needed) if c[n]}
                for key, c in counts.items()
                if any(c[n] for n in needed)
            }

        assert kept(by_database) == kept(by_rules), by
        rows = breakdown(landlord, year, stage=stage, measures=measures, by=by).rows
        assert rows == counting.breakdown_rows(by_rules, measures=measures, by=by), by


@registers(4)
@given(seed=st.integers(0, 10_000), count=st.integers(20, 80))
def test_two_years_and_both_stages_counted_in_one_pass_are_what_the_rules_count(seed, count):
    """breakdown_counts_each reads a population once for a year and the year before and
    for both stages (quarters and months over the two years, records of other kinds for
    each stage): each (year, stage) is what the rules count for it alone."""
    landlord = _register(seed, count)
    facts, calendar = list(case_facts(landlord)), landlord.calendar()
    # The last two: the extended answers alone (only they are read), as the coded detail.
    for by, measures in [
        *(([d], MEASURES) for d in DIMENSIONS),
        (["quarter", "kind"], MEASURES),
        (["month", "handler"], MEASURES),
        (["extension_reason"], ["extended"]),
        (["service_area", "quarter"], ["extended"]),
    ]:
        measures = [m for m in measures if _possible(1, [m], by) and _possible(2, [m], by)]
        if not measures:
            continue
        counted = breakdown_counts_each(landlord, [2024, 2025], [1, 2], measures=measures, by=by)
        assert sorted(counted) == [(2024, 1), (2024, 2), (2025, 1), (2025, 2)]
        assert_as_the_rules_count(counted, facts, measures, by, calendar)


@registers(4)
@given(seed=st.integers(0, 10_000), count=st.integers(20, 80), data=st.data())
def test_breakdowns_counted_together_are_each_counted_alone(seed, count, data):
    """breakdowns counts the breakdowns asked in as few queries as it can (the same
    dimensions together; others by all their dimensions, added up to each one's own; the
    received, refused and answered of the same rows in one query): each, with last year's
    beside it, is what breakdown gives for it alone, which the test above holds to the
    rules."""
    landlord = _register(seed, count)
    asked = []
    for _ in range(data.draw(st.integers(2, 6))):
        stage = data.draw(st.sampled_from([1, 2]))
        by = data.draw(st.lists(st.sampled_from(DIMENSIONS), min_size=1, max_size=2, unique=True))
        measures = [m for m in MEASURES if _possible(stage, [m], by)]
        if measures:
            chosen = data.draw(st.lists(st.sampled_from(measures), min_size=1, unique=True))
            asked.append((stage, chosen, by))
    # The annual report's default tables, which merge into two counts.
    asked += [
        (1, ["received", "responded", "upheld", "upheld_pct"], ["service_area"]),
        (2, ["received", "responded", "upheld", "upheld_pct"], ["handler"]),
        (2, ["responded", "on_time", "on_time_pct"], ["handler"]),
        (1, ["received", "escalated", "escalation_rate_pct"], ["division"]),
        (1, ["escalated"], ["division", "escalation_reason"]),
    ]
    together = breakdowns(landlord, 2025, asked, compare=True)
    for (stage, measures, by), counted in zip(asked, together, strict=True):
        alone = breakdown(landlord, 2025, stage=stage, measures=measures, by=by, compare=True)
        assert counted == alone, (stage, measures, by)


def test_received_and_upheld_by_service_area_add_up_to_the_annual_figures():
    landlord = year_of_cases()
    result = breakdown(landlord, 2024, measures=["received", "upheld", "upheld_pct"],
                       by=["service_area"])  # fmt: skip
    assert result.rows == [
        {"service_area": "Estates", "received": 1, "received_share_pct": 25.0, "upheld": 0,
         "upheld_share_pct": 0.0, "upheld_pct": None},
        {"service_area": "Lettings", "received": 1, "received_share_pct": 25.0, "upheld": 1,
         "upheld_share_pct": 50.0, "upheld_pct": 100.0},
        {"service_area": "Repairs", "received": 2, "received_share_pct": 50.0, "upheld": 1,
         "upheld_share_pct": 50.0, "upheld_pct": 50.0},
    ]  # fmt: skip
    figures = annual_figures(landlord, 2024)
    assert result.totals == {
        "received": figures["stage1"]["received"],
        "upheld": 2,
        "upheld_pct": figures["stage1"]["upheld_or_partly_pct"],
    }


def test_each_stage_counts_under_its_own_handler():
    landlord = year_of_cases()
    stage1 = breakdown(landlord, 2024, stage=1, measures=["received"], by=["handler"])
    stage2 = breakdown(landlord, 2024, stage=2, measures=["received"], by=["handler"])
    assert [(r["handler"], r["received"]) for r in stage1.rows] == [
        ("landlord", 2),
        ("Mears", 2),
    ]
    assert [(r["handler"], r["received"]) for r in stage2.rows] == [("landlord", 1)]


def test_divisions_group_service_areas_and_the_escalation_rate_is_per_row():
    landlord = year_of_cases()
    result = breakdown(
        landlord, 2024, measures=["received", "escalated", "escalation_rate_pct"],
        by=["division"],
    )  # fmt: skip
    assert [
        (r["division"], r["received"], r["escalated"], r["escalation_rate_pct"])
        for r in result.rows
    ] == [("Housing Management Property", 3, 1, 33.3), ("not_recorded", 1, 0, 0.0)]


def test_compensation_by_reason_and_by_quarter():
    landlord = year_of_cases()
    by_reason = breakdown(landlord, 2024, measures=["compensation_cases", "compensation_gbp"],
                          by=["compensation_reason"])  # fmt: skip
    assert [(r["compensation_reason"], r["compensation_gbp"]) for r in by_reason.rows] == [
        ("time_trouble", "100.00"),
        ("goodwill", "50.50"),
    ]
    assert by_reason.totals == {"compensation_cases": 2, "compensation_gbp": "150.50"}
    by_quarter = breakdown(landlord, 2024, measures=["responded", "on_time"], by=["quarter"])
    assert [(r["quarter"], r["responded"], r["on_time"]) for r in by_quarter.rows] == [
        ("Q1", 2, 1),
        ("Q2", 1, 1),
    ]


def test_service_requests_count_by_kind_with_their_own_service_areas():
    landlord = year_of_cases()
    result = breakdown(landlord, 2024, measures=["received"], by=["kind", "service_area"])
    assert [(r["kind"], r["service_area"], r["received"]) for r in result.rows] == [
        ("complaint", "Estates", 1),
        ("complaint", "Lettings", 1),
        ("complaint", "Repairs", 2),
        ("service_request", "Repairs", 1),
    ]


def test_any_theme_counts_a_complaint_under_each_of_its_themes():
    landlord = year_of_cases()
    a = Complaint.objects.get(landlord=landlord, reference="A")
    a.other_themes.add(Theme.objects.create(landlord=landlord, name="Repairs delay"))
    result = breakdown(landlord, 2024, measures=["received"], by=["any_theme"])
    assert [(r["any_theme"], r["received"]) for r in result.rows] == [
        ("Damp and mould", 1),
        ("Noise", 1),
        ("Repairs delay", 1),
        ("not_recorded", 2),
    ]
    assert result.totals == {"received": 4}  # each complaint once


@pytest.mark.parametrize(
    ("stage", "measures", "by", "field", "words"),
    [
        (1, [], ["handler"], "measure", "Choose at least one measure."),
        (1, ["received", "nonsense"], ["handler"], "measure", "Unknown measure nonsense"),
        (2, ["escalation_rate_pct"], ["handler"], "measure", "choose stage 1"),
        (1, ["received"], [], "by", "Choose one or two dimensions"),
        (1, ["received"], ["handler", "handler"], "by", "two different dimensions"),
        (1, ["received"], ["a", "b", "c"], "by", "Choose one or two dimensions"),
        (1, ["responded"], ["kind"], "by", "kind breaks down received"),
        (1, ["received"], ["not_accepted_reason"], "by", "breaks down not_accepted only"),
    ],
)
def test_a_breakdown_that_cannot_be_counted_says_why(stage, measures, by, field, words):
    landlord = factories.landlord()
    with pytest.raises(BreakdownError) as caught:
        breakdown(landlord, 2024, stage=stage, measures=measures, by=by)
    assert words in caught.value.problems[field]


def test_every_measure_is_possible_by_some_dimension():
    possible = {
        m for m, d, s in itertools.product(MEASURES, DIMENSIONS, (1, 2)) if _possible(s, [m], [d])
    }
    assert possible == set(MEASURES)
    assert dataclasses.is_dataclass(counting.MEASURES["received"])


#: The dimensions the tally's stage pass counts the stages received and answered by.
TALLIED = ["service_area", "division", "handler", "escalation_reason"]
COMPENSATION = {"compensation_cases", "compensation_gbp"}


@registers(4)
@given(seed=st.integers(0, 10_000), count=st.integers(20, 80), data=st.data())
def test_breakdowns_taken_from_the_tally_are_what_the_rules_count(seed, count, data):
    """The tally's stage pass also counts the stages received, refused and answered by
    service area, contractor and escalation reason (``StageTally.place_counts``), and the
    breakdown engine takes those populations from it when given the years' tallies: for
    each year and stage (the groups packed into one number or not), by each of those
    dimensions (and division), a pair of them and all four, what the rules count record by
    record; and the breakdowns made from them, last year's beside, are those counted by the
    engine's own queries (the annual report's default tables among them)."""
    landlord = _register(seed, count)
    facts, calendar = list(case_facts(landlord)), landlord.calendar()
    # The stage pass's groups packed into one number, or the ids as columns of their own.
    with mock.patch.object(tally_module, "PACKED_LIMIT", data.draw(st.sampled_from([0, 1 << 62]))):
        counted = tally(landlord, [year_period(2024), year_period(2025)], place_counts=True)
    tallied = dict(zip([2024, 2025], counted, strict=True))
    pair = data.draw(st.lists(st.sampled_from(TALLIED), min_size=2, max_size=2, unique=True))
    for by in [*([d] for d in TALLIED), pair, TALLIED]:
        measures = [
            m
            for m in MEASURES
            if m not in COMPENSATION and _possible(1, [m], by) and _possible(2, [m], by)
        ]
        each = breakdown_counts_each(
            landlord, [2024, 2025], [1, 2], measures=measures, by=by, tallied=tallied
        )
        assert_as_the_rules_count(each, facts, measures, by, calendar)
    asked = [
        (1, ["received", "responded", "upheld", "upheld_pct"], ["service_area"]),
        (1, ["received", "responded", "upheld", "upheld_pct"], ["handler"]),
        (2, ["received", "responded", "upheld", "upheld_pct"], ["service_area"]),
        (2, ["received", "responded", "upheld", "upheld_pct"], ["handler"]),
        (1, ["responded", "on_time", "on_time_pct"], ["handler"]),
        (2, ["responded", "on_time", "on_time_pct"], ["handler"]),
        (1, ["received", "escalated", "escalation_rate_pct"], ["division"]),
        (1, ["escalated"], ["division", "escalation_reason"]),
        (2, ["not_accepted", "on_time_with_extension_pct"], ["escalation_reason"]),
    ]
    for compare, year in [(True, 2025), (False, 2024)]:
        from_tally = breakdowns(landlord, year, asked, compare=compare, tallied=tallied)
        assert from_tally == breakdowns(landlord, year, asked, compare=compare), compare


@registers(4)
@given(seed=st.integers(0, 10_000), count=st.integers(20, 80))
def test_the_coded_detail_counted_in_the_tally_and_extensions_is_what_the_rules_count(seed, count):
    """The tally's stage pass also counts the answers by root cause and sub-cause
    (``StageTally.sub_causes``), and the extension pass the extended answers by each reason
    code (``ReasonCodes``), for the coded detail: for each year and stage, what the rules
    count record by record (the root causes: those with one), and the coded detail made
    from them is the one made from the breakdowns."""
    landlord = _register(seed, count)
    facts, calendar = list(case_facts(landlord)), landlord.calendar()
    codes = dict(SubCause.objects.filter(landlord=landlord).values_list("id", "code"))
    counted = tally(landlord, [year_period(2024), year_period(2025)])
    for year, period in zip([2024, 2025], counted, strict=True):
        _, reason_codes = extensions_counted(landlord, period.period.start, period.period.end)
        for stage in (1, 2):
            causes = counting.breakdown_counts(
                facts, year, stage=stage, by=["root_cause", "sub_cause"], calendar=calendar
            )
            wanted = {
                key: c["responded"]
                for key, c in causes.items()
                if c["responded"] and key[0] != counting.NOT_RECORDED
            }
            tallied = _tallied_causes(period.stages[stage], codes)
            assert {key: c["responded"] for key, c in tallied.items()} == wanted, (year, stage)
            reasons = counting.breakdown_counts(
                facts, year, stage=stage, by=["extension_reason"], calendar=calendar
            )
            wanted = {
                key: c["extended"]
                for key, c in reasons.items()
                if c["extended"] and key != (counting.NOT_EXTENDED,)
            }
            extended = reason_codes.counts(stage, period.stages[stage])
            assert {key: c["extended"] for key, c in extended.items() if c["extended"]} == wanted
        folded = coded_figures(landlord, year, period, reason_codes)
        assert folded == coded_figures(landlord, year), year


def assert_as_the_rules_count(counted, facts, measures, by, calendar) -> None:
    """Each (year, stage)'s counts are those ``counting.breakdown_counts`` makes record by
    record, in the base counts the measures need (a stage 2 is never escalated)."""
    needed = {n for m in measures for n in counting.MEASURES[m].needs}
    for (year, stage), by_database in counted.items():
        by_rules = counting.breakdown_counts(facts, year, stage=stage, by=by, calendar=calendar)
        wanted = needed - ({"escalated"} if stage == 2 else set())

        def kept(counts, wanted=wanted):
            return {
                key: {n: c[n] for n in sorted(wanted) if c[n]}
                for key, c in counts.items()
                if any(c[n] for n in wanted)
            }

        assert kept(by_database) == kept(by_rules), (by, year, stage)
