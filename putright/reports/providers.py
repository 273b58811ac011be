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

from collections import Counter
from typing import Any

from django.apps import apps
from django.db.models import Count, F, Q

from putright.landlords.models import Landlord, today
from putright.reports.document import Column, Table, plural
from putright.reports.periods import Period
from putright.reports.sections import SectionContent, register


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
    if not (contact_rows or determined or orders):
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
        },
    )


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


def register_installed() -> None:
    """Register the sections of the apps that are installed."""
    if apps.is_installed("putright.ombudsman"):
        register("ombudsman_non_compliance", failure_orders_section)
        register("ombudsman_casework", ombudsman_section)
    if apps.is_installed("putright.learning"):
        register("learning", learning_section)
