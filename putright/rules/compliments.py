"""Compliments: what a compliment must hold, and how they are counted (issue 17, item 4;
counting-rules.md, "Compliments").

A compliment is not a complaint: it has no stages and no timescales. The annual report
(Code 8.1) and the quarterly update (Code 9.7) count them beside the complaints, by service
area, and publish the staff members residents named only as counts per service area, never
their names.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

#: The longest compliment kept, in characters: a long letter, not a document.
WORDS_MAX = 5000
#: The longest name kept (the staff member named, the person who gave it).
NAME_MAX = 200
#: How a compliment with no service area is counted.
NO_SERVICE_AREA = "Not given"


def compliment_problems(
    *, words: str, received_on: dt.date, today: dt.date, staff_named: str, giver_name: str
) -> dict[str, str]:
    """What is wrong with a compliment, keyed by field; empty when nothing is. It says what
    was said, on a day that has come, and its names fit."""
    problems: dict[str, str] = {}
    if not words.strip():
        problems["words"] = "Enter what the compliment said."
    elif len(words) > WORDS_MAX:
        problems["words"] = f"The compliment must be {WORDS_MAX:,} characters or fewer."
    if received_on > today:
        problems["received_on"] = "The date received must be today or in the past."
    if len(staff_named) > NAME_MAX:
        problems["staff_named"] = f"The staff member's name must be {NAME_MAX} characters or fewer."
    if len(giver_name) > NAME_MAX:
        problems["giver_name"] = f"The name must be {NAME_MAX} characters or fewer."
    return problems


def staff_key(name: str) -> str:
    """The one form of a staff member's name used to count different people: "Dee  Okafor"
    and "dee okafor" are one person; a blank name is nobody."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class ComplimentCounts:
    """The published counts: no name appears in them."""

    total: int
    by_service_area: dict[str, int]
    naming_staff: int
    naming_staff_by_service_area: dict[str, int]
    staff_named_by_service_area: dict[str, int]

    def as_json(self) -> dict[str, object]:
        return {
            "total": self.total,
            "by_service_area": self.by_service_area,
            "naming_a_staff_member": {
                "total": self.naming_staff,
                "by_service_area": self.naming_staff_by_service_area,
            },
            "staff_members_named": {
                "total": sum(self.staff_named_by_service_area.values()),
                "by_service_area": self.staff_named_by_service_area,
            },
        }


def _largest_first(counts: Counter[str]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def compliment_counts(compliments: Iterable[tuple[str | None, str]]) -> ComplimentCounts:
    """Count compliments given as (service area name or None, staff member named or ""):
    every compliment once; by service area ("Not given" when none); those naming a staff
    member; and the different staff members named in each service area (a person named in
    two areas counts in each). Largest first, then by name."""
    total = 0
    areas: Counter[str] = Counter()
    naming: Counter[str] = Counter()
    people: dict[str, set[str]] = {}
    for area, named in compliments:
        total += 1
        area_name = area or NO_SERVICE_AREA
        areas[area_name] += 1
        key = staff_key(named)
        if key:
            naming[area_name] += 1
            people.setdefault(area_name, set()).add(key)
    return ComplimentCounts(
        total=total,
        by_service_area=_largest_first(areas),
        naming_staff=sum(naming.values()),
        naming_staff_by_service_area=_largest_first(naming),
        staff_named_by_service_area=_largest_first(
            Counter({area: len(named) for area, named in people.items()})
        ),
    )
