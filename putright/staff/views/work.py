"""Queues beyond the work queue: outstanding actions and remedies (due, overdue, done;
Code 6.9f and section 7), the reviews of adjustments and restrictions that are due (Code
5.10, 5.15), and the access log for administrators (domain.md §11)."""

from __future__ import annotations

import datetime as dt
import mimetypes
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse
from django.urls import reverse

from putright.complaints import services
from putright.complaints.models import OutstandingAction, Remedy
from putright.landlords.models import Role, today
from putright.residents.models import (
    DisclosedDisability,
    ReasonableAdjustment,
    Restriction,
    ReviewedRecord,
    VulnerabilityFlag,
)
from putright.rules.codes import Kind, RemedyKind
from putright.rules.timescales import working_days_left
from putright.staff import forms as staff_forms
from putright.staff import selectors
from putright.staff.views.common import case_url, done, run_service, staff_render
from putright.web.access import (
    ACTING_ROLES,
    ALL_RESIDENTS_ROLES,
    AUDIT_ROLES,
    StaffRequest,
    staff_view,
    visible_complaints,
)

SHOWS = {"due": "Due", "overdue": "Overdue", "done": "Done"}
#: Reviews due within this many working days are listed with the overdue ones.
REVIEW_WINDOW_WORKING_DAYS = 10


def _split(qs, show: str, on: dt.date, done_field: str = "done_on"):
    if show == "done":
        return qs.exclude(**{f"{done_field}__isnull": True}).order_by(f"-{done_field}", "-id")
    open_ = qs.filter(**{f"{done_field}__isnull": True})
    if show == "overdue":
        return open_.filter(due_on__lt=on).order_by("due_on", "id")
    return open_.filter(Q(due_on__gte=on) | Q(due_on__isnull=True)).order_by("due_on", "id")


@staff_view()
def actions(request: StaffRequest) -> HttpResponse:
    """Outstanding actions and remedies on the cases this person may see: due, overdue or
    done."""
    membership = request.membership
    show = request.GET.get("show", "due")
    if show not in SHOWS:
        show = "due"
    on = today()
    action_qs = selectors.actions_due(membership)
    remedy_qs = selectors.remedies_due(membership)
    counts = {
        name: (_split(action_qs, name, on).count(), _split(remedy_qs, name, on).count())
        for name in SHOWS
    }
    calendar = request.landlord.calendar()
    action_rows = list(_split(action_qs, show, on)[:200])
    remedy_rows = list(_split(remedy_qs, show, on)[:200])

    def left(due: dt.date | None) -> int | None:
        return working_days_left(calendar, due, on) if due and show != "done" else None

    return staff_render(
        request,
        "staff/work/actions.html",
        {
            "show": show,
            "shows": [(k, v, sum(counts[k])) for k, v in SHOWS.items()],
            "action_rows": [(a, left(a.due_on)) for a in action_rows],
            "remedy_rows": [(r, left(r.due_on)) for r in remedy_rows],
            "here": request.get_full_path(),
        },
        nav="actions",
    )


@staff_view()
def records(request: StaffRequest) -> HttpResponse:
    """The open service requests and member enquiries (issue 17, item 3), soonest target
    first, with their owner and the working days left or overdue, filtered by kind and
    owner from the query string (a value not understood is ignored, never an error)."""
    kinds = {
        Kind.SERVICE_REQUEST.value: "Service requests",
        Kind.MEMBER_ENQUIRY.value: "Member enquiries",
    }
    kind = request.GET.get("kind", "")
    kind = kind if kind in kinds else ""
    names = selectors.staff_names(request.landlord.pk)
    owners = [
        (str(user_id), label)
        for user_id, label in staff_forms.owner_choices(request.landlord, names)
    ]
    owner = request.GET.get("owner", "")
    if owner not in {selectors.NO_OWNER, *dict(owners)}:
        owner = ""
    rows = list(selectors.open_records(request.membership, kind=kind, owner=owner)[:500])
    calendar = request.landlord.calendar()
    on = today()
    return staff_render(
        request,
        "staff/work/records.html",
        {
            "rows": [
                (r, working_days_left(calendar, r.target_on, on) if r.target_on else None)
                for r in rows
            ],
            "kinds": list(kinds.items()),
            "kind": kind,
            "owners": [(selectors.NO_OWNER, "Nobody yet"), *owners],
            "owner": owner,
            "filtered": bool(kind or owner),
        },
        nav="records",
    )


_Owed = TypeVar("_Owed", OutstandingAction, Remedy)


def _on_visible_case(request: StaffRequest, model: type[_Owed], pk: int) -> _Owed:
    """The action or remedy ``pk`` on a complaint this person may see. A contractor's
    handler asking for any other is refused (the 403 page) whether or not it exists, as
    for a case (``case_or_refusal``), so the answer never tells it which numbers exist at
    the landlord; others get a 404 for one their landlord does not have."""
    membership = request.membership
    found = (
        model.objects.select_related("stage__complaint")
        .filter(pk=pk, stage__complaint__in=visible_complaints(membership))
        .first()
    )
    if found is not None:
        return found
    if membership.role == Role.CONTRACTOR_HANDLER:
        raise PermissionDenied("This complaint is not allocated to your organisation.")
    raise Http404("There is no such action or remedy.")


@staff_view(ACTING_ROLES)
def action_done(request: StaffRequest, action_id: int) -> HttpResponse:
    """Record an outstanding action as done, with what the resident was told."""
    action = _on_visible_case(request, OutstandingAction, action_id)
    complaint = action.stage.complaint
    form = staff_forms.ActionDoneForm(
        request.POST if request.method == "POST" else None, initial={"version": complaint.version}
    )
    if action.done_on is None and request.method == "POST" and form.is_valid():
        ok, _ = run_service(
            form,
            lambda: services.action_complete(
                action=action,
                note=form.cleaned_data.get("note") or "",
                by=request.user,
                on=form.cleaned_data["on"],
            ),
        )
        if ok:
            return done(request, "The action is recorded as done.", case_url(complaint))
    return staff_render(
        request,
        "staff/work/action_done.html",
        {"action": action, "complaint": complaint, "form": form},
        nav="actions",
    )


@staff_view(ACTING_ROLES)
def remedy_progress(request: StaffRequest, remedy_id: int) -> HttpResponse:
    """Follow a remedy to completion: accepted, paid and how, or done."""
    remedy = _on_visible_case(request, Remedy, remedy_id)
    complaint = remedy.stage.complaint
    financial = remedy.kind == RemedyKind.FINANCIAL
    form = staff_forms.RemedyProgressForm(
        request.POST if request.method == "POST" else None,
        initial={
            "version": complaint.version,
            "amount_accepted": remedy.amount_accepted or remedy.amount_offered,
            "amount_paid": remedy.amount_paid or remedy.amount_accepted or remedy.amount_offered,
            "accepted_on": remedy.accepted_on,
            "paid_on": remedy.paid_on,
            "payment_method": remedy.payment_method,
        },
        financial=financial,
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        changed = {
            "accepted_on": d.get("accepted_on")
            if d.get("accepted_on") != remedy.accepted_on
            else None,
            "paid_on": d.get("paid_on") if d.get("paid_on") != remedy.paid_on else None,
        }
        ok, _ = run_service(
            form,
            lambda: services.remedy_record_progress(
                remedy=remedy,
                accepted_on=changed["accepted_on"],
                amount_accepted=d.get("amount_accepted") if changed["accepted_on"] else None,
                paid_on=changed["paid_on"],
                amount_paid=d.get("amount_paid") if changed["paid_on"] else None,
                payment_method=(d.get("payment_method") or "") if changed["paid_on"] else "",
                done_on=d.get("done_on"),
                by=request.user,
            ),
        )
        if ok:
            return done(request, "Progress on the remedy is recorded.", case_url(complaint))
    return staff_render(
        request,
        "staff/work/remedy_progress.html",
        {"remedy": remedy, "complaint": complaint, "form": form, "financial": financial},
        nav="actions",
    )


def _back_to(request: StaffRequest, complaint) -> str:
    """Where a remedy marked as done goes back to: the page it was marked on, if it is
    one of ours (the "Actions and remedies" page), else the case."""
    wanted = request.POST.get("next", "")
    if wanted.startswith(reverse("staff:actions")):
        return wanted
    return case_url(complaint) + "#remedies"


@staff_view(ACTING_ROLES)
def remedy_done(request: StaffRequest, remedy_id: int) -> HttpResponse:
    """Mark a remedy as done, with what shows it: a few words, and a file if there is one
    (Code 7.3). Posted from under the remedy on the case page or the "Actions and remedies"
    page; shown as a page of its own to ask again, keeping what was typed, when something
    is missing."""
    remedy = _on_visible_case(request, Remedy, remedy_id)
    complaint = remedy.stage.complaint
    form = staff_forms.RemedyDoneForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if remedy.done_on is None and request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        evidence_file = (
            services.EvidenceFile(
                filename=upload.name,
                content=upload.read(),
                content_type=upload.content_type
                or mimetypes.guess_type(upload.name)[0]
                or "application/octet-stream",
            )
            if upload
            else None
        )
        ok, _ = run_service(
            form,
            lambda: services.remedy_complete(
                remedy=remedy,
                evidence=form.cleaned_data["evidence"],
                file=evidence_file,
                on=form.cleaned_data.get("on"),
                by=request.user,
            ),
        )
        if ok:
            return done(request, "The remedy is recorded as done.", _back_to(request, complaint))
    return staff_render(
        request,
        "staff/work/remedy_done.html",
        {"remedy": remedy, "complaint": complaint, "form": form},
        nav="actions",
    )


@staff_view(
    ALL_RESIDENTS_ROLES,
    refusal="The reviews of residents' needs are for the landlord's own complaints team. "
    "The needs of a resident whose complaint is allocated to your organisation are shown "
    "on that complaint.",
)
def reviews(request: StaffRequest) -> HttpResponse:
    """Adjustments, restrictions, vulnerabilities and disclosed disabilities whose review is
    overdue or due within the next 10 working days (Code 5.10, 5.15). The landlord's own
    staff keep them under review; a contractor's handler does not see every resident's
    needs."""
    membership = request.membership
    on = today()
    calendar = request.landlord.calendar()
    until = calendar.add_working_days(on, REVIEW_WINDOW_WORKING_DAYS)
    residents = selectors.residents_visible(membership)
    # Those still in force: a disclosed disability is not ended, only reviewed.
    in_force: tuple[tuple[QuerySet[ReviewedRecord], str, str], ...] = (
        (
            ReasonableAdjustment.objects.filter(ended_on__isnull=True),
            "Reasonable adjustments",
            "adjustment",
        ),
        (Restriction.objects.filter(ended_on__isnull=True), "Restrictions", "restriction"),
        (
            VulnerabilityFlag.objects.filter(ended_on__isnull=True),
            "Vulnerabilities",
            "vulnerability",
        ),
        (DisclosedDisability.objects.all(), "Disclosed disabilities", "disability"),
    )
    groups = []
    for records, label, slug in in_force:
        qs = records.filter(resident__in=residents, review_due_on__lte=until)
        rows = [
            (r, working_days_left(calendar, r.review_due_on, on))
            for r in qs.select_related("resident").order_by("review_due_on", "id")[:200]
        ]
        groups.append((label, slug, rows))
    return staff_render(
        request,
        "staff/work/reviews.html",
        {"groups": groups, "until": until, "window": REVIEW_WINDOW_WORKING_DAYS},
        nav="reviews",
    )


@staff_view(AUDIT_ROLES)
def access_log(request: StaffRequest) -> HttpResponse:
    """Who read which case, when (domain.md §11), newest first; for administrators."""
    qs = selectors.access_log(request.landlord)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(complaint__reference__iexact=q) | Q(user__username__iexact=q))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return staff_render(
        request, "staff/work/access_log.html", {"page": page, "q": q}, nav="access_log"
    )
