"""The work queue at /staff/: mine, my team or all; every filter with its count; sorted by
the next deadline; search; one page at a time (issue 3, domain.md §9 "Live"). Above it,
the Housing Ombudsman's deadlines due soon or overdue (issue 5, domain.md §7); in it, a
flag on records whose description mentions a hazard (Awaab's Law, domain.md §12)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import slugify

from putright.landlords.models import today
from putright.landlords.selectors import exceptional_circumstances_in_force
from putright.ombudsman.permissions import READ_ROLES as OMBUDSMAN_READ_ROLES
from putright.ombudsman.selectors import ombudsman_deadlines_due
from putright.rules.lifecycle import State
from putright.staff import exports, selectors
from putright.staff.forms import QueueForm
from putright.staff.views.common import staff_render
from putright.web import spreadsheets
from putright.web.access import ACTING_ROLES, APPROVER_ROLES, StaffRequest, staff_view

STATE_OPTIONS = [
    ("", "Open work"),
    (State.RECEIVED.value, State.RECEIVED.label),
    (State.STAGE1.value, State.STAGE1.label),
    (State.STAGE2.value, State.STAGE2.label),
    (State.OPEN.value, "Service requests and enquiries being dealt with"),
    (State.STAGE1_CLOSED.value, State.STAGE1_CLOSED.label),
    (State.CLOSED.value, State.CLOSED.label),
    (State.NOT_ACCEPTED.value, State.NOT_ACCEPTED.label),
    (State.WITHDRAWN.value, State.WITHDRAWN.label),
    (State.RESOLVED.value, "Service requests and enquiries resolved"),
    ("any", "Everything"),
]


#: Handlers start on their own cases; officers, administrators and viewers on everyone's.
MINE_FIRST = {"handler", "senior_handler", "contractor_handler"}
#: Ombudsman deadlines shown above the queue: overdue, or due within this many working days.
OMBUDSMAN_WITHIN_WORKING_DAYS = 5


def _filters(request: StaffRequest) -> selectors.QueueFilters:
    """The filters the query string asks for; "my team" for someone in no team is "mine"."""
    data = QueueForm(request.GET).filters_data()
    data.pop("landlord", None)  # one landlord's queue has only its own records
    if data.get("scope") == "team" and not request.membership.team:
        data["scope"] = "mine"
    if "scope" not in data:
        data["scope"] = "mine" if request.membership.role in MINE_FIRST else "all"
    return queue_filters(request, data)


def queue_filters(request: HttpRequest, data: dict[str, Any]) -> selectors.QueueFilters:
    """The queue's filters from what ``QueueForm`` read: an unknown status dropped, and a
    search looking through every status unless one is asked for."""
    if data.get("state") not in {value for value, _ in STATE_OPTIONS}:
        data.pop("state", None)
    if data.get("q") and "state" not in request.GET:
        data["state"] = "any"  # a search looks through everything, closed cases too
    known = {f.name for f in fields(selectors.QueueFilters)}
    return selectors.QueueFilters(**{k: v for k, v in data.items() if k in known})


def state_options(
    states: dict[str, int | None], f: selectors.QueueFilters
) -> list[tuple[str, str, int | None, bool]]:
    """The status filter's options, each with its count (None: not counted)."""
    open_count = sum(states.get(s) or 0 for s in selectors.OPEN_STATES)
    counted = [n for n in states.values() if n is not None]
    every_count = sum(counted) if len(counted) == len(states) else None
    return [
        (
            value,
            label,
            open_count if value == "" else every_count if value == "any" else states.get(value, 0),
            f.state == value,
        )
        for value, label in STATE_OPTIONS
    ]


#: The filters that, when set, offer "Clear filters".
FILTER_NAMES = (
    "q",
    "state",
    "landlord",
    "stage",
    "service_area",
    "handler",
    "contractor",
    "theme",
    "vulnerable",
    "adjustments",
    "overdue",
    "due_within",
    "waiting",
    "safety",
    "letter",
    "update",
)


def filters_active(f: selectors.QueueFilters) -> bool:
    return any(getattr(f, name) not in (None, "", False) for name in FILTER_NAMES)


@staff_view()
def queue(request: StaffRequest) -> HttpResponse:
    """The work queue. Counts show how many records each filter option would give, with
    the other filters as they are."""
    membership = request.membership
    landlord = request.landlord
    f = _filters(request)
    on = today()
    calendar = landlord.calendar()
    names = selectors.staff_names(landlord.pk)
    labels = selectors.filter_labels(landlord, names)
    if membership.role == "contractor_handler":
        labels["contractor"] = {
            k: v for k, v in labels["contractor"].items() if k == membership.contractor_id
        }
    scope = selectors.queue_scope(membership, f)
    states = selectors.state_counts(scope)
    result = selectors.work_queue(
        scope, f, today=on, calendar=calendar, names=names, labels=labels, states=states
    )
    ombudsman = None
    if membership.role in OMBUDSMAN_READ_ROLES:
        # The same people as the queue below: mine, my team's, or everyone's.
        ombudsman = ombudsman_deadlines_due(
            landlord,
            OMBUDSMAN_WITHIN_WORKING_DAYS,
            on,
            calendar=calendar,
            handled_by=scope.handlers,
        )
    return staff_render(
        request,
        "staff/queue.html",
        {
            "f": f,
            "queue": result,
            "state_options": state_options(states, f),
            "scopes": [
                (k, v) for k, v in selectors.SCOPES.items() if k != "team" or membership.team
            ],
            "sorts": list(selectors.SORTS.items()),
            "filters_active": filters_active(f),
            "due_within_choices": selectors.DUE_WITHIN_CHOICES,
            "page_numbers": page_numbers(result.page, result.pages),
            "found": scope.found,
            "ombudsman_deadlines": ombudsman,
            "awaiting_approval": (
                selectors.responses_awaiting_approval(landlord, request.user)
                if membership.role in APPROVER_ROLES and membership.contractor_id is None
                else None
            ),
            "ombudsman_within": OMBUDSMAN_WITHIN_WORKING_DAYS,
            # Code 8.5: late rows are marked while a notice is in force (one query).
            "notice_in_force": exceptional_circumstances_in_force(landlord),
            "triage_view": f.state == State.RECEIVED.value,
            # Issue 12 (6): tick cases to reassign them; download the queue as filtered.
            "can_reassign": membership.role in ACTING_ROLES,
            "export_query": request.GET.urlencode(),
            "export_limit": selectors.EXPORT_LIMIT,
        },
        nav="queue",
    )


@staff_view()
def queue_export(request: StaffRequest, fmt: str) -> HttpResponse:
    """Issue 12 (6): the queue as it is filtered, every page of it, as CSV or XLSX, with
    the page's columns; text a spreadsheet could take as a formula made plain text."""
    if fmt not in spreadsheets.CONTENT_TYPES:
        raise Http404("The queue downloads as csv or xlsx.")
    landlord = request.landlord
    f = _filters(request)
    scope = selectors.queue_scope(request.membership, f)
    rows, more = selectors.queue_export_rows(
        scope,
        f,
        today=today(),
        calendar=landlord.calendar(),
        names=selectors.staff_names(landlord.pk),
        states=selectors.state_counts(scope),
    )
    lines = exports.queue_table(rows)
    if fmt == "csv":
        content = spreadsheets.table_csv(exports.HEADINGS, lines)
    else:
        content = spreadsheets.table_xlsx("Work queue", exports.HEADINGS, lines)
    response = HttpResponse(content, content_type=spreadsheets.CONTENT_TYPES[fmt])
    name = f"{slugify(landlord.name)}-work-queue-{today():%Y-%m-%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    if more:
        response["X-Putright-Truncated"] = str(selectors.EXPORT_LIMIT)
    return response


def page_numbers(page: int, pages: int) -> list[int | None]:
    """Page links as GOV.UK pagination shows them: first, last, and those around the
    current page, with None for a gap."""
    wanted = sorted({1, pages, page - 1, page, page + 1} & set(range(1, pages + 1)))
    numbers: list[int | None] = []
    for n in wanted:
        if numbers and n - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(n)
    return numbers
