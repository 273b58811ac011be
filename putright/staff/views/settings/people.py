"""The landlord's staff: who works for it and as what, inviting someone (a one-time link
to set a password), changing a role or team, deactivating and reactivating; and the page
an invitation's link opens."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from putright.complaints.models import Stage
from putright.landlords.invitations import (
    invitation_parts,
    invitation_tokens,
    invite_days,
    invited_user,
)
from putright.landlords.models import Contractor, Landlord, StaffMembership
from putright.landlords.services import (
    staff_deactivate,
    staff_invite,
    staff_invite_accept,
    staff_invite_resend,
    staff_membership_change,
    staff_reactivate,
)
from putright.rules.lifecycle import RuleError, StageStatus
from putright.staff.forms.settings import AcceptInvitationForm, InviteForm, MemberForm
from putright.staff.views.common import done, run_service, staff_render
from putright.staff.views.settings.common import settings_area, settings_view
from putright.web.access import StaffRequest
from putright.web.govuk import add_problems
from putright.web.pages import staff_page


def _link_maker(request: HttpRequest) -> Callable[[User], str]:
    """What makes the full address of a person's invitation link."""

    def link_for(user: User) -> str:
        uid, token = invitation_parts(user)
        return request.build_absolute_uri(reverse("staff:invite_accept", args=[uid, token]))

    return link_for


def _contractor(landlord: Landlord, contractor_id: int | None) -> Contractor | None:
    if contractor_id is None:
        return None
    return Contractor.objects.filter(landlord=landlord, pk=contractor_id).first()


def _name(user: User) -> str:
    return user.get_full_name().strip() or user.get_username()


@settings_view
def staff_list(request: StaffRequest) -> HttpResponse:
    """Everyone who works for the landlord, or has, with their role and team."""
    members = (
        StaffMembership.objects.filter(landlord=request.landlord, service_user=False)
        .select_related("user", "contractor")
        .order_by("-active", "user__first_name", "user__last_name", "user__username")
    )
    return staff_render(
        request,
        "staff/settings/staff.html",
        {"members": members, **settings_area("staff")},
        nav="settings",
    )


@settings_view
def staff_invite_page(request: StaffRequest) -> HttpResponse:
    form = InviteForm(request.POST or None, landlord=request.landlord)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, membership = run_service(
            form,
            lambda: staff_invite(
                landlord=request.landlord,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                role=data["role"],
                team=data["team"],
                contractor=_contractor(request.landlord, data["contractor"]),
                link_for=_link_maker(request),
                by=request.user,
            ),
        )
        if ok:
            return done(
                request,
                f"{_name(membership.user)} has been invited. We have emailed "
                f"{membership.user.email}.",
                reverse("staff:settings_staff"),
            )
    return staff_render(
        request,
        "staff/settings/invite.html",
        {"form": form, "invite_days": invite_days(), **settings_area("staff")},
        nav="settings",
    )


@settings_view
def staff_member(request: StaffRequest, user_id: int) -> HttpResponse:
    """One person at this landlord: change their role, team or contractor; send a new
    invitation link; deactivate or reactivate them."""
    membership = (
        StaffMembership.objects.filter(
            landlord=request.landlord, user_id=user_id, service_user=False
        )
        .select_related("user", "contractor", "landlord")
        .first()
    )
    if membership is None:
        raise Http404("Nobody at this landlord has that account.")
    name = _name(membership.user)
    back = reverse("staff:settings_staff")
    action = request.POST.get("action", "save") if request.method == "POST" else ""
    form = MemberForm(
        request.POST if action == "save" else None,
        landlord=request.landlord,
        initial={
            "role": membership.role,
            "team": membership.team,
            "contractor": membership.contractor_id,
        },
    )
    problems: list[tuple[str, str]] = []
    if action in ("deactivate", "reactivate", "resend"):
        service = {
            "deactivate": lambda: staff_deactivate(membership=membership, by=request.user),
            "reactivate": lambda: staff_reactivate(membership=membership, by=request.user),
            "resend": lambda: staff_invite_resend(
                membership=membership, link_for=_link_maker(request), by=request.user
            ),
        }[action]
        try:
            service()
        except RuleError as refusal:
            problems = [(f"{action}-button", m) for m in refusal.problems.values()]
        else:
            words = {
                "deactivate": f"{name} has been deactivated: they can no longer work for "
                f"{request.landlord.name}.",
                "reactivate": f"{name} works for {request.landlord.name} again.",
                "resend": f"We have sent {name} a new invitation link.",
            }[action]
            return done(request, words, back)
    elif action == "save" and form.is_valid():
        data = form.cleaned_data
        ok, _ = run_service(
            form,
            lambda: staff_membership_change(
                membership=membership,
                role=data["role"],
                team=data["team"],
                contractor=_contractor(request.landlord, data["contractor"]),
                by=request.user,
            ),
        )
        if ok:
            return done(request, f"{name}'s role has been saved.", back)
    open_cases = Stage.objects.filter(
        landlord=request.landlord,
        handler_id=membership.user_id,
        status__in=[StageStatus.REQUESTED, StageStatus.ACKNOWLEDGED],
    ).count()
    return staff_page(
        request,
        "staff/settings/member.html",
        {
            "form": form,
            "member": membership,
            "person": name,
            "problems": problems,
            "invited": not membership.user.has_usable_password(),
            "open_cases": open_cases,
            "is_me": membership.user_id == request.user.pk,
            **settings_area("staff"),
        },
        nav="settings",
        has_errors=bool(problems) or None,
    )


def invite_accept(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The page an invitation's link opens: set a password, then sign in. The link works
    once, for ``invite_days()`` days; otherwise the page says so and who to ask."""
    user = invited_user(uidb64)
    valid = user is not None and user.is_active and invitation_tokens.check_token(user, token)
    if not valid or user is None:
        return render(
            request,
            "staff/settings/invite_expired.html",
            {"days": invite_days(), "page_has_errors": False},
            status=410 if user is not None else 404,
        )
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            staff_invite_accept(user=user, token=token, password=form.cleaned_data["password"])
        except RuleError as refusal:
            add_problems(form, refusal.problems)
        else:
            if request.user.is_authenticated:
                logout(request)
            messages.success(request, "Your password has been set. Sign in with it now.")
            return HttpResponseRedirect(reverse("staff:sign_in"))
    return render(
        request,
        "staff/settings/invite_accept.html",
        {
            "form": form,
            "person": user,
            "landlords": [
                m.landlord.name
                for m in StaffMembership.objects.filter(user=user, active=True).select_related(
                    "landlord"
                )
            ],
            "page_has_errors": form.is_bound and bool(form.errors),
        },
    )
