"""The settings' first page, a new landlord's checklist of what is not set up yet, and the
audit log of every change to the settings."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.urls import reverse

from putright.landlords.models import Landlord, SettingsChange, today
from putright.landlords.selectors import set_up_steps
from putright.staff.views.common import staff_render
from putright.staff.views.settings.common import STEP_PAGES, settings_area, settings_view
from putright.web.access import StaffRequest


def _group_landlords(landlord: Landlord) -> list[Landlord]:
    """The other landlords of the landlord's group (issue 15, item 4), by name."""
    if landlord.group_id is None:
        return []
    return list(
        Landlord.objects.filter(group_id=landlord.group_id).exclude(pk=landlord.pk).order_by("name")
    )


@settings_view
def settings_home(request: StaffRequest) -> HttpResponse:
    """What is not set up yet (homes, staff, service areas, contact details, the first
    register import), each with a link to where it is done; then every settings page."""
    steps = [
        (step, reverse(STEP_PAGES[step.key])) for step in set_up_steps(request.landlord, today())
    ]
    to_do = [s for s, _ in steps if not s.done]
    return staff_render(
        request,
        "staff/settings/home.html",
        {
            "steps": steps,
            "to_do": len(to_do),
            "group_landlords": _group_landlords(request.landlord),
            **settings_area("home"),
        },
        nav="settings",
    )


@settings_view
def settings_changes(request: StaffRequest) -> HttpResponse:
    """Every change to the settings, newest first: when, who, which part and what."""
    changes = SettingsChange.objects.filter(landlord=request.landlord)
    section = request.GET.get("section", "")
    if section in SettingsChange.Section.values:
        changes = changes.filter(section=section)
    else:
        section = ""
    page = Paginator(changes, 50).get_page(request.GET.get("page"))
    return staff_render(
        request,
        "staff/settings/changes.html",
        {
            "page": page,
            "section": section,
            "sections": SettingsChange.Section.choices,
            **settings_area("changes"),
        },
        nav="settings",
    )
