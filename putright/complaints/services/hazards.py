"""Awaab's Law clocks on a complaint (domain.md §12, ``putright.rules.hazard_clocks``).

When a complaint reports an emergency hazard or significant damp and mould, the handler
records when the landlord became aware of it and when the repairs service was told
(``hazard_record_awareness``); from then on Putright keeps the regulations' clocks beside
the complaint's, and each step the repairs service takes is recorded as it happens, by
the handler or by the repairs system through the API: investigated
(``hazard_record_investigation``), the written summary sent to the resident
(``hazard_record_summary_sent``), safety work started (``hazard_record_safety_work_started``)
and made safe (``hazard_record_made_safe``). Each writes the change and its timeline entry
in one transaction. Putright does not run the repairs.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from putright.complaints.models import Complaint, EventKind, HazardCase
from putright.complaints.services._common import User, change_record, command_open, raise_if
from putright.complaints.services.contacts import clock, when_happened
from putright.rules.hazard_clocks import (
    ClockState,
    HazardClass,
    Milestone,
    milestone_problem,
    next_due,
)
from putright.rules.lifecycle import RuleError

#: The longest hazard description and repair job reference kept.
DESCRIPTION_MAX = 500
REFERENCE_MAX = 50


def _stage_number(complaint: Complaint) -> int | None:
    stage = complaint.current_stage
    return stage.number if stage else None


def _when(at: dt.datetime) -> str:
    """ "9:30am on 7 December 2026", as the timeline says it."""
    return f"{clock(at)} on {timezone.localtime(at):%-d %B %Y}"


def _keep_next_due(hazard: HazardCase) -> None:
    hazard.next_due_at = next_due(hazard.clocks(timezone.now()))


@transaction.atomic
def hazard_record_awareness(
    *,
    complaint: Complaint,
    hazard_class: str,
    description: str,
    aware_at: dt.datetime,
    repairs_told_at: dt.datetime,
    by: User | None,
    repairs_reference: str = "",
) -> HazardCase:
    """Awaab's Law: the complaint reports an emergency hazard or significant damp and mould.
    Records when the landlord became aware of it (the clocks start then), when the repairs
    service was told and the repair job's reference, and starts the clocks."""
    complaint = command_open(complaint, by)
    if HazardCase.objects.filter(complaint=complaint).exists():
        raise RuleError("The hazard on this complaint is already recorded.", code="not_allowed_now")
    problems: dict[str, str] = {}
    if hazard_class not in {c.value for c in HazardClass}:
        problems["hazard_class"] = "Choose an emergency hazard or significant damp and mould."
    description = " ".join(description.split())
    if not description:
        problems["description"] = "Enter what the hazard is and where."
    elif len(description) > DESCRIPTION_MAX:
        problems["description"] = (
            f"The hazard must be described in {DESCRIPTION_MAX} characters or fewer."
        )
    repairs_reference = repairs_reference.strip()
    if len(repairs_reference) > REFERENCE_MAX:
        problems["repairs_reference"] = (
            f"The repair job reference must be {REFERENCE_MAX} characters or fewer."
        )
    raise_if(problems)
    aware_at = when_happened(aware_at, earliest=complaint.received_on, field="aware_at")
    repairs_told_at = when_happened(
        repairs_told_at, earliest=complaint.received_on, field="repairs_told_at"
    )
    hazard = HazardCase(
        complaint=complaint,
        landlord_id=complaint.landlord_id,
        hazard_class=hazard_class,
        description=description,
        aware_at=aware_at,
        repairs_told_at=repairs_told_at,
        repairs_reference=repairs_reference,
    )
    _keep_next_due(hazard)
    hazard.save()
    label = HazardClass(hazard_class).label
    job = f" Repair job {repairs_reference}." if repairs_reference else ""
    change_record(
        complaint,
        EventKind.HAZARD,
        f"{label}: {description}. The landlord became aware at {_when(aware_at)}; "
        f"repairs told at {_when(repairs_told_at)}.{job}",
        on=timezone.localtime(aware_at).date(),
        by=by,
        stage=_stage_number(complaint),
        detail={
            "milestone": "aware",
            "hazard_class": hazard_class,
            "aware_at": timezone.localtime(aware_at).isoformat(),
            "repairs_told_at": timezone.localtime(repairs_told_at).isoformat(),
            "repairs_reference": repairs_reference,
        },
    )
    return hazard


def _hazard_of(complaint: Complaint) -> HazardCase:
    hazard = (
        HazardCase.objects.select_for_update()
        .select_related("landlord")
        .filter(complaint=complaint)
        .first()
    )
    if hazard is None:
        raise RuleError(
            "Record when the landlord became aware of the hazard first.", code="not_allowed_now"
        )
    return hazard


def _record_milestone(
    complaint: Complaint,
    milestone: Milestone,
    *,
    at: dt.datetime | None,
    by: User | None,
    note: str,
) -> HazardCase:
    """What the milestone commands share: the hazard locked, the rules asked, the moment
    kept and the clocks moved on, with the timeline entry."""
    complaint = command_open(complaint, by)
    hazard = _hazard_of(complaint)
    at = when_happened(at, earliest=complaint.received_on)
    note = " ".join(note.split())
    if problem := milestone_problem(
        HazardClass(hazard.hazard_class),
        milestone,
        aware_at=hazard.aware_at,
        at=at,
        done=hazard.milestones_done(),
    ):
        raise RuleError({"at": problem})
    setattr(hazard, HazardCase.MILESTONE_FIELDS[milestone], at)
    _keep_next_due(hazard)
    hazard.save()
    # The step's own clock, if it has one (making damp and mould safe has none).
    state = next((c.state for c in hazard.clocks(at) if c.milestone == milestone), None)
    timing: dict[ClockState | None, str] = {
        ClockState.MET: " In time.",
        ClockState.MISSED: " Late: after the deadline.",
    }
    said = f" {note}" if note else ""
    change_record(
        complaint,
        EventKind.HAZARD,
        f"Hazard: {milestone.label.lower()} at {_when(at)}.{timing.get(state, '')}{said}",
        on=timezone.localtime(at).date(),
        by=by,
        stage=_stage_number(complaint),
        detail={
            "milestone": milestone.value,
            "at": timezone.localtime(at).isoformat(),
            "note": note,
        },
    )
    return hazard


@transaction.atomic
def hazard_record_investigation(
    *, complaint: Complaint, by: User | None, at: dt.datetime | None = None, note: str = ""
) -> HazardCase:
    """Awaab's Law: the hazard was investigated (within 24 hours for an emergency, within
    10 working days of awareness for damp and mould); ``note`` what was found."""
    return _record_milestone(complaint, Milestone.INVESTIGATED, at=at, by=by, note=note)


@transaction.atomic
def hazard_record_summary_sent(
    *, complaint: Complaint, by: User | None, at: dt.datetime | None = None, note: str = ""
) -> HazardCase:
    """Awaab's Law: the written summary of the investigation sent to the resident, due
    within 3 working days of the investigation (damp and mould)."""
    return _record_milestone(complaint, Milestone.SUMMARY_SENT, at=at, by=by, note=note)


@transaction.atomic
def hazard_record_safety_work_started(
    *, complaint: Complaint, by: User | None, at: dt.datetime | None = None, note: str = ""
) -> HazardCase:
    """Awaab's Law: safety work started, due within 5 working days of the investigation
    (damp and mould)."""
    return _record_milestone(complaint, Milestone.SAFETY_WORK_STARTED, at=at, by=by, note=note)


@transaction.atomic
def hazard_record_made_safe(
    *, complaint: Complaint, by: User | None, at: dt.datetime | None = None, note: str = ""
) -> HazardCase:
    """Awaab's Law: the hazard made safe (within 24 hours of awareness for an emergency);
    the hazard's clocks close."""
    return _record_milestone(complaint, Milestone.MADE_SAFE, at=at, by=by, note=note)


#: Each milestone's command, for the pages and the API that take the milestone by name.
MILESTONE_COMMANDS = {
    Milestone.INVESTIGATED: hazard_record_investigation,
    Milestone.SUMMARY_SENT: hazard_record_summary_sent,
    Milestone.SAFETY_WORK_STARTED: hazard_record_safety_work_started,
    Milestone.MADE_SAFE: hazard_record_made_safe,
}

__all__ = [
    "MILESTONE_COMMANDS",
    "hazard_record_awareness",
    "hazard_record_investigation",
    "hazard_record_made_safe",
    "hazard_record_safety_work_started",
    "hazard_record_summary_sent",
]
