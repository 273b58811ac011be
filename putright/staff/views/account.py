"""Signing in and out, changing a password and, for someone who works for more than one
landlord, choosing which one to work for."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from putright.landlords.models import StaffMembership, today
from putright.landlords.permissions import SETTINGS_ROLES
from putright.landlords.selectors import set_up_steps
from putright.staff.forms import ChangePasswordForm, ChooseLandlordForm, SignInForm
from putright.staff.sso import sso_enabled
from putright.staff.throttle import locked_out, sign_in_locked, wrong_password_counted
from putright.staff.two_factor.policy import (
    forget_verification,
    has_second_factor,
    second_factor_required,
)
from putright.staff.views.common import done, staff_render
from putright.web.access import (
    SESSION_LANDLORD,
    SESSION_LAST_SEEN,
    StaffRequest,
    current_membership,
    idle_limit_seconds,
    staff_view,
)


class SignInView(LoginView):
    """Sign in with a username and password. After an idle or expired session the page
    says so; after signing in the person goes back to the page they asked for."""

    template_name = "staff/account/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso_enabled"] = sso_enabled()
        context["expired"] = self.request.GET.get("expired") == "1"
        context["idle_minutes"] = idle_limit_seconds() // 60
        context["page_has_errors"] = context["form"].is_bound and bool(context["form"].errors)
        return context

    def get_default_redirect_url(self) -> str:
        """The work queue; for an administrator of a landlord not yet set up (issue 15,
        a new landlord's first hour), the checklist of what is still to do."""
        membership = current_membership(self.request)
        if (
            membership is not None
            and membership.role in SETTINGS_ROLES
            and not all(step.done for step in set_up_steps(membership.landlord, today()))
        ):
            return reverse("staff:settings")
        return reverse("staff:queue")

    def form_valid(self, form):
        """Signed in with the password. Someone with an authenticator app is then asked
        for its code, and someone whose role requires one and who has none sets one up,
        before any other page (``two_factor.middleware`` holds them there)."""
        response = super().form_valid(form)
        self.request.session[SESSION_LAST_SEEN] = int(time.time())
        forget_verification(self.request)
        user = form.get_user()
        if has_second_factor(user):
            step = reverse("staff:sign_in_code")
        elif second_factor_required(user):
            step = reverse("staff:two_factor")
        else:
            return response
        return HttpResponseRedirect(f"{step}?{urlencode({'next': self.get_success_url()})}")


sign_in = SignInView.as_view()


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """Sign out (a POST, so a link or an image cannot sign anyone out)."""
    logout(request)
    messages.success(request, "You have signed out.")
    return HttpResponseRedirect(reverse("staff:sign_in"))


@staff_view(read_only=True)
def password_change(request: StaffRequest) -> HttpResponse:
    """Change one's own password. Any role may, viewers included; the person stays signed in.
    A wrong current password counts as a failed sign-in, so a session left open cannot be
    used to guess it: at the limit the person is signed out and signing in is locked."""
    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST":
        if sign_in_locked(request, request.user):
            logout(request)
            return locked_out(request)
        if form.is_valid():
            user = form.save()
            update_session_auth_hash(request, user)
            return done(request, "Your password has been changed.", reverse("staff:queue"))
        if "old_password" in form.errors and wrong_password_counted(request, request.user):
            logout(request)
            return locked_out(request)
    return staff_render(request, "staff/account/password_change.html", {"form": form})


@staff_view(read_only=True)
def choose_landlord(request: StaffRequest) -> HttpResponse:
    """For someone who works for more than one landlord: which one to work for now."""
    memberships = list(
        StaffMembership.objects.filter(user=request.user, active=True)
        .select_related("landlord")
        .order_by("landlord__name")
    )
    if request.method == "POST":
        form = ChooseLandlordForm(request.POST)
        if form.is_valid():
            chosen = form.cleaned_data["landlord"]
            if any(m.landlord_id == chosen for m in memberships):
                request.session[SESSION_LANDLORD] = chosen
                name = next(m.landlord.name for m in memberships if m.landlord_id == chosen)
                return done(request, f"You are now working for {name}.", reverse("staff:queue"))
    return staff_render(request, "staff/account/choose_landlord.html", {"memberships": memberships})
