"""The annual complaints figures (Code 8.1; counting-rules.md), counted by the database.

Each figure is a conditional count in a handful of aggregate queries over the stage and
complaint tables, never a Python loop over rows, so a large landlord's year takes seconds.
The rules of what counts are those of ``putright.rules.counting``; its ``annual_figures``
is the reference the tests hold these queries to, and the rounding and percentage helpers
come from there too.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from putright.complaints.models import Complaint, Remedy, Stage
from putright.landlords.models import HomesCount, Landlord
from putright.rules.codes import Jurisdiction, Kind, Outcome, RemedyKind
from putright.rules.counting import financial_year, money, per_1000, percent

MONEY = DecimalField(max_digits=14, decimal_places=2)


def _housing_stages(landlord: Landlord, number: int) -> QuerySet[Stage]:
    """Stage rows of Housing Ombudsman complaints: the only ones the Code's reports count."""
    return Stage.objects.filter(
        landlord=landlord,
        number=number,
        complaint__jurisdiction=Jurisdiction.HOUSING,
        complaint__kind=Kind.COMPLAINT,
    ).order_by()


def _between(field: str, start: dt.date, end: dt.date) -> Q:
    return Q(**{f"{field}__gte": start, f"{field}__lte": end})


def _stage_counts(landlord: Landlord, number: int, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The counts of one stage in one aggregate query (counting-rules.md, "Responses and
    timeliness", "Outcomes and money")."""
    received = _between("requested_on", start, end) & Q(not_accepted_reason="")
    refused = _between("requested_on", start, end) & ~Q(not_accepted_reason="")
    responded = _between("responded_on", start, end)
    acknowledged = _between("acknowledged_on", start, end)
    compensation = (
        Remedy.objects.filter(stage=OuterRef("pk"), kind=RemedyKind.FINANCIAL)
        .order_by()
        .values("stage")
        .annotate(total=Sum("amount_offered"))
        .values("total")
    )
    rows = (
        _housing_stages(landlord, number)
        .filter(received | refused | responded | acknowledged)
        .annotate(compensation=Coalesce(Subquery(compensation, output_field=MONEY), Decimal(0)))
    )
    counts = rows.aggregate(
        received=Count("pk", filter=received),
        not_accepted=Count("pk", filter=refused),
        responded=Count("pk", filter=responded),
        within=Count("pk", filter=responded & Q(responded_on__lte=F("response_due"))),
        within_extension=Count(
            "pk", filter=responded & Q(responded_on__lte=F("response_due_extended"))
        ),
        acknowledged=Count("pk", filter=acknowledged),
        acknowledged_within=Count(
            "pk", filter=acknowledged & Q(acknowledged_on__lte=F("acknowledgement_due"))
        ),
        extended=Count("pk", filter=responded & Q(extension_working_days__gt=0)),
        compensated=Count("pk", filter=responded & Q(compensation__gt=0)),
        compensation_total=Coalesce(
            Sum("compensation", filter=responded & Q(compensation__gt=0)),
            Decimal(0),
            output_field=MONEY,
        ),
        **{
            f"outcome_{o.value}": Count("pk", filter=responded & Q(outcome=o.value))
            for o in Outcome
        },
    )
    return counts


def _breakdown(rows: QuerySet[Stage], field: str, default: str | None = None) -> dict[str, int]:
    """Counts grouped by ``field`` (a path from the stage), largest first. Empty values are
    left out, or counted under ``default`` when one is given."""
    result: dict[str, int] = {}
    for value, n in rows.values_list(field).annotate(n=Count("pk")).order_by("-n", field):
        key = value or default
        if key:
            result[key] = result.get(key, 0) + n
    return result


def _stage_figures(
    landlord: Landlord, number: int, start: dt.date, end: dt.date, homes: int
) -> dict[str, Any]:
    c = _stage_counts(landlord, number, start, end)
    stages = _housing_stages(landlord, number)
    received = stages.filter(_between("requested_on", start, end), not_accepted_reason="")
    responded = stages.filter(_between("responded_on", start, end))
    outcomes = {o.value: c[f"outcome_{o.value}"] for o in Outcome if c[f"outcome_{o.value}"]}
    upheld = c["outcome_upheld"] + c["outcome_partly_upheld"]
    figures: dict[str, Any] = {
        "received": c["received"],
        "responded": c["responded"],
        "responded_within_timescale": c["within"],
        "within_timescale_pct": percent(c["within"], c["responded"]),
        "responded_within_agreed_extension": c["within_extension"],
        "within_agreed_extension_pct": percent(c["within_extension"], c["responded"]),
        "acknowledged": c["acknowledged"],
        "acknowledged_within_timescale": c["acknowledged_within"],
        "extended": c["extended"],
        "outcomes": outcomes,
        "upheld_or_partly_pct": percent(upheld, c["responded"]),
        "compensation": {"cases": c["compensated"], "total_gbp": money(c["compensation_total"])},
        "per_1000_homes": per_1000(c["received"], homes),
        "by_service_area": _breakdown(received, "complaint__service_area__name"),
        "by_handler": _breakdown(received, "complaint__contractor__name", "landlord"),
        "by_tenure": _breakdown(received, "complaint__tenure", "unknown"),
        "by_root_cause": _breakdown(responded, "complaint__root_cause"),
        "by_theme": _breakdown(received, "complaint__theme__name"),
    }
    if number == 2:
        figures["not_accepted"] = c["not_accepted"]
    return figures


def _record_counts(landlord: Landlord, start: dt.date, end: dt.date) -> dict[str, int]:
    """Volumes counted on the complaint table (counting-rules.md, "Volumes")."""
    received = _between("received_on", start, end)
    return (
        Complaint.objects.filter(landlord=landlord, jurisdiction=Jurisdiction.HOUSING)
        .order_by()
        .aggregate(
            logged=Count("pk", filter=received & Q(kind=Kind.COMPLAINT)),
            service_requests=Count("pk", filter=received & Q(kind=Kind.SERVICE_REQUEST)),
            member_enquiries=Count("pk", filter=received & Q(kind=Kind.MEMBER_ENQUIRY)),
            withdrawn=Count(
                "pk", filter=_between("withdrawn_on", start, end) & Q(kind=Kind.COMPLAINT)
            ),
        )
    )


def homes_for(landlord: Landlord, year: int) -> tuple[int, int]:
    """LCRA and LCHO homes owned at the end of the year (CH01's denominator); 0, 0 if not entered."""
    row = (
        HomesCount.objects.filter(landlord=landlord, year=year).values_list("lcra", "lcho").first()
    )
    return row or (0, 0)


def annual_figures(landlord: Landlord, year: int) -> dict[str, Any]:
    """Every figure of the annual report JSON (interfaces.md) for one landlord and year."""
    start, end = financial_year(year)
    lcra, lcho = homes_for(landlord, year)
    homes = lcra + lcho
    volumes = _record_counts(landlord, start, end)
    stage1 = _stage_figures(landlord, 1, start, end, homes)
    stage2 = _stage_figures(landlord, 2, start, end, homes)
    not_accepted_rows = (
        _housing_stages(landlord, 1)
        .filter(_between("requested_on", start, end))
        .exclude(not_accepted_reason="")
    )
    stage2_received = _housing_stages(landlord, 2).filter(
        _between("requested_on", start, end), not_accepted_reason=""
    )
    not_accepted_by_reason = _breakdown(not_accepted_rows, "not_accepted_reason")
    ch02_key = "within_timescale_pct" if landlord.ch02_strict else "within_agreed_extension_pct"
    comp_total = Decimal(stage1["compensation"]["total_gbp"]) + Decimal(
        stage2["compensation"]["total_gbp"]
    )
    return {
        "landlord": landlord.name,
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "homes": {"lcra": lcra, "lcho": lcho, "total": homes},
        **volumes,
        "not_accepted": {
            "total": sum(not_accepted_by_reason.values()),
            "by_reason": not_accepted_by_reason,
        },
        "stage1": stage1,
        "stage2": stage2,
        "escalation_rate_pct": percent(stage2["received"], stage1["received"]),
        "escalation_reasons": _breakdown(stage2_received, "escalation_reason", "not_given"),
        "compensation_total_gbp": money(comp_total),
        "tsm": {
            "CH01": {
                "stage1_per_1000_homes": stage1["per_1000_homes"],
                "stage2_per_1000_homes": stage2["per_1000_homes"],
            },
            "CH02": {
                "stage1_within_timescale_pct": stage1[ch02_key],
                "stage2_within_timescale_pct": stage2[ch02_key],
                "strict": landlord.ch02_strict,
            },
            "TP09": None,
        },
    }
