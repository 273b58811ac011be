"""Who must give a code after their password, whether this session has given one, and the
session's mark of single sign-on. Reads only: the writes are in ``services``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from putright.landlords.models import Role, StaffMembership

#: How this session was signed in, when by single sign-on.
SESSION_SIGNED_IN_WITH = "putright_signed_in_with"
SINGLE_SIGN_ON = "single_sign_on"


def required_roles() -> frozenset[str]:
    """``TWO_FACTOR_REQUIRED_ROLES`` as roles; a name that is not a role stops the app
    rather than leaving a role unprotected by a typing mistake."""
    names = frozenset(getattr(settings, "TWO_FACTOR_REQUIRED_ROLES", ()))
    unknown = sorted(names - set(Role.values))
    if unknown:
        raise ImproperlyConfigured(
            f"TWO_FACTOR_REQUIRED_ROLES: {', '.join(unknown)} is not a role; use some of: "
            f"{', '.join(Role.values)}."
        )
    return names


def second_factor_required(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether ``user`` must give a code after their password: they hold a role the setting
    names at any landlord, or, when it names administrators, they can use the Django admin."""
    if not user.is_authenticated:
        return False
    roles = required_roles()
    if Role.ADMINISTRATOR in roles and getattr(user, "is_staff", False):
        return True
    return StaffMembership.objects.filter(user_id=user.pk, role__in=roles).exists()


def has_authenticator(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether ``user`` has set up an authenticator app (a confirmed TOTP device). Recovery
    codes alone do not count: they come with the app and are for when it is lost."""
    if not user.is_authenticated:
        return False
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def has_second_factor(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether any code (an authenticator's or a recovery code) can sign ``user`` in."""
    return user.is_authenticated and bool(user_has_device(user, confirmed=True))


def signed_in_with_sso(request: HttpRequest) -> bool:
    return request.session.get(SESSION_SIGNED_IN_WITH) == SINGLE_SIGN_ON


def session_verified(request: HttpRequest) -> bool:
    """Whether this session has given a code (django-otp's ``is_verified``) or was signed in
    by single sign-on, whose identity provider asked for its own second factor."""
    user: Any = request.user
    if signed_in_with_sso(request):
        return True
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def forget_verification(request: HttpRequest) -> None:
    """A sign-in with the password starts again: no earlier code or single sign-on in this
    browser's session counts for it."""
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.session.pop(SESSION_SIGNED_IN_WITH, None)
