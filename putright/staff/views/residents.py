"""Residents: find and create; tenancy and home; disclosed disabilities, vulnerabilities
and agreed adjustments with review dates (Code 5.10); representatives with the resident's
consent (Code 3.6); restrictions with review dates (Code 5.14, 5.15); and equality data on
its own form, seen only by the roles allowed (domain.md §4). A contractor's handler sees
only the residents of the complaints allocated to its contractor, and changes no
resident's record (the landlord's own staff do; the services check it too)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Q, Value
from django.db.models.functions import Replace, Upper
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from putright.complaints.services.subject_access import (
    SUBJECT_ACCESS_ROLES,
    subject_access_filename,
    subject_access_produce,
)
from putright.landlords.models import Role
from putright.residents import services as resident_services
from putright.residents.models import (
    DisclosedDisability,
    EqualityData,
    ReasonableAdjustment,
    Representative,
    Resident,
    Restriction,
    SubjectAccessDisclosure,
    VulnerabilityFlag,
)
from putright.staff import forms as staff_forms
from putright.staff.selectors import residents_visible
from putright.staff.views.common import done, run_service, staff_render
from putright.web.access import (
    EQUALITY_ROLES,
    OWN_STAFF_ONLY,
    OWN_STAFF_ROLES,
    StaffRequest,
    staff_view,
    visible_complaints,
)
from putright.web.govuk import choice_field


def _resident(request: StaffRequest, resident_id: int) -> Resident:
    """A resident this person may see. A contractor's handler asking for any other is
    refused (PermissionDenied, which ``staff_view`` shows as the 403 page) whether or not the resident exists, so the answer
    leaks nothing; others get a 404 for a resident their landlord does not have."""
    membership = request.membership
    resident = residents_visible(membership).select_related("home").filter(pk=resident_id).first()
    if resident is not None:
        return resident
    if membership.role == Role.CONTRACTOR_HANDLER:
        raise PermissionDenied("This resident has no complaint allocated to your organisation.")
    raise Http404("No resident with that number.")


def _url(resident: Resident) -> str:
    return reverse("staff:resident", args=[resident.pk])


@staff_view()
def residents(request: StaffRequest) -> HttpResponse:
    """Find a resident by name, email, postcode or tenancy reference."""
    form = staff_forms.ResidentSearchForm(request.GET)
    form.is_valid()
    q = " ".join((form.cleaned_data.get("q") or "").split())
    qs = residents_visible(request.membership).select_related("home")
    if q:
        compact = q.replace(" ", "").upper()
        qs = qs.alias(
            postcode_compact=Replace(Upper(F("home__postcode")), Value(" "), Value(""))
        ).filter(
            Q(name__icontains=q)
            | Q(email__iexact=q)
            | Q(tenancy_reference__iexact=q)
            | Q(postcode_compact=compact)
        )
    page = Paginator(qs.order_by("name", "id"), 25).get_page(request.GET.get("page"))
    return staff_render(
        request, "staff/residents/list.html", {"form": form, "q": q, "page": page}, nav="residents"
    )


def _resident_kwargs(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": data["name"],
        "tenure": data["tenure"],
        "email": data.get("email") or "",
        "phone": data.get("phone") or "",
        "contact_preference": data.get("contact_preference") or "",
        "preferred_language": data.get("preferred_language") or "",
        "tenancy_reference": data.get("tenancy_reference") or "",
        "address": data.get("address") or "",
        "postcode": data.get("postcode") or "",
        "uprn": data.get("uprn") or "",
    }


@staff_view(OWN_STAFF_ROLES, refusal=OWN_STAFF_ONLY)
def resident_new(request: StaffRequest) -> HttpResponse:
    form = staff_forms.ResidentForm(request.POST or None, initial={"tenure": "tenant"})
    if request.method == "POST" and form.is_valid():
        ok, resident = run_service(
            form,
            lambda: resident_services.resident_create(
                landlord=request.landlord,
                by=request.user,
                **_resident_kwargs(form.cleaned_data),
            ),
        )
        if ok:
            return done(request, f"{resident.name} is added.", _url(resident))
    return staff_render(
        request,
        "staff/residents/form.html",
        {"form": form, "title": "Add a resident", "button": "Add resident"},
        nav="residents",
    )


@staff_view(OWN_STAFF_ROLES, refusal=OWN_STAFF_ONLY)
def resident_edit(request: StaffRequest, resident_id: int) -> HttpResponse:
    resident = _resident(request, resident_id)
    home = resident.home
    initial = {
        "name": resident.name,
        "email": resident.email,
        "phone": resident.phone,
        "contact_preference": resident.contact_preference,
        "preferred_language": resident.preferred_language,
        "tenure": resident.tenure,
        "tenancy_reference": resident.tenancy_reference,
        "address": home.address if home else "",
        "postcode": home.postcode if home else "",
        "uprn": home.uprn if home else "",
    }
    form = staff_forms.ResidentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        ok, _ = run_service(
            form,
            lambda: resident_services.resident_update(
                resident=resident, by=request.user, **_resident_kwargs(form.cleaned_data)
            ),
        )
        if ok:
            return done(request, "The resident's details are saved.", _url(resident))
    return staff_render(
        request,
        "staff/residents/form.html",
        {
            "form": form,
            "title": f"Change {resident.name}'s details",
            "button": "Save",
            "resident": resident,
        },
        nav="residents",
    )


@staff_view()
def resident(request: StaffRequest, resident_id: int) -> HttpResponse:
    """Everything about the resident the complaint handlers need, with review dates."""
    person = _resident(request, resident_id)
    membership = request.membership
    complaints = (
        visible_complaints(membership)
        .filter(resident=person)
        .select_related("service_area")
        .order_by("-received_on", "-id")
    )
    context = {
        "resident": person,
        "complaints": list(complaints[:100]),
        "disabilities": list(person.disabilities.order_by("review_due_on")),
        "adjustments": list(person.adjustments.order_by("ended_on", "review_due_on")),
        "vulnerabilities": list(person.vulnerabilities.order_by("ended_on", "review_due_on")),
        "representatives": list(person.representatives.order_by("name")),
        "restrictions": list(person.restrictions.order_by("ended_on", "review_due_on")),
        "equality": (
            EqualityData.objects.filter(resident=person).first()
            if membership.role in EQUALITY_ROLES
            else None
        ),
        "can_answer_subject_access": membership.role in SUBJECT_ACCESS_ROLES,
        "disclosures": (
            list(person.subject_access_disclosures.select_related("produced_by")[:10])
            if membership.role in SUBJECT_ACCESS_ROLES
            else []
        ),
    }
    return staff_render(request, "staff/residents/resident.html", context, nav="residents")


@staff_view(
    SUBJECT_ACCESS_ROLES,
    refusal="Only a complaints officer or an administrator may answer a subject access request.",
)
def subject_access(request: StaffRequest, resident_id: int) -> HttpResponse:
    """A subject access request answered from the resident's page (docs/security.md,
    "Subject access"): POST produces the zip of everything held about them as a download,
    recorded with who produced it; GET goes back to their page."""
    person = _resident(request, resident_id)
    if request.method != "POST":
        return redirect(_url(person))
    package = subject_access_produce(
        resident=person, by=request.user, via=SubjectAccessDisclosure.Via.STAFF
    )
    response = HttpResponse(package.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{subject_access_filename(person)}"'
    response["Cache-Control"] = "no-store"
    return response


# Adding records -----------------------------------------------------------------------------


def _add_disability(request, person, d):
    return resident_services.disability_record(
        resident=person,
        description=d["description"],
        review_due_on=d["review_due_on"],
        by=request.user,
    )


def _add_vulnerability(request, person, d):
    return resident_services.vulnerability_record(
        resident=person,
        description=d["description"],
        review_due_on=d["review_due_on"],
        by=request.user,
    )


def _add_adjustment(request, person, d):
    return resident_services.adjustment_agree(
        resident=person,
        kind=d["kind"],
        details=d.get("details") or "",
        agreed_on=d["agreed_on"],
        review_due_on=d["review_due_on"],
        by=request.user,
    )


def _add_representative(request, person, d):
    return resident_services.representative_add(
        resident=person,
        name=d["name"],
        kind=d["kind"],
        email=d.get("email") or "",
        phone=d.get("phone") or "",
        consent_given_on=d.get("consent_given_on"),
        consent_evidence=d.get("consent_evidence") or "",
        by=request.user,
    )


def _add_restriction(request, person, d):
    return resident_services.restriction_record(
        resident=person,
        restriction=d["restriction"],
        reason=d["reason"],
        evidence=d["evidence"],
        proportionality=d["proportionality"],
        starts_on=d["starts_on"],
        review_due_on=d["review_due_on"],
        by=request.user,
    )


ADDS = {
    "disability": (
        staff_forms.DisabilityForm,
        _add_disability,
        "Record a disclosed disability",
        "The disability is recorded.",
    ),
    "adjustment": (
        staff_forms.AdjustmentForm,
        _add_adjustment,
        "Record an agreed reasonable adjustment",
        "The adjustment is recorded.",
    ),
    "vulnerability": (
        staff_forms.VulnerabilityForm,
        _add_vulnerability,
        "Record a vulnerability",
        "The vulnerability is recorded.",
    ),
    "representative": (
        staff_forms.RepresentativeForm,
        _add_representative,
        "Add someone acting for the resident",
        "The representative is added.",
    ),
    "restriction": (
        staff_forms.RestrictionForm,
        _add_restriction,
        "Record a restriction",
        "The restriction is recorded.",
    ),
}


@staff_view(OWN_STAFF_ROLES, refusal=OWN_STAFF_ONLY)
def record_add(request: StaffRequest, resident_id: int, what: str) -> HttpResponse:
    if what not in ADDS:
        raise Http404("Nothing of that kind can be added.")
    person = _resident(request, resident_id)
    form_class, add, title, message = ADDS[what]
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _ = run_service(form, lambda: add(request, person, form.cleaned_data))
        if ok:
            return done(request, message, _url(person))
    return staff_render(
        request,
        "staff/residents/form.html",
        {"form": form, "title": title, "button": "Save", "resident": person, "what": what},
        nav="residents",
    )


REVIEWED: dict[str, type[resident_services.ReviewedKind]] = {
    "disability": DisclosedDisability,
    "adjustment": ReasonableAdjustment,
    "vulnerability": VulnerabilityFlag,
    "restriction": Restriction,
}


@staff_view(OWN_STAFF_ROLES, refusal=OWN_STAFF_ONLY)
def review(request: StaffRequest, resident_id: int, what: str, record_id: int) -> HttpResponse:
    """Code 5.10, 5.15: record a review: keep it with a new review date, or end it."""
    if what not in REVIEWED:
        raise Http404("Nothing of that kind is reviewed.")
    person = _resident(request, resident_id)
    record = REVIEWED[what].objects.filter(pk=record_id, resident=person).first()
    if record is None:
        raise Http404("The resident has no such record.")
    form = staff_forms.ReviewForm(request.POST or None)
    if what == "disability":
        choice_field(form, "outcome").choices = [("continue", "Keep it, with a new review date")]
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        ok, _ = run_service(
            form,
            lambda: resident_services.reviewed_record_review(
                record=record,
                reviewed_on=d["reviewed_on"],
                next_review_due_on=d.get("review_due_on"),
                end=d["outcome"] == "end",
                by=request.user,
            ),
            {"next_review_due_on": "review_due_on"},
        )
        if ok:
            return done(request, "The review is recorded.", _url(person))
    return staff_render(
        request,
        "staff/residents/review.html",
        {"form": form, "resident": person, "record": record, "what": what},
        nav="residents",
    )


@staff_view(OWN_STAFF_ROLES, refusal=OWN_STAFF_ONLY)
def consent(request: StaffRequest, resident_id: int, representative_id: int) -> HttpResponse:
    """Code 3.6: record that the resident gave, or withdrew, consent for a representative."""
    person = _resident(request, resident_id)
    representative = get_object_or_404(Representative, pk=representative_id, resident=person)
    form = staff_forms.ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if d["action"] == "given":
            action = lambda: resident_services.representative_record_consent(  # noqa: E731
                representative=representative,
                given_on=d["on"],
                evidence=d["consent_evidence"],
                by=request.user,
            )
        else:
            action = lambda: resident_services.representative_withdraw_consent(  # noqa: E731
                representative=representative, on=d["on"], by=request.user
            )
        ok, _ = run_service(form, action, {"consent_given_on": "on"})
        if ok:
            return done(request, "Consent is recorded.", _url(person))
    return staff_render(
        request,
        "staff/residents/consent.html",
        {"form": form, "resident": person, "representative": representative},
        nav="residents",
    )


@staff_view(EQUALITY_ROLES)
def equality(request: StaffRequest, resident_id: int) -> HttpResponse:
    """Optional equality data, on its own form, held apart and reported only in aggregate."""
    person = _resident(request, resident_id)
    current = EqualityData.objects.filter(resident=person).first()
    initial = (
        {
            "age_band": current.age_band,
            "sex": current.sex,
            "ethnicity": current.ethnicity,
            "disability": current.disability,
        }
        if current
        else {}
    )
    form = staff_forms.EqualityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        ok, _ = run_service(
            form,
            lambda: resident_services.equality_data_save(
                resident=person,
                age_band=d.get("age_band") or "",
                sex=d.get("sex") or "",
                ethnicity=d.get("ethnicity") or "",
                disability=d.get("disability") or "",
                by=request.user,
            ),
        )
        if ok:
            return done(request, "The equality data is saved.", _url(person))
    return staff_render(
        request,
        "staff/residents/equality.html",
        {"form": form, "resident": person},
        nav="residents",
    )
