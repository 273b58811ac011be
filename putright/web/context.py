"""Branding for every page, from one place (style.md): the landlord's name and contacts."""

from __future__ import annotations

from django.http import HttpRequest

from putright.landlords.models import Landlord


def default_landlord() -> Landlord | None:
    """The landlord the public pages speak for: the first one, in a single-landlord deployment."""
    return Landlord.objects.order_by("id").first()


def branding(request: HttpRequest) -> dict[str, object]:
    return {"service_name": "Putright"}
