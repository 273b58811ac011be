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


def _stage_figures(
    cases: list[CaseFacts], n: int, year: int, homes: int, calendar: WorkingCalendar
) -> dict[str, Any]:
    received_test = stage1_received if n == 1 else stage2_received
    received = [c for c in cases if received_test(c, year)]
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
        "by_handler": _count(c.handled_by or "landlord" for c in received),
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
