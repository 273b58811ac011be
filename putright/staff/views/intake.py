"""Logging what came in: a complaint from any channel (Code 3.1), a service request or a
member enquiry; and a complaint raised from a service request (Code 1.5), which leaves the
service request open.

As the description is typed, the page suggests a service area, theme and root cause from
the landlord's own past complaints, with their measured accuracy, and flags a hazard or a
vulnerable household so it is triaged first (issue 5; Code 9.2; Awaab's Law, domain.md
§12). With JavaScript, htmx posts the form as it changes and the suggestions are updated in
place; without it, the "Suggest" button shows the same page again with everything typed
kept. A suggestion fills a field only when it is empty (or still holds an earlier
suggestion), the handler can change it, and nothing ever stops the form being sent."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from putright.complaints import services
from putright.complaints.models import Complaint
from putright.landlords.models import Landlord, Role
from putright.learning.suggestions import FORM_TARGETS, Suggestions, preselections, suggest
from putright.residents import services as resident_services
from putright.residents.models import Resident
from putright.rules.codes import Kind
from putright.staff import forms as staff_forms
from putright.staff.selectors import residents_visible
from putright.staff.views.common import case_or_refusal, case_url, done, run_service, staff_render
from putright.web.access import ACTING_ROLES, StaffRequest, staff_view

_LOGGED = {
    Kind.COMPLAINT: "Complaint {ref} logged. Next, triage it.",
    Kind.SERVICE_REQUEST: "Service request {ref} recorded.",
    Kind.MEMBER_ENQUIRY: "Member enquiry {ref} recorded.",
}


def _resident(request: StaffRequest, raw: Any) -> Resident | None:
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        return None
    return residents_visible(request.membership).filter(pk=pk).first()


@transaction.atomic
def _log(
    request: StaffRequest,
    form: staff_forms.LogForm,
    resident: Resident | None,
    raised_from: Complaint | None,
) -> Complaint:
    """Create the resident from the name given, if any, with their postal address (their
    home: the one already recorded there, or a new one, ``residents.services``), then log
    the record: both or neither."""
    data = form.cleaned_data
    landlord = request.landlord
    membership = request.membership
    if resident is None and (data.get("resident_name") or "").strip():
        resident = resident_services.resident_create(
            landlord=landlord,
            name=data["resident_name"],
            email=data.get("resident_email") or "",
            phone=data.get("resident_phone") or "",
            address=form.postal_address(),
            postcode=data.get("address_postcode") or "",
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
        member_name=data.get("member_name") or "",
        member_role=data.get("member_role") or "",
        by=request.user,
    )


#: Shown under a field a suggestion filled in.
SUGGESTED_HINT = "Suggested from past complaints: check it is right, and change it if not."
#: The fields a suggestion fills, as the page names them.
FIELD_WORDS = {"service_area": "service area", "theme": "theme"}
#: The most of a description the suggestions read.
SUGGEST_CHARACTERS = 5000


def _suggestions(landlord: Landlord, data: QueryDict | None) -> Suggestions:
    """The suggestions for the description typed so far (none typed yet: says so)."""
    description = data.get("description", "") if data is not None else ""
    return suggest(landlord, description[:SUGGEST_CHARACTERS])


def _filled_in(found: Suggestions, data: QueryDict) -> tuple[QueryDict, list[str]]:
    """The data with the fields the suggestions may fill filled in, and which they are."""
    chosen = preselections(
        found,
        current=data,
        suggested_before={t: data.get(f"suggested_{t}", "") for t in FORM_TARGETS},
    )
    data = data.copy()
    for target, value in chosen.items():
        data[target] = value
        data[f"suggested_{target}"] = value
    return data, list(chosen)


def _mark_suggested(form: staff_forms.LogForm, request: HttpRequest) -> None:
    """Hint under each field still holding a suggestion, and the htmx attributes that
    update the suggestions as the description changes."""
    if form.is_bound:
        for target in FORM_TARGETS:
            value = form.data.get(target, "")
            if value and value == form.data.get(f"suggested_{target}", ""):
                form.fields[target].help_text = SUGGESTED_HINT
    form.fields["description"].widget.attrs.update(
        {
            "hx-post": request.path,
            "hx-trigger": "input changed delay:700ms, change",
            "hx-include": "closest form",
            "hx-vals": '{"suggest": "as-typed"}',
            "hx-target": "#suggestions",
            "hx-swap": "innerHTML",
            "hx-sync": "this:replace",
        }
    )


def _log_page(request: StaffRequest, *, raised_from: Complaint | None) -> HttpResponse:
    landlord = request.landlord
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
    data: QueryDict | None = request.POST if request.method == "POST" else None
    suggesting = data is not None and "suggest" in data
    found: Suggestions | None = None
    filled: list[str] = []
    if data is not None and suggesting:
        found = _suggestions(landlord, data)
        data, filled = _filled_in(found, data)
    form = staff_forms.LogForm(
        data,
        initial=initial,
        landlord=landlord,
        resident_obj=resident,
        fixed_kind=fixed_kind,
    )
    if suggesting:
        form.hide_errors = True  # nothing was sent yet: no errors for what is still to fill
    elif request.method == "POST" and form.is_valid():
        ok, complaint = run_service(form, lambda: _log(request, form, resident, raised_from))
        if ok:
            message = _LOGGED[Kind(complaint.kind)].format(ref=complaint.reference)
            return done(request, message, case_url(complaint))
    found = found or _suggestions(landlord, data)
    _mark_suggested(form, request)
    words = [FIELD_WORDS[target] for target in filled]
    if suggesting and request.headers.get("HX-Request") == "true":
        # Only the suggestions, and each field a suggestion filled, swapped in by its id.
        return render(
            request,
            "staff/log_suggestions.html",
            {
                "suggestions": found,
                "preselected": words,
                "filled": [(form[t], form[f"suggested_{t}"]) for t in filled],
            },
        )
    return staff_render(
        request,
        "staff/log.html",
        {
            "form": form,
            "resident": resident,
            "raised_from": raised_from,
            "suggestions": found,
            "preselected": words,
        },
        nav="log" if raised_from is None else "queue",
    )


@staff_view(ACTING_ROLES)
def log(request: StaffRequest) -> HttpResponse:
    """Log a complaint, service request or member enquiry. From a resident's page the
    resident is chosen already (``?resident=ID``); otherwise a name may be typed."""
    return _log_page(request, raised_from=None)


@staff_view(ACTING_ROLES)
def raise_complaint(request: StaffRequest, reference: str) -> HttpResponse:
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
