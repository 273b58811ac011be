"""Team tools (issue 12, item 6): reassign several cases at once from the work queue (when
someone is off sick), the workload of each person, and saying when someone is away."""

from __future__ import annotations

from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.views.decorators.http import require_POST

from putright.complaints.models import Complaint
from putright.landlords.models import Role, today
from putright.landlords.selectors import away_words, people
from putright.landlords.services import ABSENCE_ROLES, staff_away_set
from putright.staff import selectors, workload
from putright.staff.forms import AwayForm, ReassignForm, handler_choices
from putright.staff.forms.team import REASSIGN_LIMIT
from putright.staff.reassign import complaints_reassign
from putright.staff.views.common import done, run_service, staff_render
from putright.web.access import ACTING_ROLES, StaffRequest, staff_view, visible_complaints

#: Where the result of the last reassignment waits for its page (post/redirect/get).
SESSION_REASSIGNED = "putright_reassigned"
#: Who sees the workload: the landlord's own people (a contractor's handler sees only its
#: own allocations, so not its colleagues' figures at the landlord).
WORKLOAD_ROLES = frozenset(
    {Role.OFFICER, Role.ADMINISTRATOR, Role.SENIOR_HANDLER, Role.HANDLER, Role.VIEWER}
)


def _queue_url(query: str) -> str:
    """The work queue with the filters it had (only a query string is ever taken)."""
    filters = QueryDict(query).urlencode()
    return reverse("staff:queue") + (f"?{filters}" if filters else "")


def _case_label(complaint: Complaint, names: dict[int, str]) -> str:
    """How a case is named in the list of cases to reassign."""
    stage = complaint.current_stage
    who = complaint.resident.name if complaint.resident else "resident not recorded"
    if stage is None:
        return f"{complaint.reference}: {who}, waiting for triage"
    handler = names.get(stage.handler_id, "") if stage.handler_id else ""
    held = f"handled by {handler}" if handler else "not allocated"
    return f"{complaint.reference}: {who}, stage {stage.number}, {held}"


@require_POST
@staff_view(ACTING_ROLES)
def reassign(request: StaffRequest) -> HttpResponse:
    """The cases ticked on the work queue, and the person they all go to. Each is then
    allocated on its own, with the rules checked for it (``staff.reassign``)."""
    membership = request.membership
    landlord = request.landlord
    # The cases ticked on the queue, offered again (ticked or not) while the form is wrong.
    offered = (request.POST.getlist("offered") or request.POST.getlist("reference"))[
        :REASSIGN_LIMIT
    ]
    queue_query = request.POST.get("queue", "")
    found = {
        c.reference: c
        for c in visible_complaints(membership)
        .filter(reference__in=offered)
        .select_related("resident", "contractor", "landlord")
        .prefetch_related("stages")
    }
    complaints = [found[r] for r in dict.fromkeys(offered) if r in found]
    if not complaints:
        messages.error(request, "Select at least one case to reassign.")
        return HttpResponseRedirect(_queue_url(queue_query))
    names = selectors.staff_names(landlord.pk)
    contractor_only = (
        membership.contractor_id if membership.role == Role.CONTRACTOR_HANDLER else None
    )
    form = ReassignForm(
        request.POST if "handler" in request.POST else None,
        initial={"reference": [c.reference for c in complaints]},
        cases=[(c.reference, _case_label(c, names)) for c in complaints],
        handlers=handler_choices(
            landlord, stage=None, exclude_user=None, contractor_id=contractor_only, names=names
        ),
    )
    if form.is_bound and form.is_valid():
        handler = get_user_model().objects.get(pk=form.cleaned_data["handler"])
        picked = set(form.cleaned_data["reference"])
        results = complaints_reassign(
            complaints=[c for c in complaints if c.reference in picked],
            handler=handler,
            by=request.user,
        )
        request.session[SESSION_REASSIGNED] = {
            "handler": names.get(handler.pk, handler.get_username()),
            "results": [asdict(r) for r in results],
            "queue": queue_query,
        }
        return HttpResponseRedirect(reverse("staff:reassigned"))
    return staff_render(
        request,
        "staff/team/reassign.html",
        {"form": form, "queue_query": queue_query, "queue_url": _queue_url(queue_query)},
        nav="queue",
    )


@staff_view(ACTING_ROLES)
def reassigned(request: StaffRequest) -> HttpResponse:
    """Which cases moved and which were refused, and why (post/redirect/get)."""
    outcome = request.session.get(SESSION_REASSIGNED)
    if not outcome:
        return HttpResponseRedirect(reverse("staff:queue"))
    results = outcome["results"]
    return staff_render(
        request,
        "staff/team/reassigned.html",
        {
            "handler": outcome["handler"],
            "moved": [r for r in results if r["moved"]],
            "refused": [r for r in results if not r["moved"]],
            "queue_url": _queue_url(outcome.get("queue", "")),
        },
        nav="queue",
    )


@staff_view(WORKLOAD_ROLES)
def workload_page(request: StaffRequest) -> HttpResponse:
    """Each person's open stages, those due this week, overdue, and letters owed, counted
    by the database; who is away; links to their cases on the work queue."""
    landlord = request.landlord
    on = today()
    team = workload.workload(landlord, today=on)
    return staff_render(
        request,
        "staff/team/workload.html",
        {
            "team": team,
            "totals": workload.totals(team),
            "today": on,
            "week_ends": workload.week_end(on),
            "can_mark_away": request.membership.role in ABSENCE_ROLES,
        },
        nav="workload",
    )


@staff_view(read_only=True)
def away(request: StaffRequest, user_id: int) -> HttpResponse:
    """Say when someone is away: oneself, or (a complaints officer or an administrator)
    anyone at the landlord. Allocation lists then show it."""
    mine = user_id == request.user.pk
    if not mine and request.membership.role not in ABSENCE_ROLES:
        raise PermissionDenied(
            "Only a complaints officer or an administrator can say when someone else is away."
        )
    membership = people(request.landlord).select_related("user").filter(user_id=user_id).first()
    if membership is None:
        raise Http404("Nobody at this landlord has that account.")
    name = membership.user.get_full_name() or membership.user.get_username()
    back = reverse("staff:workload") if not mine else reverse("staff:queue")
    if request.method == "POST" and request.POST.get("back") == "now":
        staff_away_set(membership=membership, away_from=None, away_until=None, by=request.user)
        return done(
            request, f"{'You are' if mine else name + ' is'} no longer shown as away.", back
        )
    form = AwayForm(
        request.POST or None,
        initial={"away_from": membership.away_from or today(), "away_until": membership.away_until},
    )
    if request.method == "POST" and form.is_valid():
        ok, saved = run_service(
            form,
            lambda: staff_away_set(
                membership=membership,
                away_from=form.cleaned_data["away_from"],
                away_until=form.cleaned_data["away_until"],
                by=request.user,
            ),
        )
        if ok:
            words = away_words(saved, today()) or "not away"
            who = "You are" if mine else f"{name} is"
            return done(request, f"{who} shown as {words}.", back)
    return staff_render(
        request,
        "staff/team/away.html",
        {
            "form": form,
            "person": name,
            "mine": mine,
            "away_now": away_words(membership, today()),
            "back": back,
        },
        nav="workload" if not mine else "",
    )
