"""The counting rules (counting-rules.md) as pure functions.

Two uses: the reports call the small helpers here (financial years, rounding, the
percentage and rate rules, what counts as "on time"), and ``annual_figures`` computes every
figure of the annual report JSON from plain records in Python. That reference version is
the counting rules written out once, plainly; the database reports must agree with it,
and the tests hold them to it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from putright.rules.calendar import WorkingCalendar
from putright.rules.codes import (
    Channel,
    CompensationReason,
    EscalationReason,
    ExtensionReason,
    Kind,
    NotAcceptedReason,
    RootCause,
    Tenure,
)
from putright.rules.timescales import StageDueDates, stage_due_dates


def financial_year(year: int) -> tuple[dt.date, dt.date]:
    """``year 2023`` is 1 April 2023 to 31 March 2024."""
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


def financial_year_of(day: dt.date) -> int:
    """The financial year a date falls in: 15 March 2024 is in 2023 (2023/24)."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(year: int) -> str:
    """2023 -> "2023/24"."""
    return f"{year}/{(year + 1) % 100:02d}"


def in_year(day: dt.date | None, year: int) -> bool:
    start, end = financial_year(year)
    return day is not None and start <= day <= end


def percent(numerator: int, denominator: int) -> float | None:
    """A percentage to one decimal place, half up; None (never 0) when the denominator is 0."""
    if denominator == 0:
        return None
    value = Decimal(numerator) * 100 / Decimal(denominator)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def per_1000(numerator: int, homes: int) -> float | None:
    """A rate per 1,000 homes to two decimal places, half up; None when there are no homes."""
    if homes == 0:
        return None
    value = Decimal(numerator) * 1000 / Decimal(homes)
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def money(amount: Decimal) -> str:
    """Money as a string with two decimals: Decimal("850") -> "850.00"."""
    return str(Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class StageFacts:
    """What the counting rules need to know about one stage of one complaint."""

    requested: dt.date | None = None  # received (stage 1) or escalation requested (stage 2)
    not_accepted_reason: str | None = None
    acknowledged: dt.date | None = None
    extension_working_days: int = 0
    responded: dt.date | None = None
    outcome: str | None = None
    compensation_gbp: Decimal | None = None
    # When the extension was agreed; None: not known, taken as agreed in time.
    extension_agreed_on: dt.date | None = None
    # Who handled this stage (issue 13): the contractor's name, "" for the landlord itself;
    # None: not said apart, so the record's ``handled_by`` (both stages).
    handled_by: str | None = None
    # Each financial remedy offered: (its compensation reason or "", the amount offered).
    compensation_offers: tuple[tuple[str, Decimal], ...] = ()
    # Each extension's reason code, "" where it has none (issue 13, item 5).
    extension_reasons: tuple[str, ...] = ()

    def due_dates(self, calendar: WorkingCalendar, stage: int) -> StageDueDates:
        """The stage's due dates; an extension agreed after the response due date does not
        move it (Code 6.4 / 6.5)."""
        assert self.requested is not None
        return stage_due_dates(
            calendar,
            stage,
            self.requested,
            self.acknowledged,
            self.extension_working_days,
            self.extension_agreed_on,
        )


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What the counting rules need to know about one record of the register."""

    kind: str = "complaint"
    jurisdiction: str = "housing"
    received: dt.date | None = None
    withdrawn: dt.date | None = None
    tenure: str | None = None
    service_area: str | None = None
    handled_by: str | None = None  # None: the landlord; otherwise the contractor's name
    theme: str | None = None
    root_cause: str | None = None
    root_cause_detail: str | None = None
    sub_cause: str | None = None  # the landlord's own sub-cause code (issue 13, item 5)
    channel: str | None = None
    other_themes: tuple[str, ...] = ()
    division: str | None = None  # the division its main service area belongs to
    escalation_reason: str | None = None
    awaiting_triage: bool = False  # logged but not yet accepted or refused
    stage1: StageFacts = StageFacts()
    stage2: StageFacts | None = None  # present when an escalation was requested


def stage1_received(c: CaseFacts, year: int) -> bool:
    """Stage 1 received: a complaint received in the year and accepted (withdrawn ones count)."""
    return (
        c.kind == "complaint"
        and in_year(c.received, year)
        and not c.awaiting_triage
        and c.stage1.not_accepted_reason is None
    )


def stage2_received(c: CaseFacts, year: int) -> bool:
    """Stage 2 received: escalation requested in the year and not refused."""
    return (
        c.kind == "complaint"
        and c.stage2 is not None
        and in_year(c.stage2.requested, year)
        and c.stage2.not_accepted_reason is None
    )


def _stage(c: CaseFacts, n: int) -> StageFacts | None:
    return c.stage1 if n == 1 else c.stage2


def stage_handler(c: CaseFacts, s: StageFacts) -> str:
    """Who handled a stage, as the reports name it: ``landlord`` or the contractor's name.
    Each stage by its own handler (issue 13); a stage that does not say apart takes the
    record's, which then means both stages."""
    name = s.handled_by if s.handled_by is not None else c.handled_by
    return name or "landlord"


def _stage_figures(
    cases: list[CaseFacts], n: int, year: int, homes: int, calendar: WorkingCalendar
) -> dict[str, Any]:
    received_test = stage1_received if n == 1 else stage2_received
    received = [c for c in cases if received_test(c, year)]
    received_stages = [(c, s) for c in received if (s := _stage(c, n)) is not None]
    stages = [(c, s) for c in cases if (s := _stage(c, n)) is not None and s.requested]
    responded = [(c, s) for c, s in stages if in_year(s.responded, year)]
    acknowledged = [(c, s) for c, s in stages if in_year(s.acknowledged, year)]

    within = within_ext = extended = 0
    for _, s in responded:
        assert s.responded is not None  # in_year holds only for a date
        due = s.due_dates(calendar, n)
        within += s.responded <= due.response_due
        within_ext += s.responded <= due.response_due_extended
        extended += s.extension_working_days > 0
    ack_within = sum(
        s.acknowledged is not None
        and s.acknowledged <= s.due_dates(calendar, n).acknowledgement_due
        for _, s in acknowledged
    )
    outcomes = Counter(s.outcome for _, s in responded if s.outcome)
    compensated = [s for _, s in responded if s.compensation_gbp and s.compensation_gbp > 0]
    upheld = outcomes["upheld"] + outcomes["partly_upheld"]
    return {
        "received": len(received),
        "responded": len(responded),
        "responded_within_timescale": within,
        "within_timescale_pct": percent(within, len(responded)),
        "responded_within_agreed_extension": within_ext,
        "within_agreed_extension_pct": percent(within_ext, len(responded)),
        "acknowledged": len(acknowledged),
        "acknowledged_within_timescale": ack_within,
        "extended": extended,
        "outcomes": dict(outcomes),
        "upheld_or_partly_pct": percent(upheld, len(responded)),
        "compensation": {
            "cases": len(compensated),
            "total_gbp": money(
                sum((s.compensation_gbp or Decimal(0) for s in compensated), Decimal(0))
            ),
        },
        "per_1000_homes": per_1000(len(received), homes),
        "by_service_area": _count(c.service_area for c in received),
        "by_handler": _count(stage_handler(c, s) for c, s in received_stages),
        "by_tenure": _count(c.tenure or "unknown" for c in received),
        "by_root_cause": _count(c.root_cause for c, _ in responded),
        "by_theme": _count(c.theme for c in received),
    }


def _count(values: Iterable[str | None]) -> dict[str, int]:
    return dict(Counter(v for v in values if v))


def annual_figures(
    records: Iterable[CaseFacts],
    year: int,
    *,
    homes_lcra: int,
    homes_lcho: int = 0,
    calendar: WorkingCalendar,
    ch02_strict: bool = False,
) -> dict[str, Any]:
    """Every figure of the annual report JSON (interfaces.md) for one landlord and year,
    counted as counting-rules.md says. Only Housing Ombudsman complaints are counted."""
    all_records = list(records)
    cases = [c for c in all_records if c.jurisdiction == "housing"]
    complaints = [c for c in cases if c.kind == "complaint"]
    homes = homes_lcra + homes_lcho
    stage1 = _stage_figures(complaints, 1, year, homes, calendar)
    stage2 = _stage_figures(complaints, 2, year, homes, calendar)
    not_accepted = [
        c for c in complaints if in_year(c.received, year) and c.stage1.not_accepted_reason
    ]
    stage2_cases = [c for c in complaints if stage2_received(c, year)]
    ch02_key = "within_timescale_pct" if ch02_strict else "within_agreed_extension_pct"
    comp_total = Decimal(stage1["compensation"]["total_gbp"]) + Decimal(
        stage2["compensation"]["total_gbp"]
    )
    return {
        "period": {
            "start": financial_year(year)[0].isoformat(),
            "end": financial_year(year)[1].isoformat(),
        },
        "homes": {"lcra": homes_lcra, "lcho": homes_lcho, "total": homes},
        "logged": sum(in_year(c.received, year) for c in complaints),
        "service_requests": sum(
            c.kind == "service_request" and in_year(c.received, year) for c in cases
        ),
        "member_enquiries": sum(
            c.kind == "member_enquiry" and in_year(c.received, year) for c in cases
        ),
        "not_accepted": {
            "total": len(not_accepted),
            "by_reason": _count(c.stage1.not_accepted_reason for c in not_accepted),
        },
        "withdrawn": sum(in_year(c.withdrawn, year) for c in complaints),
        "stage1": stage1,
        "stage2": {
            **stage2,
            "not_accepted": sum(
                c.stage2 is not None
                and in_year(c.stage2.requested, year)
                and c.stage2.not_accepted_reason is not None
                for c in complaints
            ),
        },
        "escalation_rate_pct": percent(stage2["received"], stage1["received"]),
        "escalation_reasons": _count(c.escalation_reason or "not_given" for c in stage2_cases),
        "compensation_total_gbp": money(comp_total),
        "tsm": {
            "CH01": {
                "stage1_per_1000_homes": stage1["per_1000_homes"],
                "stage2_per_1000_homes": stage2["per_1000_homes"],
            },
            "CH02": {
                "stage1_within_timescale_pct": stage1[ch02_key],
                "stage2_within_timescale_pct": stage2[ch02_key],
                "strict": ch02_strict,
            },
            "TP09": None,
        },
    }


# Breakdowns (issue 13) -----------------------------------------------------------------
#
# Any measure of a stage broken down by one or two dimensions, by the same rules as the
# headline figures: each measure counts the population its headline figure counts, so the
# rows of a one-dimension breakdown add up to it (``any_theme`` apart, where a complaint
# counts under each of its themes). ``breakdown_counts`` counts plain records here, row by
# row; ``putright.reports.breakdown`` counts the database with GROUP BY, and both hand
# their counts to ``breakdown_rows``, which works out the measures. The tests hold the two
# counts equal.

#: A dimension's value where the record holds none.
NOT_RECORDED = "not_recorded"

#: The counts of the answers given (responses), without the compensation offered in them.
ANSWER_COUNTS: tuple[str, ...] = (
    "responded",
    "upheld",
    "not_upheld",
    "on_time",
    "on_time_with_extension",
    "extended",
)
#: The compensation offered in responses: how many, and how much in pence.
COMPENSATION_COUNTS: tuple[str, ...] = ("compensation_cases", "compensation_pence")
#: The counts a breakdown is made of, per combination of dimension values. Money in pence.
BASE_COUNTS: tuple[str, ...] = (
    "received",
    "not_accepted",
    "escalated",
    *ANSWER_COUNTS,
    *COMPENSATION_COUNTS,
)


@dataclass(frozen=True, slots=True)
class Measure:
    """A measure of a breakdown: ``kind`` is count, pct or money; ``needs`` the base counts
    it is made of (a row is shown when any of them is more than nothing)."""

    name: str
    kind: str
    needs: tuple[str, ...]
    label: str
    stage1_only: bool = False

    @property
    def shareable(self) -> bool:
        """A count or a sum of money has a share of its column's total; a percentage not."""
        return self.kind != "pct"


MEASURES: dict[str, Measure] = {
    m.name: m
    for m in (
        Measure("received", "count", ("received",), "Received"),
        Measure("responded", "count", ("responded",), "Responded to"),
        Measure("upheld", "count", ("upheld",), "Upheld or partly upheld"),
        Measure("upheld_pct", "pct", ("upheld", "responded"), "Upheld or partly upheld (%)"),
        Measure("not_upheld", "count", ("not_upheld",), "Not upheld"),
        Measure("on_time", "count", ("on_time",), "Responded to on time"),
        Measure("on_time_pct", "pct", ("on_time", "responded"), "On time (%)"),
        Measure(
            "on_time_with_extension",
            "count",
            ("on_time_with_extension",),
            "On time, with agreed extensions",
        ),
        Measure(
            "on_time_with_extension_pct",
            "pct",
            ("on_time_with_extension", "responded"),
            "On time, with agreed extensions (%)",
        ),
        Measure("extended", "count", ("extended",), "Extended"),
        Measure("escalated", "count", ("escalated",), "Escalated to stage 2", stage1_only=True),
        Measure(
            "escalation_rate_pct",
            "pct",
            ("escalated", "received"),
            "Escalation rate (%)",
            stage1_only=True,
        ),
        Measure("compensation_cases", "count", ("compensation_cases",), "Cases with compensation"),
        Measure("compensation_gbp", "money", ("compensation_pence",), "Compensation offered (£)"),
        Measure("not_accepted", "count", ("not_accepted",), "Not accepted"),
    )
}

#: The dimensions a measure can be broken down by, with their headings.
DIMENSIONS: dict[str, str] = {
    "service_area": "Service area",
    "division": "Division",
    "handler": "Handled by",
    "theme": "Theme",
    "any_theme": "Any of its themes",
    "root_cause": "Root cause",
    "root_cause_detail": "Root cause detail",
    "sub_cause": "Sub-cause",
    "extension_reason": "Why it was extended",
    "escalation_reason": "Why it was escalated",
    "not_accepted_reason": "Why it was not accepted",
    "compensation_reason": "Compensation reason",
    "tenure": "Tenure",
    "channel": "How it came in",
    "quarter": "Quarter",
    "month": "Month",
    "kind": "Kind of record",
}

_COMPENSATION = frozenset({"compensation_cases", "compensation_gbp"})
#: The measures counted over the responses sent in the year.
_RESPONSES = frozenset(
    {
        "responded",
        "upheld",
        "upheld_pct",
        "not_upheld",
        "on_time",
        "on_time_pct",
        "on_time_with_extension",
        "on_time_with_extension_pct",
        "extended",
        "compensation_cases",
        "compensation_gbp",
    }
)
#: Dimensions where a record can count under several values (each of its themes, each
#: reason its extensions give), so the year's figure is not the rows added up.
MANY_VALUED = frozenset({"any_theme", "extension_reason"})
#: The value of ``extension_reason`` for a response that was not extended.
NOT_EXTENDED = "not_extended"
#: Dimensions that break down only some measures, and which.
_ONLY_WITH: dict[str, tuple[frozenset[str], str]] = {
    "not_accepted_reason": (frozenset({"not_accepted"}), "not_accepted"),
    "compensation_reason": (_COMPENSATION, "compensation_cases and compensation_gbp"),
    "kind": (
        frozenset({"received"}),
        "received (service requests and member enquiries are only ever received)",
    ),
    "extension_reason": (
        _RESPONSES,
        "the measures of responses (" + ", ".join(sorted(_RESPONSES)) + ")",
    ),
}


def breakdown_problems(stage: int, measures: list[str], by: list[str]) -> dict[str, str]:
    """What is wrong with a breakdown asked for, by field (stage, measure, by), in plain
    words; empty when it can be counted."""
    problems: dict[str, str] = {}
    if stage not in (1, 2):
        problems["stage"] = f"The stage is 1 or 2, not {stage}."
    unknown = [m for m in measures if base_measure(m) is None]
    repeated = len(set(measures)) != len(measures)
    measures = base_measures(measures)
    if not measures:
        problems["measure"] = "Choose at least one measure."
    elif unknown:
        problems["measure"] = (
            f"Unknown measure {', '.join(unknown)}; the measures are {', '.join(MEASURES)}."
        )
    elif repeated:
        problems["measure"] = "Each measure can be chosen once."
    elif stage == 2 and (once := [m for m in measures if MEASURES[m].stage1_only]):
        problems["measure"] = (
            f"{', '.join(once)} counts stage 1 complaints escalated to stage 2: choose stage 1."
        )
    unknown_by = [d for d in by if d not in DIMENSIONS]
    if not by or len(by) > 2:
        problems["by"] = "Choose one or two dimensions to break the measures down by."
    elif unknown_by:
        problems["by"] = (
            f"Unknown dimension {', '.join(unknown_by)}; the dimensions are "
            f"{', '.join(DIMENSIONS)}."
        )
    elif len(set(by)) != len(by):
        problems["by"] = "Choose two different dimensions."
    if problems:
        return problems
    for dimension in by:
        if dimension in _ONLY_WITH:
            allowed, words = _ONLY_WITH[dimension]
            if not set(measures) <= allowed:
                problems["by"] = f"{dimension} breaks down {words} only."
        if dimension == "kind" and stage != 1:
            problems["by"] = "kind counts records as they are received: choose stage 1."
        if dimension == "escalation_reason" and stage == 1 and set(measures) != {"escalated"}:
            problems["by"] = (
                "escalation_reason breaks down stage 2, or the stage 1 complaints escalated "
                "(the measure escalated)."
            )
    if "compensation_reason" in by and len(by) == 2 and "any_theme" in by:
        problems["by"] = "compensation_reason and any_theme cannot be crossed."
    if "compensation_reason" in by and "extension_reason" in by:
        problems["by"] = "compensation_reason and extension_reason cannot be crossed."
    return problems


SHARE = "_share_pct"


def base_measure(name: str) -> str | None:
    """The measure a column name gives: itself, or for ``<measure>_share_pct`` (a count's
    or money's share of its column's total) the measure it is the share of; None for a
    name that is neither."""
    if name in MEASURES:
        return name
    if name.endswith(SHARE):
        base = name.removesuffix(SHARE)
        if base in MEASURES and MEASURES[base].shareable:
            return base
    return None


def base_measures(names: Iterable[str]) -> list[str]:
    """The measures columns need, once each, in the order first named."""
    return list(dict.fromkeys(base_measure(n) or n for n in names))


def quarter_of(day: dt.date) -> str:
    """The financial quarter a date falls in: "Q1" is April to June."""
    return f"Q{(day.month - 4) % 12 // 3 + 1}"


def month_of(day: dt.date) -> str:
    """A month as YYYY-MM."""
    return f"{day.year:04d}-{day.month:02d}"


@dataclass(frozen=True, slots=True)
class _Counted:
    """One thing a breakdown counts: the record, the stage whose handler it counts under,
    the date that puts it in the year, and the stage 2 asked for (for its reason)."""

    case: CaseFacts
    stage: StageFacts | None
    on: dt.date


def _values(dimension: str, item: _Counted) -> list[str]:
    c, s = item.case, item.stage
    if dimension == "service_area":
        return [c.service_area or NOT_RECORDED]
    if dimension == "division":
        return [c.division or NOT_RECORDED]
    if dimension == "handler":
        return [stage_handler(c, s) if s is not None else c.handled_by or "landlord"]
    if dimension == "theme":
        return [c.theme or NOT_RECORDED]
    if dimension == "any_theme":
        themes = [t for t in dict.fromkeys((c.theme, *c.other_themes)) if t]
        return themes or [NOT_RECORDED]
    if dimension == "root_cause":
        return [c.root_cause or NOT_RECORDED]
    if dimension == "root_cause_detail":
        return [c.root_cause_detail or NOT_RECORDED]
    if dimension == "sub_cause":
        return [c.sub_cause or NOT_RECORDED]
    if dimension == "extension_reason":
        if s is None or s.extension_working_days == 0:
            return [NOT_EXTENDED]
        reasons = [r or NOT_RECORDED for r in dict.fromkeys(s.extension_reasons)]
        return list(dict.fromkeys(reasons)) or [NOT_RECORDED]
    if dimension == "escalation_reason":
        return [c.escalation_reason or "not_given"]
    if dimension == "not_accepted_reason":
        return [(s.not_accepted_reason if s else None) or NOT_RECORDED]
    if dimension == "tenure":
        return [c.tenure or "unknown"]
    if dimension == "channel":
        return [c.channel or NOT_RECORDED]
    if dimension == "quarter":
        return [quarter_of(item.on)]
    if dimension == "month":
        return [month_of(item.on)]
    if dimension == "kind":
        return [c.kind]
    raise ValueError(f"unknown dimension {dimension}")


def _keys(by: list[str], item: _Counted) -> list[tuple[str, ...]]:
    keys: list[tuple[str, ...]] = [()]
    for dimension in by:
        keys = [(*key, value) for key in keys for value in _values(dimension, item)]
    return keys


def _pence(amount: Decimal) -> int:
    return int((Decimal(amount) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def breakdown_counts(
    records: Iterable[CaseFacts],
    year: int,
    *,
    stage: int,
    by: list[str],
    calendar: WorkingCalendar,
) -> dict[tuple[str, ...], Counter[str]]:
    """The base counts (``BASE_COUNTS``) of stage ``stage`` in financial ``year``, per
    combination of the values of ``by``, counted record by record (counting-rules.md,
    "Breakdowns"). Only Housing Ombudsman records; only complaints, except with ``kind``,
    where service requests and member enquiries count as received in the year."""
    counts: dict[tuple[str, ...], Counter[str]] = {}

    def add(item: _Counted, **amounts: int) -> None:
        for key in _keys(by, item):
            counts.setdefault(key, Counter()).update(amounts)

    by_reason = "compensation_reason" in by
    rest = [d for d in by if d != "compensation_reason"]
    for c in records:
        if c.jurisdiction != "housing":
            continue
        if c.kind != "complaint":
            if "kind" in by and c.received is not None and in_year(c.received, year):
                add(_Counted(c, None, c.received), received=1)
            continue
        s = _stage(c, stage)
        if s is None or s.requested is None:
            continue
        if by_reason:  # only compensation is broken down by its reason
            if s.responded is not None and in_year(s.responded, year):
                _add_offers(counts, by, rest, _Counted(c, s, s.responded))
            continue
        accepted = not c.awaiting_triage and s.not_accepted_reason is None
        if in_year(s.requested, year) and not (stage == 1 and c.awaiting_triage):
            if accepted:
                add(_Counted(c, s, s.requested), received=1)
            elif s.not_accepted_reason is not None:
                add(_Counted(c, s, s.requested), not_accepted=1)
        if (
            stage == 1
            and c.stage2 is not None
            and c.stage2.requested is not None
            and stage2_received(c, year)
        ):
            add(_Counted(c, s, c.stage2.requested), escalated=1)
        if s.responded is None or not in_year(s.responded, year):
            continue
        item = _Counted(c, s, s.responded)
        compensated = s.compensation_gbp is not None and s.compensation_gbp > 0
        due = s.due_dates(calendar, stage)
        add(
            item,
            responded=1,
            upheld=s.outcome in ("upheld", "partly_upheld"),
            not_upheld=s.outcome == "not_upheld",
            on_time=s.responded <= due.response_due,
            on_time_with_extension=s.responded <= due.response_due_extended,
            extended=s.extension_working_days > 0,
            compensation_cases=compensated,
            compensation_pence=_pence(s.compensation_gbp or Decimal(0)) if compensated else 0,
        )
    return counts


def _add_offers(
    counts: dict[tuple[str, ...], Counter[str]], by: list[str], rest: list[str], item: _Counted
) -> None:
    """A response's compensation by its reason: each reason its financial remedies give,
    with the amounts offered for it (a response counts once under each reason)."""
    assert item.stage is not None
    offered: dict[str, Decimal] = {}
    for reason, amount in item.stage.compensation_offers:
        if amount > 0:
            coded = reason or NOT_RECORDED
            offered[coded] = offered.get(coded, Decimal(0)) + amount
    for coded, amount in offered.items():
        for key in _keys(rest, item):
            full = tuple(coded if d == "compensation_reason" else key[rest.index(d)] for d in by)
            counts.setdefault(full, Counter()).update(
                compensation_cases=1, compensation_pence=_pence(amount)
            )


def breakdown_by_rules(
    records: Iterable[CaseFacts],
    year: int,
    *,
    stage: int,
    measures: list[str],
    by: list[str],
    calendar: WorkingCalendar,
) -> list[dict[str, Any]]:
    """A breakdown counted record by record: the reference the database engine is held to."""
    counts = breakdown_counts(records, year, stage=stage, by=by, calendar=calendar)
    return breakdown_rows(counts, measures=measures, by=by)


def breakdown_rows(
    counts: dict[tuple[str, ...], Counter[str]],
    *,
    measures: list[str],
    by: list[str],
    also: frozenset[tuple[str, ...]] = frozenset(),
) -> list[dict[str, Any]]:
    """The rows of a breakdown from its base counts: one per combination that has anything
    the measures count, in the dimensions' order, each measure worked out (percentages to
    one decimal place, money as pounds with two decimals) and, for counts and money, its
    share of the column's total as ``<measure>_share_pct``. ``also``: combinations to
    list even with nothing (those last year had, beside this year's)."""
    needs = {n for m in measures for n in MEASURES[m].needs}
    kept = {key: c for key, c in counts.items() if any(c[n] for n in needs) or key in also}
    totals: Counter[str] = Counter()
    for c in kept.values():
        totals.update(c)
    rows = []
    for key in sorted(
        kept, key=lambda k: tuple(sort_key(d, v) for d, v in zip(by, k, strict=True))
    ):
        c = kept[key]
        row: dict[str, Any] = dict(zip(by, key, strict=True))
        for name in measures:
            row[name] = measure_value(name, c)
            measure = MEASURES[name]
            if measure.shareable:
                base = measure.needs[0]
                row[f"{name}_share_pct"] = percent(c[base], totals[base])
        rows.append(row)
    return rows


LAST_YEAR, CHANGE = "_last_year", "_change_pct"


def compared_rows(
    now: dict[tuple[str, ...], Counter[str]],
    before: dict[tuple[str, ...], Counter[str]],
    *,
    measures: list[str],
    by: list[str],
) -> list[dict[str, Any]]:
    """Year on year: the rows of this year and of the year before (a combination either
    year has), each measure with last year's beside it as ``<measure>_last_year`` and, for
    a count or money, the change as a percentage of last year's, ``<measure>_change_pct``
    (null where last year's was nothing, as the annual report's ``change``)."""
    needs = {n for m in measures for n in MEASURES[m].needs}

    def counted(counts: dict[tuple[str, ...], Counter[str]]) -> set[tuple[str, ...]]:
        return {k for k, c in counts.items() if any(c[n] for n in needs)}

    keys = frozenset(counted(now) | counted(before))
    rows = breakdown_rows({k: now.get(k, Counter()) for k in keys}, measures=measures, by=by,
                          also=keys)  # fmt: skip
    for row in rows:
        key = tuple(row[d] for d in by)
        last = before.get(key, Counter())
        this = now.get(key, Counter())
        for name in measures:
            measure = MEASURES[name]
            row[name + LAST_YEAR] = measure_value(name, last)
            if measure.shareable:
                base = measure.needs[0]
                row[name + CHANGE] = change_pct(this[base], last[base])
    return rows


def change_pct(now: int, before: int) -> float | None:
    """The change from last year as a percentage of last year's: 1,200 after 950 is +26.3;
    null when last year's was nothing."""
    return percent(now - before, before) if before else None


def measure_value(name: str, c: Counter[str] | dict[str, int]) -> Any:
    """A measure worked out from base counts."""
    measure = MEASURES[name]
    if measure.kind == "pct":
        numerator, denominator = measure.needs
        return percent(c.get(numerator, 0), c.get(denominator, 0))
    if measure.kind == "money":
        return money(Decimal(c.get("compensation_pence", 0)) / 100)
    return int(c.get(measure.needs[0], 0))


#: The coded dimensions, listed in their code list's order.
_CODE_ORDERS: dict[str, tuple[str, ...]] = {
    "root_cause": tuple(RootCause.values()),
    "escalation_reason": tuple(EscalationReason.values()),
    "not_accepted_reason": tuple(NotAcceptedReason.values()),
    "compensation_reason": tuple(CompensationReason.values()),
    "tenure": tuple(Tenure.values()),
    "channel": tuple(Channel.values()),
    "kind": tuple(Kind.values()),
    "extension_reason": tuple(ExtensionReason.values()),
}


def sort_key(dimension: str, value: str) -> tuple[int, int, str]:
    """Rows in a dimension's natural order: the landlord before its contractors, codes in
    their list's order, names alphabetically, quarters and months in time; "not recorded"
    last."""
    if value in (NOT_RECORDED, "not_given", "unknown", NOT_EXTENDED):
        return (2, 0, value)
    if dimension == "handler" and value == "landlord":
        return (0, 0, "")
    order = _CODE_ORDERS.get(dimension)
    if order and value in order:
        return (0, order.index(value), "")
    return (1, 0, value.casefold())
