"""Who may see and do what in the staff workspace, checked on the server for every request.

Every staff view is wrapped in ``staff_view``: the person must be signed in and work for a
landlord; the view then acts for that landlord only (``request.landlord``), with the role
of ``request.membership``. A contractor's staff see only the complaints allocated to their
contractor. A refusal is a 403 page in plain English, never a 404 that hides a leak or a 500.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from putright.complaints.models import Complaint
from putright.landlords.models import Landlord, Role, StaffMembership

SESSION_LANDLORD = "putright_landlord_id"

#: Roles that may change complaints (a viewer reads and runs reports only).
ACTING_ROLES = frozenset(
    {Role.OFFICER, Role.HANDLER, Role.SENIOR_HANDLER, Role.CONTRACTOR_HANDLER, Role.ADMINISTRATOR}
)
#: Roles that may take a complaint at stage 2 (Code 6.13 asks for a more senior handler).
STAGE2_ROLES = frozenset({Role.SENIOR_HANDLER, Role.OFFICER, Role.ADMINISTRATOR})
#: Roles that may see equality data, held apart from the case.
EQUALITY_ROLES = frozenset({Role.OFFICER, Role.ADMINISTRATOR})


def current_membership(request: HttpRequest) -> StaffMembership | None:
    """The membership the person is working under: the landlord chosen this session, or
    their only (first) one."""
    memberships = StaffMembership.objects.filter(user=request.user).select_related(
        "landlord", "contractor"
    )
    chosen = request.session.get(SESSION_LANDLORD)
    if chosen is not None:
        for m in memberships:
            if m.landlord_id == chosen:
                return m
    return memberships.order_by("landlord__name").first()


def staff_view(
    roles: Iterable[str] | None = None,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Require a signed-in member of staff, optionally with one of ``roles``; set
    ``request.membership`` and ``request.landlord``."""
    allowed = frozenset(roles) if roles is not None else None

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = current_membership(request)
            if membership is None:
                raise PermissionDenied("Your account does not work for any landlord yet.")
            if allowed is not None and membership.role not in allowed:
                raise PermissionDenied("Your role does not allow this.")
            request.membership = membership  # type: ignore[attr-defined]
            request.landlord = membership.landlord  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def visible_complaints(membership: StaffMembership) -> QuerySet[Complaint]:
    """The complaints this person may see: their landlord's, or for a contractor's staff
    only those allocated to their contractor."""
    qs = Complaint.objects.filter(landlord_id=membership.landlord_id)
    if membership.role == Role.CONTRACTOR_HANDLER:
        qs = qs.filter(contractor_id=membership.contractor_id)
    return qs


def can_act(membership: StaffMembership) -> bool:
    return membership.role in ACTING_ROLES


def landlords_of(request: HttpRequest) -> list[Landlord]:
    return [
        m.landlord
        for m in StaffMembership.objects.filter(user=request.user).select_related("landlord")
    ]
