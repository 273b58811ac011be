"""Awaab's Law clocks (domain.md §12, issue 17 item 8): record when the landlord became
aware of a hazard a complaint reports and when the repairs service was told, then each
step the repairs service takes, each a GOV.UK form calling one service through
``commands.command_page``; and the list of open hazard clocks, soonest first."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.utils import timezone

from putright.complaints import services
from putright.rules.hazard_clocks import Milestone
from putright.rules.hazards import hazard_flag
from putright.staff import forms as staff_forms
from putright.staff import selectors
from putright.staff.forms.casework import moment
from putright.staff.views.commands import _initial, command_page
from putright.staff.views.common import staff_render
from putright.web.access import ACTING_ROLES, StaffRequest, staff_view

#: Each milestone's page: its title and the words its form uses ("the date it was ...").
_MILESTONE_PAGES = {
    Milestone.INVESTIGATED: ("Record that the hazard was investigated", "investigated"),
    Milestone.SUMMARY_SENT: ("Record that the written summary was sent", "sent"),
    Milestone.SAFETY_WORK_STARTED: ("Record that safety work started", "started"),
    Milestone.MADE_SAFE: ("Record that the hazard was made safe", "made safe"),
}


@staff_view(ACTING_ROLES)
def hazard_awareness(request: StaffRequest, reference: str) -> HttpResponse:
    """Awaab's Law: the complaint reports an emergency hazard or significant damp and
    mould; when the landlord became aware and when the repairs service was told."""

    def perform(d: dict[str, Any], c: Any) -> Any:
        return services.hazard_record_awareness(
            complaint=c,
            hazard_class=d["hazard_class"],
            description=d["description"],
            aware_at=moment(d["on"], d["time"]),
            repairs_told_at=moment(d["told_on"], d["told_time"]),
            repairs_reference=d.get("repairs_reference") or "",
            by=request.user,
        )

    return command_page(
        request,
        reference,
        command=None,
        title="Start the hazard clocks",
        button="Start the clocks",
        make_form=lambda data, c: staff_forms.HazardAwarenessForm(data, initial=_initial(c)),
        perform=perform,
        success="The hazard is recorded and its Awaab's Law clocks have started.",
        fields={"aware_at": "time", "repairs_told_at": "told_time"},
        template="staff/commands/hazard_awareness.html",
        context=lambda c: {"hazard": hazard_flag(c.description)},
    )


@staff_view(ACTING_ROLES)
def hazard_milestone(request: StaffRequest, reference: str, milestone: str) -> HttpResponse:
    """Awaab's Law: one step the repairs service took (investigated, summary sent, safety
    work started, made safe), each through its own service."""
    try:
        step = Milestone(milestone)
    except ValueError:
        raise Http404("No such step") from None
    title, what = _MILESTONE_PAGES[step]
    command = services.MILESTONE_COMMANDS[step]

    def perform(d: dict[str, Any], c: Any) -> Any:
        return command(
            complaint=c, at=moment(d["on"], d["time"]), note=d.get("note") or "", by=request.user
        )

    return command_page(
        request,
        reference,
        command=None,
        title=title,
        button="Save",
        make_form=lambda data, c: staff_forms.HazardMilestoneForm(
            data, initial=_initial(c), what=what
        ),
        perform=perform,
        success=f"{step.label}: recorded on the hazard clocks.",
        fields={"at": "time"},
    )


@staff_view()
def hazard_clocks(request: StaffRequest) -> HttpResponse:
    """Open hazard clocks across the landlord's complaints, the soonest deadline first,
    the overdue marked (a contractor's staff see only their allocations)."""
    now = timezone.now()
    rows = selectors.open_hazard_clocks(request.membership, now)
    return staff_render(
        request,
        "staff/hazard_clocks.html",
        {"rows": rows, "overdue_count": sum(1 for r in rows if r.overdue), "now": now},
        nav="hazard_clocks",
    )


__all__ = ["hazard_awareness", "hazard_clocks", "hazard_milestone"]
