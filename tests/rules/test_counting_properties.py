"""Properties of the counting rules that must hold for any register."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from putright.rules.calendar import WorkingCalendar
from putright.rules.codes import NotAcceptedReason, Outcome
from putright.rules.counting import CaseFacts, StageFacts, annual_figures

CAL = WorkingCalendar()
YEAR = 2023  # 1 April 2023 to 31 March 2024

AROUND_THE_YEAR = (dt.date(2022, 10, 1), dt.date(2024, 9, 30))
BEFORE_THE_YEAR = (dt.date(2020, 1, 1), dt.date(2023, 3, 31))
AFTER_THE_YEAR = (dt.date(2024, 4, 1), dt.date(2027, 12, 31))

# Strategies are built once here: building them inside the composites costs seconds.
outcomes = st.sampled_from(Outcome.values())
maybe_outcome = st.none() | outcomes
maybe_money = st.none() | st.sampled_from([Decimal(0), Decimal("50"), Decimal("125.50")])
refused = st.sampled_from([False, False, False, True])
reasons = st.sampled_from(NotAcceptedReason.values())
maybe_gap = st.none() | st.integers(0, 60)  # days to the next step, None: not happened
extensions = st.sampled_from([0, 0, 3, 10, 20])
kinds = st.sampled_from(["complaint"] * 4 + ["service_request", "member_enquiry"])
tenures = st.none() | st.sampled_from(["tenant", "leaseholder"])
areas = st.none() | st.sampled_from(["Repairs", "Estates"])
handlers = st.none() | st.just("Fixit Ltd")
themes = st.none() | st.just("Damp and mould")
root_causes = st.none() | st.sampled_from(["communication", "service_failure"])
escalation_reasons = st.none() | st.sampled_from(["compensation", "other"])


def after(day: dt.date | None, gap: int | None, hi: dt.date) -> dt.date | None:
    """The day ``gap`` days after ``day``, kept inside the window; None if either is None."""
    if day is None or gap is None:
        return None
    return min(day + dt.timedelta(days=gap), hi)


@st.composite
def stage_facts(draw, requested, hi, *, with_outcome):
    """One stage whose dates run in order from ``requested``, none after ``hi``."""
    if draw(refused):
        return StageFacts(requested=requested, not_accepted_reason=draw(reasons))
    acknowledged = after(requested, draw(maybe_gap), hi)
    responded = after(acknowledged or requested, draw(maybe_gap), hi)
    outcome = draw(outcomes) if with_outcome else draw(maybe_outcome)
    return StageFacts(
        requested=requested,
        acknowledged=acknowledged,
        extension_working_days=draw(extensions),
        responded=responded,
        outcome=outcome if responded else None,
        compensation_gbp=draw(maybe_money) if responded else None,
    )


@st.composite
def case_facts(draw, window=AROUND_THE_YEAR, with_outcome=False, jurisdiction="housing"):
    lo, hi = window
    received = lo + dt.timedelta(days=draw(st.integers(0, (hi - lo).days)))
    stage1 = draw(stage_facts(received, hi, with_outcome=with_outcome))
    stage2 = None
    requested = after(stage1.responded, draw(maybe_gap), hi)
    if requested is not None:
        stage2 = draw(stage_facts(requested, hi, with_outcome=with_outcome))
    return CaseFacts(
        kind=draw(kinds),
        jurisdiction=jurisdiction,
        received=received,
        withdrawn=after(received, draw(maybe_gap), hi),
        tenure=draw(tenures),
        service_area=draw(areas),
        handled_by=draw(handlers),
        theme=draw(themes),
        root_cause=draw(root_causes),
        escalation_reason=draw(escalation_reasons),
        stage1=stage1,
        stage2=stage2,
    )


registers = st.lists(case_facts(), max_size=15)
some = settings(max_examples=50, deadline=None)


def figures(records, **kw):
    return annual_figures(records, YEAR, homes_lcra=1000, calendar=CAL, **kw)


@some
@given(registers)
def test_within_timescale_within_extension_and_responded_nest(records):
    result = figures(records)
    for stage in ("stage1", "stage2"):
        f = result[stage]
        assert (
            0
            <= f["responded_within_timescale"]
            <= f["responded_within_agreed_extension"]
            <= f["responded"]
        )
        assert f["extended"] <= f["responded"]
        if f["responded"]:
            assert f["within_timescale_pct"] <= f["within_agreed_extension_pct"] <= 100.0
        else:
            assert f["within_timescale_pct"] is None


@some
@given(registers)
def test_acknowledged_within_timescale_is_at_most_acknowledged(records):
    result = figures(records)
    for stage in ("stage1", "stage2"):
        assert 0 <= result[stage]["acknowledged_within_timescale"] <= result[stage]["acknowledged"]


@some
@given(st.lists(case_facts(with_outcome=True), max_size=15))
def test_outcomes_sum_to_responded_when_every_response_has_an_outcome(records):
    result = figures(records)
    for stage in ("stage1", "stage2"):
        assert sum(result[stage]["outcomes"].values()) == result[stage]["responded"]


@some
@given(registers)
def test_breakdowns_of_received_never_exceed_received(records):
    result = figures(records)
    for stage in ("stage1", "stage2"):
        f = result[stage]
        assert sum(f["by_handler"].values()) == f["received"]
        assert sum(f["by_tenure"].values()) == f["received"]
        assert sum(f["by_service_area"].values()) <= f["received"]
        assert sum(f["by_theme"].values()) <= f["received"]
        assert sum(f["by_root_cause"].values()) <= f["responded"]
        assert f["compensation"]["cases"] <= f["responded"]
    assert sum(result["escalation_reasons"].values()) == result["stage2"]["received"]
    assert result["not_accepted"]["total"] + result["stage1"]["received"] == result["logged"]
    assert sum(result["not_accepted"]["by_reason"].values()) == result["not_accepted"]["total"]


@some
@given(
    registers,
    st.lists(
        case_facts(window=BEFORE_THE_YEAR) | case_facts(window=AFTER_THE_YEAR),
        min_size=1,
        max_size=6,
    ),
)
def test_the_figures_of_a_year_ignore_records_entirely_outside_it(records, outside):
    assert figures(records + outside) == figures(records)
    assert figures(outside) == figures([])


@some
@given(registers, st.lists(case_facts(jurisdiction="lgsco"), min_size=1, max_size=4))
def test_adding_lgsco_records_changes_nothing(records, lgsco):
    assert figures(records + lgsco) == figures(records)
    assert figures(lgsco + records, ch02_strict=True) == figures(records, ch02_strict=True)


@some
@given(registers)
def test_the_order_of_the_register_does_not_matter(records):
    assert figures(list(reversed(records))) == figures(records)


@some
@given(registers)
def test_ch02_is_the_agreed_extension_figure_unless_strict(records):
    default, strict = figures(records), figures(records, ch02_strict=True)
    for n in (1, 2):
        key = f"stage{n}_within_timescale_pct"
        assert default["tsm"]["CH02"][key] == default[f"stage{n}"]["within_agreed_extension_pct"]
        assert strict["tsm"]["CH02"][key] == strict[f"stage{n}"]["within_timescale_pct"]


@some
@given(registers)
def test_compensation_total_is_the_sum_of_both_stages(records):
    result = figures(records)
    total = Decimal(result["stage1"]["compensation"]["total_gbp"]) + Decimal(
        result["stage2"]["compensation"]["total_gbp"]
    )
    assert Decimal(result["compensation_total_gbp"]) == total


@some
@given(case_facts())
def test_a_service_request_or_member_enquiry_is_never_a_complaint_figure(record):
    as_request = dataclasses.replace(record, kind="service_request")
    result = figures([as_request])
    assert result["logged"] == 0
    assert result["stage1"]["received"] == result["stage1"]["responded"] == 0
    assert result["stage2"]["received"] == result["withdrawn"] == 0
