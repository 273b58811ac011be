"""The landlord's lists: service areas and the divisions that group them, contractors and
closure days. Each page adds to a list or changes one entry of it, through one service."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from putright.landlords.models import ClosureDay, Contractor, Division, ServiceArea, today
from putright.landlords.services import (
    closure_day_add,
    closure_day_remove,
    contractor_add,
    contractor_change,
    division_add,
    division_rename,
    service_area_add,
    service_area_change,
)
from putright.staff.forms.settings import ClosureDayForm, ContractorForm, NameForm, ServiceAreaForm
from putright.staff.views.common import done, run_service, staff_render
from putright.staff.views.settings.common import settings_area, settings_view
from putright.web.access import StaffRequest


def _division(request: StaffRequest, pk: int | None) -> Division | None:
    return Division.objects.filter(landlord=request.landlord, pk=pk).first() if pk else None


@settings_view
def service_areas(request: StaffRequest) -> HttpResponse:
    """The service areas, under their divisions, and the divisions themselves."""
    landlord = request.landlord
    return staff_render(
        request,
        "staff/settings/service_areas.html",
        {
            "divisions": Division.objects.filter(landlord=landlord).prefetch_related(
                "service_areas"
            ),
            "areas": ServiceArea.objects.filter(landlord=landlord).select_related("division"),
            **settings_area("service_areas"),
        },
        nav="settings",
    )


@settings_view
def service_area(request: StaffRequest, area_id: int | None = None) -> HttpResponse:
    """Add a service area (no ``area_id``) or change one: its name and division."""
    area = (
        get_object_or_404(ServiceArea, landlord=request.landlord, pk=area_id)
        if area_id is not None
        else None
    )
    initial = {"name": area.name, "division": area.division_id} if area else {}
    form = ServiceAreaForm(request.POST or None, landlord=request.landlord, initial=initial)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["name"]
        division = _division(request, form.cleaned_data["division"])
        ok, saved = run_service(
            form,
            (
                lambda: service_area_add(
                    landlord=request.landlord, name=name, division=division, by=request.user
                )
            )
            if area is None
            else (
                lambda: service_area_change(
                    area=area, name=name, division=division, by=request.user
                )
            ),
        )
        if ok:
            words = "added" if area is None else "saved"
            return done(
                request,
                f"The service area {saved.name} has been {words}.",
                reverse("staff:settings_service_areas"),
            )
    return staff_render(
        request,
        "staff/settings/named.html",
        {
            "form": form,
            "title": "Add a service area" if area is None else f"Change {area.name}",
            "button": "Add service area" if area is None else "Save",
            "back": reverse("staff:settings_service_areas"),
            "intro": "A service area is a part of the service complaints are about, such as "
            "Repairs or Anti-social behaviour.",
            **settings_area("service_areas"),
        },
        nav="settings",
    )


@settings_view
def division(request: StaffRequest, division_id: int | None = None) -> HttpResponse:
    """Add a division (no ``division_id``) or rename one."""
    found = (
        get_object_or_404(Division, landlord=request.landlord, pk=division_id)
        if division_id is not None
        else None
    )
    form = NameForm(request.POST or None, initial={"name": found.name} if found else {})
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["name"]
        ok, saved = run_service(
            form,
            (lambda: division_add(landlord=request.landlord, name=name, by=request.user))
            if found is None
            else (lambda: division_rename(division=found, name=name, by=request.user)),
        )
        if ok:
            words = "added" if found is None else "saved"
            return done(
                request,
                f"The division {saved.name} has been {words}.",
                reverse("staff:settings_service_areas"),
            )
    return staff_render(
        request,
        "staff/settings/named.html",
        {
            "form": form,
            "title": "Add a division" if found is None else f"Rename {found.name}",
            "button": "Add division" if found is None else "Save",
            "back": reverse("staff:settings_service_areas"),
            "intro": "A division or directorate groups service areas. The reports count a "
            "complaint under the division of its service area.",
            **settings_area("service_areas"),
        },
        nav="settings",
    )


@settings_view
def contractors(request: StaffRequest) -> HttpResponse:
    return staff_render(
        request,
        "staff/settings/contractors.html",
        {
            "contractors": Contractor.objects.filter(landlord=request.landlord),
            **settings_area("contractors"),
        },
        nav="settings",
    )


@settings_view
def contractor(request: StaffRequest, contractor_id: int | None = None) -> HttpResponse:
    """Add a contractor (no ``contractor_id``) or change its name or email address."""
    found = (
        get_object_or_404(Contractor, landlord=request.landlord, pk=contractor_id)
        if contractor_id is not None
        else None
    )
    initial = {"name": found.name, "email": found.email} if found else {}
    form = ContractorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        name, email = form.cleaned_data["name"], form.cleaned_data["email"]
        ok, saved = run_service(
            form,
            (
                lambda: contractor_add(
                    landlord=request.landlord, name=name, email=email, by=request.user
                )
            )
            if found is None
            else (
                lambda: contractor_change(contractor=found, name=name, email=email, by=request.user)
            ),
        )
        if ok:
            words = "added" if found is None else "saved"
            return done(
                request,
                f"The contractor {saved.name} has been {words}.",
                reverse("staff:settings_contractors"),
            )
    return staff_render(
        request,
        "staff/settings/named.html",
        {
            "form": form,
            "title": "Add a contractor" if found is None else f"Change {found.name}",
            "button": "Add contractor" if found is None else "Save",
            "back": reverse("staff:settings_contractors"),
            "intro": "A contractor acting for you may handle complaints inside the two stages. "
            "Its handlers see only the complaints allocated to it.",
            **settings_area("contractors"),
        },
        nav="settings",
    )


@settings_view
def closure_days(request: StaffRequest) -> HttpResponse:
    """The days the offices are closed (not working days for deadlines), and adding one."""
    form = ClosureDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, day = run_service(
            form,
            lambda: closure_day_add(
                landlord=request.landlord,
                date=form.cleaned_data["date"],
                description=form.cleaned_data["description"],
                by=request.user,
            ),
        )
        if ok:
            return done(
                request,
                f"{day.date:%-d %B %Y} is now a closure day.",
                reverse("staff:settings_closure_days"),
            )
    on = today()
    days = ClosureDay.objects.filter(landlord=request.landlord)
    return staff_render(
        request,
        "staff/settings/closure_days.html",
        {
            "form": form,
            "coming": [d for d in days if d.date >= on],
            "past": [d for d in days if d.date < on][-10:],
            **settings_area("closure_days"),
        },
        nav="settings",
    )


@settings_view
def closure_day(request: StaffRequest, day_id: int) -> HttpResponse:
    """Remove a closure day: asked, then done."""
    day = ClosureDay.objects.filter(landlord=request.landlord, pk=day_id).first()
    if day is None:
        raise Http404("This landlord has no such closure day.")
    if request.method == "POST":
        words = f"{day.date:%-d %B %Y}"
        closure_day_remove(day=day, by=request.user)
        return done(
            request, f"{words} is no longer a closure day.", reverse("staff:settings_closure_days")
        )
    return staff_render(
        request,
        "staff/settings/closure_day_remove.html",
        {"day": day, **settings_area("closure_days")},
        nav="settings",
    )
