"""The resident portal's part of the reports: residents' feedback on how their complaint
was handled and its outcome, in the annual report's "resident_feedback" section.

The portal sits above the reports (style.md), so it registers this section itself, from
``PortalConfig.ready()``, as ``putright.reports.sections`` asks of every app that fills a
slot; the reports never import the portal.
"""

from __future__ import annotations

from putright.landlords.models import Landlord
from putright.portal.models import Satisfaction
from putright.portal.selectors import feedback_figures
from putright.reports.document import Column, Table, plural
from putright.reports.periods import Period
from putright.reports.sections import SectionContent, register
from putright.rules.counting import percent


def feedback_section(landlord: Landlord, period: Period) -> SectionContent | None:
    """What residents said, after a response, about how their complaint was handled and its
    outcome (the portal's five-point scale)."""
    figures = feedback_figures(landlord, period.start, period.end)
    if not figures.responses:
        return None
    satisfied = (Satisfaction.VERY_SATISFIED, Satisfaction.FAIRLY_SATISFIED)
    process = percent(sum(figures.process[s] for s in satisfied), figures.responses)
    outcome = percent(sum(figures.outcome[s] for s in satisfied), figures.responses)
    return SectionContent(
        paragraphs=[
            f"{plural(figures.responses, 'resident')} told us how we handled their complaint "
            f"in {period.label}: {process:.1f}% were satisfied with how it was handled and "
            f"{outcome:.1f}% with the outcome."
        ],
        tables=[
            Table(
                "feedback",
                "Residents' feedback on complaint handling",
                [
                    Column("Answer"),
                    Column("How it was handled", "count"),
                    Column("The outcome", "count"),
                ],
                [
                    [str(s.label), figures.process[s.value], figures.outcome[s.value]]
                    for s in sorted(Satisfaction, key=lambda s: -s.value)
                ],
            )
        ],
        data={
            "responses": figures.responses,
            "satisfied_with_handling_pct": process,
            "satisfied_with_outcome_pct": outcome,
        },
    )


def register_sections() -> None:
    """Fill the reports' residents' feedback slot (once, however often it is called)."""
    register("resident_feedback", feedback_section)
