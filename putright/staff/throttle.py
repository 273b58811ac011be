"""Sign-in throttling (django-axes, configured in settings.py): after too many wrong
passwords for one username, or from one address, signing in is refused for a while, at the
staff sign-in page, the admin's sign-in page and when changing a password. The refusal is
the sign-in page with its reason on the GOV.UK error summary; each lock-out is logged, and
an administrator can unlock sooner (README, "Running it for real")."""

from __future__ import annotations

import logging
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from putright.staff.forms import SignInForm
from putright.staff.sso import sso_enabled
from putright.web.access import idle_limit_seconds

log = logging.getLogger("putright.security")


def lockout_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_message() -> str:
    minutes = lockout_minutes()
    return (
        "Signing in is locked because a wrong password was entered too many times. "
        f"Try again in {minutes} minute{'s' if minutes != 1 else ''}, "
        "or ask your administrator to unlock it."
    )


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The sign-in page saying that signing in is locked, for django-axes to answer a
    locked-out attempt with (429 Too Many Requests): the lock-out a wrong security code
    brought about says so."""
    if getattr(request, "putright_code_step", False):
        return locked_page(request, code_lockout_message())
    return locked_page(request, lockout_message())


def code_lockout_message() -> str:
    minutes = lockout_minutes()
    return (
        "Signing in is locked because a wrong security code was entered too many times. "
        f"Try again in {minutes} minute{'s' if minutes != 1 else ''}, "
        "or ask your administrator to unlock it."
    )


def locked_page(request: HttpRequest, message: str) -> HttpResponse:
    """The sign-in page with ``message`` on its error summary (429 Too Many Requests)."""
    return render(
        request,
        "staff/account/sign_in.html",
        {
            "form": SignInForm(request),
            "next": request.POST.get("next", request.GET.get("next", "")),
            "locked_message": message,
            "idle_minutes": idle_limit_seconds() // 60,
            "sso_enabled": sso_enabled(),
            "page_has_errors": True,
        },
        status=429,
    )


def _credentials(user: AbstractBaseUser) -> dict[str, str]:
    return {"username": user.get_username()}


def sign_in_locked(request: HttpRequest, user: AbstractBaseUser) -> bool:
    """Whether signing in as ``user`` from this request's address is locked just now."""
    return AxesProxyHandler.is_locked(request, _credentials(user))


def wrong_password_counted(request: HttpRequest, user: AbstractBaseUser) -> bool:
    """Count a wrong password given by someone signed in as ``user`` (the current password
    when changing it, or a wrong security code after the password) as a failed sign-in;
    whether that locks the account or address."""
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))


@receiver(user_locked_out)
def log_lockout(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **kwargs: Any
) -> None:
    """One warning per refused attempt: who was tried, from where, on which page."""
    log.warning(
        "Sign-in locked out: username %r from address %s at %s (after %d wrong passwords; "
        "unlock with 'putright axes_reset_username' or 'putright axes_reset_ip').",
        username or "",
        ip_address or "unknown",
        request.path,
        settings.AXES_FAILURE_LIMIT,
    )
