"""What the Housing Ombudsman decided about the landlord in a period, counted by the
database (Code 8.1 e and f; counting-rules.md, "The Ombudsman's determinations").

Over the determinations made in the period (by the date of the determination):

- the determinations, those with at least one finding of maladministration or severe
  maladministration (Milton Keynes: "7 decisions had an adjudication of maladministration
  for one or more parts"), those with severe maladministration, and those with any finding
  of fault (service failure, maladministration or severe maladministration);
- the maladministration rate: determinations with a finding of fault, as a share of the
  determinations; and the Ombudsman's own rate over findings: findings of fault as a share
  of the findings it considered (every finding but outside jurisdiction, mediation and
  withdrawn);
- the findings by the Ombudsman's category and outcome (Brent's table);
- compensation the Ombudsman ordered, and recommended, per case and in total.

Reads only; the report's Ombudsman section (``putright.reports.providers``) lays it out.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from putright.landlords.models import Landlord
from putright.ombudsman.models import (
    FAULT_FINDINGS,
    MALADMINISTRATION_FINDINGS,
    Determination,
    Finding,
    FindingKind,
    OmbudsmanCategory,
    Order,
    OrderKind,
)
from putright.rules.counting import money, percent

#: The outcomes in the order the Ombudsman's tables give them, most serious first.
OUTCOME_ORDER: tuple[str, ...] = (
    FindingKind.SEVERE_MALADMINISTRATION,
    FindingKind.MALADMINISTRATION,
    FindingKind.SERVICE_FAILURE,
    FindingKind.MEDIATION,
    FindingKind.REASONABLE_REDRESS,
    FindingKind.NO_MALADMINISTRATION,
    FindingKind.OUTSIDE_JURISDICTION,
    FindingKind.WITHDRAWN,
)

#: Findings the Ombudsman reached no view of fault on: left out of its rate over findings.
NOT_CONSIDERED = frozenset(
    {FindingKind.OUTSIDE_JURISDICTION, FindingKind.MEDIATION, FindingKind.WITHDRAWN}
)

#: A finding recorded before categories were kept.
UNCATEGORISED = "not_recorded"

CATEGORY_ORDER: tuple[str, ...] = (*OmbudsmanCategory.values, UNCATEGORISED)


def determinations_in(landlord: Landlord, start: dt.date, end: dt.date) -> Any:
    """The landlord's determinations made from ``start`` to ``end``, both included."""
    return Determination.objects.filter(
        case__landlord=landlord, determined_on__gte=start, determined_on__lte=end
    )


def _determination_counts(determinations: Any) -> dict[str, int]:
    """How many determinations, and how many with each kind of finding, in one query."""
    counted = determinations.order_by().aggregate(
        determinations=Count("pk", distinct=True),
        with_maladministration=Count(
            "pk", filter=Q(findings__finding__in=MALADMINISTRATION_FINDINGS), distinct=True
        ),
        with_severe=Count(
            "pk",
            filter=Q(findings__finding=FindingKind.SEVERE_MALADMINISTRATION),
            distinct=True,
        ),
        with_fault=Count("pk", filter=Q(findings__finding__in=FAULT_FINDINGS), distinct=True),
    )
    return {key: int(n or 0) for key, n in counted.items()}


def _findings_by_category(determinations: Any) -> dict[str, dict[str, int]]:
    """The findings by the Ombudsman's category, then outcome (GROUP BY both), every
    category with findings in the Ombudsman's order and every outcome present (0 if none)."""
    grouped: dict[str, dict[str, int]] = {}
    rows = (
        Finding.objects.filter(determination__in=determinations)
        .order_by()
        .values_list("category", "finding")
        .annotate(n=Count("pk"))
    )
    for category, finding, n in rows:
        outcomes = grouped.setdefault(category or UNCATEGORISED, dict.fromkeys(OUTCOME_ORDER, 0))
        outcomes[finding] = outcomes.get(finding, 0) + n
    return {category: grouped[category] for category in CATEGORY_ORDER if category in grouped}


def _compensation(determinations: Any) -> tuple[list[dict[str, Any]], Decimal, Decimal]:
    """Compensation the Ombudsman ordered and recommended, per case (summed by the
    database) and in total."""
    rows = (
        Order.objects.filter(
            determination__in=determinations, kind=OrderKind.COMPENSATION, amount__isnull=False
        )
        .order_by()
        .values_list("determination__case__reference")
        .annotate(
            ordered=Sum("amount", filter=Q(is_recommendation=False)),
            recommended=Sum("amount", filter=Q(is_recommendation=True)),
        )
        .order_by("determination__case__reference")
    )
    per_case = []
    ordered_total = recommended_total = Decimal(0)
    for reference, ordered, recommended in rows:
        ordered, recommended = Decimal(ordered or 0), Decimal(recommended or 0)
        ordered_total += ordered
        recommended_total += recommended
        per_case.append(
            {
                "case": reference,
                "ordered_gbp": money(ordered),
                "recommended_gbp": money(recommended),
            }
        )
    return per_case, ordered_total, recommended_total


def determination_analysis(landlord: Landlord, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Code 8.1 (e), (f): the Ombudsman's determinations about the landlord made from
    ``start`` to ``end``, their findings by category and outcome, the maladministration
    rate and the compensation ordered (counting-rules.md)."""
    determinations = determinations_in(landlord, start, end)
    counts = _determination_counts(determinations)
    by_category = _findings_by_category(determinations)
    by_outcome = dict.fromkeys(OUTCOME_ORDER, 0)
    for outcomes in by_category.values():
        for outcome, n in outcomes.items():
            by_outcome[outcome] = by_outcome.get(outcome, 0) + n
    findings = sum(by_outcome.values())
    considered = sum(n for outcome, n in by_outcome.items() if outcome not in NOT_CONSIDERED)
    fault = sum(by_outcome[outcome] for outcome in FAULT_FINDINGS)
    per_case, ordered, recommended = _compensation(determinations)
    return {
        "determinations": counts["determinations"],
        "determinations_with_maladministration": counts["with_maladministration"],
        "determinations_with_severe_maladministration": counts["with_severe"],
        "determinations_with_fault": counts["with_fault"],
        "maladministration_rate_pct": percent(counts["with_fault"], counts["determinations"]),
        "findings": findings,
        "findings_considered": considered,
        "findings_of_fault": fault,
        "findings_maladministration_rate_pct": percent(fault, considered),
        "findings_by_outcome": by_outcome,
        "findings_by_category": by_category,
        "compensation_ordered_gbp": money(ordered),
        "compensation_recommended_gbp": money(recommended),
        "compensation_by_case": per_case,
    }
