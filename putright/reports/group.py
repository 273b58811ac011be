"""A group's figures (issue 15, item 4; counting-rules.md, "A group of landlords"): the
annual report's figures, the TSM return and the breakdowns of a group of landlords, added
up from each landlord's own counts by the same counting rules.

Nothing is averaged. Each landlord's record is counted as for its own report
(``tally``, ``breakdown_counts``); the counts are added together and the figures are then
worked out from the sums exactly as one landlord's are (``annual.figures_of``,
``counting.breakdown_rows``): counts are the sums of the landlords' counts, a percentage
is the summed numerator over the summed denominator, and a rate per 1,000 homes is the
summed count over the summed homes. A service area, contractor or theme of the same name
at two landlords counts as one row, by its name.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from putright.landlords.models import Landlord, LandlordGroup
from putright.reports.annual import count_years, figures_of, homes_by_type, homes_for
from putright.reports.annual_breakdowns import parse
from putright.reports.breakdown import _whole, breakdown_counts
from putright.reports.periods import year_period
from putright.reports.session import counting_session
from putright.reports.tally import Names, PeriodTally, StageTally
from putright.rules import counting
from putright.rules.counting import financial_year, financial_year_label

#: The breakdowns a group's report carries: each landlord's default ones
#: (``annual_breakdowns.default_keys``) but the divisions, which are each landlord's own.
GROUP_BREAKDOWN_KEYS = (
    "received.1.service_area",
    "received.1.handler",
    "received.2.service_area",
    "received.2.handler",
    "timeliness.1.handler",
    "timeliness.2.handler",
)


def group_landlords(group: LandlordGroup) -> list[Landlord]:
    """The group's landlords, by name."""
    return list(group.landlords.order_by("name"))


def _stage_added(stages: list[StageTally]) -> StageTally:
    total = StageTally()
    for name, value in vars(total).items():
        if isinstance(value, Counter):
            for stage in stages:
                value.update(getattr(stage, name))
        else:
            setattr(total, name, sum(getattr(stage, name) for stage in stages))
    return total


def tally_added(tallies: list[PeriodTally]) -> PeriodTally:
    """Several landlords' counts of the same period added together: every count summed."""
    total = PeriodTally(tallies[0].period)
    total.stages = {n: _stage_added([t.stages[n] for t in tallies]) for n in (1, 2)}
    for t in tallies:
        total.records.update(t.records)
        total.remedy_groups += t.remedy_groups
        total.remedy_responses += t.remedy_responses
    total.withdrawn = sum(t.withdrawn for t in tallies)
    return total


def _names_of(landlords: list[Landlord]) -> Names:
    """Every landlord's service areas, contractors and themes by id (ids are unique across
    landlords, so one mapping holds them all)."""
    names = Names({}, {}, {})
    for landlord in landlords:
        own = Names.of(landlord)
        names.service_areas.update(own.service_areas)
        names.contractors.update(own.contractors)
        names.themes.update(own.themes)
    return names


def _homes_by_type(landlords: list[Landlord], year: int) -> dict[str, int] | None:
    """The homes by property type added up, if every landlord entered them; else None."""
    each = [homes_by_type(landlord, year) for landlord in landlords]
    entered = [types for types in each if types is not None]
    if not entered or len(entered) < len(each):
        return None
    total: Counter[str] = Counter()
    for types in entered:
        total.update(types)
    return {key: total[key] for key in entered[0]}


@dataclass
class GroupFigures:
    """A group's annual figures and each of its landlords' own, counted once."""

    group: LandlordGroup
    year: int
    figures: dict[str, Any]
    landlords: list[dict[str, Any]] = field(default_factory=list)


@counting_session()
def group_figures(group: LandlordGroup, year: int) -> GroupFigures:
    """The annual figures (interfaces.md, "Annual report JSON") of the group for a year,
    added up from its landlords' counts, with each landlord's own figures beside them.

    CH02 is the strict figure for the group only where every landlord reports it so;
    both readings are always in the stages' figures."""
    landlords = group_landlords(group)
    own = [count_years(landlord, [year])[year] for landlord in landlords]
    start, end = financial_year(year)
    lcra = sum(homes_for(landlord, year)[0] for landlord in landlords)
    lcho = sum(homes_for(landlord, year)[1] for landlord in landlords)
    counted = tally_added([t for _, t in own]) if own else PeriodTally(year_period(year))
    figures = figures_of(counted, _names_of(landlords), homes=lcra + lcho)
    strict = bool(landlords) and all(landlord.ch02_strict for landlord in landlords)
    ch02_key = "within_timescale_pct" if strict else "within_agreed_extension_pct"
    stage1, stage2 = figures["stage1"], figures["stage2"]
    whole = {
        "group": group.name,
        "landlords": [landlord.name for landlord in landlords],
        "year": financial_year_label(year),
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "homes": {
            "lcra": lcra,
            "lcho": lcho,
            "total": lcra + lcho,
            "by_type": _homes_by_type(landlords, year),
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
                "strict": strict,
            },
            "TP09": None,
        },
    }
    return GroupFigures(group, year, whole, [figures for figures, _ in own])


@counting_session()
def group_breakdowns(group: LandlordGroup, year: int) -> list[dict[str, Any]]:
    """The group's breakdowns (``GROUP_BREAKDOWN_KEYS``): each landlord's base counts per
    row added together, then the rows and totals worked out by the counting rules
    (``counting.breakdown_rows``), as for one landlord."""
    landlords = group_landlords(group)
    result = []
    for key in GROUP_BREAKDOWN_KEYS:
        chosen = parse(key)
        assert chosen is not None, key
        measures = counting.base_measures(list(chosen.kind.measures))
        counts: dict[tuple[str, ...], Counter[str]] = {}
        whole: Counter[str] = Counter()
        for landlord in landlords:
            own = breakdown_counts(
                landlord, year, stage=chosen.stage, measures=measures, by=chosen.by
            )
            for row, counted in own.items():
                counts.setdefault(row, Counter()).update(counted)
            whole.update(_whole(landlord, year, chosen.stage, measures, chosen.by, own))
        rows = counting.breakdown_rows(counts, measures=measures, by=chosen.by)
        totals = {m: counting.measure_value(m, whole) for m in measures}
        result.append(
            {
                "key": key,
                "section": chosen.kind.key,
                "title": chosen.title,
                "stage": chosen.stage,
                "measures": measures,
                "by": chosen.by,
                "compare": False,
                "rows": rows,
                "totals": totals,
            }
        )
    return result


@counting_session()
def group_annual_json(group: LandlordGroup, year: int) -> dict[str, Any]:
    """What ``putright report annual --group NAME --format json`` writes and a group API
    key reads: the group's figures, its breakdowns, and each landlord's own figures."""
    counted = group_figures(group, year)
    return {
        **counted.figures,
        "breakdowns": group_breakdowns(group, year),
        "by_landlord": counted.landlords,
    }


def group_tsm_return(group: LandlordGroup, year: int) -> dict[str, Any]:
    """CH01 and CH02 of the group, with the counts behind them, added up from its
    landlords'. TP09 comes from each landlord's own perception survey, weighted by its
    own method, so it is not added up: it is null for a group."""
    f = group_figures(group, year).figures
    s1, s2 = f["stage1"], f["stage2"]
    return {
        "group": group.name,
        "landlords": f["landlords"],
        "year": f["year"],
        "period": f["period"],
        "homes": f["homes"],
        "CH01": {
            "stage1_received": s1["received"],
            "stage2_received": s2["received"],
            **f["tsm"]["CH01"],
        },
        "CH02": {
            "stage1_responded": s1["responded"],
            "stage2_responded": s2["responded"],
            "stage1_within_timescale": s1["responded_within_timescale"],
            "stage2_within_timescale": s2["responded_within_timescale"],
            "stage1_within_agreed_extension": s1["responded_within_agreed_extension"],
            "stage2_within_agreed_extension": s2["responded_within_agreed_extension"],
            "stage1_strict_pct": s1["within_timescale_pct"],
            "stage2_strict_pct": s2["within_timescale_pct"],
            "stage1_with_extensions_pct": s1["within_agreed_extension_pct"],
            "stage2_with_extensions_pct": s2["within_agreed_extension_pct"],
            **f["tsm"]["CH02"],
        },
        "TP09": None,
    }
