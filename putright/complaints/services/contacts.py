"""Contacts with the resident, and the repairs service told of a hazard (Code 5.12: a full
record; Awaab's Law, domain.md §12).

A handler's day is calls, emails, texts and visits. Each is recorded with when it
happened (the date and the time), which way it went (from the resident or to them), who it
was with (the resident, their representative, someone else for them) and what was said, as
a ``Contact`` kept with its timeline entry. Any time, like a note: a call can come on a
closed case too.

When a complaint mentions a hazard (``putright.rules.hazards``), the repairs service must be
told; telling them is recorded on the timeline too: when, how, and who was told.
"""

from __future__ import annotations

import datetime as dt

from django.db import models, transaction
from django.utils import timezone

from putright.complaints.models import (
    Complaint,
    Contact,
    ContactDirection,
    ContactMethod,
    Event,
    EventKind,
)
from putright.complaints.services._common import (
    User,
    change_record,
    command_open,
    not_before,
    raise_if,
)
from putright.rules.lifecycle import RuleError

#: The longest "who it was with" kept, as the field is.
WITH_WHOM_MAX = 200


class RepairsChannel(models.TextChoices):
    """How the repairs service was told of a hazard (kept in the timeline entry's detail)."""

    PHONE = "phone", "Phone call"
    EMAIL = "email", "Email"
    JOB = "job", "Repair job raised"
    IN_PERSON = "in_person", "In person"

    @property
    def phrase(self) -> str:
        """As the timeline says it: "told ... by phone"."""
        return {
            "phone": "by phone",
            "email": "by email",
            "job": "by raising a repair job",
            "in_person": "in person",
        }[self.value]


def when_happened(at: dt.datetime | None, *, earliest: dt.date, field: str = "at") -> dt.datetime:
    """When a contact happened: now unless given, not in the future, not on a day before
    ``earliest`` (the day the complaint was received). A naive time is London's."""
    at = at or timezone.now()
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    if at > timezone.now():
        raise RuleError({field: "The time cannot be in the future."})
    not_before(timezone.localtime(at).date(), earliest, "the date it was received", field)
    return at


def clock(at: dt.datetime) -> str:
    """The time as GOV.UK writes it: "9:30am", "2pm", "midday", "midnight"."""
    local = timezone.localtime(at)
    if (local.hour, local.minute) == (12, 0):
        return "midday"
    if (local.hour, local.minute) == (0, 0):
        return "midnight"
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


def _stage_number(complaint: Complaint) -> int | None:
    stage = complaint.current_stage
    return stage.number if stage else None


@transaction.atomic
def complaint_record_contact(
    *,
    complaint: Complaint,
    method: str,
    direction: str,
    with_whom: str,
    summary: str,
    by: User | None,
    at: dt.datetime | None = None,
) -> Contact:
    """Record a call, email, text, visit or letter with the resident or someone for them:
    when (``at``, now unless given), which way, with whom and what was said. The timeline
    says it in a line: "Phone call from Amina Okafor at 10:15am: ...".  Code 5.12."""
    complaint = command_open(complaint, by)
    problems: dict[str, str] = {}
    if method not in ContactMethod.values:
        problems["method"] = (
            "Choose how you were in contact: a phone call, email, text, visit or letter."
        )
    if direction not in ContactDirection.values:
        problems["direction"] = "Choose whether the resident contacted us or we contacted them."
    with_whom = " ".join(with_whom.split())
    if not with_whom:
        problems["with_whom"] = "Enter who it was with."
    elif len(with_whom) > WITH_WHOM_MAX:
        problems["with_whom"] = f"Who it was with must be {WITH_WHOM_MAX} characters or fewer."
    summary = summary.strip()
    if not summary:
        problems["summary"] = "Enter what was said."
    raise_if(problems)
    at = when_happened(at, earliest=complaint.received_on)
    way = "from" if direction == ContactDirection.FROM_RESIDENT else "to"
    event = change_record(
        complaint,
        EventKind.CONTACT,
        f"{ContactMethod(method).label} {way} {with_whom} at {clock(at)}: {summary}",
        on=timezone.localtime(at).date(),
        by=by,
        stage=_stage_number(complaint),
        detail={
            "method": method,
            "direction": direction,
            "with_whom": with_whom,
            "at": timezone.localtime(at).isoformat(),
        },
    )
    return Contact.objects.create(
        complaint=complaint,
        event=event,
        method=method,
        direction=direction,
        occurred_at=at,
        with_whom=with_whom,
        summary=summary,
    )


@transaction.atomic
def complaint_record_repairs_told(
    *,
    complaint: Complaint,
    how: str,
    told: str,
    by: User | None,
    at: dt.datetime | None = None,
    job_reference: str = "",
) -> Event:
    """Awaab's Law (domain.md §12): the complaint mentions a hazard, and the repairs service
    has been told of it: when (``at``, now unless given), how, who was told, and the repair
    job's reference if one was raised. Recorded as it happened: Putright does not run the
    repair itself."""
    complaint = command_open(complaint, by)
    problems: dict[str, str] = {}
    if how not in RepairsChannel.values:
        problems["how"] = "Choose how you told the repairs service."
    told = " ".join(told.split())
    if not told:
        problems["told"] = "Enter who you told: a person or a team."
    elif len(told) > WITH_WHOM_MAX:
        problems["told"] = f"Who you told must be {WITH_WHOM_MAX} characters or fewer."
    job_reference = job_reference.strip()
    raise_if(problems)
    at = when_happened(at, earliest=complaint.received_on)
    job = f" Repair job {job_reference}." if job_reference else ""
    return change_record(
        complaint,
        EventKind.REPAIRS_TOLD,
        f"Repairs told of the possible hazard at {clock(at)}, {RepairsChannel(how).phrase}: "
        f"{told}.{job}",
        on=timezone.localtime(at).date(),
        by=by,
        stage=_stage_number(complaint),
        detail={
            "how": how,
            "told": told,
            "job_reference": job_reference,
            "at": timezone.localtime(at).isoformat(),
        },
    )
