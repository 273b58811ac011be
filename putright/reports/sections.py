"""Sections of the reports that other parts of Putright fill in.

The annual report (Code 8.1) and the quarterly update (Code 9.7) have sections whose
records live in other apps: the self-assessment (8.1 a), the Ombudsman's findings, orders
and reports (8.1 c, e, f; 9.7 c), the service improvements from learning (8.1 d) and
residents' feedback. Each such app registers a provider for its slot, usually in its
``AppConfig.ready()``::

    from putright.reports.sections import SectionContent, register

    def learning_section(landlord, period):  # period: putright.reports.periods.Period
        return SectionContent(paragraphs=[...], tables=[...], data={...})

    register("learning", learning_section)

A provider returns ``None`` or an empty ``SectionContent`` when it has nothing for the
period; the report then says so plainly in the slot's own words. It never shows a gap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from putright.landlords.models import Landlord
    from putright.reports.document import Table
    from putright.reports.periods import Period


@dataclass(frozen=True)
class Slot:
    key: str
    code: str
    heading: str
    #: What the report says when nothing was recorded; ``{period}`` is filled in.
    nothing: str


@dataclass
class SectionContent:
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    #: The section's figures for the JSON; plain values only.
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.paragraphs or self.tables or self.data)


Provider = Callable[["Landlord", "Period"], SectionContent | None]

SLOTS: dict[str, Slot] = {
    slot.key: slot
    for slot in (
        Slot(
            "self_assessment",
            "8.1 (a)",
            "Self-assessment against the Complaint Handling Code",
            "No self-assessment against the Code has been recorded for {period}.",
        ),
        Slot(
            "resident_feedback",
            "8.1 (b)",
            "What residents told us about how we handled their complaints",
            "No feedback from residents about how their complaints were handled was "
            "recorded in {period}.",
        ),
        Slot(
            "ombudsman_non_compliance",
            "8.1 (c)",
            "Findings of non-compliance with the Code by the Ombudsman",
            "No findings of non-compliance with the Code by the Housing Ombudsman, and no "
            "complaint handling failure orders, were recorded for {period}.",
        ),
        Slot(
            "learning",
            "8.1 (d)",
            "Service improvements made as a result of learning from complaints",
            "No service improvements from learning were recorded in {period}.",
        ),
        Slot(
            "ombudsman_casework",
            "8.1 (e) and (f)",
            "The Housing Ombudsman: contacts, determinations, orders and reports",
            "No contacts, determinations, orders or reports from the Housing Ombudsman were "
            "recorded for {period}.",
        ),
    )
}

_providers: dict[str, list[Provider]] = {key: [] for key in SLOTS}


def register(key: str, provider: Provider) -> None:
    """Add ``provider`` to the slot ``key`` (once, however often an app's ready() runs)."""
    if key not in SLOTS:
        raise KeyError(f"There is no report section called {key!r}; choose from {sorted(SLOTS)}.")
    if provider not in _providers[key]:
        _providers[key].append(provider)


def unregister(key: str, provider: Provider) -> None:
    if provider in _providers.get(key, []):
        _providers[key].remove(provider)


def providers(key: str) -> list[Provider]:
    return list(_providers[key])


def section_content(key: str, landlord: Landlord, period: Period) -> SectionContent:
    """What the slot's providers have for the period, joined; empty when none has anything."""
    joined = SectionContent()
    for provider in _providers[key]:
        content = provider(landlord, period)
        if content is None or content.is_empty:
            continue
        joined.paragraphs.extend(content.paragraphs)
        joined.tables.extend(content.tables)
        joined.data.update(content.data)
    return joined


def section_json(key: str, content: SectionContent, period: Period) -> dict[str, Any]:
    slot = SLOTS[key]
    return {
        "code": slot.code,
        "heading": slot.heading,
        "recorded": not content.is_empty,
        "text": content.paragraphs or [slot.nothing.format(period=period.label)],
        "data": content.data,
    }
