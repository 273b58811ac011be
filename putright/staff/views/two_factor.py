"""The second factor's pages: the code asked for after the password, setting up an
authenticator app, and the recovery codes shown once (docs/security.md, "Second factor").
Until the code is given, ``two_factor.middleware`` keeps the person on these pages."""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import segno
from django.contrib.auth import logout
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from putright.rules.lifecycle import RuleError
from putright.staff.forms import AuthenticatorSetUpForm, SecurityCodeForm
from putright.staff.throttle import (
    code_lockout_message,
    locked_page,
    sign_in_locked,
    wrong_password_counted,
)
from putright.staff.two_factor import services
from putright.staff.two_factor.policy import (
    has_authenticator,
    has_second_factor,
    second_factor_required,
    session_verified,
)
from putright.web.access import SESSION_LAST_SEEN, current_membership, idle_too_long, sign_in_url
from putright.web.govuk import add_problems

SESSION_PENDING_KEY = "putright_authenticator_key"
SESSION_RECOVERY_CODES = "putright_recovery_codes"


def next_page(request: HttpRequest) -> str:
    """Where to go once this step is done: the page asked for, if it is one of ours."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("staff:queue")


def signed_in(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page for someone who has given their password: anyone else goes to sign in, and a
    session idle too long ends, as on every staff page."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return HttpResponseRedirect(sign_in_url(request))
        if idle_too_long(request):
            logout(request)
            return HttpResponseRedirect(sign_in_url(request, expired=True))
        return view(request, *args, **kwargs)

    wrapped.__doc__ = view.__doc__
    wrapped.__name__ = view.__name__
    return wrapped


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Render a second-factor page in the staff layout: the navigation once the person has
    finished signing in, only "Sign out" while they are still at this step."""
    verified = session_verified(request)
    membership = current_membership(request) if verified else None
    context.setdefault("page_has_errors", False)
    return render(
        request,
        template,
        {**context, "signing_in": not verified, "membership": membership},
    )


@require_http_methods(["GET", "POST"])
@signed_in
def sign_in_code(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: the code from the person's authenticator app, or one
    of their recovery codes. A wrong code counts towards the sign-in lock-out."""
    user: User = request.user  # type: ignore[assignment]  # signed in, checked above
    goes_to = next_page(request)
    if session_verified(request) or not has_second_factor(user):
        return HttpResponseRedirect(goes_to)
    form = SecurityCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if sign_in_locked(request, user):
            logout(request)
            return locked_page(request, code_lockout_message())
        check = services.code_check(user=user, code=form.cleaned_data["code"])
        if check.device is not None:
            request.session.cycle_key()
            otp_login(request, check.device)
            request.session[SESSION_LAST_SEEN] = int(time.time())
            return HttpResponseRedirect(goes_to)
        # Should this wrong code lock signing in, django-axes answers with locked_out,
        # which reads this to say it was codes, not passwords.
        request.putright_code_step = True  # type: ignore[attr-defined]
        if check.checked and wrong_password_counted(request, user):
            logout(request)
            return locked_page(request, code_lockout_message())
        add_problems(form, {"code": check.problem})
    return _page(
        request,
        "staff/account/sign_in_code.html",
        {"form": form, "next": goes_to, "page_has_errors": bool(form.errors)},
    )


def _recovery_codes_url(request: HttpRequest) -> str:
    return f"{reverse('staff:recovery_codes')}?{urlencode({'next': next_page(request)})}"


def _qr_svg(device: TOTPDevice) -> SafeString:
    """The authenticator's set-up address as a QR code, an SVG drawn on the server (no
    script, no style attribute: the Content-Security-Policy allows neither)."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=4, dark="#0b0c0c", light="#ffffff", svgclass="putright-qr"
    )
    labelled = svg.replace(
        "<svg ",
        '<svg role="img" aria-label="QR code to scan with your authenticator app" ',
        1,
    )
    return mark_safe(labelled)  # segno's own markup, holding only the QR code


def _key_for_people(hex_key: str) -> str:
    """The secret as an authenticator app asks for it to be typed: base32, in fours."""
    text = base64.b32encode(bytes.fromhex(hex_key)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@require_http_methods(["GET", "POST"])
@signed_in
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: the secret as a QR code and as text, confirmed with a
    code from the app. Officers and administrators are sent here until they have done it;
    anyone may come here to set one up, or to replace the one they have."""
    user: User = request.user  # type: ignore[assignment]  # signed in, checked above
    key = request.session.get(SESSION_PENDING_KEY) or services.authenticator_key_new()
    request.session[SESSION_PENDING_KEY] = key
    form = AuthenticatorSetUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.authenticator_confirm(
                user=user, key=key, code=form.cleaned_data["code"]
            )
        except RuleError as refusal:
            add_problems(form, refusal.problems)
        else:
            del request.session[SESSION_PENDING_KEY]
            request.session.cycle_key()
            otp_login(request, TOTPDevice.objects.get(user=user, confirmed=True))
            request.session[SESSION_RECOVERY_CODES] = {"codes": codes, "set_up": True}
            return HttpResponseRedirect(_recovery_codes_url(request))
    device = TOTPDevice(user=user, key=key)
    return _page(
        request,
        "staff/account/two_factor.html",
        {
            "form": form,
            "next": next_page(request),
            "qr_code": _qr_svg(device),
            "key_text": _key_for_people(key),
            "has_authenticator": has_authenticator(user),
            "required": second_factor_required(user),
            "page_has_errors": bool(form.errors),
        },
    )


@require_http_methods(["GET", "POST"])
@signed_in
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The recovery codes, shown once just after they are made; a POST makes new ones (for
    someone with an authenticator app, whose session has given a code)."""
    user: User = request.user  # type: ignore[assignment]  # signed in, checked above
    if request.method == "POST":
        if not (has_authenticator(user) and session_verified(request)):
            return HttpResponseRedirect(reverse("staff:two_factor"))
        codes = services.recovery_codes_replace(user=user)
        request.session[SESSION_RECOVERY_CODES] = {"codes": codes, "set_up": False}
        return HttpResponseRedirect(_recovery_codes_url(request))
    shown = request.session.pop(SESSION_RECOVERY_CODES, None)
    if not shown:
        return HttpResponseRedirect(reverse("staff:two_factor"))
    return _page(
        request,
        "staff/account/recovery_codes.html",
        {"codes": shown["codes"], "set_up": shown["set_up"], "next": next_page(request)},
    )
