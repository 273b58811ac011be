"""The report sections filled from the other apps' records, registered with
``putright.reports.sections`` when those apps are installed (``ReportsConfig.ready``):

- the Ombudsman (putright.ombudsman): Complaint Handling Failure Orders (Code 8.1 c), and its
  contacts, determinations, findings and orders with their progress (8.1 e and f; 9.7 c);
- learning (putright.learning): the service improvements made (8.1 d, 9.1, 9.3).

Residents' feedback comes from the resident portal, which sits above the reports and
registers its own section (``putright.portal.report_sections``).

Each reads only, and returns nothing when there is nothing for the period: the report then
says so in the slot's own words.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.apps import apps
from django.db.models import Count, F, Q

from putright.landlords.models import Landlord, today
from putright.reports.document import Column, ColumnKind, Figure, Table, plural
from putright.reports.periods import Period, Quarter, year_period
from putright.reports.sections import SectionContent, register
from putright.rules.counting import money


def _date(day: Any) -> str:
    return f"{day:%-d %B %Y}" if day else ""


def failure_orders_section(landlord: Landlord, period: Period) -> SectionContent | None:
    """Code 8.1 (c): the Ombudsman's Complaint Handling Failure Orders issued in the period."""
    from putright.ombudsman.models import FailureOrder

    orders = list(
        FailureOrder.objects.filter(
            landlord=landlord, issued_on__gte=period.start, issued_on__lte=period.end
        ).order_by("issued_on", "id")
    )
    if not orders:
        return None
    by_kind = Counter(o.kind for o in orders)
    return SectionContent(
        paragraphs=[
            f"The Housing Ombudsman issued {plural(len(orders), 'Complaint Handling Failure Order')} "
            f"against us in {period.label}."
        ],
        tables=[
            Table(
                "failure-orders",
                "Complaint Handling Failure Orders",
                [
                    Column("Issued", "date"),
                    Column("Type"),
                    Column("What failed"),
                    Column("What we did"),
                    Column("Done", "date"),
                ],
                [
                    [
                        o.issued_on,
                        o.get_kind_display(),
                        o.what_failed,
                        o.actions_taken,
                        o.actions_done_on,
                    ]
                    for o in orders
                ],
            )
        ],
        data={
            "failure_orders": len(orders),
            "failure_orders_by_type": dict(by_kind),
        },
    )


def ombudsman_section(landlord: Landlord, period: Period) -> SectionContent | None:
    """Code 8.1 (e) and (f), 9.7 (c): the Ombudsman's contacts and determinations in the
    period, its findings, and the orders it made with their progress now."""
    from putright.ombudsman.models import (
        Contact,
        ContactKind,
        Determination,
        Finding,
        FindingKind,
        Order,
    )
    from putright.ombudsman.selectors import with_severity

    contacts = Contact.objects.filter(
        case__landlord=landlord, received_on__gte=period.start, received_on__lte=period.end
    )
    contact_rows = list(
        contacts.order_by()
        .values_list("kind")
        .annotate(
            n=Count("pk"),
            met=Count("pk", filter=Q(met_on__isnull=False, met_on__lte=F("deadline"))),
        )
        .order_by("kind")
    )
    determinations = Determination.objects.filter(
        case__landlord=landlord, determined_on__gte=period.start, determined_on__lte=period.end
    )
    determined = determinations.count()
    findings = dict(
        Finding.objects.filter(determination__in=determinations)
        .order_by()
        .values_list("finding")
        .annotate(n=Count("pk"))
    )
    orders = list(
        with_severity(Order.objects.filter(determination__in=determinations))
        .select_related("determination__case")
        .order_by("due_on", "id")
    )
    analysis = _analysis(landlord, period)
    decided_before = analysis["previous"] and analysis["previous"]["determinations"]
    if not (contact_rows or determined or orders or decided_before):
        return None
    kinds = dict(ContactKind.choices)
    finding_labels = dict(FindingKind.choices)
    contacts_total = sum(n for _, n, _ in contact_rows)
    met_total = sum(met for _, _, met in contact_rows)
    now = today()
    paragraphs = [
        f"We had {plural(contacts_total, 'contact')} from the Housing Ombudsman in "
        f"{period.label} and answered {met_total:,} by the date it asked. It determined "
        f"{plural(determined, 'complaint')} about us.",
    ]
    complied = sum(1 for o in orders if o.status == "complied")
    if orders:
        paragraphs.append(
            f"It made {plural(len(orders), 'order or recommendation', 'orders and recommendations')}: "
            f"{complied:,} complied with so far."
        )
    paragraphs.extend(_analysis_paragraphs(analysis, period))
    tables = []
    if contact_rows:
        tables.append(
            Table(
                "ombudsman-contacts",
                "Contacts from the Ombudsman",
                [
                    Column("Contact"),
                    Column("Received", "count"),
                    Column("Answered on time", "count"),
                ],
                [[kinds.get(kind, kind), n, met] for kind, n, met in contact_rows],
            )
        )
    if findings:
        tables.append(
            Table(
                "ombudsman-findings",
                "The Ombudsman's findings",
                [Column("Finding"), Column("Elements", "count")],
                [
                    [finding_labels.get(k, k), n]
                    for k, n in sorted(findings.items(), key=lambda i: -i[1])
                ],
            )
        )
    if orders:
        tables.append(
            Table(
                "ombudsman-orders",
                "Orders and recommendations, and progress on them",
                [
                    Column("Case"),
                    Column("Order"),
                    Column("After severe maladministration"),
                    Column("Due", "date"),
                    Column("Progress"),
                ],
                [
                    [
                        o.determination.case.reference,
                        ("Recommendation: " if o.is_recommendation else "")
                        + f"{o.get_kind_display()}: {o.description}",
                        "Yes" if o.follows_severe else "No",
                        o.due_on,
                        o.get_status_display()
                        + (f" on {_date(o.completed_on)}" if o.completed_on else "")
                        + (
                            " (overdue)"
                            if o.status in ("open", "in_progress") and o.due_on < now
                            else ""
                        ),
                    ]
                    for o in orders
                ],
            )
        )
    tables.extend(_analysis_tables(analysis, period))
    return SectionContent(
        paragraphs=paragraphs,
        tables=tables,
        data={
            "contacts": contacts_total,
            "contacts_answered_on_time": met_total,
            "contacts_by_kind": {kind: n for kind, n, _ in contact_rows},
            "determinations": determined,
            "findings": findings,
            "orders": len(orders),
            "orders_complied": complied,
            "orders_after_severe_maladministration": sum(1 for o in orders if o.follows_severe),
            "analysis": analysis,
        },
    )


#: The analysis's headline figures, compared with the same time last year: (key, words, kind).
ANALYSIS_FIGURES: tuple[tuple[str, str, ColumnKind], ...] = (
    ("determinations", "Determinations", "count"),
    (
        "determinations_with_maladministration",
        "Determinations with maladministration or severe maladministration in at least one part",
        "count",
    ),
    (
        "determinations_with_severe_maladministration",
        "Determinations with severe maladministration in at least one part",
        "count",
    ),
    (
        "determinations_with_fault",
        "Determinations with service failure, maladministration or severe maladministration",
        "count",
    ),
    (
        "maladministration_rate_pct",
        "Maladministration rate (% of determinations with a finding of fault)",
        "percent",
    ),
    (
        "findings_maladministration_rate_pct",
        "Findings of fault (% of the findings the Ombudsman considered)",
        "percent",
    ),
    ("compensation_ordered_gbp", "Compensation the Ombudsman ordered", "money"),
    ("compensation_recommended_gbp", "Compensation the Ombudsman recommended", "money"),
)


def same_time_last_year(period: Period) -> Period:
    """The period a year before: last financial year, or the same quarter last year."""
    if (period.start.month, period.start.day) == (4, 1) and (period.end - period.start).days >= 364:
        return year_period(period.start.year - 1)
    quarter = Quarter.containing(period.start)
    if quarter.period == period:
        return quarter.previous(4).period
    return Period(
        _a_year_before(period.start), _a_year_before(period.end), f"a year before {period.label}"
    )


def _a_year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _analysis(landlord: Landlord, period: Period) -> dict[str, Any]:
    """Code 8.1 (e), (f): the Ombudsman's determinations in the period analysed, with the
    same for the period a year before when the landlord had Ombudsman casework then
    (counting-rules.md)."""
    from putright.ombudsman.analysis import determination_analysis
    from putright.ombudsman.models import OmbudsmanCase

    current = determination_analysis(landlord, period.start, period.end)
    before = same_time_last_year(period)
    had_casework = OmbudsmanCase.objects.filter(
        landlord=landlord, opened_on__lte=before.end
    ).exists()
    previous = (
        {
            "period": before.as_dict(),
            "label": before.label,
            **determination_analysis(landlord, before.start, before.end),
        }
        if had_casework
        else None
    )
    return {
        **current,
        "previous": previous,
        "change": _analysis_change(current, previous),
    }


def _analysis_change(current: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, Any]:
    """Each headline figure now and a year before, the difference, and for counts and money
    the change in per cent of last year's (null where last year had none)."""
    if previous is None:
        return {}
    result: dict[str, Any] = {}
    for key, _, kind in ANALYSIS_FIGURES:
        now, then = current[key], previous[key]
        entry: dict[str, Any] = {"current": now, "previous": then, "difference": None}
        if now is not None and then is not None:
            if kind == "money":
                entry["difference"] = money(Decimal(now) - Decimal(then))
            elif kind == "count":
                entry["difference"] = now - then
            else:
                entry["difference"] = float(
                    (Decimal(str(now)) - Decimal(str(then))).quantize(Decimal("0.1"))
                )
        if kind in ("count", "money"):
            entry["change_pct"] = _change_pct(now, then)
        result[key] = entry
    return result


def _change_pct(now: Any, then: Any) -> float | None:
    """The change in per cent of ``then``, one decimal (Brent: compensation +26%)."""
    if now is None or then is None or Decimal(then) == 0:
        return None
    value = (Decimal(now) - Decimal(then)) * 100 / Decimal(then)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _analysis_paragraphs(analysis: dict[str, Any], period: Period) -> list[str]:
    determined = analysis["determinations"]
    if not determined:
        return []
    mal = analysis["determinations_with_maladministration"]
    severe = analysis["determinations_with_severe_maladministration"]
    rate = analysis["maladministration_rate_pct"]
    severe_words = f"{severe:,} of them severe" if severe else "none of them severe"
    words = [
        f"Of the {plural(determined, 'determination')} the Ombudsman made in {period.label}, "
        f"{mal:,} found maladministration or severe maladministration in at least one part of "
        f"the complaint ({severe_words}). Our maladministration rate was {rate:.1f}%: the "
        "share of determinations with a finding of service failure, maladministration or "
        "severe maladministration."
    ]
    ordered = Decimal(analysis["compensation_ordered_gbp"])
    recommended = Decimal(analysis["compensation_recommended_gbp"])
    if ordered or recommended:
        words.append(
            f"The Ombudsman ordered £{ordered:,.2f} in compensation"
            + (f" and recommended £{recommended:,.2f} more" if recommended else "")
            + f", across {plural(len(analysis['compensation_by_case']), 'case')}."
        )
    return words


def _figure_words(entry: dict[str, Any], kind: str) -> str:
    """ "up 2 (50.0%)", "down 5.0 percentage points", "up £200.00 (25.0%)"."""
    difference = entry["difference"]
    if difference is None:
        return "no comparison"
    amount = Decimal(str(difference))
    if amount == 0:
        return "no change"
    direction = "up" if amount > 0 else "down"
    pct = entry.get("change_pct")
    share = f" ({abs(pct):.1f}%)" if pct is not None else ""
    if kind == "money":
        return f"{direction} £{abs(amount):,.2f}{share}"
    if kind == "count":
        return f"{direction} {abs(amount):,}{share}"
    return f"{direction} {abs(amount):.1f} percentage points"


def _analysis_tables(analysis: dict[str, Any], period: Period) -> list[Table]:
    """The decisions against last year's, the findings by category and outcome (Brent's
    table) and the compensation ordered per case."""

    previous = analysis["previous"]
    if not (analysis["determinations"] or (previous and previous["determinations"])):
        return []
    columns = [Column("Figure"), Column(period.label, "figure")]
    if previous:
        columns += [Column(previous["label"], "figure"), Column("Change")]
    rows = []
    for key, words, kind in ANALYSIS_FIGURES:
        value = Decimal(analysis[key]) if kind == "money" else analysis[key]
        row: list[Any] = [words, Figure(value, kind)]
        if previous:
            then = Decimal(previous[key]) if kind == "money" else previous[key]
            row += [Figure(then, kind), _figure_words(analysis["change"][key], kind)]
        rows.append(row)
    tables = [Table("ombudsman-decisions", "The Ombudsman's decisions about us", columns, rows)]
    by_category = analysis["findings_by_category"]
    if by_category:
        tables.append(_findings_table(analysis, previous))
    per_case = analysis["compensation_by_case"]
    if per_case:
        tables.append(
            Table(
                "ombudsman-compensation",
                "Compensation the Ombudsman ordered and recommended, by case",
                [Column("Case"), Column("Ordered", "money"), Column("Recommended", "money")],
                [
                    [c["case"], Decimal(c["ordered_gbp"]), Decimal(c["recommended_gbp"])]
                    for c in per_case
                ]
                + [
                    [
                        "Total",
                        Decimal(analysis["compensation_ordered_gbp"]),
                        Decimal(analysis["compensation_recommended_gbp"]),
                    ]
                ],
            )
        )
    return tables


def learning_section(landlord: Landlord, period: Period) -> SectionContent | None:
    """Code 8.1 (d): the service improvements made in the period because of learning from
    complaints, and those recorded in it and still under way."""
    from putright.learning.models import LearningRecord

    done = Q(done_on__gte=period.start, done_on__lte=period.end)
    started = Q(recorded_on__gte=period.start, recorded_on__lte=period.end, done_on__isnull=True)
    records = list(
        LearningRecord.objects.filter(landlord=landlord)
        .filter(done | started)
        # Those made first, by the date made; then those under way (the same on any database:
        # SQLite and PostgreSQL put nulls at opposite ends).
        .order_by(F("done_on").asc(nulls_last=True), "recorded_on", "id")
    )
    if not records:
        return None
    made = [r for r in records if r.done_on]
    under_way = [r for r in records if not r.done_on]
    return SectionContent(
        paragraphs=[
            f"We made {plural(len(made), 'service improvement')} from what complaints taught us in "
            f"{period.label}; {plural(len(under_way), 'more is', 'more are')} under way."
        ],
        tables=[
            Table(
                "learning",
                "What went wrong, what we learnt and what we changed",
                [
                    Column("What went wrong"),
                    Column("What we learnt"),
                    Column("What we changed"),
                    Column("Done", "date"),
                ],
                [[r.what_went_wrong, r.learning, r.improvement, r.done_on] for r in records],
            )
        ],
        data={"improvements_made": len(made), "improvements_under_way": len(under_way)},
    )


def case_reviews_section(landlord: Landlord, period: Period) -> SectionContent | None:
    """Code 8.1 (d), 9.1: the critical case reviews held in the period (by the date the
    panel met), the complaints they looked at, and the actions reviews set in it (by the
    date each was recorded in the improvements register). Nothing when there were none."""
    from putright.learning.models import CaseReview, LearningRecord

    held = CaseReview.objects.filter(
        landlord=landlord, meeting_on__gte=period.start, meeting_on__lte=period.end
    )
    reviews = held.count()
    actions = LearningRecord.objects.filter(
        landlord=landlord,
        case_review__isnull=False,
        recorded_on__gte=period.start,
        recorded_on__lte=period.end,
    ).count()
    if not reviews and not actions:
        return None
    looked_at = held.aggregate(n=Count("complaints", distinct=True))["n"]
    return SectionContent(
        paragraphs=[
            f"Our complaints panel held {plural(reviews, 'critical case review')} in "
            f"{period.label}, looking closely at {plural(looked_at, 'complaint')}, and set "
            f"{plural(actions, 'action')}, each tracked in our improvements register."
        ],
        data={"critical_case_reviews_held": reviews, "critical_case_review_actions": actions},
    )


def register_installed() -> None:
    """Register the sections of the apps that are installed."""
    if apps.is_installed("putright.ombudsman"):
        register("ombudsman_non_compliance", failure_orders_section)
        register("ombudsman_casework", ombudsman_section)
    if apps.is_installed("putright.learning"):
        register("learning", learning_section)
        register("learning", case_reviews_section)


def _findings_table(analysis: dict[str, Any], previous: dict[str, Any] | None) -> Table:
    """Brent's table: the findings by the Ombudsman's category and outcome, with a total
    row, and each category's total last year beside it when there is a last year."""
    from putright.ombudsman.analysis import CATEGORY_ORDER, OUTCOME_ORDER, UNCATEGORISED
    from putright.ombudsman.models import FindingKind, OmbudsmanCategory

    outcome_words = dict(FindingKind.choices)
    category_words = {**dict(OmbudsmanCategory.choices), UNCATEGORISED: "Not recorded"}
    now = analysis["findings_by_category"]
    before = previous["findings_by_category"] if previous else {}
    columns = (
        [Column("Category")]
        + [Column(outcome_words[o], "count") for o in OUTCOME_ORDER]
        + [Column("Total", "count")]
    )
    if previous:
        columns.append(Column(f"Total {previous['label']}", "count"))
    rows = []
    for category in (c for c in CATEGORY_ORDER if c in now or c in before):
        outcomes = now.get(category, {})
        row: list[Any] = [category_words[category]]
        row += [outcomes.get(o, 0) for o in OUTCOME_ORDER] + [sum(outcomes.values())]
        if previous:
            row.append(sum(before.get(category, {}).values()))
        rows.append(row)
    totals = analysis["findings_by_outcome"]
    total_row: list[Any] = ["Total", *(totals[o] for o in OUTCOME_ORDER), sum(totals.values())]
    if previous:
        total_row.append(previous["findings"])
    return Table(
        "ombudsman-findings-by-category",
        "The Ombudsman's findings by category and outcome",
        columns,
        [*rows, total_row],
        notes=[
            "One finding per element of each complaint the Ombudsman determined, counted "
            "under the Ombudsman's category of that element."
        ],
    )
