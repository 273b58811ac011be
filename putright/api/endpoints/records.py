"""``/service-requests`` and ``/member-enquiries``: the records that are not complaints
(domain.md §2), kept and reported all the same. They are ``Complaint`` rows of another
kind, so each is also at ``/complaints/{reference}`` (its timeline, notes and files too).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Header, Query, Router, Status
from ninja.decorators import decorate_view

from putright.api.access import api_case_read_record
from putright.api.auth import current_key, writing_key
from putright.api.endpoints.common import (
    IDEMPOTENCY_DOC,
    IF_MATCH_DOC,
    READ_ERRORS,
    WRITE_ERRORS,
    etag,
    run_command,
)
from putright.api.endpoints.complaints import list_records, log_record
from putright.api.idempotency import idempotent
from putright.api.schemas import (
    ComplaintOut,
    ComplaintPage,
    ListFilters,
    RecordIn,
    RecordRespondIn,
    ResolveIn,
)
from putright.api.selectors import complaint_get
from putright.api.serialize import complaint_detail
from putright.complaints import services
from putright.rules.codes import Kind


def records_router(kind: Kind, path: str) -> Router:
    """The five operations on one kind of record."""
    noun = kind.label.lower()
    nouns = path.replace("-", " ")  # service requests, member enquiries
    plural = path.replace("-", "_")
    router = Router(tags=[nouns])

    @router.post(
        f"/{path}",
        response={201: ComplaintOut, **WRITE_ERRORS},
        operation_id=f"{plural}_create",
        url_name=f"{plural}_create",
        summary=f"Log a {noun}",
    )
    @decorate_view(idempotent)
    def create(
        request: HttpRequest,
        response: HttpResponse,
        payload: RecordIn,
        idempotency_key: str | None = Header(
            None, alias="Idempotency-Key", description=IDEMPOTENCY_DOC
        ),
    ) -> Status:
        return log_record(request, response, payload, kind)

    @router.get(
        f"/{path}",
        response={200: ComplaintPage, **READ_ERRORS},
        operation_id=f"{plural}_list",
        url_name=f"{plural}_list",
        summary=f"List {nouns}, newest received first",
    )
    def list_(request: HttpRequest, filters: Query[ListFilters]) -> dict[str, Any]:
        return list_records(current_key(request), kind, filters)

    @router.get(
        f"/{path}/{{reference}}",
        response={200: ComplaintOut, **READ_ERRORS},
        operation_id=f"{plural}_get",
        url_name=f"{plural}_get",
        summary=f"A {noun}",
    )
    def get(request: HttpRequest, response: HttpResponse, reference: str) -> dict[str, Any]:
        """Reading a record is logged in the staff access log (domain.md §11)."""
        api_key = current_key(request)
        record = complaint_get(api_key.landlord, reference, kind=kind)
        api_case_read_record(api_key=api_key, complaint=record)
        response["ETag"] = etag(record)
        return complaint_detail(record)

    @router.post(
        f"/{path}/{{reference}}/resolve",
        response={200: ComplaintOut, **WRITE_ERRORS},
        operation_id=f"{plural}_resolve",
        url_name=f"{plural}_resolve",
        summary=f"Resolve a {noun}",
    )
    @decorate_view(idempotent)
    def resolve(
        request: HttpRequest,
        response: HttpResponse,
        reference: str,
        payload: ResolveIn,
        if_match: str | None = Header(None, alias="If-Match", description=IF_MATCH_DOC),
        idempotency_key: str | None = Header(
            None, alias="Idempotency-Key", description=IDEMPOTENCY_DOC
        ),
    ) -> dict[str, Any]:
        complaint_get(writing_key(request).landlord, reference, kind=kind)
        return run_command(
            request,
            response,
            reference,
            if_match,
            lambda c, by: services.record_resolve(
                record=c, summary=payload.summary, by=by, on=payload.on
            ),
        )

    @router.post(
        f"/{path}/{{reference}}/respond",
        response={200: ComplaintOut, **WRITE_ERRORS},
        operation_id=f"{plural}_respond",
        url_name=f"{plural}_respond",
        summary=f"Record the response to a {noun}",
    )
    @decorate_view(idempotent)
    def respond(
        request: HttpRequest,
        response: HttpResponse,
        reference: str,
        payload: RecordRespondIn,
        if_match: str | None = Header(None, alias="If-Match", description=IF_MATCH_DOC),
        idempotency_key: str | None = Header(
            None, alias="Idempotency-Key", description=IDEMPOTENCY_DOC
        ),
    ) -> dict[str, Any]:
        """The date it was responded to and what was said; the response resolves it, and
        ``responded_within_target`` says whether it was on or before its target date."""
        complaint_get(writing_key(request).landlord, reference, kind=kind)
        return run_command(
            request,
            response,
            reference,
            if_match,
            lambda c, by: services.record_respond(
                record=c, response=payload.response, by=by, on=payload.on
            ),
        )

    return router


service_requests = records_router(Kind.SERVICE_REQUEST, "service-requests")
member_enquiries = records_router(Kind.MEMBER_ENQUIRY, "member-enquiries")
