"""The work queue as a spreadsheet (issue 12, item 6): the records the queue shows with its
filters as they are, every page of them, in its order, with the page's columns. Where a
column of the page shows two things (the resident and their home, the status and the
service area, the handler and the contractor, the deadline in words and its date) the
spreadsheet gives each its own column, so it can be sorted and filtered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from putright.rules.timescales import deadline_words
from putright.staff.selectors import QueueRow
from putright.web.spreadsheets import Cell

HEADINGS = (
    "Reference",
    "Kind",
    "Resident",
    "Home",
    "Status",
    "Service area",
    "Handler",
    "Contractor",
    "Next deadline",
    "Due on",
    "Flags",
)


def queue_table(rows: Sequence[QueueRow]) -> list[list[Cell]]:
    """One line per record, in ``HEADINGS`` order."""
    return [_line(row) for row in rows]


def _line(row: QueueRow) -> list[Cell]:
    c = row.complaint
    due: dt.date | None = c.next_due_on
    return [
        c.reference,
        c.get_kind_display(),
        c.resident.name if c.resident else "Not recorded",
        str(c.home) if c.home else "",
        c.get_state_display(),
        c.service_area.name if c.service_area else "",
        row.handler_name or "Not allocated",
        c.contractor.name if c.contractor else "",
        deadline_words(row.days_left) if due and row.days_left is not None else "Nothing due",
        due,
        "; ".join(_flags(row)),
    ]


def _flags(row: QueueRow) -> list[str]:
    """The flags as the page shows them, in words."""
    flags = []
    if row.hazard:
        kind = "Emergency hazard" if row.hazard.emergency else "Safety words"
        flags.append(f"{kind}: {', '.join(row.hazard.labels)}")
    if row.vulnerable:
        flags.append("Vulnerable")
    if row.adjustments:
        flags.append("Adjustments")
    if row.waiting:
        flags.append("Action outstanding")
    if row.letter_owed:
        flags.append(row.letter_owed)
    if row.update_due_on:
        flags.append("Update due")
    return flags
