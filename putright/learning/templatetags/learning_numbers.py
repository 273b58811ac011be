"""Small number filters for the learning pages."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

register = template.Library()


@register.filter
def sum_counts(counts: Iterable[int]) -> int:
    return sum(counts)


@register.filter
def percentage(value: float | None) -> str:
    """0.873 as "87%"; nothing known as "not measured"."""
    if value is None:
        return "not measured"
    return f"{round(value * 100)}%"
