"""The annual complaints figures (Code 8.1; counting-rules.md), counted by the database.

The counts come from ``putright.reports.tally``: a few passes over the record for a year, or
for a year and the year before together, so a large landlord's report takes seconds. The
rules of what counts are those of ``putright.rules.counting``; its ``annual_figures`` is the
reference the tests hold these counts to, and the rounding and percentage helpers come from
there too.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from putright.landlords.models import HomesCount, Landlord
from putright.reports.periods import Period, year_period
from putright.reports.tally import (
    Names,
    PeriodTally,
    StageTally,
    largest_first,
    named,
    outcomes,
    pounds,
    tally,
)
from putright.rules.codes import Kind
from putright.rules.counting import financial_year, money, per_1000, percent


def _stage_figures(t: StageTally, number: int, homes: int, names: Names) -> dict[str, Any]:
    """One stage's figures (counting-rules.md, "Responses and timeliness", "Outcomes and
    money", "Breakdowns") from its counts."""
    upheld = t.outcomes["upheld"] + t.outcomes["partly_upheld"]
    figures: dict[str, Any] = {
        "received": t.received,
        "responded": t.responded,
        "responded_within_timescale": t.within,
        "within_timescale_pct": percent(t.within, t.responded),
        "responded_within_agreed_extension": t.within_extension,
        "within_agreed_extension_pct": percent(t.within_extension, t.responded),
        "acknowledged": t.acknowledged,
        "acknowledged_within_timescale": t.acknowledged_within,
        "extended": t.extended,
        "outcomes": outcomes(t.outcomes),
        "upheld_or_partly_pct": percent(upheld, t.responded),
        "compensation": {"cases": t.compensated, "total_gbp": money(pounds(t.compensation_pence))},
        "per_1000_homes": per_1000(t.received, homes),
        "by_service_area": named(t.service_areas, names.service_areas),
        "by_handler": named(t.contractors, names.contractors, "landlord"),
        "by_tenure": largest_first(t.tenures),
        "by_root_cause": largest_first(t.root_causes),
        "by_theme": named(t.themes, names.themes),
    }
    if number == 2:
        figures["not_accepted"] = t.refused
    return figures


def homes_for(landlord: Landlord, year: int) -> tuple[int, int]:
    """LCRA and LCHO homes owned at the end of the year (CH01's denominator); 0, 0 if not entered."""
    row = (
        HomesCount.objects.filter(landlord=landlord, year=year).values_list("lcra", "lcho").first()
    )
    return row or (0, 0)


def homes_by_type(landlord: Landlord, year: int) -> dict[str, int] | None:
    """Homes owned at the end of the year by property type (flats, houses, independent
    living, other), which add up to the LCRA and LCHO homes; None if not entered."""
    count = HomesCount.objects.filter(landlord=landlord, year=year).first()
    return count.by_type() if count is not None else None


def figures_of(counted: PeriodTally, names: Names, *, homes: int) -> dict[str, Any]:
    """The figures of one period from its counts: volumes, not accepted, the two stages,
    escalation and compensation."""
    stage1 = _stage_figures(counted.stages[1], 1, homes, names)
    stage2 = _stage_figures(counted.stages[2], 2, homes, names)
    refused = counted.stages[1].refused_reasons
    comp_total = Decimal(stage1["compensation"]["total_gbp"]) + Decimal(
        stage2["compensation"]["total_gbp"]
    )
    return {
        "logged": counted.records[Kind.COMPLAINT],
        "service_requests": counted.records[Kind.SERVICE_REQUEST],
        "member_enquiries": counted.records[Kind.MEMBER_ENQUIRY],
        "withdrawn": counted.withdrawn,
        "not_accepted": {"total": sum(refused.values()), "by_reason": largest_first(refused)},
        "stage1": stage1,
        "stage2": stage2,
        "escalation_rate_pct": percent(stage2["received"], stage1["received"]),
        "escalation_reasons": largest_first(counted.stages[2].escalation_reasons),
        "compensation_total_gbp": money(comp_total),
    }


def period_figures(
    landlord: Landlord, start: dt.date, end: dt.date, *, homes: int
) -> dict[str, Any]:
    """The counts of the annual figures for any span of dates: volumes, not accepted, the two
    stages, escalation and compensation. A year gives the annual report; a quarter gives the
    quarterly update to the MRC (Code 9.7), counted by the same rules."""
    [figures] = periods_figures(landlord, [Period(start, end, "")], homes=[homes])
    return figures


def periods_figures(
    landlord: Landlord, periods: list[Period], *, homes: list[int]
) -> list[dict[str, Any]]:
    """``period_figures`` for several periods that do not overlap (a quarter and the ones
    before it), counted together in the same passes; ``homes`` for each period."""
    names = Names.of(landlord)
    return [
        figures_of(counted, names, homes=n)
        for counted, n in zip(tally(landlord, periods), homes, strict=True)
    ]


def _with_landlord(landlord: Landlord, year: int, figures: dict[str, Any]) -> dict[str, Any]:
    start, end = financial_year(year)
    lcra, lcho = homes_for(landlord, year)
    stage1, stage2 = figures["stage1"], figures["stage2"]
    ch02_key = "within_timescale_pct" if landlord.ch02_strict else "within_agreed_extension_pct"
    return {
        "landlord": landlord.name,
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "homes": {
            "lcra": lcra,
            "lcho": lcho,
            "total": lcra + lcho,
            "by_type": homes_by_type(landlord, year),
        },
        **figures,
        "tsm": {
            "CH01": {
                "stage1_per_1000_homes": stage1["per_1000_homes"],
                "stage2_per_1000_homes": stage2["per_1000_homes"],
            },
            "CH02": {
                "stage1_within_timescale_pct": stage1[ch02_key],
                "stage2_within_timescale_pct": stage2[ch02_key],
                "strict": landlord.ch02_strict,
            },
            "TP09": None,
        },
    }


def count_years(
    landlord: Landlord, years: list[int], *, place_counts: bool = False
) -> dict[int, tuple[dict[str, Any], PeriodTally]]:
    """``annual_figures`` for several years, counted together in the same passes, each with
    the counts it was made from (with ``place_counts``, the counts the annual report's
    default breakdowns are taken from: ``tally.tally``)."""
    periods = [year_period(year) for year in years]
    names = Names.of(landlord)
    result = {}
    counted_years = tally(landlord, periods, place_counts=place_counts)
    for year, counted in zip(years, counted_years, strict=True):
        homes = sum(homes_for(landlord, year))
        figures = _with_landlord(landlord, year, figures_of(counted, names, homes=homes))
        result[year] = (figures, counted)
    return result


def annual_figures_for_years(landlord: Landlord, years: list[int]) -> dict[int, dict[str, Any]]:
    """``annual_figures`` for several years, counted together in the same passes."""
    return {year: figures for year, (figures, _) in count_years(landlord, years).items()}


def annual_figures(landlord: Landlord, year: int) -> dict[str, Any]:
    """Every figure of the annual report JSON (interfaces.md) for one landlord and year."""
    return annual_figures_for_years(landlord, [year])[year]
