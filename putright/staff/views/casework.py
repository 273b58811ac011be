"""A handler's everyday casework on a case, beside the lifecycle's steps, each a GOV.UK form
calling one service through ``commands.command_page``: record a contact with the resident,
record that the repairs service was told of a hazard, record how an accessible format or
language the resident needs was met without a letter, change the service area or theme.
Each is open at any time, as a note is; errors keep everything typed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpResponse

from putright.complaints import services
from putright.complaints.models import Complaint
from putright.residents.models import FORMAT_KINDS
from putright.residents.selectors import format_needs
from putright.rules.hazards import hazard_flag
from putright.staff import forms as staff_forms
from putright.staff import selectors
from putright.staff.forms.casework import moment
from putright.staff.views.commands import _complaint, _initial, command_page
from putright.staff.views.common import staff_render
from putright.web.access import ACTING_ROLES, StaffRequest, staff_view

#: The service's "at" is the form's time box (the date has its own check).
_WHEN = {"at": "time"}


@staff_view(ACTING_ROLES)
def record_contact(request: StaffRequest, reference: str) -> HttpResponse:
    """Code 5.12: a call, email, text, visit or letter with the resident, as it happened."""
    return command_page(
        request,
        reference,
        command=None,
        title="Record a contact",
        button="Save the contact",
        make_form=lambda data, c: staff_forms.ContactForm(data, initial=_initial(c), complaint=c),
        perform=lambda d, c: services.complaint_record_contact(
            complaint=c,
            method=d["method"],
            direction=d["direction"],
            with_whom=d["with_whom"],
            summary=d["summary"],
            at=_when(d),
            by=request.user,
        ),
        success=lambda c, contact: (
            f"The {contact.get_method_display().lower()} is recorded on the timeline."
        ),
        fields=_WHEN,
        template="staff/commands/contact.html",
        context=lambda c: {"flags": selectors.resident_flags(c.resident)},
    )


def _when(data: dict[str, Any]) -> dt.datetime:
    return moment(data["on"], data["time"])


@staff_view(ACTING_ROLES)
def repairs_told(request: StaffRequest, reference: str) -> HttpResponse:
    """Awaab's Law (domain.md §12): the complaint mentions a possible hazard, and the
    repairs service has been told: when, how and who."""
    return command_page(
        request,
        reference,
        command=None,
        title="Record that repairs were told",
        button="Save",
        make_form=lambda data, c: staff_forms.RepairsToldForm(data, initial=_initial(c)),
        perform=lambda d, c: services.complaint_record_repairs_told(
            complaint=c,
            how=d["how"],
            told=d["told"],
            job_reference=d.get("job_reference") or "",
            at=_when(d),
            by=request.user,
        ),
        success="Recorded that the repairs service was told.",
        fields=_WHEN,
        template="staff/commands/repairs_told.html",
        context=lambda c: {"hazard": hazard_flag(c.description)},
    )


#: The service's problem about how one need is met (``format_<kind>``) is the form's "how".
_FORMAT_HOW = {f"format_{kind}": "how" for kind in FORMAT_KINDS}


@staff_view(ACTING_ROLES)
def format_met(request: StaffRequest, reference: str) -> HttpResponse:
    """Code 5.10: how one of the resident's accessible formats or languages was met for
    something other than a letter, such as a BSL interpreter at a meeting. Offered only
    where the resident has such a need (``residents.selectors.format_needs``)."""
    complaint = _complaint(request, reference)
    if isinstance(complaint, HttpResponse):
        return complaint
    needs = format_needs(complaint.resident_id)
    if not needs:
        return staff_render(
            request,
            "staff/not_now.html",
            {
                "complaint": complaint,
                "reason": "The resident has no accessible format or language recorded as a "
                "need. Record it as a reasonable adjustment on their record first.",
            },
            nav="queue",
            status=409,
        )
    return command_page(
        request,
        reference,
        command=None,
        title="Record how a need was met",
        button="Save",
        make_form=lambda data, c: staff_forms.FormatMetForm(data, initial=_initial(c), needs=needs),
        perform=lambda d, c: services.complaint_format_met(
            complaint=c,
            kind=d["kind"],
            how=d["how"],
            what=d["what"],
            by=request.user,
            on=d["on"],
        ),
        success="How the need was met is recorded on the timeline.",
        fields=_FORMAT_HOW,
        template="staff/commands/format_met.html",
    )


@staff_view(ACTING_ROLES)
def reclassify(request: StaffRequest, reference: str) -> HttpResponse:
    """What the complaint is about, for learning and the reports (Code 9.2): its main
    service area and theme, changed with a timeline entry saying from what to what."""

    def make(data: Any, c: Complaint) -> staff_forms.ReclassifyForm:
        initial = _initial(c, service_area=c.service_area_id, theme=c.theme_id)
        return staff_forms.ReclassifyForm(data, initial=initial, complaint=c)

    def perform(d: dict[str, Any], c: Complaint) -> Complaint:
        landlord = c.landlord
        return services.complaint_reclassify(
            complaint=c,
            service_area=landlord.service_areas.filter(pk=d.get("service_area") or 0).first(),
            theme=landlord.themes.filter(pk=d.get("theme") or 0).first(),
            by=request.user,
        )

    return command_page(
        request,
        reference,
        command=None,
        title="Change the service area or theme",
        button="Save the change",
        make_form=make,
        perform=perform,
        success="The service area and theme are saved.",
    )
