"""Compliments beside the complaints (issue 17, item 4; counting-rules.md, "Compliments"):
how many, by service area, and how many named a member of staff. No name is published."""

from __future__ import annotations

from typing import Any

from putright.reports.document import Chart, Column, Section, Table, plural


def compliments_table(counts: dict[str, Any], key: str, caption: str) -> Table:
    """One row per service area: compliments, those naming a member of staff, and the
    different members of staff named."""
    naming = counts["naming_a_staff_member"]["by_service_area"]
    people = counts["staff_members_named"]["by_service_area"]
    return Table(
        key,
        caption,
        [
            Column("Service area"),
            Column("Compliments", "count"),
            Column("Naming a member of staff", "count"),
            Column("Members of staff named", "count"),
        ],
        [
            [area, n, naming.get(area, 0), people.get(area, 0)]
            for area, n in counts["by_service_area"].items()
        ],
        chart=Chart((1,)),
    )


def compliments_sentence(counts: dict[str, Any], period: str) -> str:
    total = counts["total"]
    if not total:
        return f"No compliments were recorded in {period}."
    naming = counts["naming_a_staff_member"]["total"]
    return (
        f"We received {plural(total, 'compliment')} in {period}; "
        f"{naming:,} named a member of staff. We count the people named by service area and "
        "publish no names."
    )


def compliments_section(counts: dict[str, Any], period: str) -> Section:
    """The annual report's section on compliments."""
    return Section(
        id="compliments",
        heading="Compliments",
        paragraphs=[compliments_sentence(counts, period)],
        tables=(
            [compliments_table(counts, "compliments", f"Compliments by service area, {period}")]
            if counts["total"]
            else []
        ),
    )
