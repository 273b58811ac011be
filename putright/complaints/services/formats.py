"""How an accessible format or language the resident needs was met (Code 5.10, Equality
Act 2010), on the complaint's timeline.

The needs are the resident's agreed adjustments (``putright.residents.selectors
.format_needs``). Every letter to the resident is held until staff say how it meets each
(``putright.letters.checks.format_problems``); when it goes, each answer is written here:
which format, how, when and by whom. A meeting with a BSL interpreter, or an interpreter
booked for a call, is recorded the same way, with no letter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import transaction

from putright.complaints.models import Complaint, Event, EventKind
from putright.complaints.services._common import (
    User,
    change_record,
    command_date,
    command_open,
    raise_if,
)
from putright.residents.selectors import FormatNeed, format_needs

#: The longest answer to "how was it met".
HOW_MAX = 500


def format_met_problems(
    needs: list[FormatNeed], met: Mapping[str, str], what: str
) -> dict[str, str]:
    """One problem per need with no answer to how it is met for ``what`` ("this letter"),
    keyed ``format_<kind>``, and per answer too long."""
    problems: dict[str, str] = {}
    for need in needs:
        how = met.get(need.kind, "").strip()
        if not how:
            problems[f"format_{need.kind}"] = (
                f"The resident needs {need.words}: say how you are meeting this need for {what}."
            )
        elif len(how) > HOW_MAX:
            problems[f"format_{need.kind}"] = (
                f"How {need.label.lower()} is provided must be {HOW_MAX} characters or fewer."
            )
    return problems


def format_met_write(
    *,
    opened: Complaint,
    needs: list[FormatNeed],
    met: Mapping[str, str],
    on: dt.date,
    by: User | None,
    what: str,
) -> list[Event]:
    """Record, on a complaint whose command is already open (locked and the person
    checked, as ``letter_sent_write``), how each need was met for ``what`` ("the stage 1
    response letter"): one timeline entry per need. Refuses, writing nothing, when a need
    has no answer."""
    raise_if(format_met_problems(needs, met, what))
    return [
        change_record(
            opened,
            EventKind.FORMAT_MET,
            f"{need.words} provided for {what}: {met[need.kind].strip()}",
            on=on,
            by=by,
            detail={
                "format": need.kind,
                "details": need.details,
                "how": met[need.kind].strip(),
                "for": what,
            },
        )
        for need in needs
    ]


@transaction.atomic
def complaint_format_met(
    *,
    complaint: Complaint,
    kind: str,
    how: str,
    what: str,
    by: User | None,
    on: dt.date | None = None,
) -> Event:
    """Code 5.10: record how one of the resident's accessible formats or languages was met
    for something other than a letter (``what``: "the meeting on 3 December"), such as a
    BSL interpreter at a meeting. ``kind`` must be one the resident needs now."""
    complaint = command_open(complaint, by)
    needs = [need for need in format_needs(complaint.resident_id) if need.kind == kind]
    if not needs:
        raise_if({"kind": "Choose one of the formats or languages the resident needs."})
    if not what.strip():
        raise_if({"what": "Say what it was provided for, such as the meeting on 3 December."})
    on = command_date(on)
    return format_met_write(
        opened=complaint, needs=needs, met={kind: how}, on=on, by=by, what=what.strip()
    )[0]
