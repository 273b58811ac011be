"""Branding for every page, from one place (style.md): the service name and the landlord
whose name and contact details the pages show."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from putright.landlords.models import Landlord

SERVICE_NAME = "Putright"


def default_landlord() -> Landlord | None:
    """The landlord the public pages speak for: the first one, in a single-landlord deployment."""
    return Landlord.objects.order_by("id").first()


def branding(request: HttpRequest) -> dict[str, object]:
    """``service_name`` and ``landlord`` for base.html. The landlord is looked up only when a
    template uses it, so pages that never show it (the admin) make no query for it; a view
    that passes its own ``landlord`` wins."""
    return {"service_name": SERVICE_NAME, "landlord": SimpleLazyObject(default_landlord)}
