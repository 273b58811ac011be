"""Holds a signed-in person at the second factor until it is done (docs/security.md,
"Second factor"): someone with an authenticator app who has not given this session a code
sees only the page asking for it; someone whose role requires one and who has none sees
only the page setting it up. Every other page, the staff workspace, the Django admin and
the rest, waits. The JSON API is left alone: it signs in with API keys, not sessions."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from putright.staff.two_factor.policy import (
    has_second_factor,
    second_factor_required,
    session_verified,
)

#: Paths no signed-in session is held back from: static files, the health check, the API
#: (API keys), and single sign-on's own pages.
_ALWAYS_OPEN = ("/static/", "/healthz", "/api/", "/staff/sso/")


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        held_at = self.held_at(request)
        if held_at is None:
            return self.get_response(request)
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return HttpResponseRedirect(f"{held_at}?{query}" if query else held_at)

    def held_at(self, request: HttpRequest) -> str | None:
        """The page this request must go to instead, or None to let it through."""
        user = request.user
        if not user.is_authenticated or request.path.startswith(_ALWAYS_OPEN):
            return None
        sign_out = reverse("staff:sign_out")
        if request.path == sign_out or session_verified(request):
            return None
        if has_second_factor(user):
            code = reverse("staff:sign_in_code")
            return None if request.path == code else code
        if second_factor_required(user):
            set_up = reverse("staff:two_factor")
            open_to_set_up = (set_up, reverse("staff:recovery_codes"))
            return None if request.path in open_to_set_up else set_up
        return None
