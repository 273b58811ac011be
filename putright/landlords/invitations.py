"""The one-time link that invites a person to set their password (issue 15): Django's own
password-reset token machinery, with a salt of its own (an invitation link is no reset
link, nor the other way round) and its own lifetime, ``STAFF_INVITE_DAYS`` (7 unless
set).

The token is worked out from the person's password hash and last sign-in, so it stops
working the moment it has been used to set a password, and when a new invitation is sent
(which gives the account a new unusable password). Nothing about it is stored.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes, force_str
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode


def invite_days() -> int:
    """How many days an invitation link works for."""
    return int(getattr(settings, "STAFF_INVITE_DAYS", 7))


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "putright.landlords.invitations.InvitationTokenGenerator"

    def check_token(self, user: User | None, token: str | None) -> bool:  # type: ignore[override]
        """As Django's, but the link lasts ``invite_days()`` rather than
        ``PASSWORD_RESET_TIMEOUT``."""
        if not (user and token):
            return False
        try:
            ts_b36, _ = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token):
                break
        else:
            return False
        return (self._num_seconds(self._now()) - ts) <= invite_days() * 24 * 60 * 60


invitation_tokens = InvitationTokenGenerator()


def invitation_parts(user: User) -> tuple[str, str]:
    """The two parts of the link's path: the person's id, encoded, and the token."""
    return urlsafe_base64_encode(force_bytes(user.pk)), invitation_tokens.make_token(user)


def invited_user(uidb64: str) -> User | None:
    """The person a link names, or None for a link that names nobody."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    return User.objects.filter(pk=pk).first()
