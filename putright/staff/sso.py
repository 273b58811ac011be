"""Single sign-on with OpenID Connect (mozilla-django-oidc), as councils use with Microsoft
Entra ID: off unless the client and the provider's endpoints are configured (README,
"Single sign-on"). The provider's account is matched by its email address to a staff
account the landlord's administrator made; none is ever made here, so roles stay with that
administrator. An unknown address, a switched-off account or a failed sign-in gets a plain
refusal page. A session signed in this way needs no code from an authenticator app: the
identity provider asks for its own second factor (docs/security.md, "Single sign-on")."""

from __future__ import annotations

import logging
import time
from typing import Any

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import SuspiciousOperation
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from putright.staff.two_factor.policy import SESSION_SIGNED_IN_WITH, SINGLE_SIGN_ON
from putright.web.access import SESSION_LAST_SEEN

log = logging.getLogger("putright.security")

BACKEND = "putright.staff.sso.StaffAccountByEmail"
_REQUIRED = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
)
#: What the refusal page says, by what went wrong.
REFUSALS = {
    "unknown": (
        "There is no staff account with the email address your organisation's account "
        "gave{email}. Ask your Putright administrator to add you with that email address, "
        "or sign in with your username and password."
    ),
    "several": (
        "More than one staff account has the email address your organisation's account "
        "gave{email}, so we cannot tell which is yours. Ask your Putright administrator."
    ),
    "inactive": (
        "Your staff account{email} has been switched off. Ask your Putright administrator."
    ),
    "failed": (
        "Your organisation's sign-in did not finish, so you are not signed in. Try again, "
        "or sign in with your username and password."
    ),
}


def sso_enabled() -> bool:
    """Whether single sign-on is configured: the client, the provider's endpoints (and its
    keys, for a provider that signs with a public key), and the backend installed."""
    if not all(getattr(settings, name, "") for name in _REQUIRED):
        return False
    algorithm = getattr(settings, "OIDC_RP_SIGN_ALGO", "RS256")
    if algorithm.startswith(("RS", "ES")) and not getattr(settings, "OIDC_OP_JWKS_ENDPOINT", ""):
        return False
    return BACKEND in settings.AUTHENTICATION_BACKENDS


class StaffAccountByEmail(OIDCAuthenticationBackend):
    """The provider's account, matched by email (case aside) to exactly one staff account."""

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        # Only the callback's sign-in, which carries the nonce, is ours: never a password's.
        if request is None or "nonce" not in kwargs or not sso_enabled():
            return None
        return super().authenticate(request, **kwargs)

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        email = str(claims.get("email") or "").strip()
        if self.request is not None:
            self.request.sso_email = email  # type: ignore[attr-defined]  # for the refusal page
        if not email:
            return get_user_model().objects.none()
        matches = get_user_model().objects.filter(email__iexact=email)
        if self.request is not None:
            self.request.sso_matches = matches.count()  # type: ignore[attr-defined]
        return matches

    def create_user(self, claims: dict[str, Any]) -> User:
        raise SuspiciousOperation("Single sign-on never makes a staff account.")


class SingleSignOnStart(OIDCAuthenticationRequestView):
    """/staff/sso/start/: off to the identity provider, then back to the page asked for."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not sso_enabled():
            raise Http404("Single sign-on is not set up.")
        return super().dispatch(request, *args, **kwargs)


class SingleSignOnCallback(OIDCAuthenticationCallbackView):
    """/staff/sso/callback/: the provider's answer. A match signs the person in, marked as
    signed in by single sign-on; anything else is the refusal page."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not sso_enabled():
            raise Http404("Single sign-on is not set up.")
        try:
            return super().dispatch(request, *args, **kwargs)
        except requests.RequestException as problem:
            log.warning("Single sign-on failed talking to the identity provider: %s", problem)
            return self.login_failure()

    def login_success(self) -> HttpResponse:
        response = super().login_success()
        self.request.session[SESSION_SIGNED_IN_WITH] = SINGLE_SIGN_ON
        self.request.session[SESSION_LAST_SEEN] = int(time.time())
        log.info("Signed in by single sign-on: user %r.", self.user.get_username())
        return response

    def login_failure(self) -> HttpResponse:
        email = str(getattr(self.request, "sso_email", ""))
        user = getattr(self, "user", None)
        if user is not None and not user.is_active:
            reason = "inactive"
        elif getattr(self.request, "sso_matches", 0) > 1:
            reason = "several"
        elif email:
            reason = "unknown"
        else:
            reason = "failed"
        log.warning(
            "Single sign-on refused (%s): email %r from address %s.",
            reason,
            email,
            self.request.META.get("REMOTE_ADDR", "unknown"),
        )
        shown = f" ({email})" if email else ""
        return render(
            self.request,
            "staff/account/sso_refused.html",
            {"message": REFUSALS[reason].format(email=shown)},
            status=403,
        )
