"""Safe retries: a POST sent with an ``Idempotency-Key`` header is done once.

The first successful answer is kept for 24 hours with the key, the landlord and a hash of
the request. The same key again with the same request gets that answer back (with
``Idempotent-Replayed: true``) and nothing is done twice; with a different request it is
refused (422 ``idempotency_key_reused``). Answers that were errors are not kept, so a
corrected request can be retried with the same key.

The work and the kept answer commit in one transaction, so a crash between the two leaves
neither; two requests racing with one key end with one piece of work and one answer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils import timezone

from putright.api.auth import bearer_key
from putright.api.errors import error_body
from putright.api.models import IdempotencyRecord
from putright.landlords.models import Landlord

HEADER = "Idempotency-Key"
TTL = dt.timedelta(hours=24)
#: Response headers kept with the answer and given again on a replay.
KEPT_HEADERS = ("ETag", "Location")


def request_fingerprint(request: HttpRequest) -> str:
    """A hash of what the request asks for: method, path, query and body (JSON compared
    by its content, not its spacing; a multipart upload by its fields and files' hashes)."""
    digest = hashlib.sha256()

    def add(*parts: str | bytes) -> None:
        for part in parts:
            digest.update(part if isinstance(part, bytes) else part.encode("utf-8", "replace"))
            digest.update(b"\x00")

    add(request.method or "", request.path, request.META.get("QUERY_STRING", ""))
    if request.content_type == "multipart/form-data":
        for name in sorted(request.POST):
            add(name, *request.POST.getlist(name))
        for name in sorted(request.FILES):
            for upload in request.FILES.getlist(name):
                file_hash = hashlib.sha256()
                for chunk in upload.chunks():
                    file_hash.update(chunk)
                upload.seek(0)
                add(name, upload.name or "", file_hash.hexdigest())
    else:
        body = request.body
        with contextlib.suppress(ValueError, UnicodeDecodeError):
            body = json.dumps(json.loads(body), sort_keys=True).encode()
        add(body)
    return digest.hexdigest()


def _live_record(landlord: Landlord, key: str) -> IdempotencyRecord | None:
    return IdempotencyRecord.objects.filter(
        landlord=landlord, key=key, created_at__gte=timezone.now() - TTL
    ).first()


def _replay(record: IdempotencyRecord, fingerprint: str) -> HttpResponse:
    if record.request_hash != fingerprint:
        return JsonResponse(
            error_body(
                "idempotency_key_reused",
                "This Idempotency-Key was used for a different request: use a new key.",
                {HEADER: "Already used for a different request."},
            ),
            status=422,
        )
    response = HttpResponse(
        bytes(record.body), status=record.status_code, content_type=record.content_type
    )
    for name, value in (record.headers or {}).items():
        response[name] = value
    response["Idempotent-Replayed"] = "true"
    return response


def _forget_expired(landlord: Landlord) -> None:
    """Remove the landlord's kept answers older than ``TTL``. Done before the work, not
    after it: a write that logs a record holds the landlord's reference counter from the
    moment it takes a reference to its commit, and nothing needless should run in
    between."""
    IdempotencyRecord.objects.filter(
        landlord=landlord, created_at__lt=timezone.now() - TTL
    ).delete()


def _keep(landlord: Landlord, key: str, fingerprint: str, response: HttpResponse) -> None:
    IdempotencyRecord.objects.create(
        landlord=landlord,
        key=key,
        request_hash=fingerprint,
        status_code=response.status_code,
        content_type=response.get("Content-Type", "application/json"),
        headers={h: response[h] for h in KEPT_HEADERS if h in response},
        body=response.content,
    )


def idempotent(run: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Wrap an operation (``ninja.decorators.decorate_view``) so that it honours
    ``Idempotency-Key``. Requests without a valid writing key pass straight through to be
    refused by the operation itself."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        key = request.headers.get(HEADER)
        if key is None:
            return run(request, *args, **kwargs)
        api_key = bearer_key(request)
        if api_key is None or not api_key.can_write:
            return run(request, *args, **kwargs)
        if not 1 <= len(key) <= 255:
            return JsonResponse(
                error_body(
                    "invalid_request",
                    "The Idempotency-Key must be 1 to 255 characters.",
                    {HEADER: "Must be 1 to 255 characters."},
                ),
                status=422,
            )
        landlord = api_key.landlord
        fingerprint = request_fingerprint(request)
        try:
            with transaction.atomic():
                record = _live_record(landlord, key)
                if record is not None:
                    return _replay(record, fingerprint)
                _forget_expired(landlord)
                response = run(request, *args, **kwargs)
                if 200 <= response.status_code < 300 and isinstance(response, HttpResponse):
                    _keep(landlord, key, fingerprint, response)
                return response
        except IntegrityError:
            # Another request with this key finished first: its work stands, ours is undone.
            record = _live_record(landlord, key)
            if record is None:
                raise
            return _replay(record, fingerprint)

    return wrapper
