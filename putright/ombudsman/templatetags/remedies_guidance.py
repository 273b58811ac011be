"""``{% load remedies_guidance %}{% remedy_guidance landlord amount %}``: the remedies guidance
for an amount, for any form that chooses one (the staff respond form embeds it beside each
remedy's amount; Code 7.4, domain.md §6)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from putright.landlords.models import Landlord, today
from putright.ombudsman.selectors import remedy_guidance as guidance_for
from putright.web.govuk import money_from_text

register = template.Library()


@register.inclusion_tag("ombudsman/remedy_guidance.html")
def remedy_guidance(
    landlord: Landlord,
    amount: Decimal | str | None = None,
    guidance_id: str = "",
    compact: bool = False,
) -> dict[str, Any]:
    """The guidance for ``amount`` (a number, or the text typed into a form: anything that
    is not an amount of money shows the guidance without a band chosen)."""
    if not isinstance(amount, Decimal):
        amount = money_from_text(str(amount or ""))
    return {
        "guidance": guidance_for(landlord, today(), amount),
        "guidance_id": guidance_id,
        "compact": compact,
    }
