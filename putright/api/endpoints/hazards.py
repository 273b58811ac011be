"""``/complaints/{reference}/hazard``: Awaab's Law clocks on a complaint (domain.md §12,
issue 17 item 8). The repairs system reads the clocks and sends its updates here: when
the landlord became aware and the repairs service was told (which starts the clocks), then
each milestone as it happens. Putright does not run the repairs. Writes go through
``putright.complaints.services.hazards``, as the staff pages' do, each with its timeline
entry; the record's new version is in the ETag."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Header, Router, Schema, Status
from ninja.decorators import decorate_view
from pydantic import AwareDatetime, Field

from putright.api.access import api_case_read_record
from putright.api.auth import current_key
from putright.api.endpoints.common import (
    IDEMPOTENCY_DOC,
    IF_MATCH_DOC,
    READ_ERRORS,
    WRITE_ERRORS,
    run_timeline_write,
)
from putright.api.errors import not_found
from putright.api.idempotency import idempotent
from putright.api.schemas import In, Text
from putright.api.selectors import complaint_get
from putright.complaints import services
from putright.complaints.models import Complaint, HazardCase
from putright.rules.hazard_clocks import ClockState, HazardClass, Milestone
from putright.rules.hazard_clocks import next_due as clocks_next_due
from putright.rules.hazard_clocks import overdue as clocks_overdue

router = Router(tags=["hazards"])

IfMatch = Header(None, alias="If-Match", description=IF_MATCH_DOC)
IdempotencyKey = Header(None, alias="Idempotency-Key", description=IDEMPOTENCY_DOC)


class HazardIn(In):
    """Awaab's Law: the complaint reports an emergency hazard or significant damp and
    mould; when the landlord became aware (the clocks start then) and when the repairs
    service was told."""

    hazard_class: HazardClass = Field(
        description="emergency: investigated and made safe within 24 hours; damp_mould: "
        "investigated within 10 working days, summary within 3 and safety work started "
        "within 5 working days of the investigation."
    )
    description: Text = Field(description="What the hazard is and where (500 characters at most).")
    aware_at: AwareDatetime = Field(
        description="When the landlord became aware, with its UTC offset."
    )
    repairs_told_at: AwareDatetime = Field(
        description="When the repairs service was told, with its UTC offset."
    )
    repairs_reference: str = Field("", max_length=50, description="The repair job's reference.")


class MilestoneIn(In):
    """One step the repairs service took about the hazard."""

    milestone: Milestone
    at: AwareDatetime | None = Field(
        None, description="When it happened, with its UTC offset; now if left out."
    )
    note: str = Field("", max_length=2000, description="What was done or found.")


class ClockOut(Schema):
    milestone: Milestone
    rule: str = Field(description="What the regulations require, in words.")
    due_at: dt.datetime | None = Field(
        description="The deadline; null while it waits for the investigation."
    )
    done_at: dt.datetime | None
    state: ClockState = Field(
        description="waiting (for the investigation), running, overdue, met or missed."
    )


class HazardOut(Schema):
    """A complaint's hazard and its clocks as they stand now."""

    reference: str
    hazard_class: HazardClass
    description: str
    aware_at: dt.datetime
    repairs_told_at: dt.datetime
    repairs_reference: str
    investigated_at: dt.datetime | None
    summary_sent_at: dt.datetime | None
    safety_work_started_at: dt.datetime | None
    made_safe_at: dt.datetime | None
    next_due_at: dt.datetime | None = Field(description="The soonest deadline still open.")
    overdue: bool = Field(description="A clock has passed its deadline with its step not done.")
    clocks: list[ClockOut]


def hazard_detail(hazard: HazardCase, reference: str) -> dict[str, Any]:
    clocks = hazard.clocks(timezone.now())
    return {
        "reference": reference,
        "hazard_class": hazard.hazard_class,
        "description": hazard.description,
        "aware_at": hazard.aware_at,
        "repairs_told_at": hazard.repairs_told_at,
        "repairs_reference": hazard.repairs_reference,
        "investigated_at": hazard.investigated_at,
        "summary_sent_at": hazard.summary_sent_at,
        "safety_work_started_at": hazard.safety_work_started_at,
        "made_safe_at": hazard.made_safe_at,
        "next_due_at": clocks_next_due(clocks),
        "overdue": clocks_overdue(clocks),
        "clocks": [
            {
                "milestone": c.milestone,
                "rule": c.rule,
                "due_at": c.due_at,
                "done_at": c.done_at,
                "state": c.state,
            }
            for c in clocks
        ],
    }


@router.get(
    "/complaints/{reference}/hazard",
    response={200: HazardOut, **READ_ERRORS},
    operation_id="hazard_get",
    summary="The complaint's hazard and its Awaab's Law clocks as they stand now",
)
def hazard_get(request: HttpRequest, reference: str) -> dict[str, Any]:
    """404 when no hazard is recorded on the complaint. Logged in the staff access log as
    a read of the case (domain.md §11)."""
    api_key = current_key(request)
    complaint = complaint_get(api_key.landlord, reference)
    api_case_read_record(api_key=api_key, complaint=complaint)
    hazard = HazardCase.objects.filter(complaint=complaint).select_related("landlord").first()
    if hazard is None:
        raise not_found("hazard on this complaint")
    return hazard_detail(hazard, complaint.reference)


@router.post(
    "/complaints/{reference}/hazard",
    response={201: HazardOut, **WRITE_ERRORS},
    operation_id="hazard_record",
    summary="Record the hazard: when the landlord became aware and repairs were told",
)
@decorate_view(idempotent)
def hazard_record(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    payload: HazardIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> Status:
    """Starts the clocks; 409 if the complaint's hazard is already recorded."""

    def record(complaint: Complaint, by: User) -> HazardCase:
        return services.hazard_record_awareness(
            complaint=complaint,
            hazard_class=payload.hazard_class.value,
            description=payload.description,
            aware_at=payload.aware_at,
            repairs_told_at=payload.repairs_told_at,
            repairs_reference=payload.repairs_reference,
            by=by,
        )

    hazard = run_timeline_write(request, response, reference, if_match, record)
    return Status(201, hazard_detail(hazard, hazard.complaint.reference))


@router.post(
    "/complaints/{reference}/hazard/milestones",
    response={201: HazardOut, **WRITE_ERRORS},
    operation_id="hazard_milestone",
    summary="Record a step the repairs service took: investigated, summary sent, "
    "safety work started, made safe",
)
@decorate_view(idempotent)
def hazard_milestone(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    payload: MilestoneIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> Status:
    """Each step once, in order (the summary and the safety work follow the
    investigation; making safe needs it too); a step the hazard does not have, or one
    already recorded, is refused with the reason."""
    command = services.MILESTONE_COMMANDS[payload.milestone]
    hazard = run_timeline_write(
        request,
        response,
        reference,
        if_match,
        lambda c, by: command(complaint=c, at=payload.at, note=payload.note, by=by),
    )
    return Status(201, hazard_detail(hazard, hazard.complaint.reference))
