"""Refusing a request to the resident pages whose body is too big, before any of it is read.

Django reads a form's files as soon as anything asks for the form (the CSRF check does, for
every POST), writing them to temporary files however big they are. So the size the request
declares (Content-Length, which the server never reads past) is checked first, here, and a
body over ``PORTAL_MAX_REQUEST_BYTES`` is refused with a page saying what to do, unread.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from putright.complaints.services import MAX_ATTACHMENT_BYTES

#: The resident pages (interfaces.md: the paths are a contract).
PORTAL_PATHS = ("/complain/", "/track/")
#: The same, at the root or under a landlord's /l/<slug>/ (putright.web.public).
PORTAL_PATH = re.compile(r"\A(?:/l/[^/]+)?/(?:complain|track)/")
#: The most a request to the resident pages may carry unless settings say otherwise: two
#: files of the largest size and the form around them. More files go a few at a time.
DEFAULT_MAX_REQUEST_BYTES = 2 * MAX_ATTACHMENT_BYTES + 10 * 1024 * 1024


def max_request_bytes() -> int:
    return int(getattr(settings, "PORTAL_MAX_REQUEST_BYTES", DEFAULT_MAX_REQUEST_BYTES))


def declared_length(request: HttpRequest) -> int:
    """The body's size as the request declares it; 0 when it does not (Django then reads
    no body at all)."""
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def in_words(size: int) -> str:
    """A size as a resident reads it: 50 MB, or 900 KB below a megabyte."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MB"
    return f"{-(-size // 1024)} KB"


class RequestSizeLimit:
    """A request to the resident pages over ``max_request_bytes`` gets a 413 page, and its
    body is never read (the connection is closed after the answer)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = max_request_bytes()
        if PORTAL_PATH.match(request.path_info) and declared_length(request) > limit:
            response = render(
                request,
                "portal/too_big.html",
                {
                    "limit": in_words(limit),
                    "file_limit": in_words(MAX_ATTACHMENT_BYTES),
                    "back_url": request.path,
                },
                status=413,
            )
            response["Connection"] = "close"
            return response
        return self.get_response(request)
