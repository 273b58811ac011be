"""``Authorization: Bearer <key>``: which integration is asking, for which landlord."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import Resolver404, resolve
from ninja.security import HttpBearer

from putright.api.errors import ApiError
from putright.api.keys import api_key_for
from putright.api.models import ApiKey

_CACHE = "_putright_api_key"


def _key_for(request: HttpRequest, token: str) -> ApiKey | None:
    """The key for ``token``, looked up once per request."""
    token = token.strip()
    cached = getattr(request, _CACHE, None)
    if cached is not None and cached[0] == token:
        return cached[1]
    api_key = api_key_for(token)
    setattr(request, _CACHE, (token, api_key))
    return api_key


#: The methods that only read; every other is a write.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ApiKeyAuth(HttpBearer):
    """Accepts an active key; the request then reads and writes as that key's landlord.

    A read-only key asking to write is refused here, with 403 ``read_only_key``, before its
    body is even read: whatever it sends, and whichever record it names, the answer is the
    same (docs/api.md), so a read key learns nothing from a write."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        api_key = _key_for(request, token)
        if api_key is not None:
            request.user = api_key.user
            if api_key.group_id is not None:
                group_key_reading(request)
            elif request.method not in READ_METHODS:
                writing_key(request, api_key)
        return api_key


#: What a group key may ask for (issue 15, item 5): its group's reports, by URL name.
GROUP_KEY_READS = frozenset({"reports_annual", "reports_tsm"})


def group_key_reading(request: HttpRequest) -> None:
    """A group key reads its group's annual figures and TSM return and nothing else: a
    write, or a read of anything but those, gets 403 ``group_key`` before anything else is
    looked at (a group's records stay each landlord's own, for its own keys)."""
    if request.method not in READ_METHODS:
        raise ApiError(
            403, "group_key", "This is a group key: it reads the group's reports and cannot "
            "change records. Use a landlord's own write key.",
        )  # fmt: skip
    try:
        name = resolve(request.path_info).url_name
    except Resolver404:
        name = None
    if name not in GROUP_KEY_READS:
        raise ApiError(
            403, "group_key", "This is a group key: it reads only the group's reports "
            "(GET /api/v1/reports/annual and /api/v1/reports/tsm). Use a landlord's own key "
            "for its records.",
        )  # fmt: skip


def bearer_key(request: HttpRequest) -> ApiKey | None:
    """The key in the request's Authorization header, if it is a valid one (for code that
    runs before the API's own authentication, such as the idempotency check)."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return _key_for(request, token)


def current_key(request: HttpRequest) -> ApiKey:
    """The key that authenticated this request."""
    api_key = getattr(request, "auth", None)  # set by django-ninja's authentication
    assert isinstance(api_key, ApiKey)
    return api_key


def writing_key(request: HttpRequest, api_key: ApiKey | None = None) -> ApiKey:
    """The key (``api_key``, or the one that authenticated the request), if it may write; a
    read-only key gets 403 before anything else is looked at."""
    api_key = api_key or current_key(request)
    if not api_key.can_write:
        raise ApiError(403, "read_only_key", "This API key is read-only: it cannot change records.")
    return api_key
