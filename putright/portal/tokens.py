"""Private links and one-time codes: made at random, stored only as hashes, compared in
constant time."""

from __future__ import annotations

import hashlib
import secrets

from django.utils.crypto import constant_time_compare, salted_hmac

#: 32 random bytes: a link nobody can guess, however many they try.
TOKEN_BYTES = 32
CODE_DIGITS = 6


def new_token() -> str:
    """A new private link token, URL-safe (43 characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_digest(token: str) -> str:
    """The SHA-256 of a token. Unsalted on purpose: a 256-bit random token cannot be found
    from its hash, and the lookup must work by the hash alone (and survive a new SECRET_KEY)."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_code() -> str:
    """A 6-digit code, leading zeros kept ("042917")."""
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def code_digest(code: str, salt: str) -> str:
    """An HMAC of the code keyed with SECRET_KEY and salted with the code's own id: only a
    million codes exist, so a plain hash could be reversed by trying them all."""
    return salted_hmac("putright.portal.code", f"{salt}:{code}", algorithm="sha256").hexdigest()


def code_matches(code: str, salt: str, digest: str) -> bool:
    return constant_time_compare(code_digest(code, salt), digest)
