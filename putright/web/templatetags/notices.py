"""The landlord's notice of exceptional circumstances (Code 8.5) on its public pages: the
start page and the tracking pages show it from when it is recorded until it is withdrawn."""

from __future__ import annotations

from typing import Any

from django import template

from putright.landlords.models import Landlord
from putright.landlords.selectors import exceptional_circumstances_in_force

register = template.Library()


@register.inclusion_tag("web/exceptional_circumstances.html")
def exceptional_circumstances(landlord: Landlord | None) -> dict[str, Any]:
    """The GOV.UK "Important" banner with the notice in force, or nothing."""
    # The branding's landlord is a lazy object that may wrap None (no landlord chosen).
    notice = exceptional_circumstances_in_force(landlord) if landlord else None
    return {"notice": notice}
