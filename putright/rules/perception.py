"""The tenant perception measures (the Regulator of Social Housing's Tenant Satisfaction
Measures TP01 to TP12) and homes by property type, as plain Python (counting-rules.md,
"Tenant perception measures" and "Homes by property type").

A landlord runs its own perception survey; Putright is given the answers to each question
(how many said very satisfied, fairly satisfied, and so on) and works out the percentage
satisfied by the regulator's rule: very satisfied plus fairly satisfied, over everyone who
answered the question, leaving out those who said "not applicable" or "don't know" where the
question allows that answer (TP11 and TP12). The sector quartiles the landlord benchmarks
against are typed in too; the quartile band a figure falls in follows from them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

from putright.rules.codes import Coded


@dataclass(frozen=True)
class PerceptionMeasure:
    code: str
    title: str
    #: The survey may record "not applicable / don't know" for this question.
    allows_not_applicable: bool = False
    #: Who is asked, when not every tenant is.
    asked: str = ""


#: TP01 to TP12 in the regulator's order (Tenant Satisfaction Measures: Technical
#: Requirements, "Tenant perception measures").
PERCEPTION_MEASURES: dict[str, PerceptionMeasure] = {
    m.code: m
    for m in (
        PerceptionMeasure("TP01", "Overall satisfaction"),
        PerceptionMeasure(
            "TP02",
            "Satisfaction with repairs",
            asked="tenants who had a repair in the last 12 months",
        ),
        PerceptionMeasure(
            "TP03",
            "Satisfaction with time taken to complete most recent repair",
            asked="tenants who had a repair in the last 12 months",
        ),
        PerceptionMeasure("TP04", "Satisfaction that the home is well maintained"),
        PerceptionMeasure("TP05", "Satisfaction that the home is safe"),
        PerceptionMeasure(
            "TP06", "Satisfaction that the landlord listens to tenant views and acts upon them"
        ),
        PerceptionMeasure(
            "TP07", "Satisfaction that the landlord keeps tenants informed about things that matter"
        ),
        PerceptionMeasure(
            "TP08", "Agreement that the landlord treats tenants fairly and with respect"
        ),
        PerceptionMeasure(
            "TP09",
            "Satisfaction with the landlord's approach to handling complaints",
            asked="tenants who made a complaint in the last 12 months",
        ),
        PerceptionMeasure(
            "TP10",
            "Satisfaction that the landlord keeps communal areas clean and well maintained",
            asked="tenants who live in a building with communal areas",
        ),
        PerceptionMeasure(
            "TP11",
            "Satisfaction that the landlord makes a positive contribution to neighbourhoods",
            allows_not_applicable=True,
        ),
        PerceptionMeasure(
            "TP12",
            "Satisfaction with the landlord's approach to handling anti-social behaviour",
            allows_not_applicable=True,
        ),
    )
}


class Answer(Coded):
    """The answers to a perception question, best first (TP08 asks whether tenants agree;
    its answers are counted the same way, "strongly agree" as "very satisfied")."""

    VERY_SATISFIED = "very_satisfied", "Very satisfied"
    FAIRLY_SATISFIED = "fairly_satisfied", "Fairly satisfied"
    NEITHER = "neither", "Neither satisfied nor dissatisfied"
    FAIRLY_DISSATISFIED = "fairly_dissatisfied", "Fairly dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied", "Very dissatisfied"
    NOT_APPLICABLE = "not_applicable", "Not applicable or don't know"


#: The answers counted in the percentage's denominator.
ANSWERING = (
    Answer.VERY_SATISFIED,
    Answer.FAIRLY_SATISFIED,
    Answer.NEITHER,
    Answer.FAIRLY_DISSATISFIED,
    Answer.VERY_DISSATISFIED,
)
#: The answers counted as satisfied.
SATISFIED = (Answer.VERY_SATISFIED, Answer.FAIRLY_SATISFIED)


class QuartileBand(Coded):
    """Where a landlord's figure sits among the sector's (higher is better)."""

    UPPER = "upper", "Upper quartile"
    UPPER_MIDDLE = "upper_middle", "Above the median"
    LOWER_MIDDLE = "lower_middle", "Below the median"
    LOWER = "lower", "Lower quartile"


def respondents(answers: Mapping[str, int]) -> int:
    """Everyone who gave an answer to the question, "not applicable" included."""
    return sum(answers.get(a, 0) for a in Answer)


def answering(answers: Mapping[str, int]) -> int:
    """The percentage's denominator: those who answered, less "not applicable"."""
    return sum(answers.get(a, 0) for a in ANSWERING)


def satisfied(answers: Mapping[str, int]) -> int:
    return sum(answers.get(a, 0) for a in SATISFIED)


def satisfied_pct(answers: Mapping[str, int]) -> float | None:
    """The regulator's rule: very satisfied plus fairly satisfied, as a percentage of those
    who answered the question, not counting "not applicable / don't know"; one decimal
    place, half up. None when nobody gave a countable answer (never 0)."""
    denominator = answering(answers)
    if denominator == 0:
        return None
    value = Decimal(satisfied(answers)) * 100 / Decimal(denominator)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def answer_problems(
    measure: PerceptionMeasure, answers: Mapping[str, int | None]
) -> dict[str, str]:
    """What is wrong with the answers given for a measure, by answer: a count missing or
    below 0, "not applicable" where the question does not allow it, or nobody at all."""
    problems: dict[str, str] = {}
    for answer in Answer:
        value = answers.get(answer)
        words = answer.label.lower()
        if answer is Answer.NOT_APPLICABLE and not measure.allows_not_applicable:
            if value:
                problems[answer] = (
                    f"{measure.code} does not allow the answer '{words}': the regulator's "
                    "question has only the five answers from very satisfied to very dissatisfied"
                )
            continue
        if value is None:
            if answer is not Answer.NOT_APPLICABLE:
                problems[answer] = f"Enter how many answered '{words}' to {measure.code}, or 0"
        elif value < 0:
            problems[answer] = f"The number who answered '{words}' must be 0 or more"
    if not problems and not respondents({k: v or 0 for k, v in answers.items()}):
        problems[Answer.VERY_SATISFIED] = (
            f"Enter how many people gave each answer to {measure.code}: all are 0"
        )
    return problems


def quartile_problems(
    lower: float | None, median: float | None, upper: float | None
) -> dict[str, str]:
    """The sector quartiles must run lower quartile, median, upper quartile, each 0 to 100,
    each no greater than the next one given."""
    problems: dict[str, str] = {}
    named = {"lower_quartile": lower, "median": median, "upper_quartile": upper}
    words = {
        "lower_quartile": "The lower quartile",
        "median": "The median",
        "upper_quartile": "The upper quartile",
    }
    for name, value in named.items():
        if value is not None and not 0 <= value <= 100:
            problems[name] = f"{words[name]} must be a percentage from 0 to 100"
    if problems:
        return problems
    given = [(name, value) for name, value in named.items() if value is not None]
    for (first, low), (second, high) in pairwise(given):
        if low > high:
            problems[second] = (
                f"{words[second]} ({high:g}%) must be at least {words[first].lower()} ({low:g}%)"
            )
    return problems


def quartile_band(value: float, lower: float, median: float, upper: float) -> QuartileBand:
    """The band a figure falls in, higher being better: at or above the upper quartile is
    the upper quartile; at or above the median, above the median; at or above the lower
    quartile, below the median; under it, the lower quartile."""
    if value >= upper:
        return QuartileBand.UPPER
    if value >= median:
        return QuartileBand.UPPER_MIDDLE
    if value >= lower:
        return QuartileBand.LOWER_MIDDLE
    return QuartileBand.LOWER


class PropertyType(Coded):
    """The kinds of home a landlord counts its stock by."""

    FLATS = "flats", "Flats"
    HOUSES = "houses", "Houses"
    INDEPENDENT_LIVING = "independent_living", "Independent living or sheltered"
    OTHER = "other", "Other"


def homes_by_type_problem(homes_owned: int, by_type: Mapping[str, int | None]) -> str:
    """Homes by property type are optional; given, they must add up to the homes owned
    (LCRA plus LCHO), counting a type left out as 0. The problem in words, or ""."""
    values = [by_type.get(t) for t in PropertyType]
    if all(v is None for v in values):
        return ""
    if any(v is not None and v < 0 for v in values):
        return "Homes of each property type must be 0 or more"
    total = sum(v or 0 for v in values)
    if total != homes_owned:
        parts = " + ".join(f"{by_type.get(t) or 0:,} {t.label.lower()}" for t in PropertyType)
        return (
            f"The homes by property type add up to {total:,} ({parts}), but the homes owned "
            f"(LCRA plus LCHO) are {homes_owned:,}: the types must add up to the homes owned"
        )
    return ""
