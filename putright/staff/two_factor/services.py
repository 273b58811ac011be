"""The writes of the second factor: setting up an authenticator app (with its recovery
codes), checking a code at sign-in, and an administrator's reset. Each is logged on the
``putright.security`` logger; none touches a complaint."""

from __future__ import annotations

import logging
import re
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from putright.rules.lifecycle import RuleError

log = logging.getLogger("putright.security")

#: How many recovery codes a person is given; each works once.
RECOVERY_CODES = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
_SIX_DIGITS = re.compile(r"\d{6}")
_RECOVERY_CODE = re.compile(r"[a-z2-7]{8}")


def normalised(code: str) -> str:
    """A code as typed, without the spaces and dashes people add, in lower case."""
    return re.sub(r"[\s-]", "", code).lower()


def authenticator_key_new() -> str:
    """A new secret for an authenticator app: 20 random bytes, as hex (django-otp's form)."""
    return str(random_hex(20))


def _code_matches(key: str, code: str) -> bool:
    """Whether ``code`` is the authenticator's code for ``key`` now (or 30 seconds either
    side, for a phone's clock a little out)."""
    totp = TOTP(bytes.fromhex(key), step=30, t0=0, digits=6)
    return bool(totp.verify(int(code), tolerance=1))


@transaction.atomic
def authenticator_confirm(*, user: User, key: str, code: str) -> list[str]:
    """Set up ``user``'s authenticator app with ``key`` once they have shown a code from it,
    replacing any they had, with new recovery codes, which are returned to be shown once.
    RuleError when the code is missing, malformed or not the app's current code."""
    code = normalised(code)
    if not code:
        raise RuleError({"code": "Enter the 6-digit code from your authenticator app"})
    if not _SIX_DIGITS.fullmatch(code):
        raise RuleError({"code": "The code must be 6 digits, like 123456"})
    if not _code_matches(key, code):
        raise RuleError(
            {
                "code": "The code is not right. Check the app shows Putright for your "
                "account, then enter the code it shows now"
            }
        )
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, key=key, confirmed=True)
    # The code just shown may not be used again to sign in.
    device.verify_token(code)
    codes = recovery_codes_replace(user=user)
    log.warning("Second factor set up: user %r set up an authenticator app.", user.username)
    return codes


@transaction.atomic
def recovery_codes_replace(*, user: User) -> list[str]:
    """New recovery codes for ``user``, replacing any they had: each signs in once, in place
    of an authenticator's code. Returned to be shown to them once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [_recovery_code() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def _recovery_code() -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyz234567"
    return "".join(secrets.choice(alphabet) for _ in range(8))


@dataclass(frozen=True)
class CodeCheck:
    """What a code given at sign-in came to: the device that accepted it, or the problem
    to show, whether the device is waiting after too many wrong codes, and whether a code
    was checked at all."""

    device: TOTPDevice | StaticDevice | None
    problem: str = ""
    waiting: bool = False
    #: Whether a code was checked against a device (and so counts as a failed sign-in when
    #: wrong); an empty or malformed one is not.
    checked: bool = False


def code_check(*, user: User, code: str) -> CodeCheck:
    """Check a code ``user`` gives after their password: 6 digits against their
    authenticator app, 8 letters and digits against their recovery codes (each used up when
    it works). A wrong code makes the device wait longer before the next is checked
    (django-otp's throttle, reset only by a right code)."""
    code = normalised(code)
    if not code:
        return CodeCheck(None, "Enter the 6-digit code from your authenticator app")
    if _SIX_DIGITS.fullmatch(code):
        candidates: list[TOTPDevice | StaticDevice] = list(
            TOTPDevice.objects.filter(user=user, confirmed=True)
        )
    elif _RECOVERY_CODE.fullmatch(code):
        candidates = list(StaticDevice.objects.filter(user=user, confirmed=True))
    else:
        return CodeCheck(
            None,
            "Enter the 6-digit code from your authenticator app, or a recovery code of "
            "8 letters and numbers",
        )
    with transaction.atomic():
        for device in candidates:
            locked = type(device).objects.select_for_update().get(pk=device.pk)
            allowed, _ = locked.verify_is_allowed()
            if not allowed:
                return CodeCheck(
                    None,
                    "Too many wrong codes have been entered. Wait a minute, then enter the "
                    "code your authenticator app shows",
                    waiting=True,
                )
            if locked.verify_token(code):
                return CodeCheck(locked, checked=True)
    return CodeCheck(
        None,
        "The code is not right. Enter the code your authenticator app shows now, "
        "or a recovery code you have not used",
        checked=True,
    )


@transaction.atomic
def second_factor_reset(*, user: User, by: AbstractBaseUser | AnonymousUser | None) -> int:
    """An administrator's reset for someone who has lost their authenticator app and their
    recovery codes: their app and codes are removed, so at their next sign-in they set up a
    new one (or, if their role does not require one, sign in with their password alone).
    ``by`` None is the command line. Returns how many were removed."""
    if by is not None and not (by.is_authenticated and getattr(by, "is_superuser", False)):
        raise PermissionDenied("Only an administrator may reset someone's second factor.")
    apps = TOTPDevice.objects.filter(user=user)
    codes = StaticDevice.objects.filter(user=user)
    removed = int(apps.count()) + int(codes.count())
    apps.delete()
    codes.delete()
    log.warning(
        "Second factor reset: user %r's authenticator app and recovery codes removed by %s.",
        user.username,
        repr(by.get_username()) if by is not None else "the command line",
    )
    return removed


@transaction.atomic
def authenticator_install(*, user: User, key: str) -> TOTPDevice:
    """Give ``user`` an authenticator app with a known ``key``, without asking for a code:
    for the demo's sign-ins only, whose key is published so anyone trying Putright can add
    it to an app (README, "A five-minute tour"). Real people set theirs up on the page."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, key=key, confirmed=True)
