"""The retention policy (domain.md §11): closed records past the landlord's retention period
lose their personal data, and every published figure stays the same.

``retention_due`` says what a run would do (``putright retention --landlord NAME``, a dry
run); ``retention_apply`` does it, for one landlord in one transaction (``--apply``).

A complaint is due when it is closed and its retention period has ended
(``putright.rules.retention``): its closure date is its latest timeline entry. A resident is
due when none of their complaints is kept (each is due, or anonymised already), or, with no
complaint at all, when their record was made more than the period ago. A resident with an
open complaint, or one closed within the period, keeps their data; their older complaints
lose the complaint's own personal data all the same.

What goes and what stays, field by field, is in docs/security.md ("Retention"): the words
(descriptions, definitions, reasons, notes, contacts, timeline summaries), the home's link,
every letter's and attachment's file go; the dates, codes, amounts and flags the reports
count stay, and text that was recorded becomes ``REMOVED`` rather than empty, so a count of
what was recorded (Code 5.6, 5.14) stays the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet

from putright.complaints.models import (
    Attachment,
    Complaint,
    Contact,
    Event,
    EventKind,
    HazardCase,
    OutstandingAction,
    Remedy,
    Stage,
    StagePoint,
)
from putright.complaints.services._common import User
from putright.complaints.signals import complaint_anonymised, retention_applied
from putright.complaints.timeline import event_write, events_redact
from putright.landlords.models import Landlord, Role, today
from putright.landlords.permissions import require_role
from putright.residents.models import AdjustmentRequest, Resident
from putright.residents.services import equality_data_detach, resident_anonymise
from putright.rules.hazards import WORDS_VERSION, hazard_priority
from putright.rules.retention import (
    CLOSED_STATES,
    REMOVED,
    is_past_retention,
    oldest,
    removed,
)

#: The summary of the timeline entry each anonymised complaint is given.
RETENTION_SUMMARY = "Personal data removed under the retention policy"

#: The words of a stage, struck out (empty stays empty).
STAGE_WORDS = (
    "outcomes_sought",
    "not_responsible",
    "reasons",
    "not_accepted_detail",
    "discretion_considered",
    "escalation_reason_text",
)


@dataclass(frozen=True)
class RetentionPlan:
    """What a retention run removes for one landlord on ``on``."""

    landlord: Landlord
    on: dt.date
    years: int
    complaint_ids: tuple[int, ...]
    resident_ids: tuple[int, ...]
    attachments: int
    letters: int
    oldest_closure: dt.date | None

    @property
    def complaints(self) -> int:
        return len(self.complaint_ids)

    @property
    def residents(self) -> int:
        return len(self.resident_ids)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _pending() -> Q:
    """Something still to do on the record: a letter a stage waits for, or (for a record
    made in Putright; a register's history never tracked them) a remedy or an action not
    done."""
    letter_owed = Exists(Stage.objects.filter(complaint=OuterRef("pk")).exclude(letter_owed=""))
    imported = Exists(Event.objects.filter(complaint=OuterRef("pk"), kind=EventKind.IMPORTED))
    remedy = Exists(Remedy.objects.filter(stage__complaint=OuterRef("pk"), done_on__isnull=True))
    action = Exists(
        OutstandingAction.objects.filter(stage__complaint=OuterRef("pk"), done_on__isnull=True)
    )
    return Q(letter_owed) | (~Q(imported) & (Q(remedy) | Q(action)))


def _closures(landlord: Landlord, on: dt.date) -> dict[int, dt.date]:
    """The landlord's complaints due under the retention policy on ``on``, with their
    closure dates."""
    years = landlord.retention_years
    # Narrowed in the database, then decided by the rule, which knows 29 February.
    latest_possible = _years_before(on, years)
    rows = (
        Complaint.objects.filter(
            landlord=landlord, anonymised_on__isnull=True, state__in=list(CLOSED_STATES)
        )
        .exclude(_pending())
        .annotate(closed_on=Max("events__occurred_on"))
        .filter(closed_on__lte=latest_possible)
        .order_by("id")
        .values_list("id", "state", "closed_on")
    )
    return {
        pk: closed_on
        for pk, state, closed_on in rows
        if is_past_retention(state=state, closed_on=closed_on, years=years, today=on)
    }


def _residents_due(landlord: Landlord, on: dt.date, due: set[int]) -> list[int]:
    """Residents none of whose complaints is kept, and residents with no complaint whose
    record was made more than the period ago."""
    kept = Complaint.objects.filter(resident=OuterRef("pk"), anonymised_on__isnull=True).exclude(
        pk__in=due
    )
    any_complaint = Complaint.objects.filter(resident=OuterRef("pk"))
    made_before = _years_before(on, landlord.retention_years)
    return list(
        Resident.objects.filter(landlord=landlord, anonymised_on__isnull=True)
        .exclude(Exists(kept))
        .filter(
            Q(Exists(any_complaint.filter(pk__in=due)))
            | (~Q(Exists(any_complaint)) & Q(created_at__date__lt=made_before))
        )
        .order_by("id")
        .values_list("id", flat=True)
    )


def retention_due(*, landlord: Landlord, on: dt.date | None = None) -> RetentionPlan:
    """Domain.md §11: what the retention policy removes for ``landlord`` on ``on`` (today
    unless given): how many complaints, residents, attachments and letters, and the oldest
    closure date among the complaints. Reads only."""
    on = on or today()
    closures = _closures(landlord, on)
    ids = tuple(closures)
    in_plan: QuerySet[Complaint] = Complaint.objects.filter(pk__in=ids)
    return RetentionPlan(
        landlord=landlord,
        on=on,
        years=landlord.retention_years,
        complaint_ids=ids,
        resident_ids=tuple(_residents_due(landlord, on, set(ids))),
        attachments=Attachment.objects.filter(complaint__in=in_plan).exclude(file="").count(),
        # Counted through the complaint, so the complaints app needs no letters import.
        letters=in_plan.filter(letters__isnull=False).values("letters").count(),
        oldest_closure=oldest(closures.values()),
    )


def _files_delete_after_commit(names: list[str]) -> None:
    """Delete stored files once the transaction has committed, so a run that fails part
    way loses no file of a record it did not change."""

    def delete() -> None:
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(delete)


def _complaint_anonymise(
    complaint: Complaint, *, on: dt.date, closed_on: dt.date, by: User | None
) -> None:
    """Remove one complaint's own personal data, with its timeline entry saying so."""
    stages = Stage.objects.filter(complaint=complaint)
    for stage in stages:
        for field in STAGE_WORDS:
            setattr(stage, field, removed(getattr(stage, field)))
        stage.save(update_fields=list(STAGE_WORDS))
    for point in StagePoint.objects.filter(stage__in=stages):
        point.summary, point.finding = removed(point.summary), removed(point.finding)
        point.save(update_fields=["summary", "finding"])
    for remedy in Remedy.objects.filter(stage__in=stages):
        for field in ("description", "resident_wording", "evidence"):
            setattr(remedy, field, removed(getattr(remedy, field)))
        remedy.save(update_fields=["description", "resident_wording", "evidence"])
    for action in OutstandingAction.objects.filter(stage__in=stages):
        action.description = removed(action.description)
        action.save(update_fields=["description"])
    Contact.objects.filter(complaint=complaint).update(with_whom=REMOVED, summary=REMOVED)
    HazardCase.objects.filter(complaint=complaint).update(description=REMOVED)
    for request in AdjustmentRequest.objects.filter(complaint=complaint):
        request.details = removed(request.details)
        request.save(update_fields=["details"])
    attachments = Attachment.objects.filter(complaint=complaint).exclude(file="")
    _files_delete_after_commit([str(a.file.name) for a in attachments])
    attachments.update(file="", filename="Removed under the retention policy")
    events_redact(complaint=complaint)

    complaint.description = removed(complaint.description)
    complaint.hazard_priority = hazard_priority(complaint.description)
    complaint.hazard_words = WORDS_VERSION
    complaint.outcome_wanted = removed(complaint.outcome_wanted)
    complaint.withdrawn_by = removed(complaint.withdrawn_by)
    complaint.home = None
    complaint.anonymised_on = on
    event_write(
        complaint=complaint,
        kind=EventKind.RETENTION,
        summary=RETENTION_SUMMARY,
        occurred_on=on,
        by=by,
        detail={
            "closed_on": closed_on.isoformat(),
            "retention_years": complaint.landlord.retention_years,
        },
        changed=(
            "description",
            "hazard_priority",
            "hazard_words",
            "outcome_wanted",
            "withdrawn_by",
            "home",
            "anonymised_on",
        ),
    )
    complaint_anonymised.send(sender=Complaint, complaint=complaint, on=on)


@transaction.atomic
def retention_apply(
    *, landlord: Landlord, by: User | None, on: dt.date | None = None
) -> RetentionPlan:
    """Domain.md §11: anonymise ``landlord``'s closed records past its retention period, in
    one transaction: all of it, or (on any error) nothing.

    Equality data first: each resident due has theirs detached onto their complaints
    (``equality_data_detach``). Then each complaint due loses its own personal data, its
    files (deleted from storage once committed), its timeline's words, and gets an entry
    "Personal data removed under the retention policy"; the apps above remove theirs when
    told (``complaint_anonymised``: letters, Ombudsman casework, portal access and
    feedback). Then each resident due is anonymised (``resident_anonymise``), and the apps
    above remove their own records' (``retention_applied``: compliments received before
    the period). For an
    administrator or the system (``by`` None: the command line)."""
    require_role(
        by,
        landlord,
        frozenset({Role.ADMINISTRATOR}),
        "Only an administrator may apply the retention policy.",
    )
    on = on or today()
    plan = retention_due(landlord=landlord, on=on)
    closures = _closures(landlord, on)
    residents = Resident.objects.filter(pk__in=plan.resident_ids).order_by("id")
    for resident in residents:
        theirs = list(Complaint.objects.filter(resident=resident).values_list("id", flat=True))
        equality_data_detach(resident=resident, complaint_ids=theirs, by=by)
    for complaint in (
        Complaint.objects.select_for_update()
        .select_related("landlord")
        .filter(pk__in=plan.complaint_ids)
        .order_by("id")
    ):
        _complaint_anonymise(complaint, on=on, closed_on=closures[complaint.pk], by=by)
    for resident in residents:
        resident_anonymise(resident=resident, on=on, by=by)
    retention_applied.send(
        sender=Landlord,
        landlord=landlord,
        on=on,
        before=_years_before(on, landlord.retention_years),
    )
    return plan
