"""One function per command on learning records (style.md: ``<entity>_<verb>``).

Code 9.1: look beyond the individual complaint; 9.3: report learning and improvements to
residents, staff and the governing body. A record that follows a complaint is noted on the
complaint's timeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction

from putright.complaints.models import Complaint, EventKind
from putright.landlords.models import Landlord, Role, today
from putright.landlords.permissions import membership, require_can_act
from putright.learning.models import CaseReview, LearningRecord, LearningStatus
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
    case_review: CaseReview | None = None,
) -> LearningRecord:
    """Record what went wrong, the learning and the improvement, with an owner (Code 9.1).
    It follows a complaint, an Ombudsman case or a critical case review (one of its
    actions), or stands alone (a theme review)."""
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
    if case_review is not None and case_review.landlord_id != landlord.pk:
        problems["case_review"] = "That review belongs to another landlord."
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
        case_review=case_review,
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


# Critical case reviews (Milton Keynes' Housing Complaints Board) ------------------------


def _require_landlord_staff(by: User | None, landlord: Landlord) -> None:
    """Reviews are the landlord's own: not for a contractor's staff or a viewer."""
    require_can_act(by, landlord, None)
    acting = membership(by, landlord)
    if acting is not None and acting.role == Role.CONTRACTOR_HANDLER:
        raise PermissionDenied("Critical case reviews are for the landlord's own staff.")


def _review_event(review: CaseReview, summary: str, *, on: dt.date, by: User | None) -> None:
    """Note ``summary`` on the timeline of each complaint under review."""
    for complaint in review.complaints.order_by("id"):
        ombudsman_event(
            complaint,
            summary,
            on=on,
            by=by,
            what="case_review",
            detail={"case_review": review.pk},
            kind=EventKind.LEARNING,
        )


@transaction.atomic
def case_review_open(
    *,
    landlord: Landlord,
    complaints: Sequence[Complaint],
    reason: str,
    by: User | None,
    selected_on: dt.date | None = None,
) -> CaseReview:
    """Select complaints for a critical case review by a panel (Code 9.1: look beyond the
    individual complaint; Milton Keynes' Housing Complaints Board), saying why. Each
    complaint's timeline says it was selected."""
    _require_landlord_staff(by, landlord)
    selected_on = selected_on or today()
    problems: dict[str, str] = {}
    if not complaints:
        problems["complaints"] = "Enter the reference of at least one complaint to review."
    elif any(c.landlord_id != landlord.pk for c in complaints):
        problems["complaints"] = "A complaint to review belongs to another landlord."
    if not reason.strip():
        problems["reason"] = "Say why these complaints are being reviewed."
    if selected_on > today():
        problems["selected_on"] = "The date cannot be in the future."
    _raise_if(problems)
    review = CaseReview.objects.create(
        landlord=landlord,
        reason=reason.strip(),
        selected_on=selected_on,
        selected_by=by if by is not None and by.is_authenticated else None,
    )
    review.complaints.set(complaints)
    _review_event(
        review,
        f"Selected for critical case review {review.pk} by the complaints panel: {review.reason}",
        on=selected_on,
        by=by,
    )
    return review


@transaction.atomic
def case_review_record_meeting(
    *, review: CaseReview, meeting_on: dt.date | None, findings: str, by: User | None
) -> CaseReview:
    """Record the panel's meeting: its date and what it found (a correction is recorded
    the same way, and noted on the timeline again)."""
    _require_landlord_staff(by, review.landlord)
    review = CaseReview.objects.select_for_update().get(pk=review.pk)
    problems: dict[str, str] = {}
    if meeting_on is None:
        problems["meeting_on"] = "Enter the date the panel met."
    elif meeting_on > today():
        problems["meeting_on"] = "The date the panel met cannot be in the future."
    elif meeting_on < review.selected_on:
        problems["meeting_on"] = (
            f"The panel cannot have met before the complaints were selected, on "
            f"{review.selected_on:%-d %B %Y}."
        )
    if not findings.strip():
        problems["findings"] = "Enter what the panel found."
    _raise_if(problems)
    assert meeting_on is not None  # refused above when missing
    review.meeting_on = meeting_on
    review.findings = findings.strip()
    review.save(update_fields=["meeting_on", "findings"])
    _review_event(
        review,
        f"Critical case review {review.pk}: the panel met on {meeting_on:%-d %B %Y} and "
        f"found: {review.findings}",
        on=meeting_on,
        by=by,
    )
    return review


@transaction.atomic
def case_review_action_add(
    *,
    review: CaseReview,
    learning: str,
    action: str,
    owner: str,
    by: User | None,
    due_on: dt.date | None = None,
) -> LearningRecord:
    """One action of the panel, into the improvements register as a learning record
    linked to the review: what went wrong is the panel's findings. The panel must have
    met first."""
    _require_landlord_staff(by, review.landlord)
    if not review.held:
        raise RuleError({"": "Record the panel's meeting and findings before its actions."})
    record = learning_record_add(
        landlord=review.landlord,
        what_went_wrong=review.findings,
        learning=learning,
        improvement=action,
        owner=owner,
        due_on=due_on,
        by=by,
        case_review=review,
    )
    _review_event(
        review,
        f"Action from critical case review {review.pk}: {record.improvement} "
        f"(owner {record.owner}).",
        on=record.recorded_on,
        by=by,
    )
    return record
