"""Who may see and do what in the staff workspace, checked on the server for every request.

Every staff-area view (the workspace, the Ombudsman, learning, reports and self-assessment
pages) is wrapped in ``staff_view``: the person must be signed in and work for a landlord;
the view then acts for that landlord only (``request.landlord``), with the role of
``request.membership``, and takes a ``StaffRequest`` that says so to the type checker. A contractor's staff see only the complaints allocated to their
contractor, and the residents of those complaints; what is the landlord's own (withdrawing
a complaint, changing a resident's record, the reviews of every resident's needs, the
Ombudsman's case file bundle) is for the landlord's own staff (``OWN_STAFF_ROLES``). A
refusal is a 403 page in plain English, never a 404 that hides a leak or a 500.

A group's pages (its work queue and report, issue 15 item 4) are wrapped in
``group_view`` instead: the group is named by the URL, and its own officers and viewers
read them with or without a role at any landlord (``GroupRequest``).

Viewers (the Member Responsible for Complaints, the governing body) read only: every POST
from them is refused, whatever the page. A session left idle for ``STAFF_IDLE_MINUTES``
(60 unless set) ends, and the sign-in page says why; the Django admin's pages too
(``web.middleware.AdminIdleTimeoutMiddleware``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, cast
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse

from putright.complaints.models import Complaint
from putright.landlords.models import (
    GroupMembership,
    Landlord,
    LandlordGroup,
    Role,
    StaffMembership,
)
from putright.landlords.permissions import OWN_STAFF_ROLES, SETTINGS_ROLES, can_read_group
from putright.rules import approval
from putright.rules.allocation import STAGE2_HANDLER_ROLES

SESSION_LANDLORD = "putright_landlord_id"
SESSION_LAST_SEEN = "putright_last_seen"

#: Roles that may change complaints (a viewer reads and runs reports only).
ACTING_ROLES = frozenset(
    {Role.OFFICER, Role.HANDLER, Role.SENIOR_HANDLER, Role.CONTRACTOR_HANDLER, Role.ADMINISTRATOR}
)
#: Roles that see the needs of every resident of the landlord (the reviews due): all but a
#: contractor's handler, who sees only the residents of its own allocations.
ALL_RESIDENTS_ROLES = frozenset(
    {Role.OFFICER, Role.HANDLER, Role.SENIOR_HANDLER, Role.VIEWER, Role.ADMINISTRATOR}
)
#: What a contractor's handler is told of a page for the landlord's own staff.
OWN_STAFF_ONLY = (
    "This is for the landlord's own complaints team. A contractor's handler works only on "
    "the complaints allocated to its organisation."
)
#: Roles that may take a complaint at stage 2 (Code 6.13 asks for a more senior handler),
#: as ``putright.rules.allocation`` says: senior handlers and complaints officers.
STAGE2_ROLES = frozenset(Role(role) for role in STAGE2_HANDLER_ROLES)
#: Roles that approve a response before it goes (``putright.rules.approval``).
APPROVER_ROLES = frozenset(Role(role) for role in approval.APPROVER_ROLES)
#: Roles that may see equality data, held apart from the case.
EQUALITY_ROLES = frozenset({Role.OFFICER, Role.ADMINISTRATOR})
#: Roles that may change the landlord's letter templates.
TEMPLATE_ROLES = frozenset({Role.OFFICER, Role.ADMINISTRATOR})
#: Roles that see who has read each case (domain.md §11).
AUDIT_ROLES = frozenset({Role.ADMINISTRATOR})
#: Roles offered the reports in the menu (the MRC and governing body read them).
REPORT_ROLES = frozenset({Role.VIEWER, Role.OFFICER, Role.ADMINISTRATOR})


class StaffRequest(HttpRequest):
    """The request a ``staff_view`` hands its view: a signed-in person (``user``), the
    membership they work under (``membership``, whose role decides what they may do) and
    its landlord (``landlord``), the only one whose records the view may touch."""

    user: User
    membership: StaffMembership
    landlord: Landlord


def idle_limit_seconds() -> int:
    return int(getattr(settings, "STAFF_IDLE_MINUTES", 60)) * 60


def current_membership(request: HttpRequest) -> StaffMembership | None:
    """The membership the person is working under: the landlord chosen this session, or
    their only (first) one. None for someone not signed in."""
    user = request.user
    if not isinstance(user, User):
        return None
    # The first group the person is an officer or viewer of comes with it, in the same
    # query, for the staff navigation's "Group queue" (issue 15, item 4).
    first_group = GroupMembership.objects.filter(user=user).order_by("group__name")
    memberships = list(
        StaffMembership.objects.filter(user=user, active=True)
        .select_related("landlord", "contractor")
        .annotate(group_slug=Subquery(first_group.values("group__slug")[:1]))
        .order_by("landlord__name")
    )
    chosen = request.session.get(SESSION_LANDLORD)
    for m in memberships:
        if m.landlord_id == chosen:
            return m
    return memberships[0] if memberships else None


def layout_context(membership: StaffMembership | None) -> dict[str, Any]:
    """What the staff layout needs: who is signed in, as what, for which landlord, and
    which parts of the workspace their role reaches."""
    if membership is None:
        return {}
    return {
        "membership": membership,
        "landlord": membership.landlord,
        "can_act": membership.role in ACTING_ROLES,
        "can_see_equality": membership.role in EQUALITY_ROLES,
        "can_edit_templates": membership.role in TEMPLATE_ROLES,
        "can_audit": membership.role in AUDIT_ROLES,
        "is_contractor": membership.role == Role.CONTRACTOR_HANDLER,
        "can_keep_residents": membership.role in OWN_STAFF_ROLES,
        "can_see_reports": membership.role in REPORT_ROLES,
        "can_keep_settings": membership.role in SETTINGS_ROLES,
        # The group queue in the navigation, for a group's officers and viewers.
        "group_slug": getattr(membership, "group_slug", None),
    }


def forbidden(
    request: HttpRequest, message: str = "", membership: StaffMembership | None = None
) -> HttpResponse:
    """The 403 page: what was refused, in plain English, and what to do next."""
    membership = membership or getattr(request, "membership", None)
    return render(
        request,
        "web/forbidden.html",
        {
            "message": message or "Your account does not have permission to do this.",
            **layout_context(membership),
        },
        status=403,
    )


def sign_in_url(request: HttpRequest, expired: bool = False) -> str:
    query = {"next": request.get_full_path()}
    if expired:
        query["expired"] = "1"
    return f"{reverse('staff:sign_in')}?{urlencode(query)}"


def idle_too_long(request: HttpRequest) -> bool:
    """Whether the session has been idle too long; otherwise note this request (at most
    once a minute, so reading pages does not write the session every time)."""
    now = int(time.time())
    last = request.session.get(SESSION_LAST_SEEN)
    if last is not None and now - int(last) > idle_limit_seconds():
        return True
    if last is None or now - int(last) >= 60:
        request.session[SESSION_LAST_SEEN] = now
    return False


def not_signed_in(request: HttpRequest) -> HttpResponseRedirect | None:
    """The way to the sign-in page for someone not signed in, or whose session has been
    idle too long (and is ended); None for someone signed in."""
    if not request.user.is_authenticated:
        expired = settings.SESSION_COOKIE_NAME in request.COOKIES
        return HttpResponseRedirect(sign_in_url(request, expired=expired))
    if idle_too_long(request):
        logout(request)
        return HttpResponseRedirect(sign_in_url(request, expired=True))
    return None


def staff_view(
    roles: Iterable[str] | None = None,
    *,
    read_only: bool = False,
    refusal: str = "",
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """Require a signed-in member of staff, optionally with one of ``roles`` (anyone else
    is told ``refusal``, or that their role does not allow the page); set
    ``request.membership`` and ``request.landlord`` (the view takes a ``StaffRequest``). A POST needs an acting role unless
    the view is ``read_only`` (it changes no record, e.g. a letter preview). Any
    PermissionDenied, from here or from a service, becomes the 403 page."""
    allowed = frozenset(roles) if roles is not None else None
    not_allowed = "Your role does not allow you to use this page."
    acting_refusal = refusal or not_allowed

    def decorate(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            not_in = not_signed_in(request)
            if not_in is not None:
                return not_in
            membership = current_membership(request)
            if membership is None:
                return forbidden(request, "Your account does not work for any landlord yet.")
            if allowed is not None and membership.role not in allowed:
                # ``refusal`` is for someone who acts elsewhere; a viewer reads only.
                words = acting_refusal if membership.role in ACTING_ROLES else not_allowed
                return forbidden(request, words, membership)
            if request.method == "POST" and not read_only and membership.role not in ACTING_ROLES:
                return forbidden(
                    request, "Your role can read complaints but not change them.", membership
                )
            staff_request = cast(StaffRequest, request)
            staff_request.membership = membership
            staff_request.landlord = membership.landlord
            try:
                return view(staff_request, *args, **kwargs)
            except PermissionDenied as refusal:
                return forbidden(request, str(refusal))

        return wrapped

    return decorate


class GroupRequest(HttpRequest):
    """The request a ``group_view`` hands its view: a signed-in person (``user``) who may
    read the group's pages (``group``), and the membership they work under at a landlord,
    if they have one (``membership``: a group's own officer or viewer may have none)."""

    user: User
    group: LandlordGroup
    membership: StaffMembership | None


#: What someone who may not read a group's pages is told.
GROUP_REFUSAL = (
    "Only the group's officers and viewers, and people who read the reports of every "
    "landlord in the group, can see the group's pages."
)


def group_view(
    *, refusal: str = GROUP_REFUSAL
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """Issue 15, item 4: a page of a group of landlords, at a URL naming the group by its
    ``slug``. The person must be signed in (and not idle too long) and read the group
    (``landlords.permissions.can_read_group``): its own officers and viewers, who need no
    role at any landlord, and anyone who reads the reports of every one of its landlords.
    A group that does not exist is not found; anyone else gets the 403 page with
    ``refusal``. Group pages only read: a POST is for the view to check itself."""

    def decorate(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
            not_in = not_signed_in(request)
            if not_in is not None:
                return not_in
            group = LandlordGroup.objects.filter(slug=slug).first()
            if group is None:
                raise Http404("There is no such group.")
            membership = current_membership(request)
            if not can_read_group(request.user, group):
                return forbidden(request, refusal, membership)
            group_request = cast(GroupRequest, request)
            group_request.group = group
            group_request.membership = membership
            try:
                return view(group_request, *args, **kwargs)
            except PermissionDenied as refused:
                return forbidden(request, str(refused), membership)

        return wrapped

    return decorate


def readable_groups(user: User) -> list[LandlordGroup]:
    """The groups whose pages the staff navigation offers this person: those they are an
    officer or viewer of (``GroupMembership``)."""
    return list(LandlordGroup.objects.filter(members__user=user).order_by("name"))


def visible_complaints(membership: StaffMembership) -> QuerySet[Complaint]:
    """The complaints this person may see: their landlord's, or for a contractor's staff
    only those allocated to their contractor."""
    qs = Complaint.objects.filter(landlord_id=membership.landlord_id)
    if membership.role == Role.CONTRACTOR_HANDLER:
        # The database holds that a contractor's handler names its contractor
        # (``contractor_handler_names_contractor``).
        assert membership.contractor_id is not None
        qs = qs.filter(contractor_id=membership.contractor_id)
    return qs


def can_act(membership: StaffMembership) -> bool:
    return membership.role in ACTING_ROLES


def landlords_of(request: HttpRequest) -> list[Landlord]:
    """The landlords the person signed in works for; none for someone not signed in."""
    user = request.user
    if not isinstance(user, User):
        return []
    return [
        m.landlord
        for m in StaffMembership.objects.filter(user=user, active=True).select_related("landlord")
    ]
