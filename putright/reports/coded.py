"""The coded detail the published reports tabulate (issue 13, item 5), for the annual
report: root causes by the landlord's own sub-causes (Brent: service failure, of which
delay ...), extensions by their reason code per stage (Oxford lists its reasons), and the
service requests and member enquiries received by service area (Cannock).

Each is what a breakdown (``putright.reports.breakdown``) counts, by the database by the
counting rules, so the tables agree with "Explore the figures" and the API's breakdown. In
the annual report the root causes come from the tally's stage pass and the extensions from
the extension pass, which count them too (docs/performance.md, "Reports"); the tests hold
both to the breakdown and the rules:

- root causes: the stage's responses sent in the year (as ``by_root_cause``), by
  ``root_cause`` and ``sub_cause``; a response with no root cause recorded is left out;
- extensions: the stage's responses sent in the year that had been extended (as
  ``extensions.stageN.cases``), by ``extension_reason``: a response whose extensions gave
  two reasons counts under each;
- service requests and member enquiries: received in the year (as ``service_requests``
  and ``member_enquiries``), by ``service_area``; and of those, the ones responded to and
  responded to within the landlord's target (``putright.rules.records``), by kind and
  service area in one GROUP BY.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q

from putright.complaints.models import Complaint
from putright.landlords.models import Landlord, ServiceArea, SubCause
from putright.reports.breakdown import Counts, breakdown_counts_each
from putright.reports.extensions import ReasonCodes
from putright.reports.tally import PeriodTally, StageTally
from putright.rules import records
from putright.rules.codes import Jurisdiction, Kind
from putright.rules.counting import (
    NOT_EXTENDED,
    NOT_RECORDED,
    financial_year,
    percent,
    sort_key,
)


def coded_figures(
    landlord: Landlord,
    year: int,
    counted: PeriodTally | None = None,
    reason_codes: ReasonCodes | None = None,
) -> dict[str, Any]:
    """The JSON keys the annual report adds for the coded detail (interfaces.md).
    ``counted``: the year's tally when already counted, whose stage pass gives the root
    causes by sub-cause (``StageTally.sub_causes``), and with it ``reason_codes``, the
    year's extension pass's, gives the extended responses by reason; else each is a
    breakdown."""
    sub_causes = list(SubCause.objects.filter(landlord=landlord).values_list("id", "code", "label"))
    codes = {pk: code for pk, code, _ in sub_causes}
    labels = {code: label for _, code, label in sub_causes}
    if counted is None:
        # Both stages counted in the same queries.
        causes = breakdown_counts_each(
            landlord, [year], [1, 2], measures=["responded"], by=["root_cause", "sub_cause"]
        )
        by_stage = {n: causes[year, n] for n in (1, 2)}
    else:
        by_stage = {n: _tallied_causes(counted.stages[n], codes) for n in (1, 2)}
    if counted is None or reason_codes is None:
        counts = breakdown_counts_each(
            landlord, [year], [1, 2], measures=["extended"], by=["extension_reason"]
        )
        extended = {n: counts[year, n] for n in (1, 2)}
    else:
        extended = {n: reason_codes.counts(n, counted.stages[n]) for n in (1, 2)}
    return {
        "root_causes_by_sub_cause": {
            f"stage{n}": _root_causes(by_stage[n], labels) for n in (1, 2)
        },
        "extensions_by_reason": {f"stage{n}": _extensions(extended[n]) for n in (1, 2)},
        **_records_figures(landlord, year),
    }


def _tallied_causes(stage: StageTally, codes: dict[int, str]) -> Counts:
    """A stage's responses by root cause and sub-cause, as the breakdown of ``responded``
    by ``root_cause`` and ``sub_cause`` names them, from the tally's counts by sub-cause id."""
    counts: Counts = {}
    for (cause, pk), n in stage.sub_causes.items():
        code = codes.get(pk, NOT_RECORDED) if pk is not None else NOT_RECORDED
        counts.setdefault((cause, code), Counter())["responded"] += n
    return counts


def _root_causes(counts: Counts, labels: dict[str, str]) -> list[dict[str, Any]]:
    """Each root cause and sub-cause with the responses counted under it, and its share of
    its root cause's (the root cause's own row, ``sub_cause`` null, first), from a stage's
    responses counted by root cause and sub-cause."""
    by_cause: dict[str, dict[str, int]] = {}
    for (cause, code), c in counts.items():
        if cause != NOT_RECORDED and c["responded"]:
            by_cause.setdefault(cause, {})[code] = c["responded"]
    rows: list[dict[str, Any]] = []
    for cause in sorted(by_cause, key=lambda k: sort_key("root_cause", k)):
        codes = by_cause[cause]
        total = sum(codes.values())
        rows.append(
            {"root_cause": cause, "sub_cause": None, "label": None, "responded": total,
             "share_of_root_cause_pct": percent(total, total)}
        )  # fmt: skip
        for code in sorted(
            codes, key=lambda k: (k == NOT_RECORDED, str(labels.get(k) or k).casefold())
        ):
            rows.append(
                {
                    "root_cause": cause,
                    "sub_cause": code,
                    "label": labels.get(code, "Not recorded"),
                    "responded": codes[code],
                    "share_of_root_cause_pct": percent(codes[code], total),
                }
            )
    return rows


def _extensions(counts: Counts) -> list[dict[str, Any]]:
    """Each reason code with the extended responses counted under it, from a stage's
    responses counted by extension reason."""
    return [
        {"reason": reason, "extended": c["extended"]}
        for (reason,), c in sorted(
            counts.items(), key=lambda item: sort_key("extension_reason", item[0][0])
        )
        if reason != NOT_EXTENDED and c["extended"]
    ]


def _records_figures(landlord: Landlord, year: int) -> dict[str, Any]:
    """The service requests and member enquiries: by service area, and against the
    landlord's targets, from one GROUP BY (``_records_counts``)."""
    counts = _records_counts(landlord, year)
    return {
        **_records_by_service_area(counts),
        **records_within_target(landlord, year, counts),
    }


def _records_by_service_area(counts: dict[tuple[str, str], _RecordCounts]) -> dict[str, Any]:
    """Each kind's Housing Ombudsman records received, by service area (the breakdown of
    ``received`` by ``kind`` and ``service_area``), most first."""
    figures: dict[str, Any] = {}
    for kind, key in (
        (Kind.SERVICE_REQUEST, "service_requests_by_service_area"),
        (Kind.MEMBER_ENQUIRY, "member_enquiries_by_service_area"),
    ):
        areas = {area: c.housing for (k, area), c in counts.items() if k == kind}
        total = sum(areas.values())
        figures[key] = [
            {"service_area": area, "received": n, "share_pct": percent(n, total)}
            for area, n in sorted(
                areas.items(), key=lambda item: (-item[1], sort_key("service_area", item[0]))
            )
            if n
        ]
    return figures


#: The JSON key of each kind's figures against the landlord's target, and of its rows.
WITHIN_TARGET_KEYS = {
    Kind.SERVICE_REQUEST: ("service_requests", "service_requests_within_target_by_service_area"),
    Kind.MEMBER_ENQUIRY: ("member_enquiries", "member_enquiries_within_target_by_service_area"),
}


@dataclass(frozen=True)
class _RecordCounts:
    """A kind's records received in the year in one service area: against the target
    (all of them), and those of the Housing Ombudsman's jurisdiction (``housing``)."""

    within_target: records.WithinTarget
    housing: int


def _records_counts(landlord: Landlord, year: int) -> dict[tuple[str, str], _RecordCounts]:
    """The service requests and member enquiries received in the year by kind and service
    area, counted by the database in one GROUP BY: received, responded and responded
    within target (``rules.records.within_target_counts``), and received in the Housing
    Ombudsman's jurisdiction (as the breakdown engine's ``received`` by ``kind``)."""
    start, end = financial_year(year)
    names = dict(ServiceArea.objects.filter(landlord=landlord).values_list("id", "name"))
    rows = (
        Complaint.objects.filter(
            landlord=landlord,
            kind__in=[k.value for k in records.RECORD_KINDS],
            received_on__range=(start, end),
        )
        .order_by()
        .values_list("kind", "service_area_id")
        .annotate(
            received=Count("id"),
            responded=Count("id", filter=Q(responded_on__isnull=False)),
            within=Count("id", filter=Q(responded_on__lte=F("target_on"))),
            housing=Count("id", filter=Q(jurisdiction=Jurisdiction.HOUSING.value)),
        )
    )
    return {
        (kind, names.get(area, NOT_RECORDED) if area is not None else NOT_RECORDED): (
            _RecordCounts(records.WithinTarget(received, responded, within), housing)
        )
        for kind, area, received, responded, within, housing in rows
    }


def within_target_by_service_area(
    landlord: Landlord, year: int
) -> dict[tuple[str, str], records.WithinTarget]:
    """The service requests and member enquiries received in the year, responded to, and
    responded to within target, by kind and service area (``rules.records.
    within_target_counts``, counted by the database in one GROUP BY)."""
    return {key: c.within_target for key, c in _records_counts(landlord, year).items()}


def records_within_target(
    landlord: Landlord, year: int, counted: dict[tuple[str, str], _RecordCounts] | None = None
) -> dict[str, Any]:
    """The JSON keys for service requests and member enquiries against the landlord's
    targets (issue 17, item 3): ``records_within_target``, each kind's totals with its
    target in working days, and ``<kind>_within_target_by_service_area``, its rows, most
    received first. ``counted``: the year's ``_records_counts`` when already counted."""
    if counted is None:
        counted = _records_counts(landlord, year)
    counts = {key: c.within_target for key, c in counted.items()}
    figures: dict[str, Any] = {"records_within_target": {}}
    for kind, (name, key) in WITHIN_TARGET_KEYS.items():
        areas = {area: c for (k, area), c in counts.items() if k == kind}
        total = records.WithinTarget(
            sum(c.received for c in areas.values()),
            sum(c.responded for c in areas.values()),
            sum(c.responded_within_target for c in areas.values()),
        )
        figures["records_within_target"][name] = {
            "target_working_days": landlord.target_days(kind),
            **_within_target_row(total),
        }
        figures[key] = [
            {"service_area": area, **_within_target_row(c)}
            for area, c in sorted(
                areas.items(),
                key=lambda item: (-item[1].received, sort_key("service_area", item[0])),
            )
        ]
    return figures


def _within_target_row(c: records.WithinTarget) -> dict[str, Any]:
    return {
        "received": c.received,
        "responded": c.responded,
        "responded_within_target": c.responded_within_target,
        "within_target_pct": percent(c.responded_within_target, c.received),
    }
