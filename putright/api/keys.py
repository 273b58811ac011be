"""Issuing, checking and revoking API keys.

A key is ``pr_`` + 8 random hex characters (the prefix, kept to tell keys apart) + ``_`` +
43 characters of URL-safe randomness (256 bits). Only its SHA-256 is stored: the key has
far too much entropy to guess, so a fast hash is enough and lets a request be checked with
one indexed lookup. The key is shown once, when issued.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from putright.api.models import ApiKey
from putright.landlords.models import Landlord, LandlordGroup, Role, StaffMembership

KEY_PREFIX = "pr_"
#: last_used_at is written at most this often per key, so reads do not turn into writes.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class ApiKeyError(ValueError):
    """The key cannot be issued as asked (the message says why)."""


@dataclass(frozen=True)
class IssuedKey:
    """A new key and the one chance to read it."""

    api_key: ApiKey
    secret: str


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _new_key() -> tuple[str, str]:
    prefix = f"{KEY_PREFIX}{secrets.token_hex(4)}"
    return prefix, f"{prefix}_{secrets.token_urlsafe(32)}"


def _username_for(name: str, prefix: str) -> str:
    """``api:<label>``; if another key already has that name, the prefix tells them apart."""
    username = f"api:{name}"[:150]
    if get_user_model().objects.filter(username=username).exists():
        username = f"api:{name}"[: 150 - len(prefix) - 1] + f":{prefix}"
    return username


@transaction.atomic
def api_key_issue(
    *,
    landlord: Landlord,
    name: str,
    can_write: bool,
    by: User | None = None,
    group: LandlordGroup | None = None,
) -> IssuedKey:
    """Issue a key for one integration at one landlord. The key acts as its own user, an
    officer (write) or viewer (read) at that landlord only, so events name the integration
    and the services' permission checks apply to it as to a member of staff. A ``group``
    key (issue 15, item 5) reads that group's reports only, and never writes; its
    ``landlord`` is one of the group's."""
    name = name.strip()
    if not name:
        raise ApiKeyError("Give the key a name that says which integration uses it.")
    if len(name) > 100:
        raise ApiKeyError("The key's name must be 100 characters or fewer.")
    if group is not None and can_write:
        raise ApiKeyError("A group key reads the group's reports only: it cannot write.")
    if group is not None and landlord.group_id != group.pk:
        raise ApiKeyError(f"{landlord.name} is not a landlord of the group {group.name}.")
    prefix, secret = _new_key()
    user = get_user_model().objects.create_user(
        username=_username_for(name, prefix), first_name=f"API: {name}"[:150]
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    StaffMembership.objects.create(
        user=user,
        landlord=landlord,
        role=Role.OFFICER if can_write else Role.VIEWER,
        team="Integrations (API)",
        service_user=True,  # never offered work, nor counted in a workload (issue 12)
    )
    api_key = ApiKey.objects.create(
        landlord=landlord,
        name=name,
        prefix=prefix,
        key_hash=hash_key(secret),
        can_write=can_write,
        group=group,
        user=user,
        created_by=by if by is not None and by.is_authenticated else None,
    )
    return IssuedKey(api_key=api_key, secret=secret)


@transaction.atomic
def api_key_revoke(*, api_key: ApiKey) -> ApiKey:
    """Revoke a key at once. Its user stays (events keep naming it) but can do nothing."""
    if api_key.revoked_at is None:
        api_key.revoked_at = timezone.now()
        api_key.save(update_fields=["revoked_at"])
        type(api_key.user).objects.filter(pk=api_key.user_id).update(is_active=False)
    return api_key


def api_key_for(secret: str) -> ApiKey | None:
    """The active key this secret belongs to, or None. Notes the time it was used, at most
    once a minute."""
    if not secret.startswith(KEY_PREFIX) or len(secret) > 200:
        return None
    api_key = (
        ApiKey.objects.select_related("landlord", "user")
        .filter(key_hash=hash_key(secret), revoked_at__isnull=True)
        .first()
    )
    if api_key is not None:
        _note_use(api_key)
    return api_key


def _note_use(api_key: ApiKey) -> None:
    now = timezone.now()
    cutoff = now - LAST_USED_RESOLUTION
    if api_key.last_used_at is not None and api_key.last_used_at > cutoff:
        return
    # The condition in the update keeps concurrent requests from all writing.
    ApiKey.objects.filter(pk=api_key.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=cutoff)
    ).update(last_used_at=now)
    api_key.last_used_at = now
