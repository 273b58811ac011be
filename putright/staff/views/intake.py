"""Logging what came in: a complaint from any channel (Code 3.1), a service request or a
member enquiry; and a complaint raised from a service request (Code 1.5), which leaves the
service request open."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse

from putright.complaints import services
from putright.complaints.models import Complaint
from putright.landlords.models import Role
from putright.residents import services as resident_services
from putright.residents.models import Resident
from putright.rules.codes import Kind
from putright.staff import forms as staff_forms
from putright.staff.access import ACTING_ROLES, staff_view
from putright.staff.selectors import residents_visible
from putright.staff.views.common import case_or_refusal, case_url, done, run_service, staff_render

_LOGGED = {
    Kind.COMPLAINT: "Complaint {ref} logged. Next, triage it.",
    Kind.SERVICE_REQUEST: "Service request {ref} recorded.",
    Kind.MEMBER_ENQUIRY: "Member enquiry {ref} recorded.",
}


def _resident(request: HttpRequest, raw: Any) -> Resident | None:
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        return None
    return residents_visible(request.membership).filter(pk=pk).first()  # type: ignore[attr-defined]


@transaction.atomic
def _log(
    request: HttpRequest,
    form: staff_forms.LogForm,
    resident: Resident | None,
    raised_from: Complaint | None,
) -> Complaint:
    """Create the resident from the name given, if any, then log the record: both or
    neither."""
    data = form.cleaned_data
    landlord = request.landlord  # type: ignore[attr-defined]
    membership = request.membership  # type: ignore[attr-defined]
    if resident is None and (data.get("resident_name") or "").strip():
        resident = resident_services.resident_create(
            landlord=landlord,
            name=data["resident_name"],
            email=data.get("resident_email") or "",
            phone=data.get("resident_phone") or "",
            by=request.user,
        )
    representative = None
    if resident is not None and data.get("representative"):
        representative = resident.representatives.filter(pk=data["representative"]).first()
    contractor = None
    if data.get("contractor"):
        contractor = landlord.contractors.filter(pk=data["contractor"]).first()
    if membership.role == Role.CONTRACTOR_HANDLER:
        contractor = membership.contractor
    return services.complaint_log(
        landlord=landlord,
        received_on=data["received_on"],
        channel=data["channel"],
        description=data["description"],
        outcome_wanted=data.get("outcome_wanted") or "",
        kind=form.fixed_kind or data["kind"],
        jurisdiction=data["jurisdiction"],
        resident=resident,
        representative=representative,
        home=raised_from.home if raised_from is not None and raised_from.home_id else None,
        service_area=landlord.service_areas.filter(pk=data.get("service_area") or 0).first(),
        theme=landlord.themes.filter(pk=data.get("theme") or 0).first(),
        contractor=contractor,
        vulnerable=form.vulnerable_value,
        raised_from=raised_from,
        by=request.user,
    )


def _log_page(request: HttpRequest, *, raised_from: Complaint | None) -> HttpResponse:
    landlord = request.landlord  # type: ignore[attr-defined]
    source = request.POST if request.method == "POST" else request.GET
    resident = (
        raised_from.resident
        if raised_from is not None
        else _resident(request, source.get("resident"))
    )
    fixed_kind = Kind.COMPLAINT.value if raised_from is not None else ""
    initial: dict[str, Any] = {"resident": resident.pk if resident else None}
    if raised_from is not None:
        initial |= {
            "service_area": raised_from.service_area_id,
            "theme": raised_from.theme_id,
            "contractor": raised_from.contractor_id,
            "channel": raised_from.channel,
        }
    kind = source.get("kind")
    if kind in Kind.values():
        initial["kind"] = kind
    form = staff_forms.LogForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        landlord=landlord,
        resident_obj=resident,
        fixed_kind=fixed_kind,
    )
    if request.method == "POST" and form.is_valid():
        ok, complaint = run_service(form, lambda: _log(request, form, resident, raised_from))
        if ok:
            message = _LOGGED[Kind(complaint.kind)].format(ref=complaint.reference)
            return done(request, message, case_url(complaint))
    return staff_render(
        request,
        "staff/log.html",
        {"form": form, "resident": resident, "raised_from": raised_from},
        nav="log" if raised_from is None else "queue",
    )


@staff_view(ACTING_ROLES)
def log(request: HttpRequest) -> HttpResponse:
    """Log a complaint, service request or member enquiry. From a resident's page the
    resident is chosen already (``?resident=ID``); otherwise a name may be typed."""
    return _log_page(request, raised_from=None)


@staff_view(ACTING_ROLES)
def raise_complaint(request: HttpRequest, reference: str) -> HttpResponse:
    """Code 1.5: the resident is unhappy with how a service request is being handled, so a
    complaint is raised; the service request goes on."""
    found = case_or_refusal(request, reference)
    if isinstance(found, HttpResponse):
        return found
    if found.kind != Kind.SERVICE_REQUEST:
        return staff_render(
            request,
            "staff/not_now.html",
            {
                "complaint": found,
                "reason": "A complaint can only be raised from a service request.",
            },
            status=409,
        )
    return _log_page(request, raised_from=found)
