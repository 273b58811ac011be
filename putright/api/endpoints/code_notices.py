"""Two reads of what a landlord tells and is told outside a complaint: its notices of
exceptional circumstances (Code 8.5), in force and past, with whether the Ombudsman's
email went; and the Ombudsman's spotlight reports it recorded, with its assessment
against each recommendation. Both are written on the staff pages only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from putright.api.auth import current_key
from putright.api.endpoints.common import READ_ERRORS
from putright.landlords.models import ExceptionalCircumstances
from putright.selfassessment.models import SpotlightRecommendation, SpotlightReport

router = Router(tags=["notices and spotlight reports"])


class NoticeOut(Schema):
    id: int
    what_happened: str
    started_on: dt.date
    back_to_compliance: str = Field(..., description="The timescale back to compliance.")
    in_force: bool
    withdrawn_on: dt.date | None
    withdrawn_note: str
    recorded_at: dt.datetime
    ombudsman_emailed_to: str
    ombudsman_email: str = Field(
        ..., description='"queued" (waiting for the task worker), "sent" or "failed".'
    )
    ombudsman_email_sent_at: dt.datetime | None
    ombudsman_email_failed_at: dt.datetime | None
    ombudsman_email_failure: str = Field(..., description="Why it failed; blank otherwise.")
    residents_written_to: int = Field(..., description="Open complaints given an update letter.")
    residents_not_written_to: list[str] = Field(
        ..., description="References of open complaints no letter could be issued for."
    )


class NoticesOut(Schema):
    items: list[NoticeOut]


class NoticeFilters(Schema):
    in_force: bool | None = Field(None, description="true: in force only; false: withdrawn only.")


@router.get(
    "/ombudsman/exceptional-circumstances",
    response={200: NoticesOut, **READ_ERRORS},
    operation_id="exceptional_circumstances_list",
    summary="The landlord's notices of exceptional circumstances (Code 8.5), latest first",
)
def exceptional_circumstances_list(
    request: HttpRequest, filters: Query[NoticeFilters]
) -> dict[str, Any]:
    qs = ExceptionalCircumstances.objects.filter(landlord=current_key(request).landlord)
    if filters.in_force is not None:
        qs = qs.filter(withdrawn_on__isnull=filters.in_force)
    return {"items": [notice_detail(n) for n in qs.order_by("-started_on", "-id")]}


def notice_detail(notice: ExceptionalCircumstances) -> dict[str, Any]:
    rows = notice.letters or []
    return {
        "id": notice.pk,
        "what_happened": notice.what_happened,
        "started_on": notice.started_on,
        "back_to_compliance": notice.back_to_compliance,
        "in_force": notice.in_force,
        "withdrawn_on": notice.withdrawn_on,
        "withdrawn_note": notice.withdrawn_note,
        "recorded_at": notice.recorded_at,
        "ombudsman_emailed_to": notice.ombudsman_emailed_to,
        "ombudsman_email": notice.ombudsman_email_status,
        "ombudsman_email_sent_at": notice.ombudsman_email_sent_at,
        "ombudsman_email_failed_at": notice.ombudsman_email_failed_at,
        "ombudsman_email_failure": notice.ombudsman_email_failure,
        "residents_written_to": sum(1 for row in rows if row.get("letter")),
        "residents_not_written_to": [row["reference"] for row in rows if not row.get("letter")],
    }


class RecommendationOut(Schema):
    number: int
    reference: str = Field(..., description="The Ombudsman's own number for it, if recorded.")
    text: str
    status: str = Field(
        ..., description='"met", "partly_met", "not_met", or blank while not assessed.'
    )
    evidence: str
    commentary: str
    assessed_on: dt.date | None
    action_ids: list[int] = Field(..., description="Its actions on the learning register.")


class SpotlightReportOut(Schema):
    id: int
    title: str
    published_on: dt.date
    recommendations: list[RecommendationOut]


class SpotlightReportsOut(Schema):
    items: list[SpotlightReportOut]


@router.get(
    "/spotlight-reports",
    response={200: SpotlightReportsOut, **READ_ERRORS},
    operation_id="spotlight_reports_list",
    summary="The Ombudsman's spotlight reports and the assessment against each recommendation",
)
def spotlight_reports_list(request: HttpRequest) -> dict[str, Any]:
    reports = SpotlightReport.objects.filter(
        landlord=current_key(request).landlord
    ).prefetch_related("recommendations__actions")
    return {"items": [_spotlight(r) for r in reports.order_by("-published_on", "-id")]}


def _spotlight(report: SpotlightReport) -> dict[str, Any]:
    return {
        "id": report.pk,
        "title": report.title,
        "published_on": report.published_on,
        "recommendations": [_recommendation(r) for r in report.recommendations.all()],
    }


def _recommendation(rec: SpotlightRecommendation) -> dict[str, Any]:
    return {
        "number": rec.number,
        "reference": rec.reference,
        "text": rec.text,
        "status": rec.status,
        "evidence": rec.evidence,
        "commentary": rec.commentary,
        "assessed_on": rec.assessed_on,
        "action_ids": sorted(a.pk for a in rec.actions.all()),
    }
