"""The tenant perception measures TP01 to TP12 for a year, as the reports show them
(counting-rules.md, "Tenant perception measures"): the answers entered from the landlord's
survey, the percentage satisfied worked out by the regulator's rule, last year's figure
beside it, and the sector quartiles with the band the figure falls in.

The JSON shape, one entry per measure whether entered or not (``tsm.perception`` in the
annual report, ``perception`` in the TSM return)::

    {"TP01": {"title": "Overall satisfaction", "entered": true,
              "answers": {"very_satisfied": 120, ..., "not_applicable": 0},
              "respondents": 400, "answering": 400, "satisfied": 290,
              "satisfied_pct": 72.5, "previous_pct": 70.1, "change": 2.4,
              "sector": {"lower_quartile": 65.0, "median": 71.0, "upper_quartile": 76.4,
                         "band": "upper_middle"}}, ...}
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from putright.landlords.models import Landlord
from putright.reports.models import PerceptionResult
from putright.rules.perception import (
    PERCEPTION_MEASURES,
    QuartileBand,
    answering,
    quartile_band,
    respondents,
    satisfied,
    satisfied_pct,
)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def band_of(pct: float | None, result: PerceptionResult) -> str | None:
    """The quartile band: worked out from the three quartiles when they are all entered,
    else the band the landlord entered, else None."""
    lower, median, upper = result.lower_quartile, result.median, result.upper_quartile
    if pct is not None and lower is not None and median is not None and upper is not None:
        return quartile_band(pct, float(lower), float(median), float(upper)).value
    return result.quartile_band or None


def _entry(
    code: str, result: PerceptionResult | None, previous: PerceptionResult | None
) -> dict[str, Any]:
    definition = PERCEPTION_MEASURES[code]
    entry: dict[str, Any] = {
        "title": definition.title,
        "allows_not_applicable": definition.allows_not_applicable,
        "entered": result is not None,
        "answers": None,
        "respondents": None,
        "answering": None,
        "satisfied": None,
        "satisfied_pct": None,
        "previous_pct": None,
        "change": None,
        "sector": {"lower_quartile": None, "median": None, "upper_quartile": None, "band": None},
    }
    if previous is not None:
        entry["previous_pct"] = satisfied_pct(previous.answers())
    if result is None:
        return entry
    answers = result.answers()
    pct = satisfied_pct(answers)
    if previous is None:
        entry["previous_pct"] = _number(result.previous_pct)
    before = entry["previous_pct"]
    entry.update(
        {
            "answers": answers,
            "respondents": respondents(answers),
            "answering": answering(answers),
            "satisfied": satisfied(answers),
            "satisfied_pct": pct,
            "change": (
                None
                if pct is None or before is None
                else float((Decimal(str(pct)) - Decimal(str(before))).quantize(Decimal("0.1")))
            ),
            "sector": {
                "lower_quartile": _number(result.lower_quartile),
                "median": _number(result.median),
                "upper_quartile": _number(result.upper_quartile),
                "band": band_of(pct, result),
            },
        }
    )
    return entry


def perception_figures(landlord: Landlord, year: int) -> dict[str, dict[str, Any]]:
    """TP01 to TP12 for the landlord's year, each with last year's figure: from last
    year's answers when Putright holds them, else the figure typed in for last year."""
    rows: dict[tuple[int, str], PerceptionResult] = {
        (r.year, r.measure): r
        for r in PerceptionResult.objects.filter(landlord=landlord, year__in=[year - 1, year])
    }
    return {
        code: _entry(code, rows.get((year, code)), rows.get((year - 1, code)))
        for code in PERCEPTION_MEASURES
    }


def band_label(band: str | None) -> str:
    return QuartileBand(band).label if band else ""


def tp09_of(
    perception: dict[str, dict[str, Any]], pct: Decimal | None, respondents_entered: int | None
) -> tuple[float | None, int | None]:
    """TP09 and the people who answered it: from the TP09 answers when entered (the
    perception measures), else the percentage typed in with the sector medians."""
    tp09 = perception.get("TP09")
    if tp09 is not None and tp09["entered"]:
        return tp09["satisfied_pct"], tp09["respondents"]
    return _number(pct), respondents_entered


def with_tp09_median(
    medians: dict[str, float | None], perception: dict[str, dict[str, Any]]
) -> dict[str, float | None]:
    """The sector medians, with TP09's taken from the TP09 measure's sector median when it
    was entered there and not beside the other medians."""
    tp09 = perception.get("TP09")
    if medians.get("TP09") is None and tp09 is not None:
        return {**medians, "TP09": tp09["sector"]["median"]}
    return medians
