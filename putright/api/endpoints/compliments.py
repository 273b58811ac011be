"""``/compliments``: thanks from residents and others, by service area and the staff member
named (issue 17, item 4). A compliment is not a complaint: it has no reference, no
commands and no timeline. Writes go through ``putright.compliments.services``, as the staff
pages' do; the annual report and the quarterly update count them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Header, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from pydantic import Field

from putright.api.auth import current_key, writing_key
from putright.api.endpoints.common import IDEMPOTENCY_DOC, READ_ERRORS, WRITE_ERRORS
from putright.api.endpoints.reports import YEAR_DOC, checked_year
from putright.api.idempotency import idempotent
from putright.api.pagination import Ordering, bounded_int, paginate
from putright.api.schemas import Day, Email, Id, Line, NamedOut
from putright.compliments.models import Compliment
from putright.compliments.selectors import compliments_of
from putright.compliments.services import compliment_record
from putright.landlords.models import ServiceArea
from putright.residents.models import Resident
from putright.rules.codes import Channel
from putright.rules.compliments import WORDS_MAX
from putright.rules.lifecycle import RuleError

router = Router(tags=["compliments"])

ORDER = Ordering(fields=("-received_on", "-id"), parsers=(dt.date.fromisoformat, bounded_int))
IdempotencyKey = Header(None, alias="Idempotency-Key", description=IDEMPOTENCY_DOC)


class ComplimentIn(Schema):
    words: str = Field(..., min_length=1, max_length=WORDS_MAX, description="What was said.")
    channel: Channel = Field(..., description="How it came in.")
    received_on: Day | None = Field(None, description="Europe/London; today if left out.")
    service_area_id: Id | None = Field(None, description="null: the giver did not say.")
    staff_named: Line = Field("", description="The staff member named, as the giver named them.")
    resident_id: Id | None = Field(None, description="The resident on record who gave it.")
    giver_name: Line = Field(
        "", description="Someone not on record; blank with no resident: anonymous."
    )
    giver_email: Email = Field("", description="Only to reply to them; never published.")


class ComplimentOut(Schema):
    id: int
    received_on: dt.date
    service_area: NamedOut | None
    staff_named: str
    resident_id: int | None
    giver_name: str
    giver_email: str
    channel: str
    words: str
    recorded_at: dt.datetime


class ComplimentPage(Schema):
    items: list[ComplimentOut]
    next_cursor: str | None


class ComplimentFilters(Schema):
    year: int | None = Field(None, description=YEAR_DOC)
    service_area_id: Id | None = None
    cursor: str | None = Field(None, max_length=500, description="From the previous page.")
    limit: int = Field(25, ge=1, le=100)


def compliment_detail(compliment: Compliment) -> dict[str, Any]:
    area = compliment.service_area
    return {
        "id": compliment.pk,
        "received_on": compliment.received_on,
        "service_area": {"id": area.pk, "name": area.name} if area is not None else None,
        "staff_named": compliment.staff_named,
        "resident_id": compliment.resident_id,
        "giver_name": compliment.giver_name,
        "giver_email": compliment.giver_email,
        "channel": compliment.channel,
        "words": compliment.words,
        "recorded_at": compliment.recorded_at,
    }


@router.get(
    "/compliments",
    response={200: ComplimentPage, **READ_ERRORS},
    operation_id="compliments_list",
    summary="List compliments, newest first, by financial year and service area",
)
def compliments_list(request: HttpRequest, filters: Query[ComplimentFilters]) -> dict[str, Any]:
    year = checked_year(filters.year) if filters.year is not None else None
    qs = compliments_of(
        current_key(request).landlord, year=year, service_area_id=filters.service_area_id
    )
    page = paginate(qs, ORDER, cursor=filters.cursor, limit=filters.limit)
    return {
        "items": [compliment_detail(c) for c in page.items],
        "next_cursor": page.next_cursor,
    }


@router.post(
    "/compliments",
    response={201: ComplimentOut, **WRITE_ERRORS},
    operation_id="compliments_create",
    summary="Record a compliment",
)
@decorate_view(idempotent)
def compliments_create(
    request: HttpRequest,
    payload: ComplimentIn,
    idempotency_key: str | None = IdempotencyKey,
) -> Status:
    """By the service area's and the resident's ids, each of the key's landlord (422
    otherwise); the staff member named as free text."""
    api_key = writing_key(request)
    landlord = api_key.landlord
    problems: dict[str, str] = {}
    area = resident = None
    if payload.service_area_id is not None:
        area = ServiceArea.objects.filter(pk=payload.service_area_id, landlord=landlord).first()
        if area is None:
            problems["service_area_id"] = "No service area of this landlord has this id."
    if payload.resident_id is not None:
        resident = Resident.objects.filter(pk=payload.resident_id, landlord=landlord).first()
        if resident is None:
            problems["resident_id"] = "No resident of this landlord has this id."
    if problems:
        raise RuleError(problems)
    compliment = compliment_record(
        landlord=landlord,
        words=payload.words,
        channel=payload.channel,
        received_on=payload.received_on,
        service_area=area,
        staff_named=payload.staff_named,
        resident=resident,
        giver_name=payload.giver_name,
        giver_email=payload.giver_email,
        by=api_key.user,
    )
    return Status(201, compliment_detail(compliment))
