"""A small rate limiter kept in the database, so every process of the app counts together.

Each limited thing has a scope ("code_request"), a key (the client's address, an email
address, a reference) and a limit per window. Counts are kept per fixed window; keys are
stored as SHA-256 hashes. Settings may change a limit: ``PORTAL_RATE_LIMITS = {"submit":
(10, 3600)}``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from putright.portal.models import RateCounter


@dataclass(frozen=True, slots=True)
class Limit:
    """At most ``times`` in ``seconds``."""

    times: int
    seconds: int


#: The portal's limits: generous for a person, tight for a script.
DEFAULT_LIMITS: dict[str, Limit] = {
    # Complaints sent from one address (a library or housing office may share one).
    "submit": Limit(10, 60 * 60),
    # Files added to the form from one address, each file counted.
    "upload": Limit(60, 60 * 60),
    # Kilobytes of files taken from one address in a day (200 MB): what one address can add
    # to the disk (a file sent with a complaint is kept for good); ten files of the largest
    # size, or the photos of several residents at a housing office sharing one address.
    "upload_kb": Limit(200 * 1024, 24 * 60 * 60),
    # Codes asked for, from one address, and for one reference with one email address.
    # Never for a reference or an email address alone: anyone may type those, so such a
    # count would let a stranger use up a resident's codes and lock them out.
    "code_request_client": Limit(10, 60 * 60),
    "code_request_pair": Limit(5, 60 * 60),
    # Codes tried and private links opened from one address.
    "lookup": Limit(30, 60 * 60),
    # Requests for support or changes on one complaint.
    "adjustment": Limit(10, 24 * 60 * 60),
    # Thank-yous (compliments) sent from one address, as for complaints.
    "compliment": Limit(10, 60 * 60),
}


def limit_for(scope: str) -> Limit:
    override = getattr(settings, "PORTAL_RATE_LIMITS", {}).get(scope)
    return Limit(*override) if override is not None else DEFAULT_LIMITS[scope]


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _window_start(now: dt.datetime, seconds: int) -> dt.datetime:
    epoch = int(now.timestamp())
    return dt.datetime.fromtimestamp(epoch - epoch % seconds, tz=dt.UTC)


def hit(scope: str, key: str, *, amount: int = 1, now: dt.datetime | None = None) -> bool:
    """Count ``amount`` more (one, unless it is a number of files or bytes) for ``scope``
    and ``key``; True if that goes over the limit (the caller then refuses). Counters of
    windows that have ended are removed as new ones start."""
    limit = limit_for(scope)
    start = _window_start(now or timezone.now(), limit.seconds)
    digest = _digest(key)
    with transaction.atomic():
        updated = RateCounter.objects.filter(
            scope=scope, key_digest=digest, window_start=start
        ).update(count=F("count") + amount)
        if not updated:
            try:
                with transaction.atomic():
                    RateCounter.objects.create(
                        scope=scope, key_digest=digest, window_start=start, count=amount
                    )
            except IntegrityError:  # another process started the window first
                RateCounter.objects.filter(
                    scope=scope, key_digest=digest, window_start=start
                ).update(count=F("count") + amount)
            RateCounter.objects.filter(scope=scope, window_start__lt=start).delete()
        count = RateCounter.objects.values_list("count", flat=True).get(
            scope=scope, key_digest=digest, window_start=start
        )
    return count > limit.times


def client_key(request: HttpRequest) -> str:
    """The address the request came from. Behind a reverse proxy, the proxy must pass the
    client's address as REMOTE_ADDR (``TRUSTED_PROXIES``: putright.web.proxy puts a trusted
    proxy's X-Forwarded-For there), because a forwarded header sent by the client could be
    anything."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"
