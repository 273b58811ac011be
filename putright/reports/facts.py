"""The stored record as ``putright.rules.counting.CaseFacts``, so that the pure counting
rules can be run over the database: the reference the report queries are tested against,
and an audit anyone can run (`annual_figures_by_rules`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from putright.complaints.models import Complaint, Extension, Remedy, Stage
from putright.landlords.models import Landlord
from putright.rules import counting
from putright.rules.codes import RemedyKind
from putright.rules.lifecycle import State


def case_facts(landlord: Landlord) -> Iterator[counting.CaseFacts]:
    """Every record of the landlord as CaseFacts (reads four tables, in chunks). A stage's
    extension is dated by its first one, as the register export writes it."""
    compensation: dict[int, Decimal] = defaultdict(Decimal)
    for stage_id, total in (
        Remedy.objects.filter(stage__landlord=landlord, kind=RemedyKind.FINANCIAL)
        .order_by()
        .values_list("stage_id")
        .annotate(total=Sum("amount_offered"))
    ):
        compensation[stage_id] = total or Decimal(0)
    offers: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    for stage_id, reason, amount in (
        Remedy.objects.filter(stage__landlord=landlord, kind=RemedyKind.FINANCIAL)
        .exclude(amount_offered=None)
        .order_by("id")
        .values_list("stage_id", "compensation_reason", "amount_offered")
    ):
        offers[stage_id].append((reason, amount or Decimal(0)))
    other_themes: dict[int, list[str]] = defaultdict(list)
    through = Complaint.other_themes.through
    for complaint_id, name in (
        through.objects.filter(complaint__landlord=landlord)
        .order_by("theme__name")
        .values_list("complaint_id", "theme__name")
    ):
        other_themes[complaint_id].append(name)
    agreed: dict[int, dt.date | None] = {}
    reasons: dict[int, list[str]] = defaultdict(list)
    for stage_id, agreed_on, reason_code in (
        Extension.objects.filter(stage__landlord=landlord)
        .order_by("stage_id", "-id")
        .values_list("stage_id", "agreed_on", "reason_code")
    ):
        agreed[stage_id] = agreed_on  # the last written is the stage's first extension
        reasons[stage_id].insert(0, reason_code)
    stages: dict[tuple[int, int], counting.StageFacts] = {}
    escalation: dict[int, str] = {}
    stage_rows: Any = (
        Stage.objects.filter(landlord=landlord)
        .order_by()
        .values(*(f.attname for f in Stage._meta.concrete_fields), "contractor__name")
    )
    for s in stage_rows.iterator(chunk_size=5000):
        stages[(s["complaint_id"], s["number"])] = counting.StageFacts(
            requested=s["requested_on"],
            not_accepted_reason=s["not_accepted_reason"] or None,
            acknowledged=s["acknowledged_on"],
            extension_working_days=s["extension_working_days"],
            extension_agreed_on=agreed.get(s["id"]),
            responded=s["responded_on"],
            outcome=s["outcome"] or None,
            compensation_gbp=compensation.get(s["id"]),
            handled_by=s["contractor__name"] or "",
            compensation_offers=tuple(offers.get(s["id"], ())),
            extension_reasons=tuple(reasons.get(s["id"], ())),
        )
        if s["number"] == 2:
            escalation[s["complaint_id"]] = s["escalation_reason"]
    fields = [
        "id",
        "kind",
        "jurisdiction",
        "received_on",
        "withdrawn_on",
        "tenure",
        "service_area__name",
        "contractor__name",
        "theme__name",
        "root_cause",
        "root_cause_detail",
        "sub_cause__code",
        "channel",
        "service_area__division__name",
        "state",
    ]
    rows: Any = Complaint.objects.filter(landlord=landlord).order_by().values(*fields)
    for c in rows.iterator(chunk_size=5000):
        yield counting.CaseFacts(
            kind=c["kind"],
            jurisdiction=c["jurisdiction"],
            received=c["received_on"],
            withdrawn=c["withdrawn_on"],
            tenure=c["tenure"] or None,
            service_area=c["service_area__name"],
            handled_by=c["contractor__name"],
            theme=c["theme__name"],
            root_cause=c["root_cause"] or None,
            root_cause_detail=c["root_cause_detail"] or None,
            sub_cause=c["sub_cause__code"],
            channel=c["channel"] or None,
            other_themes=tuple(other_themes.get(c["id"], ())),
            division=c["service_area__division__name"],
            escalation_reason=(escalation.get(c["id"]) or None),
            awaiting_triage=c["state"] == State.RECEIVED
            or (c["state"] == State.WITHDRAWN and (c["id"], 1) not in stages),
            stage1=stages.get((c["id"], 1), counting.StageFacts(requested=None)),
            stage2=stages.get((c["id"], 2)),
        )


def annual_figures_by_rules(landlord: Landlord, year: int) -> dict[str, Any]:
    """The annual figures computed in Python by the counting rules, row by row."""
    from putright.reports.annual import homes_by_type, homes_for

    lcra, lcho = homes_for(landlord, year)
    figures = counting.annual_figures(
        case_facts(landlord),
        year,
        homes_lcra=lcra,
        homes_lcho=lcho,
        calendar=landlord.calendar(),
        ch02_strict=landlord.ch02_strict,
    )
    # The property types are entered, not counted: as the landlord entered them.
    figures["homes"] = {**figures["homes"], "by_type": homes_by_type(landlord, year)}
    return {"landlord": landlord.name, **figures}
