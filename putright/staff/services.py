"""The staff workspace's own writes: the reminder digests. (The access log, written by
the staff pages and the API alike, is ``putright.web.services.case_read_record``.)

- ``reminders_send``: issue 3 (6), each handler gets one email a day listing their cases due
  in the next two working days and those overdue (Code 6.2, 6.3, 6.11, 6.15 timescales),
  and (issue 5, domain.md §7) the Housing Ombudsman's deadlines on the complaints they
  handle: contacts to reply to and orders to complete; and (issue 12) the letters their
  stages are waiting for (a step is done when its letter goes), and the remedies they own
  that are due in the next two working days or overdue (Code 7.3); and (issue 17) the
  updates owed to the residents of the complaints whose latest stage they handle, due in
  the next two working days or overdue (Code 5.9, 6.6, 6.17).
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string

from putright.complaints.models import Remedy, Stage
from putright.landlords.models import Landlord, Role, StaffMembership
from putright.ombudsman.permissions import READ_ROLES as OMBUDSMAN_READ_ROLES
from putright.ombudsman.selectors import DeadlineDue, ombudsman_deadlines_by_handler
from putright.rules.deadlines import DeadlineKind, deadline_kind
from putright.rules.lifecycle import LetterOwed, StageStatus, State
from putright.rules.timescales import deadline_words, working_days_left
from putright.staff.models import ReminderDigest

logger = logging.getLogger(__name__)

#: Cases due within this many working days go in the digest, as well as overdue ones.
REMIND_WITHIN_WORKING_DAYS = 2


@dataclass(frozen=True)
class DigestLine:
    reference: str
    resident: str
    step: str
    due_on: dt.date
    words: str
    days_left: int


@dataclass(frozen=True)
class LetterLine:
    """A letter one of the handler's stages is waiting for, and when its stage is due."""

    reference: str
    resident: str
    letter: str  # "Stage 1 response letter"
    due_on: dt.date
    words: str


@dataclass(frozen=True)
class RemedyLine:
    """A remedy the person owns, due soon or overdue."""

    reference: str
    resident: str
    remedy: str  # its kind, and what the resident was told
    due_on: dt.date
    words: str
    days_left: int


@dataclass(frozen=True)
class UpdateLine:
    """An update owed to a resident on a complaint the person handles (Code 5.9)."""

    reference: str
    resident: str
    due_on: dt.date
    words: str
    days_left: int


@dataclass(frozen=True)
class DigestResult:
    landlord: str
    username: str
    email: str
    lines: int
    sent: bool
    why_not: str = ""
    ombudsman: int = 0  # Ombudsman deadlines in the digest as well as the cases
    letters: int = 0  # letters to send on their stages
    remedies: int = 0  # remedies they own, due soon or overdue
    updates: int = 0  # updates owed to residents, due soon or overdue


def _digest_lines(
    landlord: Landlord, user_id: int, on: dt.date, until: dt.date
) -> list[DigestLine]:
    """The handler's open stages whose next deadline is on or before ``until``."""
    calendar = landlord.calendar()
    stages = (
        Stage.objects.filter(
            landlord=landlord,
            handler_id=user_id,
            status__in=(StageStatus.REQUESTED, StageStatus.ACKNOWLEDGED),
            complaint__state__in=(State.STAGE1, State.STAGE2),
            complaint__next_due_on__lte=until,
        )
        .select_related("complaint__resident")
        .order_by("complaint__next_due_on", "complaint__reference")
    )
    lines = []
    for stage in stages:
        complaint = stage.complaint
        due = complaint.next_due_on
        if due is None:
            continue
        days = working_days_left(calendar, due, on)
        kind = deadline_kind(complaint.state, stage) or DeadlineKind.RESPOND
        step = f"Stage {stage.number} {kind.step}"
        lines.append(
            DigestLine(
                reference=complaint.reference,
                resident=complaint.resident.name if complaint.resident is not None else "",
                step=step,
                due_on=due,
                words=deadline_words(days),
                days_left=days,
            )
        )
    return lines


def _letters_to_send(landlord: Landlord, user_id: int, on: dt.date) -> list[LetterLine]:
    """Issue 12 (3): the handler's open stages waiting for their acknowledgement or response
    letter, whenever the stage is due: the step is not done until the letter goes."""
    calendar = landlord.calendar()
    stages = (
        Stage.objects.filter(landlord=landlord, handler_id=user_id, status=StageStatus.ACKNOWLEDGED)
        .exclude(letter_owed="")
        .select_related("complaint__resident")
        .order_by("response_due_extended", "complaint__reference")
    )
    return [
        LetterLine(
            reference=stage.complaint.reference,
            resident=(
                stage.complaint.resident.name if stage.complaint.resident is not None else ""
            ),
            letter=f"Stage {stage.number} {LetterOwed(stage.letter_owed).value} letter",
            due_on=stage.response_due_extended,
            words=deadline_words(working_days_left(calendar, stage.response_due_extended, on)),
        )
        for stage in stages
    ]


def _remedies_due(
    landlord: Landlord, user_id: int, on: dt.date, until: dt.date
) -> list[RemedyLine]:
    """Code 7.3: the remedies the person owns (or, owned by nobody named, on the stages they
    handle) that are not done and are due by ``until``. One the response letter gives is
    done with the letter, so it is left to the letter's line until the letter has gone."""
    calendar = landlord.calendar()
    remedies = (
        Remedy.objects.filter(stage__landlord=landlord, done_on__isnull=True, due_on__lte=until)
        .filter(
            models.Q(owner_user_id=user_id)
            | models.Q(owner_user__isnull=True, stage__handler_id=user_id)
        )
        .select_related("stage__complaint__resident")
        .order_by("due_on", "stage__complaint__reference", "id")
    )
    lines = []
    for remedy in remedies:
        if remedy.delivered_in_letter and remedy.stage.responded_on is None:
            continue
        complaint = remedy.stage.complaint
        due = remedy.due_on
        if due is None:
            continue
        days = working_days_left(calendar, due, on)
        told = f" ({remedy.resident_wording})" if remedy.resident_wording else ""
        lines.append(
            RemedyLine(
                reference=complaint.reference,
                resident=complaint.resident.name if complaint.resident is not None else "",
                remedy=f"{remedy}{told}",
                due_on=due,
                words=deadline_words(days),
                days_left=days,
            )
        )
    return lines


def _latest_stages_owing_updates(landlord: Landlord, until: dt.date) -> models.QuerySet[Stage]:
    """Code 5.9, 6.6, 6.17: the latest stage of each complaint whose next update to the
    resident is owed on or before ``until`` (``Complaint.update_due_on``)."""
    later = Stage.objects.filter(complaint_id=models.OuterRef("complaint_id"), number=2)
    return Stage.objects.filter(landlord=landlord, complaint__update_due_on__lte=until).filter(
        models.Q(number=2) | ~models.Exists(later)
    )


def _updates_due(landlord: Landlord, user_id: int, on: dt.date, until: dt.date) -> list[UpdateLine]:
    """The updates owed to residents on the complaints whose latest stage the person
    handles, due by ``until`` or overdue."""
    calendar = landlord.calendar()
    stages = (
        _latest_stages_owing_updates(landlord, until)
        .filter(handler_id=user_id)
        .select_related("complaint__resident")
        .order_by("complaint__update_due_on", "complaint__reference")
    )
    lines = []
    for stage in stages:
        complaint = stage.complaint
        due = complaint.update_due_on
        if due is None:
            continue
        days = working_days_left(calendar, due, on)
        lines.append(
            UpdateLine(
                reference=complaint.reference,
                resident=complaint.resident.name if complaint.resident is not None else "",
                due_on=due,
                words=deadline_words(days),
                days_left=days,
            )
        )
    return lines


#: Who triages, and so is reminded of the complaints waiting for triage.
TRIAGE_ROLES = (Role.OFFICER,)


def _waiting_for_triage(
    landlord: Landlord, user_id: int, on: dt.date, until: dt.date
) -> list[DigestLine]:
    """Code 6.2: the complaints waiting for triage whose acknowledgement, 5 working days
    after receipt, is due on or before ``until``, for a complaints officer (who triages
    them): the clock runs from receipt, before anyone handles the complaint."""
    if not StaffMembership.objects.filter(
        landlord=landlord, user_id=user_id, role__in=TRIAGE_ROLES
    ).exists():
        return []
    calendar = landlord.calendar()
    waiting = (
        landlord.complaints.filter(state=State.RECEIVED, next_due_on__lte=until)
        .select_related("resident")
        .order_by("next_due_on", "reference")
    )
    lines = []
    for complaint in waiting:
        due = complaint.next_due_on
        if due is None:
            continue
        days = working_days_left(calendar, due, on)
        lines.append(
            DigestLine(
                reference=complaint.reference,
                resident=complaint.resident.name if complaint.resident is not None else "",
                step=f"Stage 1 {DeadlineKind.ACKNOWLEDGE.step} (waiting for triage)",
                due_on=due,
                words=deadline_words(days),
                days_left=days,
            )
        )
    return lines


def _triage_officers(landlord: Landlord, until: dt.date) -> set[int]:
    """The complaints officers to remind, when a complaint waiting for triage is due."""
    if not landlord.complaints.filter(state=State.RECEIVED, next_due_on__lte=until).exists():
        return set()
    return set(
        StaffMembership.objects.filter(landlord=landlord, role__in=TRIAGE_ROLES).values_list(
            "user_id", flat=True
        )
    )


def _send_digest(
    landlord: Landlord,
    user: User,
    lines: list[DigestLine],
    ombudsman: list[DeadlineDue],
    on: dt.date,
    base_url: str,
    letters: Sequence[LetterLine] = (),
    remedies: Sequence[RemedyLine] = (),
    updates: Sequence[UpdateLine] = (),
) -> None:
    overdue = [line for line in lines if line.days_left < 0]
    due = [line for line in lines if line.days_left >= 0]
    context = {
        "letters": letters,
        "remedies": remedies,
        "updates": updates,
        "ombudsman": ombudsman,
        "landlord": landlord,
        "user": user,
        "overdue": overdue,
        "due": due,
        "on": on,
        "base_url": base_url.rstrip("/"),
        "within": REMIND_WITHIN_WORKING_DAYS,
    }
    subject = f"Your complaints due: {len(overdue)} overdue, {len(due)} due soon"
    if letters:
        subject += f", {len(letters)} letter{'s' if len(letters) != 1 else ''} to send"
    if remedies:
        subject += f", {len(remedies)} remed{'ies' if len(remedies) != 1 else 'y'} due"
    if updates:
        subject += f", {len(updates)} update{'s' if len(updates) != 1 else ''} to residents due"
    if ombudsman:
        n = len(ombudsman)
        subject += f", {n} Housing Ombudsman deadline{'s' if n != 1 else ''}"
    subject += f" ({landlord.name})"
    EmailMessage(
        subject=subject,
        body=render_to_string("staff/email/reminder.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    ).send()


def reminders_send(
    *,
    on: dt.date,
    base_url: str = "",
    landlord: Landlord | None = None,
    again: bool = False,
    queue: bool = False,
) -> list[DigestResult]:
    """Email each handler the cases due in the next two working days and the overdue ones,
    the letters their stages are waiting for, the remedies they own that are due in the
    next two working days or overdue, and the Housing Ombudsman's deadlines (due in the
    next two working days or overdue) on the complaints whose latest stage they handle,
    once a day: a handler already sent
    today's digest is skipped (``again`` sends anyway). A handler with nothing due gets
    nothing; one without an email address is reported. Only people who may read Ombudsman
    casework are told of its deadlines (not a contractor's staff); the complaints officers
    are told of every one by ``putright ombudsman_remind``.

    One digest that cannot be sent (the mail server refuses it) is reported and the others
    still go; it is not marked sent, so the next run tries it again. With ``queue`` each
    digest is put on the task queue instead, and the background worker
    (``putright db_worker``) sends it."""
    results: list[DigestResult] = []
    landlords = [landlord] if landlord is not None else list(Landlord.objects.all())
    for ll in landlords:
        until = ll.calendar().add_working_days(on, REMIND_WITHIN_WORKING_DAYS)
        ombudsman = _ombudsman_by_handler(ll, on)
        handler_ids = (
            Stage.objects.filter(
                landlord=ll,
                status__in=(StageStatus.REQUESTED, StageStatus.ACKNOWLEDGED),
                complaint__state__in=(State.STAGE1, State.STAGE2),
                complaint__next_due_on__lte=until,
            )
            .exclude(handler_id=None)
            .values_list("handler_id", flat=True)
            .distinct()
        )
        letters_owed = (
            Stage.objects.filter(landlord=ll, status=StageStatus.ACKNOWLEDGED)
            .exclude(letter_owed="")
            .exclude(handler_id=None)
            .values_list("handler_id", flat=True)
            .distinct()
        )
        remedy_owners = (
            Remedy.objects.filter(stage__landlord=ll, done_on__isnull=True, due_on__lte=until)
            .annotate(person=Coalesce("owner_user_id", "stage__handler_id"))
            .exclude(person=None)
            .values_list("person", flat=True)
            .distinct()
        )
        updates_owed = (
            _latest_stages_owing_updates(ll, until)
            .exclude(handler_id=None)
            .values_list("handler_id", flat=True)
            .distinct()
        )
        people = {*handler_ids, *ombudsman, *letters_owed, *remedy_owners, *updates_owed}
        people |= _triage_officers(ll, until)
        for user in User.objects.filter(pk__in=list(people), is_active=True).order_by("username"):
            if queue:
                from putright.staff.tasks import send_reminder

                send_reminder.enqueue(ll.pk, user.pk, on.isoformat(), base_url, again)
                results.append(
                    DigestResult(ll.name, user.get_username(), user.email, 0, False, "queued")
                )
                continue
            result = reminder_send(
                landlord=ll,
                user=user,
                on=on,
                base_url=base_url,
                again=again,
                ombudsman=ombudsman.get(user.pk, []),
            )
            if result is not None:
                results.append(result)
    return results


def reminder_send(
    *,
    landlord: Landlord,
    user: User,
    on: dt.date,
    base_url: str = "",
    again: bool = False,
    ombudsman: list[DeadlineDue] | None = None,
) -> DigestResult | None:
    """One handler's digest for the day (see ``reminders_send``); None when nothing is due.
    ``ombudsman``: their Ombudsman deadlines, when the caller has worked them out for every
    handler at once."""
    until = landlord.calendar().add_working_days(on, REMIND_WITHIN_WORKING_DAYS)
    lines = sorted(
        _digest_lines(landlord, user.pk, on, until)
        + _waiting_for_triage(landlord, user.pk, on, until),
        key=lambda line: (line.due_on, line.reference),
    )
    letters = _letters_to_send(landlord, user.pk, on)
    remedies = _remedies_due(landlord, user.pk, on, until)
    updates = _updates_due(landlord, user.pk, on, until)
    if ombudsman is None:
        ombudsman = _ombudsman_by_handler(landlord, on).get(user.pk, [])
    if not lines and not ombudsman and not letters and not remedies and not updates:
        return None
    result = DigestResult(
        landlord.name,
        user.get_username(),
        user.email,
        len(lines),
        False,
        "",
        len(ombudsman),
        len(letters),
        len(remedies),
        len(updates),
    )
    if not user.email:
        return _why(result, "no email address")
    if (
        not again
        and ReminderDigest.objects.filter(landlord=landlord, user=user, sent_on=on).exists()
    ):
        return _why(result, "already sent today")
    try:
        with transaction.atomic():
            ReminderDigest.objects.update_or_create(
                landlord=landlord, user=user, sent_on=on, defaults={"cases": len(lines)}
            )
            _send_digest(landlord, user, lines, ombudsman, on, base_url, letters, remedies, updates)
    except IntegrityError:
        return _why(result, "already sent today")
    except (OSError, smtplib.SMTPException) as error:
        logger.warning("Could not send the reminder to %s: %s", user.get_username(), error)
        return _why(result, f"the email could not be sent ({error}); the next run tries again")
    return replace(result, sent=True)


def _ombudsman_by_handler(landlord: Landlord, on: dt.date) -> dict[int, list[DeadlineDue]]:
    """The Ombudsman's deadlines by handler, for those whose role may read Ombudsman
    casework at this landlord."""
    by_handler = ombudsman_deadlines_by_handler(landlord, REMIND_WITHIN_WORKING_DAYS, on)
    if not by_handler:
        return {}
    readers = set(
        StaffMembership.objects.filter(
            landlord=landlord, user_id__in=list(by_handler), role__in=OMBUDSMAN_READ_ROLES
        ).values_list("user_id", flat=True)
    )
    return {user_id: due for user_id, due in by_handler.items() if user_id in readers}


def _why(result: DigestResult, why_not: str) -> DigestResult:
    return replace(result, sent=False, why_not=why_not)
