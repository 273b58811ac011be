"""Reads for the API, always within the key's landlord: a record of another landlord is
simply not found (404), so a key cannot learn that it exists."""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Min, Model, Prefetch, Q, QuerySet

from putright.api.errors import ApiError, not_found
from putright.complaints.models import (
    Attachment,
    Complaint,
    Event,
    OutstandingAction,
    Remedy,
    Stage,
)
from putright.landlords.models import Contractor, Landlord, ServiceArea, Theme
from putright.ombudsman.models import (
    Contact,
    Determination,
    Finding,
    OmbudsmanCase,
    Order,
    Reply,
)
from putright.ombudsman.selectors import orders_for
from putright.residents.models import (
    AdjustmentRequest,
    Property,
    ReasonableAdjustment,
    Representative,
    Resident,
)


def _clean(reference: str) -> str | None:
    """A reference fit to look up, or None (a NUL cannot be in one, and some databases
    refuse to compare with it)."""
    return None if "\x00" in reference or len(reference) > 50 else reference


def complaints_of(landlord: Landlord) -> QuerySet[Complaint]:
    """The landlord's records, with what a summary shows."""
    return Complaint.objects.filter(landlord=landlord).prefetch_related("stages")


def complaint_detail_queryset(landlord: Landlord) -> QuerySet[Complaint]:
    stages = Stage.objects.select_related("handler", "contractor", "approved_by").prefetch_related(
        "points", "extensions", "remedies", "actions"
    )
    return (
        Complaint.objects.filter(landlord=landlord)
        .select_related(
            "landlord",
            "service_area",
            "contractor",
            "theme",
            "sub_cause",
            "raised_from",
            "logged_by",
            "owner",
        )
        .prefetch_related(Prefetch("stages", queryset=stages))
    )


def complaint_get(landlord: Landlord, reference: str, *, kind: str | None = None) -> Complaint:
    """The landlord's record with this reference, with everything its detail shows."""
    ref = _clean(reference)
    qs = complaint_detail_queryset(landlord)
    if kind is not None:
        qs = qs.filter(kind=kind)
    complaint = qs.filter(reference=ref).first() if ref else None
    if complaint is None:
        raise not_found("record with that reference")
    return complaint


def complaint_lock(landlord: Landlord, reference: str) -> Complaint:
    """The record, locked for the rest of the transaction, so that checking its version and
    changing it cannot interleave with another change."""
    ref = _clean(reference)
    complaint = (
        Complaint.objects.select_for_update()
        .select_related("landlord")
        .filter(landlord=landlord, reference=ref)
        .first()
        if ref
        else None
    )
    if complaint is None:
        raise not_found("record with that reference")
    return complaint


def events_of(complaint: Complaint) -> QuerySet[Event]:
    return (
        Event.objects.filter(complaint=complaint)
        .select_related("actor", "attachment")
        .order_by("occurred_on", "recorded_at", "id")
    )


def event_get(complaint: Complaint, event_id: int) -> Event:
    event = Event.objects.filter(complaint=complaint, pk=event_id).first()
    if event is None:
        raise not_found("timeline entry")
    return event


def action_get(complaint: Complaint, action_id: int) -> OutstandingAction:
    action = OutstandingAction.objects.filter(stage__complaint=complaint, pk=action_id).first()
    if action is None:
        raise not_found("outstanding action")
    return action


def remedy_get(complaint: Complaint, remedy_id: int) -> Remedy:
    remedy = Remedy.objects.filter(stage__complaint=complaint, pk=remedy_id).first()
    if remedy is None:
        raise not_found("remedy")
    return remedy


def attachments_of(complaint: Complaint) -> QuerySet[Attachment]:
    """The complaint's files still held (the retention policy deletes a closed record's)."""
    return (
        Attachment.objects.filter(complaint=complaint)
        .exclude(file="")
        .select_related("event")
        .order_by("id")
    )


def attachment_get(complaint: Complaint, attachment_id: int) -> Attachment:
    attachment = attachments_of(complaint).filter(pk=attachment_id).first()
    if attachment is None:
        raise not_found("attachment")
    return attachment


def residents_of(landlord: Landlord) -> QuerySet[Resident]:
    return Resident.objects.filter(landlord=landlord)


def resident_get(landlord: Landlord, resident_id: int) -> Resident:
    resident = (
        residents_of(landlord)
        .select_related("home")
        .prefetch_related(
            Prefetch(
                "adjustments", queryset=ReasonableAdjustment.objects.order_by("agreed_on", "id")
            ),
            Prefetch("representatives", queryset=Representative.objects.order_by("name", "id")),
        )
        .filter(pk=resident_id)
        .first()
    )
    if resident is None:
        raise not_found("resident")
    return resident


def resident_find(landlord: Landlord, resident_id: int) -> Resident:
    """The resident a write names, only within the landlord."""
    resident = (
        residents_of(landlord).select_related("landlord", "home").filter(pk=resident_id).first()
    )
    if resident is None:
        raise not_found("resident")
    return resident


def adjustment_get(resident: Resident, adjustment_id: int) -> ReasonableAdjustment:
    adjustment = (
        ReasonableAdjustment.objects.select_related("resident__landlord")
        .filter(resident=resident, pk=adjustment_id)
        .first()
    )
    if adjustment is None:
        raise not_found("reasonable adjustment")
    return adjustment


def adjustment_requests_of(resident: Resident) -> QuerySet[AdjustmentRequest]:
    """The support the resident asked for online, oldest first."""
    return (
        AdjustmentRequest.objects.filter(resident=resident)
        .select_related("complaint")
        .order_by("requested_on", "id")
    )


def adjustment_request_get(resident: Resident, request_id: int) -> AdjustmentRequest:
    request = adjustment_requests_of(resident).filter(pk=request_id).first()
    if request is None:
        raise not_found("adjustment request")
    return request


def representative_get(resident: Resident, representative_id: int) -> Representative:
    representative = (
        Representative.objects.select_related("resident__landlord")
        .filter(resident=resident, pk=representative_id)
        .first()
    )
    if representative is None:
        raise not_found("representative")
    return representative


# The records a new complaint may name, each only from the key's landlord. --------------


M = TypeVar("M", bound=Model)


def _one(qs: QuerySet[M], pk: int | None, field: str, what: str) -> M | None:
    if pk is None:
        return None
    found = qs.filter(pk=pk).first()
    if found is None:
        raise ApiError(
            422,
            "unknown_record",
            f"There is no {what} with that id at this landlord.",
            {field: f"There is no {what} with that id at this landlord."},
        )
    return found


def resident_for(landlord: Landlord, pk: int | None) -> Resident | None:
    return _one(Resident.objects.filter(landlord=landlord), pk, "resident_id", "resident")


def representative_for(
    landlord: Landlord, pk: int | None, resident: Resident | None
) -> Representative | None:
    qs = Representative.objects.filter(resident__landlord=landlord)
    if resident is not None:
        qs = qs.filter(resident=resident)
    return _one(qs, pk, "representative_id", "representative of that resident")


def home_for(landlord: Landlord, pk: int | None) -> Property | None:
    return _one(Property.objects.filter(landlord=landlord), pk, "home_id", "property")


def service_area_for(landlord: Landlord, pk: int | None) -> ServiceArea | None:
    return _one(
        ServiceArea.objects.filter(landlord=landlord), pk, "service_area_id", "service area"
    )


def contractor_for(landlord: Landlord, pk: int | None) -> Contractor | None:
    return _one(Contractor.objects.filter(landlord=landlord), pk, "contractor_id", "contractor")


def theme_for(landlord: Landlord, pk: int | None) -> Theme | None:
    return _one(Theme.objects.filter(landlord=landlord), pk, "theme_id", "theme")


def handler_for(landlord: Landlord, username: str | None) -> User | None:
    """A member of the landlord's staff, by username (not an API key's own user)."""
    if username is None:
        return None
    user = (
        get_user_model()
        .objects.filter(
            username=username, memberships__landlord=landlord, is_active=True, api_key__isnull=True
        )
        .first()
    )
    if user is None:
        raise ApiError(
            422,
            "unknown_record",
            "No member of staff with that username works for this landlord.",
            {"handler": "No member of staff with that username works for this landlord."},
        )
    return user


def record_for(landlord: Landlord, reference: str | None, *, field: str) -> Complaint | None:
    """The landlord's record a request names by reference in ``field``, or 422."""
    if reference is None:
        return None
    ref = _clean(reference)
    found = Complaint.objects.filter(landlord=landlord, reference=ref).first() if ref else None
    if found is None:
        raise ApiError(
            422,
            "unknown_record",
            "There is no record with that reference at this landlord.",
            {field: "There is no record with that reference at this landlord."},
        )
    return found


def raised_from_for(landlord: Landlord, reference: str | None) -> Complaint | None:
    return record_for(landlord, reference, field="raised_from")


# Ombudsman cases (domain.md §7), each only of the key's landlord. -------------------------


def ombudsman_cases_of(landlord: Landlord) -> QuerySet[OmbudsmanCase]:
    """The landlord's Ombudsman cases, each with the soonest deadline not yet met."""
    return (
        OmbudsmanCase.objects.filter(landlord=landlord)
        .select_related("landlord", "complaint")
        .annotate(next_deadline=Min("contacts__deadline", filter=Q(contacts__met_on__isnull=True)))
    )


def ombudsman_case_get(landlord: Landlord, case_id: int) -> OmbudsmanCase:
    """The case with everything its detail shows but its orders (``case_orders``)."""
    contacts = Contact.objects.order_by("deadline", "id").prefetch_related(
        Prefetch(
            "replies", queryset=Reply.objects.select_related("sent_by").order_by("sent_on", "id")
        )
    )
    determinations = Determination.objects.order_by("determined_on", "id").prefetch_related(
        Prefetch("findings", queryset=Finding.objects.order_by("number"))
    )
    case = (
        ombudsman_cases_of(landlord)
        .prefetch_related(
            Prefetch("contacts", queryset=contacts),
            Prefetch("determinations", queryset=determinations),
            "failure_orders",
        )
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise not_found("Ombudsman case")
    return case


def ombudsman_case_find(landlord: Landlord, case_id: int) -> OmbudsmanCase:
    """The case a write names, only within the landlord (the service locks what it changes)."""
    case = (
        OmbudsmanCase.objects.select_related("landlord", "complaint")
        .filter(landlord=landlord, pk=case_id)
        .first()
    )
    if case is None:
        raise not_found("Ombudsman case")
    return case


def case_orders(case: OmbudsmanCase) -> QuerySet[Order]:
    """The case's orders and recommendations, each marked if it follows severe
    maladministration (Code 9.7c), in the order the Ombudsman's work queue shows them."""
    return orders_for(case.landlord).filter(determination__case=case).order_by("due_on", "id")


def case_order_get(case: OmbudsmanCase, order_id: int) -> Order:
    order = case_orders(case).filter(pk=order_id).first()
    if order is None:
        raise not_found("order")
    return order


def case_contact_get(case: OmbudsmanCase, contact_id: int) -> Contact:
    contact = Contact.objects.select_related("case").filter(case=case, pk=contact_id).first()
    if contact is None:
        raise not_found("contact")
    return contact


def case_determination_get(case: OmbudsmanCase, determination_id: int) -> Determination:
    determination = (
        Determination.objects.select_related("case").filter(case=case, pk=determination_id).first()
    )
    if determination is None:
        raise not_found("determination")
    return determination


def finding_for(determination: Determination, number: int | None) -> Finding | None:
    """The finding of ``determination`` an order names by number, or 422."""
    if number is None:
        return None
    finding = Finding.objects.filter(determination=determination, number=number).first()
    if finding is None:
        raise ApiError(
            422,
            "unknown_record",
            "The determination has no finding with that number.",
            {"finding": "The determination has no finding with that number."},
        )
    return finding
