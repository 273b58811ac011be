"""Putting things right (Code 7): outstanding actions done, remedies followed to the end.

A remedy given in the response letter itself (an apology, an explanation) is done when the
letter is issued (``respond.complaint_letter_sent``). Any other is done by its owner, by its
date: ``remedy_complete`` records it done with what shows it (a few words, and a file if
there is one). A financial remedy goes offered (with the response), accepted and paid
(``remedy_record_progress``), and is done when it is paid. Each step is on the timeline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
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
from putright.complaints.services.attachments import attachment_keep, file_problem
from putright.landlords.models import today
from putright.rules.codes import PaymentMethod, RemedyKind
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
    stage = action.stage
    on = command_date(
        on,
        earliest=stage.responded_on or stage.decided_on,
        what="the response that promised it",
    )
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


@dataclass(frozen=True)
class EvidenceFile:
    """A file that shows a remedy was done: a receipt, a photograph, a letter."""

    filename: str
    content: bytes
    content_type: str


def _remedy_named(remedy: Remedy) -> str:
    """The remedy in a timeline entry: its kind and what the resident was told."""
    wording = remedy.resident_wording or remedy.description
    return f"{remedy.get_kind_display()}" + (f" ({wording})" if wording else "")


@transaction.atomic
def remedy_complete(
    *,
    remedy: Remedy,
    evidence: str,
    by: User | None,
    file: EvidenceFile | None = None,
    on: dt.date | None = None,
) -> Remedy:
    """Code 7.3: record a remedy as done, with what shows it was done (a few words, and a
    file if there is one, kept on the timeline with the entry). A financial remedy is done
    when it is paid: record the payment instead."""
    complaint = command_open(remedy.stage.complaint, by)
    remedy = Remedy.objects.select_for_update().select_related("stage").get(pk=remedy.pk)
    if remedy.done_on is not None:
        raise RuleError("This remedy is already recorded as done.", code="not_allowed_now")
    if remedy.kind == RemedyKind.FINANCIAL:
        raise RuleError(
            "A financial remedy is done when it is paid: record the payment.",
            code="not_allowed_now",
        )
    stage = remedy.stage
    problems: dict[str, str] = {}
    if not evidence.strip():
        problems["evidence"] = "Say what shows the remedy was done."
    if file is not None and (problem := file_problem(file.content, file.content_type)):
        problems["file"] = problem
    raise_if(problems)
    on = command_date(
        on,
        earliest=stage.decided_on or stage.responded_on,
        what="the response that promised it",
    )
    remedy.done_on = on
    remedy.evidence = evidence.strip()
    late = remedy.due_on is not None and on > remedy.due_on
    event = change_record(
        complaint,
        EventKind.REMEDY,
        f"Remedy done: {_remedy_named(remedy)}"
        + (f", after its date of {remedy.due_on:%-d %B %Y}" if late else "")
        + f". {remedy.evidence}"
        + (f" File: {file.filename}." if file is not None else ""),
        on=on,
        by=by,
        stage=stage.number,
        detail={"remedy": remedy.pk, "done_on": on.isoformat(), "late": late},
    )
    if file is not None:
        remedy.evidence_file = attachment_keep(
            complaint=complaint,
            event=event,
            filename=file.filename,
            content=file.content,
            content_type=file.content_type,
        )
    remedy.save(update_fields=["done_on", "evidence", "evidence_file"])
    return remedy


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
    """Follow a remedy to completion (Code 7): a financial remedy offered with the
    response, then accepted, then paid, and how: paid, it is done. Any remedy done. Each
    step is on the timeline; a payment cannot come before the acceptance it follows."""
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
    if remedy.offered_on and accepted_on is not None and accepted_on < remedy.offered_on:
        problems["accepted_on"] = (
            f"The date accepted cannot be before the offer ({remedy.offered_on:%-d %B %Y})."
        )
    accepted = accepted_on or remedy.accepted_on
    if paid_on is not None and accepted is not None and paid_on < accepted:
        problems["paid_on"] = (
            f"The date paid cannot be before it was accepted ({accepted:%-d %B %Y})."
        )
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
        if done_on is None and remedy.done_on is None:
            done_on = paid_on  # a financial remedy is done when it is paid
    if done_on is not None:
        remedy.done_on = done_on
        changes.append(f"done on {done_on:%-d %B %Y}")
    if not changes:
        raise RuleError("Nothing to record.")
    remedy.save()
    change_record(
        complaint,
        EventKind.REMEDY,
        f"{remedy}: " + "; ".join(changes) + ".",
        on=max(d for d in (accepted_on, paid_on, done_on) if d is not None),
        by=by,
        stage=remedy.stage.number,
        detail={"remedy": remedy.pk},
    )
    return remedy
