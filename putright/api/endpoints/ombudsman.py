"""``/ombudsman/cases``: the landlord's cases at the Housing Ombudsman (domain.md §7): list
and read them with their contacts and deadlines, determinations, findings and orders, and
record casework through the same services as the staff Ombudsman pages
(``putright.ombudsman.services``), so the same rules hold and a case linked to a complaint
gets the same entries on the complaint's timeline.

A case is addressed by its id here; find it by the Ombudsman's reference with
``GET /ombudsman/cases?reference=...``. Cases carry no version, so there is no ``If-Match``;
``Idempotency-Key`` makes any POST safe to retry.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Header, Query, Router, Status
from ninja.decorators import decorate_view

from putright.api.auth import current_key, writing_key
from putright.api.endpoints.common import IDEMPOTENCY_DOC, READ_ERRORS, WRITE_ERRORS
from putright.api.errors import NOT_ALLOWED_NOW
from putright.api.idempotency import idempotent
from putright.api.models import ApiKey
from putright.api.pagination import Ordering, bounded_int, paginate
from putright.api.schemas import (
    ContactIn,
    ContactOut,
    DeterminationIn,
    DeterminationOut,
    Id,
    OmbudsmanCaseCloseIn,
    OmbudsmanCaseFilters,
    OmbudsmanCaseIn,
    OmbudsmanCaseOut,
    OmbudsmanCasePage,
    OrderIn,
    OrderOut,
    OrderProgressIn,
    ReplyIn,
    ReplyOut,
)
from putright.api.selectors import (
    case_contact_get,
    case_determination_get,
    case_order_get,
    case_orders,
    finding_for,
    ombudsman_case_find,
    ombudsman_case_get,
    ombudsman_cases_of,
    record_for,
)
from putright.api.serialize import (
    contact_detail,
    determination_detail,
    ombudsman_case_detail,
    ombudsman_case_summary,
    order_detail,
    reply_detail,
)
from putright.landlords.models import today
from putright.ombudsman import services
from putright.ombudsman.models import Contact, Determination, OmbudsmanCase
from putright.rules.lifecycle import RuleError

router = Router(tags=["ombudsman cases"])

ORDER = Ordering(fields=("-opened_on", "-id"), parsers=(dt.date.fromisoformat, bounded_int))
IdempotencyKey = Header(None, alias="Idempotency-Key", description=IDEMPOTENCY_DOC)
CASES = "/ombudsman/cases"
CASE = CASES + "/{case_id}"
#: "findings-2-element", the staff form's name for a finding's field → "findings.1.element".
FINDING_FIELD = re.compile(r"findings-(\d+)-(\w+)")


def _case_answer(api_key: ApiKey, case_id: int) -> dict[str, Any]:
    case = ombudsman_case_get(api_key.landlord, case_id)
    return ombudsman_case_detail(case, list(case_orders(case)), today())


def _conflict_if(finished: bool, error: RuleError) -> RuleError:
    """The services refuse a change to a finished case or order as a problem with the whole
    command (""); the API answers that as it answers a complaint whose state does not allow
    a command: 409 ``not_allowed_now``."""
    if finished and "" in error.problems:
        return RuleError(error.problems, code=NOT_ALLOWED_NOW)
    return error


def _finding_problems(error: RuleError) -> RuleError:
    """The determination's problems keyed as the API keys list items (``findings.0.element``)."""
    problems = {}
    for key, message in error.problems.items():
        match = FINDING_FIELD.fullmatch(key)
        problems[f"findings.{int(match[1]) - 1}.{match[2]}" if match else key] = message
    return RuleError(problems, code=error.code)


# Reading ----------------------------------------------------------------------------------


@router.get(
    CASES,
    response={200: OmbudsmanCasePage, **READ_ERRORS},
    operation_id="ombudsman_cases_list",
    summary="List Ombudsman cases, the latest opened first",
)
def ombudsman_cases_list(
    request: HttpRequest, filters: Query[OmbudsmanCaseFilters]
) -> dict[str, Any]:
    qs = ombudsman_cases_of(current_key(request).landlord)
    if filters.reference is not None:
        qs = qs.filter(reference=filters.reference)
    if filters.complaint is not None:
        qs = qs.filter(complaint__reference=filters.complaint)
    if filters.open is not None:
        qs = qs.filter(closed_on__isnull=filters.open)
    if filters.opened_from is not None:
        qs = qs.filter(opened_on__gte=filters.opened_from)
    if filters.opened_to is not None:
        qs = qs.filter(opened_on__lte=filters.opened_to)
    page = paginate(qs, ORDER, cursor=filters.cursor, limit=filters.limit)
    return {
        "items": [ombudsman_case_summary(c) for c in page.items],
        "next_cursor": page.next_cursor,
    }


@router.get(
    CASE,
    response={200: OmbudsmanCaseOut, **READ_ERRORS},
    operation_id="ombudsman_cases_get",
    summary="A case with its contacts, deadlines, determinations and orders",
)
def ombudsman_cases_get(request: HttpRequest, case_id: Id) -> dict[str, Any]:
    """``deadlines`` lists the contacts not yet answered in full and the orders not yet
    finished, soonest first, with the working days left (negative once overdue)."""
    return _case_answer(current_key(request), case_id)


# Cases ------------------------------------------------------------------------------------


@router.post(
    CASES,
    response={201: OmbudsmanCaseOut, **WRITE_ERRORS},
    operation_id="ombudsman_cases_open",
    summary="Record a case the Ombudsman holds, linked to a complaint or standing alone",
)
@decorate_view(idempotent)
def ombudsman_cases_open(
    request: HttpRequest,
    response: HttpResponse,
    payload: OmbudsmanCaseIn,
    idempotency_key: str | None = IdempotencyKey,
) -> Status:
    """The complaint (by its reference) gets the Ombudsman's reference and an entry on its
    timeline. A case about a complaint we have no record of needs ``resident_name``."""
    api_key = writing_key(request)
    landlord = api_key.landlord
    with transaction.atomic():
        case = services.ombudsman_case_open(
            landlord=landlord,
            reference=payload.reference,
            opened_on=payload.opened_on,
            complaint=record_for(landlord, payload.complaint, field="complaint"),
            resident_name=payload.resident_name,
            summary=payload.summary,
            by=api_key.user,
        )
    response["Location"] = reverse("api-v1:ombudsman_cases_get", args=[case.pk])
    return Status(201, _case_answer(api_key, case.pk))


@router.post(
    CASE + "/close",
    response={200: OmbudsmanCaseOut, **WRITE_ERRORS},
    operation_id="ombudsman_cases_close",
    summary="The Ombudsman's case is over (decided, withdrawn or not taken on)",
)
@decorate_view(idempotent)
def ombudsman_cases_close(
    request: HttpRequest,
    case_id: Id,
    payload: OmbudsmanCaseCloseIn,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    api_key = writing_key(request)
    case = ombudsman_case_find(api_key.landlord, case_id)
    try:
        services.ombudsman_case_close(case=case, on=payload.on or today(), by=api_key.user)
    except RuleError as error:
        raise _conflict_if(not case.is_open, error) from None
    return _case_answer(api_key, case.pk)


# Contacts and replies -----------------------------------------------------------------------


def _contact_answer(contact: Contact) -> dict[str, Any]:
    return contact_detail(Contact.objects.prefetch_related("replies__sent_by").get(pk=contact.pk))


@router.post(
    CASE + "/contacts",
    response={201: ContactOut, **WRITE_ERRORS},
    operation_id="ombudsman_contacts_record",
    summary="Record a contact from the Ombudsman, with the date it asked us to reply by",
)
@decorate_view(idempotent)
def ombudsman_contacts_record(
    request: HttpRequest,
    case_id: Id,
    payload: ContactIn,
    idempotency_key: str | None = IdempotencyKey,
) -> Status:
    """An enquiry, evidence or information request, status check or request to progress
    the complaint; it stays on the deadlines until a reply answers it in full."""
    api_key = writing_key(request)
    case = ombudsman_case_find(api_key.landlord, case_id)
    try:
        contact = services.contact_record(
            case=case,
            kind=payload.kind,
            received_on=payload.received_on,
            deadline=payload.deadline,
            details=payload.details,
            by=api_key.user,
        )
    except RuleError as error:
        raise _conflict_if(not case.is_open, error) from None
    return Status(201, _contact_answer(contact))


@router.post(
    CASE + "/contacts/{contact_id}/replies",
    response={201: ReplyOut, **WRITE_ERRORS},
    operation_id="ombudsman_replies_record",
    summary="Record our reply to a contact (with the case file bundle if asked)",
)
@decorate_view(idempotent)
def ombudsman_replies_record(
    request: HttpRequest,
    case_id: Id,
    contact_id: Id,
    payload: ReplyIn,
    idempotency_key: str | None = IdempotencyKey,
) -> Status:
    """A reply that answers everything meets the contact's deadline (late if after it).
    ``with_bundle`` builds the complaint's case file bundle (Code 5.12) and keeps its
    SHA-256 with the reply."""
    api_key = writing_key(request)
    case = ombudsman_case_find(api_key.landlord, case_id)
    reply = services.contact_reply(
        contact=case_contact_get(case, contact_id),
        sent_on=payload.sent_on or today(),
        summary=payload.summary,
        answers_in_full=payload.answers_in_full,
        with_bundle=payload.with_bundle,
        by=api_key.user,
    )
    return Status(201, reply_detail(reply))


# Determinations and orders --------------------------------------------------------------------


def _determination_answer(case: OmbudsmanCase, determination: Determination) -> dict[str, Any]:
    fresh = Determination.objects.prefetch_related("findings").get(pk=determination.pk)
    return determination_detail(fresh, list(case_orders(case)))


@router.post(
    CASE + "/determinations",
    response={201: DeterminationOut, **WRITE_ERRORS},
    operation_id="ombudsman_determinations_record",
    summary="Record the Ombudsman's determination: a finding on each element",
)
@decorate_view(idempotent)
def ombudsman_determinations_record(
    request: HttpRequest,
    case_id: Id,
    payload: DeterminationIn,
    idempotency_key: str | None = IdempotencyKey,
) -> Status:
    """The findings are numbered in the order given; an order can name the one it follows."""
    api_key = writing_key(request)
    case = ombudsman_case_find(api_key.landlord, case_id)
    try:
        determination = services.determination_record(
            case=case,
            determined_on=payload.determined_on,
            findings=[
                services.FindingInput(f.element, f.finding, f.category or "")
                for f in payload.findings
            ],
            summary=payload.summary,
            by=api_key.user,
        )
    except RuleError as error:
        raise _finding_problems(error) from None
    return Status(201, _determination_answer(case, determination))


@router.post(
    CASE + "/determinations/{determination_id}/orders",
    response={201: OrderOut, **WRITE_ERRORS},
    operation_id="ombudsman_orders_add",
    summary="Add an order or recommendation of a determination",
)
@decorate_view(idempotent)
def ombudsman_orders_add(
    request: HttpRequest,
    case_id: Id,
    determination_id: Id,
    payload: OrderIn,
    idempotency_key: str | None = IdempotencyKey,
) -> Status:
    api_key = writing_key(request)
    case = ombudsman_case_find(api_key.landlord, case_id)
    determination = case_determination_get(case, determination_id)
    order = services.order_add(
        determination=determination,
        kind=payload.kind,
        description=payload.description,
        due_on=payload.due_on,
        owner=payload.owner,
        amount=payload.amount,
        is_recommendation=payload.is_recommendation,
        finding=finding_for(determination, payload.finding),
        by=api_key.user,
    )
    return Status(201, order_detail(case_order_get(case, order.pk)))


@router.post(
    CASE + "/orders/{order_id}/progress",
    response={200: OrderOut, **WRITE_ERRORS},
    operation_id="ombudsman_orders_progress",
    summary="An order in progress, complied with (with evidence), or a recommendation declined",
)
@decorate_view(idempotent)
def ombudsman_orders_progress(
    request: HttpRequest,
    case_id: Id,
    order_id: Id,
    payload: OrderProgressIn,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    """Code 9.7c: the governing body tracks orders to the end, those after severe
    maladministration especially. Evidence of compliance is text here (files go through
    the staff pages)."""
    api_key = writing_key(request)
    case = ombudsman_case_find(api_key.landlord, case_id)
    order = case_order_get(case, order_id)
    try:
        services.order_record_progress(
            order=order,
            status=payload.status,
            evidence=payload.evidence,
            completed_on=payload.completed_on,
            by=api_key.user,
        )
    except RuleError as error:
        raise _conflict_if(not order.is_open, error) from None
    return order_detail(case_order_get(case, order_id))
