"""The language switch at the top of every resident page (``putright.web.languages``)."""

from __future__ import annotations

from typing import Any

from django import template

from putright.web.languages import language_links

register = template.Library()


@register.inclusion_tag("web/language_switch.html", takes_context=True)
def language_switch(context: template.Context) -> dict[str, Any]:
    """The links between the languages the landlord offers, none when it offers English
    alone."""
    request = context.get("request")
    landlord = context.get("landlord")
    return {"links": language_links(request, landlord) if request is not None else []}
