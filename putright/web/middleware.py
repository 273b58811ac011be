"""Middleware every response passes through (settings.MIDDLEWARE; docs/security.md)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from putright.web.access import idle_too_long, sign_in_url


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every response the app makes: staff pages, the API,
    the resident's pages and every download hold personal data, and no browser or proxy
    may keep a copy (a shared computer's back button, a council's caching proxy). Static
    files are served before this by WhiteNoise, with their long cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response


class AdminIdleTimeoutMiddleware:
    """The staff workspace's idle timeout (``STAFF_IDLE_MINUTES``, web.access) for the
    Django admin too: a signed-in session left idle that long is ended at the next admin
    page, and the sign-in page says why."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.path.startswith(reverse("admin:index"))
            and request.user.is_authenticated
            and idle_too_long(request)
        ):
            logout(request)
            return HttpResponseRedirect(sign_in_url(request, expired=True))
        return self.get_response(request)
