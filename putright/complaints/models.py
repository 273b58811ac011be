"""The complaint record (domain.md §4, Code 5.12: a full record).

A ``Complaint`` is any record received: a complaint, a service request or a member enquiry.
A complaint has up to two ``Stage`` rows; each stage holds its request, acknowledgement,
definition, handler, extensions, response, remedies and outstanding actions. Every change
is written by a service in ``services`` together with an ``Event`` on the timeline, which
only ``timeline.py`` writes and nobody can rewrite: a correction is a new event that points
at the old one.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from putright.landlords.models import Contractor, Landlord, ServiceArea, SubCause, Theme
from putright.residents.models import Property, Representative, Resident
from putright.rules import records
from putright.rules.codes import (
    Channel,
    CompensationReason,
    EscalationReason,
    ExtensionReason,
    Jurisdiction,
    Kind,
    MemberRole,
    NotAcceptedReason,
    Outcome,
    PaymentMethod,
    RemedyKind,
    RootCause,
    StockType,
    Tenure,
)
from putright.rules.hazard_clocks import HazardClass, HazardClock, Milestone, hazard_clocks
from putright.rules.hazards import NOT_FLAGGED
from putright.rules.lifecycle import LetterOwed, Situation, StageStatus, State

STATE_CHOICES = [(s.value, s.label) for s in State]
STAGE_STATUS_CHOICES = [(s.value, s.value.replace("_", " ").capitalize()) for s in StageStatus]
LETTER_OWED_CHOICES = [(letter.value, letter.label) for letter in LetterOwed]


class Complaint(models.Model):
    # Indexed by the (landlord, reference) constraint and the (landlord, ...) indexes below.
    landlord = models.ForeignKey(
        Landlord, on_delete=models.PROTECT, related_name="complaints", db_index=False
    )
    reference = models.CharField(max_length=50)
    kind = models.CharField(max_length=20, choices=Kind.choices(), default=Kind.COMPLAINT)
    state = models.CharField(max_length=20, choices=STATE_CHOICES, default=State.RECEIVED)
    jurisdiction = models.CharField(
        max_length=10, choices=Jurisdiction.choices(), default=Jurisdiction.HOUSING
    )
    channel = models.CharField(max_length=20, choices=Channel.choices(), blank=True)
    received_on = models.DateField(help_text="Date received, in Europe/London.")
    description = models.TextField("the complaint in the resident's words", blank=True)
    #: Awaab's Law (domain.md §12): the triage priority of the safety words in the
    #: description (``rules.hazards.hazard_priority``: 0 an emergency hazard, 1 another
    #: hazard, 2 a vulnerable household only, 3 none), written with the description by the
    #: services and the register import, so the work queue filters, counts and sorts by it
    #: in the database; ``hazard_words`` is the ``rules.hazards.WORDS_VERSION`` it was
    #: worked out by (0: not yet), and ``putright reflag`` works out again those of an
    #: older one.
    hazard_priority = models.PositiveSmallIntegerField(default=NOT_FLAGGED, db_default=NOT_FLAGGED)
    hazard_words = models.PositiveSmallIntegerField(default=0, db_default=0)
    outcome_wanted = models.TextField("what the resident would like done", blank=True)
    resident = models.ForeignKey(
        Resident, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    representative = models.ForeignKey(
        Representative, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    home = models.ForeignKey(
        Property, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    tenure = models.CharField(max_length=20, choices=Tenure.choices(), blank=True)
    stock_type = models.CharField(
        max_length=10, choices=StockType.choices(), default=StockType.LCRA
    )
    service_area = models.ForeignKey(
        ServiceArea,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        help_text="The main service area; reports count by this one.",
    )
    other_service_areas = models.ManyToManyField(ServiceArea, blank=True, related_name="+")
    contractor = models.ForeignKey(
        Contractor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        help_text="The contractor handling the complaint now (its current stage's, kept in "
        "step by the services); empty when the landlord handles it. Each stage records its "
        "own (Stage.contractor), which the reports count.",
    )
    theme = models.ForeignKey(
        Theme,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        help_text="The main theme; reports count by this one.",
    )
    other_themes = models.ManyToManyField(Theme, blank=True, related_name="+")
    root_cause = models.CharField(max_length=20, choices=RootCause.choices(), blank=True)
    root_cause_detail = models.CharField(max_length=200, blank=True)
    sub_cause = models.ForeignKey(
        SubCause,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        help_text="The landlord's own code for the detail of the root cause (issue 13), one "
        "of its sub-causes under that root cause; root_cause_detail stays for free text.",
    )
    vulnerable = models.BooleanField(
        null=True, blank=True, help_text="The resident disclosed a vulnerability."
    )
    raised_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints_raised",
        help_text="Code 1.5: the service request this complaint was raised from; it goes on.",
    )
    # A service request or member enquiry as work (issue 17, item 3; putright.rules.records).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The staff member who owns a service request or member enquiry.",
    )
    target_on = models.DateField(
        null=True,
        blank=True,
        help_text="When a service request or member enquiry is to be responded to by: the "
        "landlord's target in working days after receipt, set when it became one.",
    )
    responded_on = models.DateField(
        null=True, blank=True, help_text="When a service request or member enquiry was answered."
    )
    response = models.TextField("what was said in response", blank=True, default="", db_default="")
    member_name = models.CharField(
        "member's name",
        max_length=200,
        blank=True,
        default="",
        db_default="",
        help_text="The councillor or MP who made a member enquiry.",
    )
    member_role = models.CharField(
        "councillor or MP",
        max_length=20,
        choices=MemberRole.choices(),
        blank=True,
        default="",
        db_default="",
    )
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_by = models.CharField(max_length=200, blank=True)
    ombudsman_reference = models.CharField(max_length=50, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    next_due_on = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "The next deadline of the open stage (acknowledgement, then the response as "
            "extended); empty when nothing is due. Kept by the services for the work queue."
        ),
    )
    update_due_on = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "When the next update to the resident is owed (Code 5.9, 6.6, 6.17: the update "
            "interval agreed for the stage, or an outstanding action not done by its date); "
            "empty when none is. Kept by the services for the work queue and the reminders."
        ),
    )
    version = models.PositiveIntegerField(default=1, help_text="Goes up with every change.")
    anonymised_on = models.DateField(
        null=True,
        blank=True,
        help_text="When its personal data was removed under the retention policy; the "
        "counted facts (dates, codes, amounts) stay.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["landlord", "reference"], name="unique_reference")
        ]
        indexes = [
            models.Index(fields=["landlord", "received_on"]),
            models.Index(fields=["landlord", "state"]),
            models.Index(fields=["landlord", "withdrawn_on"]),
            models.Index(fields=["landlord", "next_due_on"]),
            models.Index(fields=["landlord", "update_due_on"]),
            models.Index(fields=["landlord", "kind", "state"]),
            models.Index(fields=["landlord", "hazard_priority"]),
            # A landlord's records newest first, read until enough match (the words of a
            # search, docs/performance.md "The national mixed day"): without it PostgreSQL
            # reads the whole table backwards by id, every other landlord's records too.
            models.Index(fields=["landlord", "id"], name="complaint_landlord_newest"),
        ]
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return self.reference

    def stage(self, number: int) -> Stage | None:
        """Stage 1 or 2, or None if the complaint has not reached it."""
        for s in self.stages.all():
            if s.number == number:
                return s
        return None

    @property
    def current_stage(self) -> Stage | None:
        stages = sorted(self.stages.all(), key=lambda s: s.number)
        return stages[-1] if stages else None

    @property
    def responded_within_target(self) -> bool:
        """A service request or member enquiry answered by its target date (issue 17, item
        3; ``putright.rules.records``)."""
        return records.responded_within_target(self.responded_on, self.target_on)

    def situation(self) -> Situation:
        stage = self.current_stage
        open_stage = self.state in (State.STAGE1, State.STAGE2)
        return Situation(
            kind=Kind(self.kind),
            state=State(self.state),
            stage_status=StageStatus(stage.status) if stage and open_stage else None,
            response_decided=bool(open_stage and stage and stage.response_decided),
        )


class Stage(models.Model):
    """Stage 1 or stage 2 of a complaint: its request, definition, handler, acknowledgement,
    extensions and response. Due dates are kept with it, computed by ``putright.rules``."""

    # Both indexed by the composite constraint and indexes below.
    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="stages", db_index=False
    )
    landlord = models.ForeignKey(
        Landlord, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    number = models.PositiveSmallIntegerField(choices=[(1, "Stage 1"), (2, "Stage 2")])
    status = models.CharField(
        max_length=20, choices=STAGE_STATUS_CHOICES, default=StageStatus.REQUESTED
    )
    requested_on = models.DateField(
        help_text="Stage 1: when the complaint was received. Stage 2: when escalation was asked for."
    )
    # Not indexed alone: the (handler, status) index below serves every look-up by handler.
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    contractor = models.ForeignKey(
        Contractor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stages",
        help_text="Who handled this stage: the contractor, or empty for the landlord itself. "
        "The reports count each stage under its own handler.",
    )
    # The complaint definition (Code 5.6); the points are StagePoint rows.
    outcomes_sought = models.TextField(blank=True)
    not_responsible = models.TextField(
        "aspects that are not the landlord's responsibility", blank=True
    )
    defined_on = models.DateField(null=True, blank=True)
    acknowledged_on = models.DateField(null=True, blank=True)
    acknowledgement_due = models.DateField()
    response_due = models.DateField()
    extension_working_days = models.PositiveSmallIntegerField(default=0)
    response_due_extended = models.DateField()
    decided_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the response decision was recorded; the response is sent, and the "
        "stage responded, when its letter is issued (responded_on).",
    )
    responded_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the response was sent to the resident: the response letter's date, "
        "or the register's responded date for imported history.",
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices(), blank=True)
    reasons = models.TextField(blank=True)
    letter_owed = models.CharField(
        max_length=20,
        choices=LETTER_OWED_CHOICES,
        blank=True,
        help_text="The letter this stage is waiting for, once its acknowledgement or its "
        "decision is recorded; empty when none is owed.",
    )
    response_letter_sent = models.BooleanField(
        null=True,
        blank=True,
        help_text="Code 6.9 / 6.19: the response went as a letter with every element. Set "
        "when Putright issues the response letter; from the register (s1_letter_sent, "
        "s2_letter_sent) for history, where empty means yes.",
    )
    # Sign-off before the response goes (putright.rules.approval): why it needs approval,
    # empty when it does not; who approved it and when (cleared when it is corrected).
    approval_needed = models.TextField(blank=True, default="", db_default="")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # Keeping the resident informed (Code 5.9, putright.rules.updates): the update interval
    # agreed with the resident for this stage, in working days (empty: none agreed), when it
    # was agreed, and what was agreed in the handler's words.
    update_interval = models.PositiveSmallIntegerField(null=True, blank=True)
    update_interval_agreed_on = models.DateField(null=True, blank=True)
    update_interval_note = models.TextField(blank=True, default="", db_default="")
    # Not accepted (stage 1) or escalation refused (stage 2), Code 4.1 - 4.3.
    not_accepted_reason = models.CharField(
        max_length=40, choices=NotAcceptedReason.choices(), blank=True
    )
    not_accepted_detail = models.TextField(blank=True)
    discretion_considered = models.TextField(blank=True)
    not_accepted_on = models.DateField(null=True, blank=True)
    # Stage 2 only: why the resident escalated, if they said (never required, Code 6.12).
    escalation_reason = models.CharField(
        max_length=30, choices=EscalationReason.choices(), blank=True
    )
    escalation_reason_text = models.TextField(blank=True)
    outside_escalation_window = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["complaint", "number"], name="one_of_each_stage"),
            models.CheckConstraint(condition=models.Q(number__in=[1, 2]), name="two_stages_only"),
        ]
        indexes = [
            models.Index(fields=["landlord", "number", "requested_on"]),
            models.Index(fields=["landlord", "number", "responded_on"]),
            models.Index(fields=["landlord", "number", "acknowledged_on"]),
            models.Index(fields=["landlord", "status", "response_due_extended"]),
            # A person's open stages, for "mine" and "my team" (the staff work queue).
            models.Index(fields=["handler", "status"]),
            # Responses waiting for approval (the approvers' panel on the work queue): few.
            models.Index(
                fields=["landlord", "response_due_extended"],
                name="stage_awaiting_approval",
                condition=models.Q(approved_at__isnull=True) & ~models.Q(approval_needed=""),
            ),
        ]
        ordering = ["complaint_id", "number"]

    def __str__(self) -> str:
        return f"{self.complaint.reference} stage {self.number}"

    @property
    def is_open(self) -> bool:
        return self.status in (StageStatus.REQUESTED, StageStatus.ACKNOWLEDGED)

    @property
    def awaiting_approval(self) -> bool:
        """The response is decided and needs approval before its letter goes, not yet given."""
        return bool(self.approval_needed) and self.approved_at is None and bool(self.letter_owed)

    @property
    def response_decided(self) -> bool:
        """The decision is recorded and the response letter is still to send."""
        return self.decided_on is not None and self.status == StageStatus.ACKNOWLEDGED

    @property
    def next_due(self):  # -> datetime.date
        """The next deadline: the acknowledgement, then the (extended) response."""
        if self.status == StageStatus.REQUESTED:
            return self.acknowledgement_due
        return self.response_due_extended


class StagePoint(models.Model):
    """One point of the complaint definition at a stage, and the decision on it (Code 6.9)."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="points")
    number = models.PositiveSmallIntegerField()
    summary = models.TextField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices(), blank=True)
    finding = models.TextField(
        blank=True,
        help_text="The reasons for the decision on this point, as the resident reads them.",
    )

    class Meta:
        ordering = ["stage", "number"]
        constraints = [
            models.UniqueConstraint(fields=["stage", "number"], name="unique_point_number")
        ]

    def __str__(self) -> str:
        return f"Point {self.number}: {self.summary[:60]}"


class Extension(models.Model):
    """Code 6.4 / 6.15: a later response date, decided for complexity and explained."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="extensions")
    working_days = models.PositiveSmallIntegerField()
    reason_code = models.CharField(
        max_length=30,
        choices=ExtensionReason.choices(),
        blank=True,
        help_text="Why, from the code list the annual report counts by (issue 13); empty "
        "for an extension recorded before the list, or imported without one.",
    )
    reason = models.TextField()
    good_reason = models.TextField(
        blank=True, help_text="Needed when the extensions add up to more than 10 / 20 working days."
    )
    ombudsman_details_given = models.BooleanField(
        default=False,
        help_text="Code 6.5 / 6.16: true once the extension letter, which carries the "
        "Housing Ombudsman's contact details, is issued.",
    )
    decided_on = models.DateField(
        null=True, blank=True, help_text="Empty when imported from a register that did not say."
    )
    agreed_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the extension was agreed: it counts only if on or before the due date "
        "it extends (previous_due). Empty when imported from a register that did not say, "
        "which counts it as agreed in time.",
    )
    previous_due = models.DateField()
    new_due = models.DateField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["stage", "decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.working_days} working days to {self.new_due}"


class Remedy(models.Model):
    """What is done to put things right (Code section 7), followed to completion."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField(max_length=30, choices=RemedyKind.choices())
    description = models.TextField(blank=True, help_text="The handler's own note, not sent.")
    resident_wording = models.TextField(
        "what we will tell the resident",
        blank=True,
        help_text="The remedy as the response letter says it to the resident.",
    )
    due_on = models.DateField("by when", null=True, blank=True)
    owner = models.CharField(
        max_length=200, blank=True, help_text="Who will do it; empty for one given in the letter."
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_on = models.DateField(null=True, blank=True)
    evidence = models.TextField(blank=True, help_text="What shows it was done.")
    evidence_file = models.ForeignKey(
        "Attachment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A financial remedy.
    amount_offered = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    compensation_reason = models.CharField(
        max_length=30, choices=CompensationReason.choices(), blank=True
    )
    offered_on = models.DateField(null=True, blank=True)
    accepted_on = models.DateField(null=True, blank=True)
    amount_accepted = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    amount_paid = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    payment_method = models.CharField(max_length=20, choices=PaymentMethod.choices(), blank=True)

    class Meta:
        verbose_name_plural = "remedies"
        ordering = ["stage", "id"]

    def __str__(self) -> str:
        if self.kind == RemedyKind.FINANCIAL and self.amount_offered is not None:
            return f"£{self.amount_offered} ({self.get_compensation_reason_display()})"
        return self.get_kind_display()

    @property
    def delivered_in_letter(self) -> bool:
        """Given in the response letter itself (an apology, an explanation): done when the
        letter is issued."""
        return RemedyKind(self.kind).delivered_in_letter


class OutstandingAction(models.Model):
    """Something promised in a response and not done yet, tracked to completion."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.CharField(max_length=200)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description[:80]


class EventKind(models.TextChoices):
    LOGGED = "logged", "Logged"
    IMPORTED = "imported", "Imported from a register"
    TRIAGED = "triaged", "Triaged"
    NOT_ACCEPTED = "not_accepted", "Not accepted"
    DEFINED = "defined", "Complaint defined"
    ALLOCATED = "allocated", "Allocated"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    EXTENDED = "extended", "Extended"
    DECIDED = "decided", "Decision recorded"
    RESPONSE_CORRECTED = "response_corrected", "Response corrected"
    RESPONDED = "responded", "Response sent"
    ESCALATION_REQUESTED = "escalation_requested", "Stage 2 requested"
    ESCALATION_REFUSED = "escalation_refused", "Stage 2 refused"
    WITHDRAWN = "withdrawn", "Withdrawn"
    RESOLVED = "resolved", "Resolved"
    COMPLAINT_RAISED = "complaint_raised", "Complaint raised from this record"
    NOTE = "note", "Note"
    ATTACHMENT = "attachment", "File attached"
    LETTER = "letter", "Letter"
    OMBUDSMAN = "ombudsman", "Ombudsman"
    LEARNING = "learning", "Learning"
    CORRECTION = "correction", "Correction"
    REMEDY = "remedy", "Putting things right"
    CONTACT = "contact", "Contact with the resident"
    RECLASSIFIED = "reclassified", "Service area or theme changed"
    REPAIRS_TOLD = "repairs_told", "Repairs told"
    RETENTION = "retention", "Personal data removed"
    APPROVAL = "approval", "Response approval"
    UPDATE_INTERVAL = "update_interval", "Update interval agreed"
    OWNER_SET = "owner_set", "Owner changed"
    MEMBER_SET = "member_set", "Member recorded"
    HAZARD = "hazard", "Hazard (Awaab's Law)"
    FORMAT_MET = "format_met", "Accessible format provided"


class AppendOnlyError(Exception):
    """The timeline cannot be rewritten: add a correction instead."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Timeline events cannot be changed; add a correction event.")

    def delete(self):
        raise AppendOnlyError("Timeline events cannot be deleted; add a correction event.")


class Event(models.Model):
    """One entry on a complaint's timeline. Append-only: the model refuses to update or
    delete an event; a correction is a new event whose ``corrects`` points at the old one."""

    landlord = models.ForeignKey(Landlord, on_delete=models.PROTECT, related_name="+")
    # Indexed by (complaint, occurred_on, id) below.
    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="events", db_index=False
    )
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    stage = models.PositiveSmallIntegerField(null=True, blank=True)
    occurred_on = models.DateField(help_text="The date the thing happened, in Europe/London.")
    recorded_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField()
    detail = models.JSONField(default=dict, blank=True)
    imported = models.BooleanField(default=False)
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_on", "recorded_at", "id"]
        indexes = [models.Index(fields=["complaint", "occurred_on", "id"])]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.get_kind_display()}: {self.summary[:60]}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Timeline events cannot be changed; add a correction event.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Timeline events cannot be deleted; add a correction event.")


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"attachments/{instance.complaint.landlord_id}/{instance.complaint_id}/{instance.sha256}"


class Attachment(models.Model):
    """A file on the timeline. Stored under the data directory, never served publicly."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="attachments")
    event = models.OneToOneField(Event, on_delete=models.PROTECT, related_name="attachment")
    file = models.FileField(upload_to=attachment_path)
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.filename


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone call"
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"
    VISIT = "visit", "Visit"
    LETTER = "letter", "Letter"


class ContactDirection(models.TextChoices):
    FROM_RESIDENT = "from_resident", "From the resident"
    TO_RESIDENT = "to_resident", "To the resident"


class Contact(models.Model):
    """A call, email, text, visit or letter between the landlord and the resident (or
    someone for them) about a complaint, when it happened, which way, with whom and what
    was said (Code 5.12: a full record). Written with its timeline entry by
    ``services.complaint_record_contact``; like the entry, never changed afterwards."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="contacts")
    event = models.OneToOneField(Event, on_delete=models.PROTECT, related_name="contact")
    method = models.CharField(max_length=10, choices=ContactMethod.choices)
    direction = models.CharField(max_length=20, choices=ContactDirection.choices)
    occurred_at = models.DateTimeField(help_text="When it happened (shown in Europe/London).")
    with_whom = models.CharField("who it was with", max_length=200)
    summary = models.TextField()

    class Meta:
        ordering = ["complaint", "occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.get_direction_display().lower()}"


def update_given() -> models.Q:
    """Timeline entries that gave the resident an update (Code 5.9, putright.rules.updates):
    an update letter issued, or a contact recorded to the resident."""
    return models.Q(kind=EventKind.LETTER, detail__letter_kind="update") | models.Q(
        kind=EventKind.CONTACT, detail__direction=ContactDirection.TO_RESIDENT.value
    )


HAZARD_CLASS_CHOICES = [(c.value, c.label) for c in HazardClass]


class HazardCase(models.Model):
    """A hazard a complaint reports, with Awaab's Law clocks (domain.md §12,
    ``putright.rules.hazard_clocks``): when the landlord became aware, when and how the
    repairs service was told, and when each milestone happened. Putright does not run the
    repairs: the handler, or the repairs system through the API, records what happened.
    Written only by ``services.hazards``, each change with its timeline entry."""

    complaint = models.OneToOneField(Complaint, on_delete=models.PROTECT, related_name="hazard")
    landlord = models.ForeignKey(Landlord, on_delete=models.PROTECT, related_name="+")
    hazard_class = models.CharField(max_length=20, choices=HAZARD_CLASS_CHOICES)
    description = models.TextField(help_text="What the hazard is and where, in a line or two.")
    aware_at = models.DateTimeField(help_text="When the landlord became aware of the hazard.")
    repairs_told_at = models.DateTimeField(help_text="When the repairs service was told.")
    repairs_reference = models.CharField(
        max_length=50,
        blank=True,
        default="",
        db_default="",
        help_text="The repair job's reference.",
    )
    investigated_at = models.DateTimeField(null=True, blank=True)
    summary_sent_at = models.DateTimeField(null=True, blank=True)
    safety_work_started_at = models.DateTimeField(null=True, blank=True)
    made_safe_at = models.DateTimeField(null=True, blank=True)
    next_due_at = models.DateTimeField(
        null=True, blank=True, help_text="The soonest deadline of the clocks still open."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["landlord", "made_safe_at", "next_due_at"])]

    def __str__(self) -> str:
        return f"{self.get_hazard_class_display()} on {self.complaint_id}"

    #: The field holding each milestone's moment.
    MILESTONE_FIELDS = {
        Milestone.INVESTIGATED: "investigated_at",
        Milestone.SUMMARY_SENT: "summary_sent_at",
        Milestone.SAFETY_WORK_STARTED: "safety_work_started_at",
        Milestone.MADE_SAFE: "made_safe_at",
    }

    def milestones_done(self) -> dict[Milestone, dt.datetime]:
        """The milestones recorded so far, each with its moment."""
        return {
            milestone: moment
            for milestone, name in self.MILESTONE_FIELDS.items()
            if (moment := getattr(self, name)) is not None
        }

    def clocks(self, now: dt.datetime) -> tuple[HazardClock, ...]:
        """The regulations' clocks as they stand at ``now``, in the landlord's working days."""
        return hazard_clocks(
            self.landlord.calendar(),
            HazardClass(self.hazard_class),
            aware_at=self.aware_at,
            done=self.milestones_done(),
            now=now,
        )
