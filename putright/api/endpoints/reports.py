"""``/reports``: the published figures for a financial year, byte for byte what
``putright report annual --format json`` and ``putright report tsm --format json`` write
(``putright.reports.exports``), so a dashboard and the governing body's report never
disagree. Reports read the record; any key of the landlord may fetch them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from putright.api.auth import current_key
from putright.api.endpoints.common import READ_ERRORS
from putright.api.errors import ApiError
from putright.api.schemas import AnnualReportOut, TsmReturnOut
from putright.landlords.models import today
from putright.reports.exports import Export, annual_export, tsm_export
from putright.rules.calendar import FIRST_YEAR
from putright.rules.counting import financial_year_label, financial_year_of

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
    interfaces.md ("Annual report JSON") and more, counted by counting-rules.md."""
    return _json(annual_export(current_key(request).landlord, checked_year(year), "json"))


@router.get(
    "/reports/tsm",
    response={200: TsmReturnOut, **READ_ERRORS},
    operation_id="reports_tsm",
    summary="The Tenant Satisfaction Measures on complaints (CH01, CH02, TP09) for a year",
)
def reports_tsm(request: HttpRequest, year: int = Query(..., description=YEAR_DOC)) -> HttpResponse:
    """Exactly what ``putright report tsm --format json`` writes."""
    return _json(tsm_export(current_key(request).landlord, checked_year(year), "json"))
