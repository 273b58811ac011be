"""The annual complaints performance and service improvement report (Code 8.1, 8.2) for one
landlord and financial year, as data: the figures of ``annual_figures`` (the JSON keys of
interfaces.md, counted by counting-rules.md) and more beside them: last year's figures and
the change, acknowledgements, extensions and their reasons, compensation by stage and
reason, remedies, equality data, TP09 and the sector medians, the compliments, the sections other apps fill
in (the self-assessment, the Ombudsman, learning, residents' feedback) and the words staff
wrote. Every format (JSON, HTML, PDF, spreadsheet) is made from this one object.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from putright.complaints.models import Complaint
from putright.compliments.selectors import compliment_figures
from putright.landlords.models import HomesCount, Landlord, today
from putright.reports.annual import count_years
from putright.reports.annual_breakdowns import breakdowns_json
from putright.reports.coded import coded_figures
from putright.reports.equality import equality_figures
from putright.reports.extensions import extensions_counted
from putright.reports.models import ReportNarrative, TsmYear
from putright.reports.perception import perception_figures, tp09_of, with_tp09_median
from putright.reports.periods import Period, year_period
from putright.reports.remedies import followed_through, putting_right_from
from putright.reports.sections import SLOTS, SectionContent, section_content, section_json
from putright.reports.session import counting_session
from putright.rules.counting import change_pct, money, percent

#: The headline figures shown with last year's beside them: (key, path, kind).
CHANGE_FIGURES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("logged", ("logged",), "count"),
    ("service_requests", ("service_requests",), "count"),
    ("member_enquiries", ("member_enquiries",), "count"),
    ("not_accepted", ("not_accepted", "total"), "count"),
    ("stage2_not_accepted", ("stage2", "not_accepted"), "count"),
    ("withdrawn", ("withdrawn",), "count"),
    ("stage1_received", ("stage1", "received"), "count"),
    ("stage2_received", ("stage2", "received"), "count"),
    ("stage1_responded", ("stage1", "responded"), "count"),
    ("stage2_responded", ("stage2", "responded"), "count"),
    ("stage1_per_1000_homes", ("stage1", "per_1000_homes"), "rate"),
    ("stage2_per_1000_homes", ("stage2", "per_1000_homes"), "rate"),
    ("escalation_rate_pct", ("escalation_rate_pct",), "percent"),
    ("stage1_within_timescale_pct", ("stage1", "within_timescale_pct"), "percent"),
    ("stage2_within_timescale_pct", ("stage2", "within_timescale_pct"), "percent"),
    (
        "stage1_within_agreed_extension_pct",
        ("stage1", "within_agreed_extension_pct"),
        "percent",
    ),
    (
        "stage2_within_agreed_extension_pct",
        ("stage2", "within_agreed_extension_pct"),
        "percent",
    ),
    ("stage1_upheld_or_partly_pct", ("stage1", "upheld_or_partly_pct"), "percent"),
    ("stage2_upheld_or_partly_pct", ("stage2", "upheld_or_partly_pct"), "percent"),
    ("compensation_total_gbp", ("compensation_total_gbp",), "money"),
    ("stage1_compensation_cases", ("stage1", "compensation", "cases"), "count"),
    ("stage2_compensation_cases", ("stage2", "compensation", "cases"), "count"),
    ("stage1_compensation_gbp", ("stage1", "compensation", "total_gbp"), "money"),
    ("stage2_compensation_gbp", ("stage2", "compensation", "total_gbp"), "money"),
)

NARRATIVE_FIELDS = (
    "introduction",
    "learning",
    "plans",
    "governing_body",
    "governing_body_response",
)


@dataclass
class AnnualReport:
    landlord: Landlord
    year: int
    period: Period
    figures: dict[str, Any]
    sections: dict[str, SectionContent]
    narrative: ReportNarrative | None
    tsm_inputs: TsmYear | None
    generated_on: dt.date


def figure_at(figures: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = figures
    for key in path:
        value = value[key]
    return value


def has_previous_year(landlord: Landlord, year: int) -> bool:
    """There is a previous year to compare with when the landlord has records from before
    this year, or entered its homes for last year."""
    start = year_period(year).start
    return (
        Complaint.objects.filter(landlord=landlord, received_on__lt=start).exists()
        or HomesCount.objects.filter(landlord=landlord, year=year - 1).exists()
    )


def change(current: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, Any]:
    """Each headline figure now and last year, the difference, and for counts and money the
    change in per cent of last year's (``counting.change_pct``: null where last year had
    none; money compared in whole pence)."""
    if previous is None:
        return {}
    result: dict[str, Any] = {}
    for key, path, kind in CHANGE_FIGURES:
        now, before = figure_at(current, path), figure_at(previous, path)
        entry: dict[str, Any] = {"current": now, "previous": before, "difference": None}
        if now is not None and before is not None:
            if kind == "money":
                entry["difference"] = money(Decimal(now) - Decimal(before))
            elif kind == "count":
                entry["difference"] = now - before
            else:
                step = Decimal("0.01") if kind == "rate" else Decimal("0.1")
                entry["difference"] = float(
                    (Decimal(str(now)) - Decimal(str(before))).quantize(step)
                )
        if kind == "count":
            entry["change_pct"] = change_pct(now, before)
        elif kind == "money":
            entry["change_pct"] = change_pct(_pence(now), _pence(before))
        result[key] = entry
    return result


def _pence(amount: str) -> int:
    return int(Decimal(amount) * 100)


def acknowledgements(figures: dict[str, Any]) -> dict[str, Any]:
    """Code 6.2 and 6.11: acknowledgements sent in the year, and those sent on time."""
    return {
        f"stage{n}": {
            "acknowledged": figures[f"stage{n}"]["acknowledged"],
            "within_timescale": figures[f"stage{n}"]["acknowledged_within_timescale"],
            "within_timescale_pct": percent(
                figures[f"stage{n}"]["acknowledged_within_timescale"],
                figures[f"stage{n}"]["acknowledged"],
            ),
        }
        for n in (1, 2)
    }


def tsm_block(
    figures: dict[str, Any],
    inputs: TsmYear | None,
    perception: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The TSM figures with TP09 when entered, both CH02 readings, the sector medians and
    the tenant perception measures TP01 to TP12 (``reports.perception``)."""
    s1, s2 = figures["stage1"], figures["stage2"]
    tsm = dict(figures["tsm"])
    perception = perception or {}
    tp09, tp09_respondents = tp09_of(
        perception, inputs.tp09_pct if inputs else None, inputs.tp09_respondents if inputs else None
    )
    tsm["TP09"] = tp09
    tsm["perception"] = perception
    tsm["CH02_readings"] = {
        "strict": {
            "stage1_pct": s1["within_timescale_pct"],
            "stage2_pct": s2["within_timescale_pct"],
        },
        "with_agreed_extensions": {
            "stage1_pct": s1["within_agreed_extension_pct"],
            "stage2_pct": s2["within_agreed_extension_pct"],
        },
        "reported": "strict" if figures["tsm"]["CH02"]["strict"] else "with_agreed_extensions",
    }
    tsm["sector_medians"] = with_tp09_median(
        inputs.medians() if inputs else dict.fromkeys(TsmYear().medians()), perception
    )
    tsm["survey"] = {
        "TP09_respondents": tp09_respondents,
        "about_the_survey": inputs.survey_note if inputs else "",
        "medians_source": inputs.median_source if inputs else "",
    }
    return tsm


def narrative_json(narrative: ReportNarrative | None) -> dict[str, Any]:
    values: dict[str, Any] = {
        name: getattr(narrative, name) if narrative else "" for name in NARRATIVE_FIELDS
    }
    on = narrative.governing_body_response_on if narrative else None
    values["governing_body_response_on"] = on.isoformat() if on else None
    return values


@counting_session()
def annual_report(landlord: Landlord, year: int, *, on: dt.date | None = None) -> AnnualReport:
    """Everything the annual report shows for one landlord and financial year."""
    on = on or today()
    period = year_period(year)
    start, end = period.start, period.end
    years = [year - 1, year] if has_previous_year(landlord, year) else [year]
    counted = count_years(landlord, years, place_counts=True)
    extensions, reason_codes = extensions_counted(landlord, start, end)
    followed = followed_through(landlord, start, end, today=on)
    figures, this_year = counted[year]
    equality = equality_figures(landlord, start, end, complaints=figures["stage1"]["received"])
    previous = counted[year - 1][0] if year - 1 in counted else None
    if previous is not None:
        del previous["landlord"]
    inputs = TsmYear.objects.filter(landlord=landlord, year=year).first()
    narrative = ReportNarrative.objects.filter(landlord=landlord, year=year).first()
    sections = {key: section_content(key, landlord, period) for key in SLOTS}
    putting_right = putting_right_from(this_year)
    figures.update(
        {
            "tsm": tsm_block(figures, inputs, perception_figures(landlord, year)),
            "year": period.label,
            "generated_on": on.isoformat(),
            "previous": previous,
            "change": change(figures, previous),
            "acknowledgements": acknowledgements(figures),
            "extensions": extensions,
            **coded_figures(landlord, year, this_year, reason_codes),
            "compensation": {
                **putting_right["compensation"],
                "total_gbp": figures["compensation_total_gbp"],
            },
            "remedies": {
                **putting_right["remedies"],
                "followed_through": followed,
            },
            "equality": equality,
            "compliments": compliment_figures(landlord, start, end).as_json(),
            "sections": {
                key: section_json(key, content, period) for key, content in sections.items()
            },
            "narrative": narrative_json(narrative),
            "breakdowns": breakdowns_json(
                landlord,
                year,
                compare=previous is not None,
                tallied={y: tallied for y, (_, tallied) in counted.items()},
            ),
        }
    )
    return AnnualReport(
        landlord=landlord,
        year=year,
        period=period,
        figures=figures,
        sections=sections,
        narrative=narrative,
        tsm_inputs=inputs,
        generated_on=on,
    )
