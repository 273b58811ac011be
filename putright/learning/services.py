"""One function per command on learning records (style.md: ``<entity>_<verb>``).

Code 9.1: look beyond the individual complaint; 9.3: report learning and improvements to
residents, staff and the governing body. A record that follows a complaint is noted on the
complaint's timeline.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction

from putright.complaints.models import Complaint, EventKind
from putright.landlords.models import Landlord, Role, today
from putright.landlords.permissions import membership, require_can_act
from putright.learning.models import LearningRecord, LearningStatus
from putright.ombudsman.models import OmbudsmanCase
from putright.ombudsman.timeline import ombudsman_event
from putright.rules.lifecycle import RuleError


def _raise_if(problems: dict[str, str]) -> None:
    if problems:
        raise RuleError(problems)


def _status_problems(
    problems: dict[str, str], status: str, done_on: dt.date | None, recorded_on: dt.date
) -> None:
    if status not in LearningStatus.values:
        problems["status"] = "Choose the status."
    if status == LearningStatus.DONE and done_on is None:
        problems["done_on"] = "Enter the date the improvement was made."
    if done_on is not None and done_on > today():
        problems["done_on"] = "The date cannot be in the future."
    if done_on is not None and done_on < recorded_on:
        problems["done_on"] = "The date done cannot be before the learning was recorded."


@transaction.atomic
def learning_record_add(
    *,
    landlord: Landlord,
    what_went_wrong: str,
    learning: str,
    improvement: str,
    owner: str,
    by: User | None,
    complaint: Complaint | None = None,
    ombudsman_case: OmbudsmanCase | None = None,
    due_on: dt.date | None = None,
    status: str = LearningStatus.PLANNED,
    done_on: dt.date | None = None,
    recorded_on: dt.date | None = None,
) -> LearningRecord:
    """Record what went wrong, the learning and the improvement, with an owner (Code 9.1).
    It follows a complaint or an Ombudsman case, or stands alone (a theme review)."""
    require_can_act(by, landlord, complaint)
    acting = membership(by, landlord)
    if acting is not None and acting.role == Role.CONTRACTOR_HANDLER:
        raise PermissionDenied("Learning is recorded by the landlord's own staff.")
    recorded_on = recorded_on or today()
    problems: dict[str, str] = {}
    for field, text, message in (
        ("what_went_wrong", what_went_wrong, "Say what went wrong."),
        ("learning", learning, "Say what we learned."),
        ("improvement", improvement, "Say what we will improve."),
        ("owner", owner, "Enter who owns the improvement."),
    ):
        if not text.strip():
            problems[field] = message
    if complaint is not None and complaint.landlord_id != landlord.pk:
        problems["complaint"] = "That complaint belongs to another landlord."
    if ombudsman_case is not None and ombudsman_case.landlord_id != landlord.pk:
        problems["ombudsman_case"] = "That case belongs to another landlord."
    if recorded_on > today():
        problems["recorded_on"] = "The date cannot be in the future."
    _status_problems(problems, status, done_on, recorded_on)
    _raise_if(problems)
    if complaint is None and ombudsman_case is not None:
        complaint = ombudsman_case.complaint
    record = LearningRecord.objects.create(
        landlord=landlord,
        complaint=complaint,
        ombudsman_case=ombudsman_case,
        what_went_wrong=what_went_wrong.strip(),
        learning=learning.strip(),
        improvement=improvement.strip(),
        owner=owner.strip(),
        due_on=due_on,
        status=status,
        done_on=done_on if status == LearningStatus.DONE else None,
        service_area=complaint.service_area if complaint else None,
        theme=complaint.theme if complaint else None,
        recorded_on=recorded_on,
        recorded_by=by if by is not None and by.is_authenticated else None,
    )
    if complaint is not None:
        ombudsman_event(
            complaint,
            f"Learning recorded: {record.learning} Improvement: {record.improvement} "
            f"(owner {record.owner}).",
            on=recorded_on,
            by=by,
            what="learning",
            detail={"learning": record.pk},
            kind=EventKind.LEARNING,
        )
    return record


@transaction.atomic
def learning_record_update(
    *,
    record: LearningRecord,
    status: str,
    by: User | None,
    done_on: dt.date | None = None,
    owner: str | None = None,
    due_on: dt.date | None = None,
) -> LearningRecord:
    """Move an improvement on: planned, in progress, or done on a date."""
    require_can_act(by, record.landlord, record.complaint)
    record = LearningRecord.objects.select_for_update().get(pk=record.pk)
    problems: dict[str, str] = {}
    _status_problems(problems, status, done_on, record.recorded_on)
    if owner is not None and not owner.strip():
        problems["owner"] = "Enter who owns the improvement."
    _raise_if(problems)
    record.status = status
    record.done_on = done_on if status == LearningStatus.DONE else None
    if owner is not None:
        record.owner = owner.strip()
    if due_on is not None:
        record.due_on = due_on
    record.save()
    if record.complaint is not None and status == LearningStatus.DONE:
        ombudsman_event(
            record.complaint,
            f"Improvement made: {record.improvement}",
            on=done_on or today(),
            by=by,
            what="learning_done",
            detail={"learning": record.pk},
            kind=EventKind.LEARNING,
        )
    return record
