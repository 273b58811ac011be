"""``/reports``: the published figures for a financial year, byte for byte what
``putright report annual --format json`` and ``putright report tsm --format json`` write
(``putright.reports.exports``), so a dashboard and the governing body's report never
disagree. Reports read the record; any key of the landlord may fetch them."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from putright.api.auth import current_key
from putright.api.endpoints.common import READ_ERRORS
from putright.api.errors import ApiError
from putright.api.schemas import AnnualReportOut, SubCauseOut, TsmReturnOut
from putright.landlords.models import Division, ServiceArea, SubCause, today
from putright.landlords.replica import reading_from_replica
from putright.reports.breakdown import breakdown
from putright.reports.exports import Export, annual_export, as_json, tsm_export
from putright.reports.group import group_annual_json, group_tsm_return
from putright.rules.calendar import FIRST_YEAR
from putright.rules.counting import (
    DIMENSIONS,
    MEASURES,
    breakdown_problems,
    financial_year_label,
    financial_year_of,
)

router = Router(tags=["reports"])

YEAR_DOC = (
    f"The financial year by the year it starts: 2024 means 1 April 2024 to 31 March 2025. "
    f"From {FIRST_YEAR} to the current year."
)


def checked_year(year: int) -> int:
    """``year`` if it is a financial year with a record to count: not before the working-day
    calendar begins and not one that has yet to start. Otherwise 422, saying which years."""
    current = financial_year_of(today())
    if FIRST_YEAR <= year <= current:
        return year
    if year > current:
        message = (
            f"The financial year {financial_year_label(year)} has not started yet: give a year "
            f"from {FIRST_YEAR} to {current} ({financial_year_label(current)})."
        )
    else:
        message = (
            f"There are no figures before {financial_year_label(FIRST_YEAR)}: give a year "
            f"from {FIRST_YEAR} to {current}."
        )
    raise ApiError(422, "invalid_year", message, {"year": message})


def _json(export: Export) -> HttpResponse:
    return HttpResponse(export.content, content_type=export.content_type)


def _group_json(data: dict[str, Any]) -> HttpResponse:
    """A group's report, byte for byte what ``putright report ... --group`` writes."""
    return HttpResponse(as_json(data), content_type="application/json")


@router.get(
    "/reports/annual",
    response={200: AnnualReportOut, **READ_ERRORS},
    operation_id="reports_annual",
    summary="The annual complaints report figures (Code 8.1) for a financial year",
)
def reports_annual(
    request: HttpRequest, year: int = Query(..., description=YEAR_DOC)
) -> HttpResponse:
    """Exactly what ``putright report annual --format json`` writes: the figures of
    interfaces.md ("Annual report JSON") and more, counted by counting-rules.md. With a
    group key, the group's figures (``putright report annual --group NAME``): added up from
    its landlords' by counting-rules.md, "A group of landlords", each landlord's beside."""
    key = current_key(request)
    with reading_from_replica():
        if key.group is not None:
            return _group_json(group_annual_json(key.group, checked_year(year)))
        return _json(annual_export(key.landlord, checked_year(year), "json"))


@router.get(
    "/reports/tsm",
    response={200: TsmReturnOut, **READ_ERRORS},
    operation_id="reports_tsm",
    summary="The Tenant Satisfaction Measures on complaints (CH01, CH02, TP09) for a year",
)
def reports_tsm(request: HttpRequest, year: int = Query(..., description=YEAR_DOC)) -> HttpResponse:
    """Exactly what ``putright report tsm --format json`` writes; with a group key, the
    group's return (``putright report tsm --group NAME``)."""
    key = current_key(request)
    with reading_from_replica():
        if key.group is not None:
            return _group_json(group_tsm_return(key.group, checked_year(year)))
        return _json(tsm_export(key.landlord, checked_year(year), "json"))


MEASURE_DOC = (
    "One or more measures separated by commas: "
    + ", ".join(MEASURES)
    + "; <measure>_share_pct for a count's share of its column's total."
)
BY_DOC = "A dimension, once or twice (by=handler&by=service_area): " + ", ".join(DIMENSIONS)


class BreakdownQuery(Schema):
    measure: str = Field(description=MEASURE_DOC)
    by: list[str] = Field(description=BY_DOC)
    stage: int = Field(1, description="1 (the default) or 2.")
    format: str = Field("json", description="json (the default) or csv.")
    compare: bool = Field(
        False,
        description="true: last year's figures beside each measure (<measure>_last_year) "
        "and, for counts and money, the change in per cent (<measure>_change_pct).",
    )


class BreakdownRowsOut(Schema):
    """A breakdown (issue 13): each row holds its dimensions' values (a name, a code,
    ``landlord`` or a contractor's name for ``handler``, ``Q1``..``Q4``, ``YYYY-MM``,
    ``not_recorded`` where the record holds none), each measure, and beside each count
    its share of the column's total as ``<measure>_share_pct``."""

    landlord: str
    year: int
    period: dict[str, str]
    stage: int
    measures: list[str]
    by: list[str]
    compare: bool
    rows: list[dict[str, Any]]
    totals: dict[str, Any] = Field(
        description="Each measure for the whole year: what the rows add up to (any_theme "
        "apart, where a complaint counts under each of its themes)."
    )


@router.get(
    "/reports/{year}/breakdown",
    response={200: BreakdownRowsOut, **READ_ERRORS},
    operation_id="reports_breakdown",
    summary="Any measure of a stage by one or two dimensions, for a financial year",
    openapi_extra={
        "responses": {
            200: {
                "content": {
                    "text/csv": {
                        "schema": {
                            "type": "string",
                            "description": "With format=csv: the command's CSV.",
                        }
                    }
                }
            }
        }
    },
)
def reports_breakdown(
    request: HttpRequest,
    year: int,
    filters: Query[BreakdownQuery],
) -> HttpResponse:
    """The same figures as ``putright report breakdown`` writes, counted by
    docs/counting-rules.md ("Breakdowns"). ``format=csv`` answers the command's CSV."""
    year = checked_year(year)
    stage, fmt = filters.stage, filters.format
    measures = [m.strip() for m in filters.measure.split(",") if m.strip()]
    dimensions = [d.strip() for d in filters.by]
    problems = breakdown_problems(stage, measures, dimensions)
    if fmt not in ("json", "csv"):
        problems["format"] = f"The format is json or csv, not {fmt!r}."
    if problems:
        raise ApiError(422, "invalid_breakdown", " ".join(problems.values()), problems)
    landlord = current_key(request).landlord
    with reading_from_replica():
        result = breakdown(
            landlord, year, stage=stage, measures=measures, by=dimensions, compare=filters.compare
        )
    if fmt == "csv":
        response = HttpResponse(result.csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="breakdown-{year}.csv"'
        return response
    return HttpResponse(
        json.dumps(result.as_json(), cls=DjangoJSONEncoder),
        content_type="application/json",
    )


class DivisionOut(Schema):
    id: int
    name: str
    service_areas: list[str] = Field(description="The service areas it groups, by name.")


class ServiceAreaOut(Schema):
    id: int
    name: str
    division: str | None = Field(description="The division it belongs to; null for none.")


class DivisionsOut(Schema):
    divisions: list[DivisionOut]
    service_areas: list[ServiceAreaOut]


@router.get(
    "/divisions",
    response={200: DivisionsOut, **READ_ERRORS},
    operation_id="divisions_list",
    summary="The landlord's divisions and the service areas each groups",
)
def divisions_list(request: HttpRequest) -> dict[str, Any]:
    """A landlord groups its service areas into divisions or directorates; the breakdowns
    count a complaint under the division of its main service area."""
    landlord = current_key(request).landlord
    areas = list(
        ServiceArea.objects.filter(landlord=landlord).select_related("division").order_by("name")
    )
    return {
        "divisions": [
            {
                "id": d.pk,
                "name": d.name,
                "service_areas": [a.name for a in areas if a.division_id == d.pk],
            }
            for d in Division.objects.filter(landlord=landlord).order_by("name")
        ],
        "service_areas": [
            {"id": a.pk, "name": a.name, "division": a.division.name if a.division else None}
            for a in areas
        ],
    }


class SubCausesOut(Schema):
    sub_causes: list[SubCauseOut]


@router.get(
    "/sub-causes",
    response={200: SubCausesOut, **READ_ERRORS},
    operation_id="sub_causes_list",
    summary="The landlord's own sub-causes under each root cause",
)
def sub_causes_list(request: HttpRequest) -> dict[str, Any]:
    """The codes a response's ``sub_cause`` takes, each under its root cause (issue 13),
    in the landlord's order; a retired code (``active`` false) stays on the records that
    carry it and is still counted."""
    landlord = current_key(request).landlord
    return {
        "sub_causes": [
            {"code": c.code, "label": c.label, "root_cause": c.root_cause, "active": c.active}
            for c in SubCause.objects.filter(landlord=landlord).order_by(
                "root_cause", "position", "label"
            )
        ]
    }
