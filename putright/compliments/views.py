"""Staff pages for compliments, under /staff/compliments/: the list, filtered by year and
service area, and the form to log one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect

from putright.compliments.forms import ComplimentFilters, ComplimentForm
from putright.compliments.selectors import compliment_figures, compliments_of
from putright.compliments.services import REFUSAL, compliment_record
from putright.landlords.models import Role, ServiceArea
from putright.landlords.permissions import OWN_STAFF_ROLES
from putright.residents.models import Resident
from putright.rules.counting import financial_year, financial_year_label
from putright.rules.lifecycle import RuleError
from putright.web.access import StaffRequest, staff_view
from putright.web.govuk import add_problems
from putright.web.pages import staff_page

#: Compliments name the landlord's staff and the people who gave them: not a contractor's.
READ_ROLES = frozenset(Role) - {Role.CONTRACTOR_HANDLER}
#: The list shows at most this many; the filters narrow it.
SHOWN = 200


@staff_view(READ_ROLES)
def compliment_list(request: StaffRequest) -> HttpResponse:
    """Every compliment of the landlord, newest first, by financial year and service area."""
    landlord = request.landlord
    filters = ComplimentFilters(request.GET or None, landlord=landlord)
    year = service_area = None
    if filters.is_bound and filters.is_valid():
        year, service_area = filters.cleaned_data["year"], filters.cleaned_data["service_area"]
    compliments = compliments_of(landlord, year=year, service_area_id=service_area)
    counts = None
    if year is not None:
        counts = compliment_figures(landlord, *financial_year(year))
    return staff_page(
        request,
        "compliments/list.html",
        {
            "filters": filters,
            "compliments": compliments[:SHOWN],
            "total": compliments.count(),
            "shown": SHOWN,
            "counts": counts,
            "year_label": financial_year_label(year) if year is not None else "",
            "can_log": request.membership.role in OWN_STAFF_ROLES,
        },
        nav="compliments",
        has_errors=False,
    )


@staff_view(OWN_STAFF_ROLES, refusal=REFUSAL)
def new(request: StaffRequest) -> HttpResponse:
    """Log a compliment; from a resident on record with ``?resident=ID``."""
    landlord = request.landlord
    resident = None
    if (resident_id := request.GET.get("resident", "")).isdigit():
        resident = get_object_or_404(Resident, pk=resident_id, landlord=landlord)
    form = ComplimentForm(request.POST or None, landlord=landlord)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            compliment_record(
                landlord=landlord,
                service_area=ServiceArea.objects.get(pk=d["service_area"], landlord=landlord),
                staff_named=d["staff_named"],
                resident=resident,
                giver_name=d["giver_name"],
                received_on=d["received_on"],
                channel=d["channel"],
                words=d["words"],
                by=request.user,
            )
        except RuleError as error:
            add_problems(form, error.problems)
        else:
            messages.success(request, "Compliment logged.")
            return redirect("compliments:list")
    return staff_page(
        request,
        "compliments/new.html",
        {"form": form, "resident": resident},
        nav="compliments",
    )
