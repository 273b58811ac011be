"""``/case-reviews``: the landlord's critical case reviews (Code 9.1, 9.7): the complaints
selected and why, when the panel met, what it found, and its actions on the learning
register. Read only: reviews are opened and held on the staff pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from putright.api.auth import current_key
from putright.api.endpoints.common import READ_ERRORS
from putright.learning.models import CaseReview

router = Router(tags=["critical case reviews"])


class CaseReviewOut(Schema):
    id: int
    reason: str = Field(..., description="Why the complaints were selected for review.")
    selected_on: dt.date
    complaints: list[str] = Field(..., description="The references of the complaints reviewed.")
    meeting_on: dt.date | None = Field(
        ..., description="The date the panel met; null until it has."
    )
    findings: str = Field(..., description="What the panel found; blank until it has met.")
    action_ids: list[int] = Field(..., description="Its actions on the learning register.")


class CaseReviewsOut(Schema):
    items: list[CaseReviewOut]


@router.get(
    "/case-reviews",
    response={200: CaseReviewsOut, **READ_ERRORS},
    operation_id="case_reviews_list",
    summary="The landlord's critical case reviews, latest selected first",
)
def case_reviews_list(request: HttpRequest) -> dict[str, Any]:
    reviews = CaseReview.objects.filter(landlord=current_key(request).landlord).prefetch_related(
        "complaints", "actions"
    )
    return {"items": [_review(r) for r in reviews.order_by("-selected_on", "-id")]}


def _review(review: CaseReview) -> dict[str, Any]:
    return {
        "id": review.pk,
        "reason": review.reason,
        "selected_on": review.selected_on,
        "complaints": sorted(c.reference for c in review.complaints.all()),
        "meeting_on": review.meeting_on,
        "findings": review.findings,
        "action_ids": sorted(a.pk for a in review.actions.all()),
    }
