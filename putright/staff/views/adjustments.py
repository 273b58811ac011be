"""Agreeing the support a resident asked for online (Code 5.10): the request as they made
it, and a form to record what was agreed with them and when it will be reviewed. Reached
from the case page while a request waits."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from putright.complaints.services import complaint_adjustment_agree
from putright.residents.models import AdjustmentRequest
from putright.residents.services import ADJUSTMENT_ROLES
from putright.staff.forms import AdjustmentRequestAgreeForm
from putright.staff.views.common import case_or_refusal, case_url, done, run_service, staff_render
from putright.web.access import StaffRequest, staff_view


@staff_view(ADJUSTMENT_ROLES)
def agree(request: StaffRequest, reference: str, request_id: int) -> HttpResponse:
    """Code 5.10: agree the request with the resident as a reasonable adjustment, with a
    review date; the complaint's timeline says so."""
    found = case_or_refusal(request, reference)
    if isinstance(found, HttpResponse):
        return found
    asked = get_object_or_404(
        AdjustmentRequest.objects.select_related("agreed_as"), pk=request_id, complaint=found
    )
    form = AdjustmentRequestAgreeForm(request.POST or None, initial={"details": asked.details})
    if request.method == "POST" and asked.is_waiting and form.is_valid():
        d = form.cleaned_data
        ok, adjustment = run_service(
            form,
            lambda: complaint_adjustment_agree(
                request=asked,
                details=d.get("details") or "",
                on=d["agreed_on"],
                review_due_on=d["review_due_on"],
                by=request.user,
            ),
        )
        if ok:
            return done(
                request,
                f"The adjustment is agreed: {adjustment}. Review by "
                f"{adjustment.review_due_on:%-d %B %Y}.",
                case_url(found),
            )
    return staff_render(
        request,
        "staff/case/adjustment_request.html",
        {"complaint": found, "asked": asked, "form": form},
        nav="queue",
    )
