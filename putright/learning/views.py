"""Staff pages for learning from complaints, under /staff/learning/: the improvements
register, themes and trends, the hazard queue, and suggestions as a complaint is logged."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from putright.complaints.models import Complaint
from putright.landlords.models import Role, today
from putright.learning import selectors, services
from putright.learning.charts import legend, line_chart
from putright.learning.forms import (
    BreakdownForm,
    CaseReviewActionForm,
    CaseReviewForm,
    CaseReviewMeetingForm,
    LearningForm,
    LearningStatusForm,
)
from putright.learning.models import CaseReview, LearningRecord, LearningStatus
from putright.learning.suggestions import suggest
from putright.ombudsman.models import OmbudsmanCase
from putright.ombudsman.permissions import READ_ROLES
from putright.rules.lifecycle import RuleError
from putright.web.access import StaffRequest, can_act, staff_view, visible_complaints
from putright.web.govuk import add_problems
from putright.web.pages import area_pages, staff_page

#: Lines drawn on the chart; the table below it has every row.
CHART_SERIES = 6


#: Learning's pages, linked under the staff navigation: (name, url name, text).
PAGES = (
    ("learning", "learning:register", "Improvements"),
    ("reviews", "learning:reviews", "Critical case reviews"),
    ("themes", "learning:themes", "Themes and trends"),
    ("hazards", "learning:hazards", "Hazards"),
)


def _page(
    request: StaffRequest, template: str, context: dict[str, Any], section: str
) -> HttpResponse:
    """A learning page in the staff layout, ``section`` the one of ``PAGES`` it is under."""
    membership = request.membership
    pages = [(name, reverse(url), text) for name, url, text in PAGES]
    return staff_page(
        request,
        template,
        {
            "can_record": can_act(membership) and membership.role != Role.CONTRACTOR_HANDLER,
            **area_pages("Learning pages", pages, section),
            **context,
        },
        nav="learning",
    )


@staff_view(READ_ROLES)
def register(request: StaffRequest) -> HttpResponse:
    """The improvements register (Code 9.3, 9.7): every lesson, its improvement, owner and
    status."""
    status = request.GET.get("status", "")
    records = selectors.register(request.landlord, status)
    return _page(
        request,
        "learning/register.html",
        {
            "records": records,
            "status": status,
            "statuses": LearningStatus.choices,
            "today": today(),
        },
        "learning",
    )


@staff_view(READ_ROLES)
def new(request: StaffRequest) -> HttpResponse:
    """Record learning from a complaint (``?complaint=CU-000123``), an Ombudsman case
    (``?case=ID``) or a theme review."""
    landlord = request.landlord
    membership = request.membership
    if not can_act(membership) or membership.role == Role.CONTRACTOR_HANDLER:
        raise PermissionDenied("Your role can read the register but not add to it.")
    complaint = None
    ombudsman_case = None
    if reference := request.GET.get("complaint"):
        complaint = get_object_or_404(visible_complaints(membership), reference=reference)
    if case_id := request.GET.get("case"):
        ombudsman_case = get_object_or_404(
            OmbudsmanCase.objects.select_related("complaint"),
            pk=case_id if case_id.isdigit() else 0,
            landlord=landlord,
        )
    form = LearningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            record = services.learning_record_add(
                landlord=landlord,
                complaint=complaint,
                ombudsman_case=ombudsman_case,
                what_went_wrong=d["what_went_wrong"],
                learning=d["learning"],
                improvement=d["improvement"],
                owner=d["owner"],
                due_on=d["due_on"],
                by=request.user,
            )
        except RuleError as error:
            add_problems(form, error.problems)
        else:
            messages.success(request, "Learning recorded in the improvements register.")
            return redirect("learning:record", pk=record.pk)
    return _page(
        request,
        "learning/new.html",
        {"form": form, "complaint": complaint, "ombudsman_case": ombudsman_case},
        "learning",
    )


@staff_view(READ_ROLES)
def record(request: StaffRequest, pk: int) -> HttpResponse:
    the_record = get_object_or_404(
        LearningRecord.objects.select_related("complaint", "ombudsman_case"),
        pk=pk,
        landlord=request.landlord,
    )
    form = LearningStatusForm(
        request.POST or None,
        initial={"status": the_record.status, "done_on": the_record.done_on or today()},
    )
    if request.method == "POST":
        membership = request.membership
        if not can_act(membership) or membership.role == Role.CONTRACTOR_HANDLER:
            raise PermissionDenied("Your role can read the register but not change it.")
        if form.is_valid():
            try:
                services.learning_record_update(
                    record=the_record,
                    status=form.cleaned_data["status"],
                    done_on=form.cleaned_data["done_on"],
                    by=request.user,
                )
            except RuleError as error:
                add_problems(form, error.problems)
            else:
                messages.success(request, "The improvement's status is saved.")
                return redirect("learning:register")
    return _page(request, "learning/record.html", {"record": the_record, "form": form}, "learning")


def _require_recorder(request: StaffRequest) -> None:
    membership = request.membership
    if not can_act(membership) or membership.role == Role.CONTRACTOR_HANDLER:
        raise PermissionDenied("Your role can read the reviews but not change them.")


def _the_review(request: StaffRequest, pk: int) -> CaseReview:
    return get_object_or_404(CaseReview, pk=pk, landlord=request.landlord)


@staff_view(READ_ROLES)
def reviews(request: StaffRequest) -> HttpResponse:
    """Critical case reviews (Milton Keynes' Housing Complaints Board): complaints a panel
    reviews, when it met, and how many actions it set."""
    return _page(
        request,
        "learning/reviews.html",
        {"reviews": selectors.case_reviews(request.landlord)},
        "reviews",
    )


def _complaints_typed(request: StaffRequest, form: CaseReviewForm) -> list[Complaint] | None:
    """The complaints whose references were typed, in that order; None (with the error on
    the form) when one is not a complaint this person can see, or none was typed."""
    if "complaints" not in form.cleaned_data:
        return None
    references = form.references()
    found = {
        c.reference: c
        for c in visible_complaints(request.membership).filter(reference__in=references)
    }
    missing = [r for r in references if r not in found]
    if missing:
        form.add_error(
            "complaints",
            f"There is no complaint {', '.join(missing)}: check the reference"
            + ("s" if len(missing) > 1 else ""),
        )
        return None
    return [found[r] for r in references]


@staff_view(READ_ROLES)
def review_new(request: StaffRequest) -> HttpResponse:
    """Select complaints for a critical case review, saying why."""
    _require_recorder(request)
    form = CaseReviewForm(request.POST or None)
    if request.method == "POST":
        form.is_valid()
        # Unknown references are said even when the reason is missing too: every problem at once.
        found = _complaints_typed(request, form)
        if found is not None and not form.errors:
            try:
                the_review = services.case_review_open(
                    landlord=request.landlord,
                    complaints=found,
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except RuleError as error:
                add_problems(form, error.problems)
            else:
                messages.success(request, "The complaints have been selected for review.")
                return redirect("learning:review", pk=the_review.pk)
    return _page(request, "learning/review_new.html", {"form": form}, "reviews")


@staff_view(READ_ROLES)
def review(request: StaffRequest, pk: int) -> HttpResponse:
    """One critical case review: the complaints, why, the panel's meeting and findings, and
    its actions in the improvements register."""
    the_review = _the_review(request, pk)
    return _page(
        request,
        "learning/review.html",
        {
            "review": the_review,
            "complaints": the_review.complaints.order_by("reference"),
            "actions": the_review.actions.order_by("recorded_on", "id"),
        },
        "reviews",
    )


@staff_view(READ_ROLES)
def review_meeting(request: StaffRequest, pk: int) -> HttpResponse:
    """Record the panel's meeting date and findings."""
    _require_recorder(request)
    the_review = _the_review(request, pk)
    form = CaseReviewMeetingForm(
        request.POST or None,
        initial={"meeting_on": the_review.meeting_on, "findings": the_review.findings},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.case_review_record_meeting(
                review=the_review,
                meeting_on=form.cleaned_data["meeting_on"],
                findings=form.cleaned_data["findings"],
                by=request.user,
            )
        except RuleError as error:
            add_problems(form, error.problems)
        else:
            messages.success(request, "The panel's meeting and findings have been saved.")
            return redirect("learning:review", pk=the_review.pk)
    return _page(
        request, "learning/review_meeting.html", {"form": form, "review": the_review}, "reviews"
    )


@staff_view(READ_ROLES)
def review_action_new(request: StaffRequest, pk: int) -> HttpResponse:
    """Add one of the panel's actions to the improvements register."""
    _require_recorder(request)
    the_review = _the_review(request, pk)
    if not the_review.held:
        messages.error(request, "Record the panel's meeting and findings before its actions.")
        return redirect("learning:review_meeting", pk=the_review.pk)
    form = CaseReviewActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.case_review_action_add(
                review=the_review,
                learning=d["learning"],
                action=d["action"],
                owner=d["owner"],
                due_on=d["due_on"],
                by=request.user,
            )
        except RuleError as error:
            add_problems(form, error.problems)
        else:
            messages.success(request, "The action is in the improvements register.")
            return redirect("learning:review", pk=the_review.pk)
    return _page(
        request, "learning/review_action.html", {"form": form, "review": the_review}, "reviews"
    )


@staff_view(READ_ROLES)
def themes(request: StaffRequest) -> HttpResponse:
    """Themes and root causes over time, by service area, contractor, estate or block: a
    chart with a sentence saying what it shows and the table of numbers; and the trend
    signal for each theme."""
    landlord = request.landlord
    form = BreakdownForm(
        request.GET or None, landlord=landlord, initial={"by": "theme", "months": 12}
    )
    by, months, within = "theme", 12, None
    if form.is_bound and form.is_valid():
        by, months = form.cleaned_data["by"], form.cleaned_data["months"]
        within = form.within()
    on = today()
    found = selectors.breakdown(landlord, by, on, months, within)
    drawn = found.rows[:CHART_SERIES]
    title = f"Complaints received each month by {selectors.DIMENSIONS[by].lower()}"
    chart = line_chart(
        found.months,
        drawn,
        title=title,
        description=found.summary()
        + (
            f" The chart shows the {len(drawn)} largest; the table has all {len(found.rows)}."
            if len(found.rows) > len(drawn)
            else ""
        ),
    )
    return _page(
        request,
        "learning/themes.html",
        {
            "form": form,
            "breakdown": found,
            "chart": chart,
            "chart_title": title,
            "legend": legend([label for label, _ in drawn]),
            "trends": selectors.theme_trends(landlord, on),
            "dimension": selectors.DIMENSIONS[by],
        },
        "themes",
    )


@staff_view()
def hazards(request: StaffRequest) -> HttpResponse:
    """Open records that mention a hazard or a vulnerable household: triage these first."""
    return _page(
        request,
        "learning/hazards.html",
        {"flagged": selectors.hazard_queue(request.membership)},
        "hazards",
    )


@staff_view()
def suggestions(request: StaffRequest) -> HttpResponse:
    """Suggestions for a description (``?description=...``) as an HTML fragment for the
    log form, or JSON with ``?format=json``. Read-only, quick, never an error page."""
    found = suggest(request.landlord, request.GET.get("description", "")[:5000])
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "hazard": {
                    "flagged": found.hazard.flagged,
                    "emergency": found.hazard.emergency,
                    "hazards": [h.value for h in found.hazard.hazards],
                    "summary": found.hazard.summary,
                },
                "suggestions": [
                    {
                        "target": s.target,
                        "value": s.value,
                        "label": s.label,
                        "confidence": round(s.confidence, 3),
                        "accuracy": s.accuracy,
                    }
                    for s in found.items
                ],
                "note": found.note,
            }
        )
    return render(request, "learning/suggestions.html", {"suggestions": found})
