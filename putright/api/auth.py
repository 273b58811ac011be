"""``Authorization: Bearer <key>``: which integration is asking, for which landlord."""

from __future__ import annotations

from django.http import HttpRequest
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
            if request.method not in READ_METHODS:
                writing_key(request, api_key)
        return api_key


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
