"""The sections of the Ombudsman and learning pages, for their navigation."""

from __future__ import annotations

from django.urls import reverse

SECTIONS = (
    ("ombudsman", "ombudsman:index", "Ombudsman"),
    ("orders", "ombudsman:orders", "Open orders"),
    ("failure_orders", "ombudsman:failure_orders", "Failure orders"),
    ("remedies", "ombudsman:remedies", "Putting things right"),
    ("learning", "learning:register", "Improvements"),
    ("themes", "learning:themes", "Themes and trends"),
    ("hazards", "learning:hazards", "Hazards"),
)


def sections() -> list[tuple[str, str, str]]:
    return [(name, reverse(url), text) for name, url, text in SECTIONS]
