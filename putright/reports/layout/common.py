"""Pieces both documents use: money from the report's data, the year labels, the sentence
beside a chart, and a section another app fills in (``putright.reports.sections``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from putright.reports.document import Section
from putright.reports.labels import label
from putright.reports.report import AnnualReport
from putright.reports.sections import SLOTS, SectionContent
from putright.rules.counting import financial_year_label


def as_decimal(text: str | None) -> Any:
    """Money as the report data holds it ("850.00"), as a Decimal for a table cell."""
    return None if text is None else Decimal(text)


def report_years(report: AnnualReport) -> tuple[str, str | None]:
    """This year's label ("2023/24") and last year's, or None when there is no last year."""
    has_previous = report.figures["previous"] is not None
    return report.period.label, financial_year_label(report.year - 1) if has_previous else None


def top_sentence(
    counts: dict[str, int], code_list: str | None, what: str = "", *, quoted: bool = False
) -> str:
    """The text beside a chart: "Repairs had the most stage 1 complaints: 9 of 12." Words
    someone wrote (``quoted``: an extension's reason), or any that make a sentence of their
    own, are quoted after the figures, so they never run into it: "Most often (8 of 15
    extensions): “We need a specialist survey before we can answer properly.”" """
    if not counts:
        return ""
    key, n = max(counts.items(), key=lambda item: item[1])
    total = sum(counts.values())
    name = " ".join(label(code_list, key).split())
    figures = f"{n:,} of {total:,}{' ' + what if what else ''}"
    if quoted or name.endswith((".", "!", "?")):
        return f"Most often ({figures}): “{name}”" + ("" if name.endswith((".", "!", "?")) else ".")
    return f"{name} had the most{' ' + what if what else ''}: {n:,} of {total:,}."


def slot_section(key: str, content: SectionContent, period: str) -> Section:
    """A section another app fills in, or the slot's own words when it has nothing."""
    slot = SLOTS[key]
    return Section(
        id=key.replace("_", "-"),
        heading=slot.heading,
        code=f"Code {slot.code}",
        paragraphs=content.paragraphs or [slot.nothing.format(period=period)],
        tables=list(content.tables),
    )
