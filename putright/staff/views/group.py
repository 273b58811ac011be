"""A group's work queue (issue 15, item 4; README, "Several landlords"): every open
complaint of the group's landlords in one queue, each row marked with its landlord, with
the landlord queue's filters, counts, sorting and pages where they mean the same across
landlords (not "whose cases" or "due within N working days", which are one landlord's
team and calendar; each row's days left are counted by its own landlord's calendar).

Who reads it: the group's own officers and viewers (``GroupMembership``), who need no role
at any of its landlords, and anyone who reads the reports of every landlord of the group
(``landlords.permissions.can_read_group``). The queue only reads. A case is opened from
it only where the person works for that case's landlord: the reference is then a button
that makes that landlord the one they work for and opens the case page, where their role
there decides what they may see and do and the read is logged as every case read is
(``web.models.CaseRead``). Where they do not, the reference is plain text: a group viewer
without a landlord role reads the queue and never a case file.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from putright.landlords.models import StaffMembership, today
from putright.reports.group import group_landlords
from putright.rules.calendar import calendar_for
from putright.rules.counting import financial_year_of
from putright.rules.lifecycle import State
from putright.staff import selectors
from putright.staff.forms import QueueForm
from putright.staff.views.queue import filters_active, page_numbers, queue_filters, state_options
from putright.web.access import SESSION_LANDLORD, GroupRequest, forbidden, group_view


def _filters(request: GroupRequest) -> selectors.QueueFilters:
    """The filters asked for, without the ones a group's queue does not offer."""
    data = QueueForm(request.GET).filters_data()
    data.pop("due_within", None)
    data["scope"] = "all"
    return queue_filters(request, data)


@group_view()
def group_queue(request: GroupRequest) -> HttpResponse:
    """The group's work queue: the records of every landlord of the group, in one query for
    the rows however many landlords there are (``selectors.work_queue``)."""
    group = request.group
    landlords = group_landlords(group)
    ids = [landlord.pk for landlord in landlords]
    f = _filters(request)
    names = selectors.staff_names_of(ids)
    scope = selectors.group_scope(landlords, f)
    states = selectors.state_counts(scope)
    result = selectors.work_queue(
        scope,
        f,
        today=today(),
        calendar=calendar_for(frozenset()),
        names=names,
        labels=selectors.group_filter_labels(landlords, names),
        states=states,
        calendars=selectors.working_calendars(ids),
    )
    openable = set(
        StaffMembership.objects.filter(
            user=request.user, active=True, landlord_id__in=ids
        ).values_list("landlord_id", flat=True)
    )
    return render(
        request,
        "staff/group_queue.html",
        {
            "nav": "group_queue",
            "group": group,
            "landlords": landlords,
            "f": f,
            "queue": result,
            "state_options": state_options(states, f),
            "sorts": list(selectors.SORTS.items()),
            "filters_active": filters_active(f),
            "page_numbers": page_numbers(result.page, result.pages),
            "found": scope.found,
            "triage_view": f.state == State.RECEIVED.value,
            "openable": openable,
            "report_year": financial_year_of(today()),
        },
    )


@group_view()
def group_case(request: GroupRequest, landlord_slug: str, reference: str) -> HttpResponseBase:
    """Open a case from the group's queue (a POST, so no link elsewhere can change whom
    the person works for): only for someone who works for the case's landlord, who then
    works for it and sees the case page as their role there allows."""
    if request.method != "POST":
        return HttpResponseRedirect(reverse("staff:group_queue", args=[request.group.slug]))
    landlord = request.group.landlords.filter(slug=landlord_slug).first()
    if landlord is None:
        raise Http404("No landlord of the group has that address.")
    membership = StaffMembership.objects.filter(
        user=request.user, landlord=landlord, active=True
    ).first()
    if membership is None:
        return forbidden(
            request,
            f"You can see {landlord.name}'s complaints in the group's work queue, but not open "
            f"them: you do not work for {landlord.name} in Putright. Ask its administrator "
            "if you need to.",
            request.membership,
        )
    if request.membership is None or request.membership.landlord_id != landlord.pk:
        request.session[SESSION_LANDLORD] = landlord.pk
        messages.info(request, f"You are now working for {landlord.name}.")
    return HttpResponseRedirect(reverse("staff:case", args=[reference]))
