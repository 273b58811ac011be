"""What every staff page shares: rendering with the workspace's navigation, finding the
case a URL names (or refusing it), and running a service for a form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from putright.complaints.models import Complaint
from putright.landlords.models import Role
from putright.rules.lifecycle import RuleError
from putright.web.access import StaffRequest, forbidden, visible_complaints
from putright.web.govuk import add_problems
from putright.web.pages import staff_page


def staff_render(
    request: StaffRequest,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    nav: str = "",
    status: int = 200,
) -> HttpResponse:
    """Render a staff workspace page in the one staff layout (``web.pages.staff_page``):
    the navigation with ``nav`` current, and "Error:" in the title when it shows errors."""
    return staff_page(request, template, context, nav=nav, status=status)


def case_or_refusal(request: StaffRequest, reference: str) -> Complaint | HttpResponse:
    """The complaint this person may see, or the 403 page. A contractor's handler is told
    "not allocated to your organisation" whether or not the reference exists, so the
    answer leaks nothing; others get a 404 for a reference their landlord does not have."""
    membership = request.membership
    complaint = visible_complaints(membership).filter(reference=reference).first()
    if complaint is not None:
        return complaint
    if membership.role == Role.CONTRACTOR_HANDLER:
        return forbidden(request, "This complaint is not allocated to your organisation.")
    raise Http404("No complaint has that reference.")


def case_url(complaint: Complaint) -> str:
    return reverse("staff:case", args=[complaint.reference])


def run_service(
    form: forms.BaseForm,
    action: Callable[[], Any],
    fields: dict[str, str] | None = None,
) -> tuple[bool, Any]:
    """Call a service; on RuleError put its problems on the form and return (False, None).
    PermissionDenied goes up to ``staff_view``, which shows the 403 page."""
    try:
        return True, action()
    except RuleError as refusal:
        add_problems(form, refusal.problems, fields)
        return False, None
    except PermissionDenied:
        raise


def done(request: HttpRequest, message: str, url: str) -> HttpResponse:
    """After a change: a success banner on the next page (post/redirect/get)."""
    messages.success(request, message)
    return HttpResponseRedirect(url)
