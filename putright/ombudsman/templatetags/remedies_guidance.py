"""``{% load remedies_guidance %}{% remedy_guidance landlord amount %}``: the remedies guidance
for an amount, for any form that chooses one (the staff respond form embeds it; Code 7.4)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from putright.landlords.models import Landlord, today
from putright.ombudsman.selectors import remedy_guidance as guidance_for

register = template.Library()


@register.inclusion_tag("ombudsman/remedy_guidance.html")
def remedy_guidance(landlord: Landlord, amount: Decimal | None = None) -> dict[str, Any]:
    return {"guidance": guidance_for(landlord, today(), amount)}
