"""Putting things right (Code 7): outstanding actions done, remedies followed to the end."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from putright.complaints.models import EventKind, OutstandingAction, Remedy
from putright.complaints.services._common import (
    User,
    change_record,
    command_date,
    command_open,
    raise_if,
)
from putright.landlords.models import today
from putright.rules.codes import PaymentMethod
from putright.rules.lifecycle import RuleError


@transaction.atomic
def action_complete(
    *, action: OutstandingAction, by: User | None, note: str = "", on: dt.date | None = None
) -> OutstandingAction:
    """Record an outstanding action promised in a response as done (Code 6.9f)."""
    complaint = command_open(action.stage.complaint, by)
    action = OutstandingAction.objects.select_for_update().get(pk=action.pk)
    if action.done_on is not None:
        raise RuleError("This action is already recorded as done.", code="not_allowed_now")
    on = command_date(on, earliest=action.stage.responded_on, what="the response that promised it")
    action.done_on = on
    action.save(update_fields=["done_on"])
    change_record(
        complaint,
        EventKind.NOTE,
        f"Outstanding action done: {action.description}"
        + (f" {note.strip()}" if note.strip() else ""),
        on=on,
        by=by,
        stage=action.stage.number,
        detail={"action": action.pk, "done_on": on.isoformat()},
    )
    return action


@transaction.atomic
def remedy_record_progress(
    *,
    remedy: Remedy,
    by: User | None,
    accepted_on: dt.date | None = None,
    amount_accepted: Decimal | None = None,
    paid_on: dt.date | None = None,
    amount_paid: Decimal | None = None,
    payment_method: str = "",
    done_on: dt.date | None = None,
) -> Remedy:
    """Follow a remedy to completion (Code 7): a financial remedy accepted and paid, and how;
    any remedy done. Each step is on the timeline."""
    complaint = command_open(remedy.stage.complaint, by)
    remedy = Remedy.objects.select_for_update().get(pk=remedy.pk)
    problems: dict[str, str] = {}
    for field, day in (("accepted_on", accepted_on), ("paid_on", paid_on), ("done_on", done_on)):
        if day is not None and day > today():
            problems[field] = "The date cannot be in the future."
    if paid_on is not None and amount_paid is None:
        problems["amount_paid"] = "Give the amount paid."
    if paid_on is not None and payment_method not in PaymentMethod.values():
        problems["payment_method"] = "Choose how it was paid."
    raise_if(problems)
    changes: list[str] = []
    if accepted_on is not None:
        remedy.accepted_on, remedy.amount_accepted = accepted_on, amount_accepted
        changes.append(f"accepted on {accepted_on:%-d %B %Y}")
    if paid_on is not None:
        remedy.paid_on, remedy.amount_paid, remedy.payment_method = (
            paid_on,
            amount_paid,
            payment_method,
        )
        changes.append(
            f"£{amount_paid} paid on {paid_on:%-d %B %Y} ({PaymentMethod(payment_method).label.lower()})"
        )
    if done_on is not None:
        remedy.done_on = done_on
        changes.append(f"done on {done_on:%-d %B %Y}")
    if not changes:
        raise RuleError("Nothing to record.")
    remedy.save()
    change_record(
        complaint,
        EventKind.NOTE,
        f"{remedy}: " + "; ".join(changes) + ".",
        on=max(d for d in (accepted_on, paid_on, done_on) if d is not None),
        by=by,
        stage=remedy.stage.number,
        detail={"remedy": remedy.pk},
    )
    return remedy
