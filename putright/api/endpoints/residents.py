"""``/residents``: residents with their agreed reasonable adjustments (Code 5.10), the
support they asked for online, and representatives with their consent (Code 3.6). Writes go
through the same services as the staff pages (``putright.residents.services``, and
``putright.complaints.services`` for a request made on a complaint), so the same rules
hold: an adjustment has a review date, a representative is dealt with only once consent is
recorded.

Disclosed disabilities, vulnerabilities, restrictions and equality data are not offered
here: they are special-category data that staff record on the resident's page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Header, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from pydantic import Field

from putright.api.auth import current_key, writing_key
from putright.api.endpoints.common import IDEMPOTENCY_DOC, READ_ERRORS, WRITE_ERRORS
from putright.api.errors import NOT_ALLOWED_NOW
from putright.api.idempotency import idempotent
from putright.api.pagination import Ordering, bounded_int, paginate
from putright.api.schemas import (
    AdjustmentIn,
    AdjustmentOut,
    AdjustmentRequestAgreeIn,
    AdjustmentRequestOut,
    ConsentIn,
    ConsentWithdrawnIn,
    Id,
    RepresentativeIn,
    RepresentativeOut,
    ResidentIn,
    ResidentOut,
    ResidentPage,
    ReviewIn,
)
from putright.api.selectors import (
    adjustment_get,
    adjustment_request_get,
    adjustment_requests_of,
    representative_get,
    resident_find,
    resident_get,
    residents_of,
)
from putright.api.serialize import (
    adjustment_detail,
    adjustment_request_detail,
    representative_detail,
    resident_detail,
    resident_summary,
)
from putright.complaints.services import complaint_adjustment_agree
from putright.landlords.models import today
from putright.residents import services
from putright.residents.models import Via
from putright.rules.lifecycle import RuleError

router = Router(tags=["residents"])


def _name(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("not a name")
    return value


ORDER = Ordering(fields=("name", "id"), parsers=(_name, bounded_int))
IdempotencyKey = Header(None, alias="Idempotency-Key", description=IDEMPOTENCY_DOC)
RESIDENT = "/residents/{resident_id}"


class ResidentFilters(Schema):
    name: str | None = Field(None, max_length=200, description="Part of the name.")
    cursor: str | None = Field(None, max_length=500, description="From the previous page.")
    limit: int = Field(25, ge=1, le=100)


@router.get(
    "/residents",
    response={200: ResidentPage, **READ_ERRORS},
    operation_id="residents_list",
    summary="List residents by name",
)
def residents_list(request: HttpRequest, filters: Query[ResidentFilters]) -> dict[str, Any]:
    qs = residents_of(current_key(request).landlord)
    if filters.name:
        qs = qs.filter(name__icontains=filters.name.replace("\x00", ""))
    page = paginate(qs, ORDER, cursor=filters.cursor, limit=filters.limit)
    return {"items": [resident_summary(r) for r in page.items], "next_cursor": page.next_cursor}


@router.get(
    "/residents/{resident_id}",
    response={200: ResidentOut, **READ_ERRORS},
    operation_id="residents_get",
    summary="A resident, with adjustments and representatives",
)
def residents_get(request: HttpRequest, resident_id: Id) -> dict[str, Any]:
    return resident_detail(resident_get(current_key(request).landlord, resident_id))


# Writes ------------------------------------------------------------------------------------


@router.post(
    "/residents",
    response={201: ResidentOut, **WRITE_ERRORS},
    operation_id="residents_create",
    summary="Record a resident, with their tenure and home",
)
@decorate_view(idempotent)
def residents_create(
    request: HttpRequest,
    response: HttpResponse,
    payload: ResidentIn,
    idempotency_key: str | None = IdempotencyKey,
) -> Status:
    """With an address, the resident's home: the one already recorded at that postcode
    (however it is spaced) with the same first line, or a new property. A complaint names
    the resident by the ``id`` in the answer."""
    api_key = writing_key(request)
    resident = services.resident_create(
        landlord=api_key.landlord,
        name=payload.name,
        tenure=payload.tenure,
        email=payload.email,
        phone=payload.phone,
        contact_preference=payload.contact_preference or "",
        preferred_language=payload.preferred_language,
        tenancy_reference=payload.tenancy_reference,
        address=payload.address,
        postcode=payload.postcode,
        uprn=payload.uprn,
        by=api_key.user,
        via=Via.API,
    )
    response["Location"] = reverse("api-v1:residents_get", args=[resident.pk])
    return Status(201, resident_detail(resident_get(api_key.landlord, resident.pk)))


@router.post(
    RESIDENT + "/adjustments",
    response={201: AdjustmentOut, **WRITE_ERRORS},
    operation_id="residents_adjustments_agree",
    summary="A reasonable adjustment agreed with the resident (Code 5.10)",
)
@decorate_view(idempotent)
def residents_adjustments_agree(
    request: HttpRequest,
    resident_id: Id,
    payload: AdjustmentIn,
    idempotency_key: str | None = IdempotencyKey,
) -> Status:
    """Kept under active review: the review date must be after the date agreed."""
    api_key = writing_key(request)
    adjustment = services.adjustment_agree(
        resident=resident_find(api_key.landlord, resident_id),
        kind=payload.kind,
        agreed_on=payload.agreed_on,
        review_due_on=payload.review_due_on,
        details=payload.details,
        by=api_key.user,
    )
    return Status(201, adjustment_detail(adjustment))


@router.post(
    RESIDENT + "/adjustments/{adjustment_id}/reviews",
    response={200: AdjustmentOut, **WRITE_ERRORS},
    operation_id="residents_adjustments_review",
    summary="Review an adjustment: it goes on to a new review date, or it ends (Code 5.10)",
)
@decorate_view(idempotent)
def residents_adjustments_review(
    request: HttpRequest,
    resident_id: Id,
    adjustment_id: Id,
    payload: ReviewIn,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    """Going on, it needs ``next_review_due_on``, after the review; ``end`` ends it."""
    api_key = writing_key(request)
    resident = resident_find(api_key.landlord, resident_id)
    try:
        adjustment = services.reviewed_record_review(
            record=adjustment_get(resident, adjustment_id),
            reviewed_on=payload.reviewed_on or today(),
            next_review_due_on=payload.next_review_due_on,
            end=payload.end,
            by=api_key.user,
        )
    except RuleError as error:
        # The service names the new date as the record holds it; the request calls it "next".
        problems = {
            "next_review_due_on" if field == "review_due_on" else field: message
            for field, message in error.problems.items()
        }
        raise RuleError(problems, code=error.code) from None
    return adjustment_detail(adjustment)


@router.get(
    RESIDENT + "/adjustment-requests",
    response={200: list[AdjustmentRequestOut], **READ_ERRORS},
    operation_id="residents_adjustment_requests_list",
    summary="Support the resident asked for online, agreed or waiting (Code 5.10)",
)
def residents_adjustment_requests_list(
    request: HttpRequest, resident_id: Id
) -> list[dict[str, Any]]:
    resident = resident_find(current_key(request).landlord, resident_id)
    return [adjustment_request_detail(r) for r in adjustment_requests_of(resident)]


@router.post(
    RESIDENT + "/adjustment-requests/{request_id}/agree",
    response={201: AdjustmentOut, **WRITE_ERRORS},
    operation_id="residents_adjustment_requests_agree",
    summary="Agree the support asked for online as a reasonable adjustment (Code 5.10)",
)
@decorate_view(idempotent)
def residents_adjustment_requests_agree(
    request: HttpRequest,
    resident_id: Id,
    request_id: Id,
    payload: AdjustmentRequestAgreeIn,
    idempotency_key: str | None = IdempotencyKey,
) -> Status:
    """Kept under active review: the review date must be after the date agreed. The
    complaint's timeline says it was agreed; a request agreed already is 409."""
    api_key = writing_key(request)
    asked = adjustment_request_get(resident_find(api_key.landlord, resident_id), request_id)
    try:
        adjustment = complaint_adjustment_agree(
            request=asked,
            review_due_on=payload.review_due_on,
            details=payload.details,
            on=payload.agreed_on,
            by=api_key.user,
        )
    except RuleError as error:
        if "" in error.problems:
            # Agreed already: the request's state, not the values, is at fault.
            raise RuleError(error.problems[""], code=NOT_ALLOWED_NOW) from None
        raise
    return Status(201, adjustment_detail(adjustment))


@router.post(
    RESIDENT + "/representatives",
    response={201: RepresentativeOut, **WRITE_ERRORS},
    operation_id="residents_representatives_add",
    summary="Someone acting for the resident (Code 3.6)",
)
@decorate_view(idempotent)
def residents_representatives_add(
    request: HttpRequest,
    resident_id: Id,
    payload: RepresentativeIn,
    idempotency_key: str | None = IdempotencyKey,
) -> Status:
    """Until the resident's consent is recorded (the date and how it was given), the
    landlord does not deal with them: ``has_consent`` says which."""
    api_key = writing_key(request)
    representative = services.representative_add(
        resident=resident_find(api_key.landlord, resident_id),
        name=payload.name,
        kind=payload.kind,
        email=payload.email,
        phone=payload.phone,
        consent_given_on=payload.consent_given_on,
        consent_evidence=payload.consent_evidence,
        by=api_key.user,
        via=Via.API,
    )
    return Status(201, representative_detail(representative))


@router.post(
    RESIDENT + "/representatives/{representative_id}/consent",
    response={200: RepresentativeOut, **WRITE_ERRORS},
    operation_id="residents_representatives_consent",
    summary="The resident consented to the representative acting for them (Code 3.6)",
)
@decorate_view(idempotent)
def residents_representatives_consent(
    request: HttpRequest,
    resident_id: Id,
    representative_id: Id,
    payload: ConsentIn,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    api_key = writing_key(request)
    resident = resident_find(api_key.landlord, resident_id)
    representative = services.representative_record_consent(
        representative=representative_get(resident, representative_id),
        given_on=payload.given_on,
        evidence=payload.evidence,
        by=api_key.user,
    )
    return representative_detail(representative)


@router.post(
    RESIDENT + "/representatives/{representative_id}/consent-withdrawn",
    response={200: RepresentativeOut, **WRITE_ERRORS},
    operation_id="residents_representatives_withdraw_consent",
    summary="The resident withdrew consent: the landlord stops dealing with them",
)
@decorate_view(idempotent)
def residents_representatives_withdraw_consent(
    request: HttpRequest,
    resident_id: Id,
    representative_id: Id,
    payload: ConsentWithdrawnIn,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    """Only consent that was recorded can be withdrawn (409 otherwise)."""
    api_key = writing_key(request)
    resident = resident_find(api_key.landlord, resident_id)
    representative = representative_get(resident, representative_id)
    try:
        services.representative_withdraw_consent(
            representative=representative, on=payload.on or today(), by=api_key.user
        )
    except RuleError as error:
        if representative.consent_given_on is None:
            # Nothing to withdraw: the representative's state, not the values, is at fault.
            raise RuleError(" ".join(error.problems.values()), code=NOT_ALLOWED_NOW) from None
        raise
    return representative_detail(representative)
