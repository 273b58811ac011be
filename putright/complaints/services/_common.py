"""What every command on a complaint shares: how it opens, how it dates, how it records.

Every command opens the same way (``command_open``): it re-reads the complaint under a row
lock, so two commands cannot interleave; checks that the person acting may act on it
(``putright.landlords.permissions``); and asks the lifecycle whether the command is
allowed now (``putright.rules.lifecycle``). Its date is settled the same way
(``command_date``): today unless given, never in the future, never before the step it
follows, because the timeline runs forwards. And it ends the same way (``change_record``):
the complaint's changed fields and next deadline saved, with its timeline entry and a new
version, through the timeline's one writer (``putright.complaints.timeline``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib.auth import models as auth_models
from django.db.models import Max

from putright.complaints.models import (
    Complaint,
    ContactDirection,
    Event,
    EventKind,
    OutstandingAction,
    Stage,
    update_given,
)
from putright.complaints.timeline import event_write
from putright.landlords.models import Landlord, today
from putright.landlords.permissions import require_can_act
from putright.rules import lifecycle as lc
from putright.rules.calendar import WorkingCalendar
from putright.rules.deadlines import (
    StageDue,
    deadline_reads_calendar,
    deadline_reads_stage,
    record_deadline,
    stage_deadline,
)
from putright.rules.lifecycle import Command, RuleError
from putright.rules.timescales import due_after_extensions, stage_due_dates
from putright.rules.updates import UpdateDue, next_update_due

#: The person acting: Django's own user (``AUTH_USER_MODEL`` is not swapped), the type every
#: model's ``..._by`` field holds.
User = auth_models.User


def raise_if(problems: dict[str, str]) -> None:
    """Refuse with every problem found, each keyed by the field it concerns."""
    if problems:
        raise RuleError(problems)


def locked(complaint: Complaint) -> Complaint:
    """Re-read the complaint under a row lock so two commands cannot interleave."""
    return (
        Complaint.objects.select_for_update()
        .select_related("landlord")
        .prefetch_related("stages")
        .get(pk=complaint.pk)
    )


def command_open(
    complaint: Complaint, by: User | None, command: Command | None = None
) -> Complaint:
    """The opening of every command on a complaint: the record locked and read again, the
    person acting allowed to act on it, and (for a step of the lifecycle) the step allowed
    now. Returns the locked record, which the command then changes."""
    complaint = locked(complaint)
    require_can_act(by, complaint.landlord, complaint)
    if command is not None:
        lc.require_allowed(complaint.situation(), command)
    return complaint


def command_date(
    on: dt.date | None,
    *,
    earliest: dt.date | None = None,
    what: str = "",
    field: str = "on",
) -> dt.date:
    """The date a command happened: today unless given, not in the future, and not before
    ``earliest`` (``what`` names it: "the stage began")."""
    on = on or today()
    not_in_future(on, field)
    not_before(on, earliest, what, field)
    return on


def not_in_future(on: dt.date, field: str = "on") -> None:
    if on > today():
        raise RuleError({field: "The date cannot be in the future."})


def not_before(on: dt.date, earliest: dt.date | None, what: str, field: str = "on") -> None:
    """The timeline runs forwards: a step cannot be dated before the one it follows."""
    if earliest is not None and on < earliest:
        raise RuleError({field: f"The date cannot be before {what} ({earliest:%-d %B %Y})."})


def change_record(
    complaint: Complaint,
    kind: str,
    summary: str,
    *,
    on: dt.date,
    by: User | None,
    stage: int | None = None,
    detail: dict[str, Any] | None = None,
    corrects: Event | None = None,
    changed: Sequence[str] = (),
) -> Event:
    """The close of every command: save the complaint's changed fields (``changed``) and its
    next deadline, with the timeline entry, through the timeline's one writer, which moves
    the version on and tells whoever listens, in the command's transaction."""
    state = complaint.state
    # Read only what the state's deadline depends on (``putright.rules.deadlines``): the
    # latest stage while one is open, the landlord's closure days while waiting for triage.
    # The update owed to the resident reads the latest stage too, once, unless withdrawn.
    latest = (
        Stage.objects.filter(complaint=complaint).order_by("-number").first()
        if deadline_reads_stage(state) or state != lc.State.WITHDRAWN
        else None
    )
    complaint.next_due_on = next_due(
        state,
        latest if deadline_reads_stage(state) else None,
        received_on=complaint.received_on,
        calendar=complaint.landlord.calendar() if deadline_reads_calendar(state) else None,
    )
    owed = update_owed(
        complaint,
        gives_update_on=on if gives_update(kind, detail) else None,
        latest=latest,
    )
    complaint.update_due_on = owed.due_on if owed is not None else None
    return event_write(
        complaint=complaint,
        kind=kind,
        summary=summary,
        occurred_on=on,
        by=by,
        stage=stage,
        detail=detail,
        corrects=corrects,
        changed=("next_due_on", "update_due_on", *changed),
    )


def gives_update(kind: str, detail: dict[str, Any] | None) -> bool:
    """The entry about to be written gives the resident an update (as ``update_given``)."""
    detail = detail or {}
    if kind == EventKind.LETTER:
        return detail.get("letter_kind") == "update"
    return kind == EventKind.CONTACT and detail.get("direction") == ContactDirection.TO_RESIDENT


_NOT_READ = object()


def update_owed(
    complaint: Complaint,
    *,
    gives_update_on: dt.date | None = None,
    latest: Stage | object | None = _NOT_READ,
) -> UpdateDue | None:
    """The next update owed to the resident (``putright.rules.updates``), from the latest
    stage's agreed interval, the actions not done and the last update given (with the one
    being recorded now, ``gives_update_on``). A withdrawn record owes none. ``latest``: the
    latest stage when the caller has read it already."""
    if complaint.state == lc.State.WITHDRAWN:
        return None
    if latest is _NOT_READ:
        latest = Stage.objects.filter(complaint=complaint).order_by("-number").first()
    if not isinstance(latest, Stage):
        return None
    # Actions are promised by a response: before stage 1 has one, there are none to read.
    no_response_yet = latest.number == 1 and latest.decided_on is None and not latest.responded_on
    undone = (
        []
        if no_response_yet
        else list(
            OutstandingAction.objects.filter(stage__complaint=complaint, done_on__isnull=True)
            .order_by()
            .values_list("due_on", flat=True)
        )
    )
    if not latest.update_interval and not undone:
        return None
    last = Event.objects.filter(update_given(), complaint=complaint).aggregate(
        last=Max("occurred_on")
    )["last"]
    if gives_update_on is not None:
        last = max(last, gives_update_on) if last is not None else gives_update_on
    return next_update_due(
        complaint.landlord.calendar(),
        interval=latest.update_interval,
        agreed_on=latest.update_interval_agreed_on,
        last_update_on=last,
        stage_open=latest.is_open and complaint.state in (lc.State.STAGE1, lc.State.STAGE2),
        undone_actions_due=undone,
    )


def next_due(
    state: str,
    stage: StageDue | None,
    *,
    received_on: dt.date | None = None,
    calendar: WorkingCalendar | None = None,
) -> dt.date | None:
    """The record's next deadline, as ``putright.rules.deadlines`` names it (the work
    queue's ``next_due_on``): for a complaint waiting for triage, given when it was
    ``received_on`` and the landlord's ``calendar``, its acknowledgement 5 working days
    after receipt (Code 6.2); then the open stage's acknowledgement, then its response as
    extended. Without them (the register import, which has no record waiting for triage
    and gives its own plan of the stage; a command on a record not waiting for triage,
    whose deadline the calendar cannot change) only an open stage's deadline is given."""
    if received_on is not None and calendar is not None:
        deadline = record_deadline(
            state=state, received_on=received_on, stage=stage, calendar=calendar
        )
    else:
        deadline = stage_deadline(state, stage)
    return deadline.due_on if deadline is not None else None


def current_stage(complaint: Complaint) -> Stage:
    stage = complaint.current_stage
    if stage is None:
        raise RuleError("This complaint has no open stage.", code="not_allowed_now")
    return stage


def refresh_due_dates(stage: Stage, landlord: Landlord) -> None:
    """The stage's acknowledgement, response and extended response dates, in the landlord's
    working days (``putright.rules.timescales``): its extensions taken in the order they
    were recorded, each counting only if agreed on or before the date it extends."""
    calendar = landlord.calendar()
    due = stage_due_dates(calendar, stage.number, stage.requested_on, stage.acknowledged_on)
    extensions = (
        stage.extensions.order_by("id").values_list("working_days", "agreed_on")
        if stage.pk is not None and stage.extension_working_days
        else []
    )
    stage.acknowledgement_due = due.acknowledgement_due
    stage.response_due = due.response_due
    stage.response_due_extended = due_after_extensions(calendar, due.response_due, extensions)


def new_stage(complaint: Complaint, number: int, requested_on: dt.date, **fields: Any) -> Stage:
    """A new stage, handled by the complaint's contractor as it stands (or the landlord)
    unless ``fields`` says otherwise; allocating the stage changes it."""
    fields.setdefault("contractor_id", complaint.contractor_id)
    stage = Stage(
        complaint=complaint,
        landlord_id=complaint.landlord_id,
        number=number,
        requested_on=requested_on,
        **fields,
    )
    refresh_due_dates(stage, complaint.landlord)
    stage.save()
    return stage
