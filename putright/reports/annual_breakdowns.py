"""The breakdowns the annual report carries (issue 13, items 4 and 6): which measures of
which stage, broken down by what, in which section of the report, as the landlord chose
them for the year (``BreakdownChoice``) or, until it chooses, the defaults.

A breakdown on offer is a ``Kind`` (a set of measures for one section of the report: the
complaints received and upheld, timeliness, the escalation rate, the reasons for
escalating, compensation), a stage and a dimension. Each is counted by the breakdown
engine (``putright.reports.breakdown``), so its rows are exactly the engine's, and with a
last year to compare with, last year's figure and the change in per cent are beside each
(``counting.compared_rows``).

A choice is kept as a list of keys, ``"<kind>.<stage>.<dimension>"`` (``received.1.handler``),
and always listed in the order of the offer, whatever order it was chosen in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from putright.landlords.models import Division, Landlord
from putright.reports.breakdown import breakdowns
from putright.reports.models import BreakdownChoice
from putright.reports.tally import PeriodTally
from putright.rules.counting import DIMENSIONS, breakdown_problems

#: The dimensions offered for most kinds: what the seed reports break their tables down by.
_COMMON = (
    "service_area",
    "division",
    "handler",
    "theme",
    "root_cause",
    "tenure",
    "channel",
    "quarter",
)


#: A dimension in a breakdown's title: "by who handled it".
_TITLE_WORDS = {
    "handler": "who handled it",
    "channel": "how it came in",
    "escalation_reason": "the reason given",
    "compensation_reason": "the reason for it",
}


@dataclass(frozen=True)
class Kind:
    """A set of measures the report can break down, and where it goes: ``section`` is the
    id of the report's section the tables sit in. ``then``: a second dimension every
    breakdown of this kind is crossed with (the reasons for escalating)."""

    key: str
    title: str
    section: str
    measures: tuple[str, ...]
    stages: tuple[int, ...]
    dimensions: tuple[str, ...]
    then: str = ""


KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind(
            "received",
            "Complaints received and upheld",
            "what-about",
            ("received", "responded", "upheld", "upheld_pct"),
            (1, 2),
            _COMMON,
        ),
        Kind(
            "timeliness",
            "Responses sent on time",
            "timeliness",
            ("responded", "on_time", "on_time_pct"),
            (1, 2),
            _COMMON,
        ),
        Kind(
            "escalation",
            "Escalation rate",
            "escalation",
            ("received", "escalated", "escalation_rate_pct"),
            (1,),
            _COMMON,
        ),
        Kind(
            "reasons",
            "Reasons for escalating",
            "escalation",
            ("escalated",),
            (1,),
            ("service_area", "division", "handler"),
            then="escalation_reason",
        ),
        Kind(
            "compensation",
            "Compensation offered",
            "putting-things-right",
            ("compensation_cases", "compensation_gbp"),
            (1, 2),
            (*_COMMON, "compensation_reason"),
        ),
    )
}


@dataclass(frozen=True)
class Chosen:
    """One breakdown the report carries."""

    kind: Kind
    stage: int
    dimension: str

    @property
    def key(self) -> str:
        return f"{self.kind.key}.{self.stage}.{self.dimension}"

    @property
    def by(self) -> list[str]:
        return [self.dimension, self.kind.then] if self.kind.then else [self.dimension]

    @property
    def title(self) -> str:
        """ "Stage 1 complaints received and upheld, by service area"."""
        by = " and ".join(_TITLE_WORDS.get(d, DIMENSIONS[d].lower()) for d in self.by)
        return f"Stage {self.stage} {self.kind.title[0].lower()}{self.kind.title[1:]}, by {by}"


def offered(landlord: Landlord) -> list[Chosen]:
    """Every breakdown the landlord can choose, in the report's order: by kind, then stage,
    then dimension. Division is offered where the landlord has divisions."""
    has_divisions = Division.objects.filter(landlord=landlord).exists()
    return [
        Chosen(kind, stage, dimension)
        for kind in KINDS.values()
        for stage in kind.stages
        for dimension in kind.dimensions
        if dimension != "division" or has_divisions
    ]


def default_keys(landlord: Landlord) -> list[str]:
    """What a report carries until the landlord chooses: stage 1 and stage 2 received and
    upheld by service area and by handler, timeliness by handler, and where the landlord
    has divisions the escalation rate and the reasons for escalating by division (the
    tables of the seed reports: Oxford, Brent)."""
    keys = [
        "received.1.service_area",
        "received.1.handler",
        "received.2.service_area",
        "received.2.handler",
        "timeliness.1.handler",
        "timeliness.2.handler",
    ]
    if Division.objects.filter(landlord=landlord).exists():
        keys += ["escalation.1.division", "reasons.1.division"]
    return keys


def parse(key: str) -> Chosen | None:
    """The breakdown a key names, or None when it names none on offer."""
    parts = key.split(".")
    if len(parts) != 3 or parts[0] not in KINDS or parts[1] not in ("1", "2"):
        return None
    kind, stage, dimension = KINDS[parts[0]], int(parts[1]), parts[2]
    if stage not in kind.stages or dimension not in kind.dimensions:
        return None
    chosen = Chosen(kind, stage, dimension)
    if breakdown_problems(stage, list(kind.measures), chosen.by):
        return None
    return chosen


def in_order(landlord: Landlord, keys: list[str]) -> list[Chosen]:
    """The breakdowns ``keys`` name that are on offer, in the report's order."""
    wanted = set(keys)
    return [c for c in offered(landlord) if c.key in wanted]


def chosen_keys(landlord: Landlord, year: int) -> list[str]:
    """The keys of the breakdowns the year's report carries: the landlord's choice, or the
    defaults when it has not chosen."""
    choice = BreakdownChoice.objects.filter(landlord=landlord, year=year).first()
    return list(choice.breakdowns) if choice is not None else default_keys(landlord)


def chosen(landlord: Landlord, year: int) -> list[Chosen]:
    return in_order(landlord, chosen_keys(landlord, year))


def breakdowns_json(
    landlord: Landlord,
    year: int,
    *,
    compare: bool,
    tallied: Mapping[int, PeriodTally] | None = None,
) -> list[dict[str, Any]]:
    """The annual report's ``breakdowns``: for each breakdown it carries, its ``stage``,
    ``measures``, ``by`` and ``rows`` as the breakdown engine gives them (with ``compare``,
    last year's figures and the change beside each), and its ``key``, ``section``,
    ``title``, ``compare`` and ``totals``. ``tallied``: the years' tallies when already
    counted, which give the default tables' stages received and answered
    (``breakdown.breakdown_counts_each``)."""
    carried = chosen(landlord, year)
    asked = [(c.stage, list(c.kind.measures), c.by) for c in carried]
    result = []
    counted_all = breakdowns(landlord, year, asked, compare=compare, tallied=tallied)
    for c, counted in zip(carried, counted_all, strict=True):
        result.append(
            {
                "key": c.key,
                "section": c.kind.key,
                "title": c.title,
                "stage": c.stage,
                "measures": counted.measures,
                "by": counted.by,
                "compare": compare,
                "rows": counted.rows,
                "totals": counted.totals,
            }
        )
    return result
