"""The landlord's dealings with the Housing Ombudsman (domain.md §7).

- ``OmbudsmanCase``: a case the Ombudsman holds, by its reference, linked to a complaint
  or standing alone (the Ombudsman may contact the landlord about a case it never logged).
- ``Contact``: each contact from the Ombudsman (enquiry, evidence request, information
  request, status check or "premature" referral, request to progress a complaint), with the
  date received and the deadline; ``Reply``: what the landlord sent back, and when.
- ``Determination``: the Ombudsman's decision, a ``Finding`` per element of the complaint
  (with the Ombudsman's category of what the element is about), and its ``Order``s and recommendations, each with a due date, an owner, evidence of
  compliance and a status (Code 9.7c: orders after severe maladministration are reported
  to the governing body).
- ``FailureOrder``: a Complaint Handling Failure Order against the landlord.
- ``GuidanceBand`` / ``GuidanceFixedSum``: each landlord's copy of the Ombudsman's remedies
  guidance and of its own compensation policy, shown when an amount is chosen (Code 7.4).

Every change is made by a service in ``services.py``, which puts it on the linked
complaint's timeline in the same transaction.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from putright.complaints.models import Complaint
from putright.landlords.models import Landlord
from putright.rules.remedies import Edition, Per, money


class OmbudsmanCase(models.Model):
    """A case at the Housing Ombudsman, known by the Ombudsman's reference."""

    landlord = models.ForeignKey(Landlord, on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey(
        Complaint,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ombudsman_cases",
        help_text="Empty when the Ombudsman contacted us about a case we have no record of.",
    )
    reference = models.CharField("Ombudsman's reference", max_length=50)
    resident_name = models.CharField(
        max_length=200, blank=True, help_text="Who complained, when there is no complaint record."
    )
    summary = models.TextField("what the case is about", blank=True)
    opened_on = models.DateField(help_text="The date of the Ombudsman's first contact.")
    closed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["landlord", "reference"], name="unique_ombudsman_reference"
            )
        ]
        ordering = ["-opened_on", "-id"]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class ContactKind(models.TextChoices):
    """What the Ombudsman asked (domain.md §7; the Milton Keynes report counts them so)."""

    ENQUIRY = "enquiry", "Enquiry"
    EVIDENCE_REQUEST = "evidence_request", "Evidence request"
    INFORMATION_REQUEST = "information_request", "Information request"
    STATUS_CHECK = "status_check", "Status check or premature referral"
    PROGRESS_REQUEST = "progress_request", "Request to progress the complaint"


class Contact(models.Model):
    """One contact from the Ombudsman, with the deadline it set."""

    case = models.ForeignKey(OmbudsmanCase, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(max_length=30, choices=ContactKind.choices)
    received_on = models.DateField()
    deadline = models.DateField(help_text="The date the Ombudsman asked us to reply by.")
    details = models.TextField("what the Ombudsman asked for", blank=True)
    met_on = models.DateField(
        null=True, blank=True, help_text="The date of the reply that answered it in full."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["met_on", "deadline"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.case.reference}), due {self.deadline}"

    @property
    def is_open(self) -> bool:
        return self.met_on is None

    def met_late(self) -> bool:
        return self.met_on is not None and self.met_on > self.deadline


def reply_file_path(instance: Reply, filename: str) -> str:
    return f"ombudsman/{instance.contact.case.landlord_id}/replies/{instance.sha256}"


class Reply(models.Model):
    """What the landlord sent the Ombudsman in reply to a contact."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="replies")
    sent_on = models.DateField()
    summary = models.TextField("what we sent")
    answers_in_full = models.BooleanField(
        default=True, help_text="The reply answers everything the Ombudsman asked."
    )
    bundle_sha256 = models.CharField(
        "SHA-256 of the case file bundle sent", max_length=64, blank=True
    )
    file = models.FileField(upload_to=reply_file_path, max_length=300, blank=True)
    filename = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_on", "id"]
        verbose_name_plural = "replies"

    def __str__(self) -> str:
        return f"Reply of {self.sent_on} to {self.contact}"


class FindingKind(models.TextChoices):
    """The Ombudsman's finding on one element of a complaint. Its reports count mediation and
    withdrawal beside its findings, so an element resolved by mediation or withdrawn is
    recorded as one too."""

    NO_MALADMINISTRATION = "no_maladministration", "No maladministration"
    SERVICE_FAILURE = "service_failure", "Service failure"
    MALADMINISTRATION = "maladministration", "Maladministration"
    SEVERE_MALADMINISTRATION = "severe_maladministration", "Severe maladministration"
    REASONABLE_REDRESS = "reasonable_redress", "Reasonable redress"
    OUTSIDE_JURISDICTION = "outside_jurisdiction", "Outside jurisdiction"
    MEDIATION = "mediation", "Resolved by mediation"
    WITHDRAWN = "withdrawn", "Withdrawn"


class OmbudsmanCategory(models.TextChoices):
    """The complaint categories the Housing Ombudsman publishes its findings by (its landlord
    performance reports; Brent's annual report tabulates them so)."""

    REPAIRS = "repairs", "Repairs and maintenance"
    DAMP_AND_MOULD = "damp_and_mould", "Damp and mould"
    LEAKS = "leaks", "Leaks and water ingress"
    ANTI_SOCIAL_BEHAVIOUR = "anti_social_behaviour", "Anti-social behaviour"
    COMPLAINT_HANDLING = "complaint_handling", "Complaint handling"
    ESTATE_MANAGEMENT = "estate_management", "Estate management"
    RENT_AND_SERVICE_CHARGES = "rent_and_service_charges", "Rent and service charges"
    OTHER = "other", "Other"


#: Findings of fault: the Ombudsman may make orders after these.
FAULT_FINDINGS = frozenset(
    {
        FindingKind.SERVICE_FAILURE,
        FindingKind.MALADMINISTRATION,
        FindingKind.SEVERE_MALADMINISTRATION,
    }
)

#: The findings counted as maladministration in a determination's headline (Code 8.1 e, f;
#: Milton Keynes: "decisions with maladministration for one or more parts").
MALADMINISTRATION_FINDINGS = frozenset(
    {FindingKind.MALADMINISTRATION, FindingKind.SEVERE_MALADMINISTRATION}
)


class Determination(models.Model):
    """The Ombudsman's decision on a case."""

    case = models.ForeignKey(OmbudsmanCase, on_delete=models.CASCADE, related_name="determinations")
    determined_on = models.DateField()
    summary = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-determined_on", "-id"]

    def __str__(self) -> str:
        return f"Determination of {self.determined_on} on {self.case.reference}"

    @property
    def severe(self) -> bool:
        return any(f.finding == FindingKind.SEVERE_MALADMINISTRATION for f in self.findings.all())


class Finding(models.Model):
    """The finding on one element of the complaint."""

    determination = models.ForeignKey(
        Determination, on_delete=models.CASCADE, related_name="findings"
    )
    number = models.PositiveSmallIntegerField()
    element = models.TextField("the element of the complaint")
    finding = models.CharField(max_length=30, choices=FindingKind.choices)
    category = models.CharField(
        "the Ombudsman's category",
        max_length=30,
        choices=OmbudsmanCategory.choices,
        blank=True,
        default="",
        help_text="What the element is about, in the Ombudsman's categories. Empty on "
        "findings recorded before categories were kept.",
    )

    class Meta:
        ordering = ["determination", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["determination", "number"], name="unique_finding_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.element[:60]}: {self.get_finding_display()}"


class OrderKind(models.TextChoices):
    APOLOGY = "apology", "Apology"
    COMPENSATION = "compensation", "Compensation"
    WORKS = "works", "Works"
    INSPECTION = "inspection", "Inspection"
    MANAGEMENT_REVIEW = "management_review", "Management review"
    POLICY_REVIEW = "policy_review", "Policy review"
    TRAINING = "training", "Training"
    PUBLISH_STANDARDS = "publish_standards", "Publish service standards"
    OTHER = "other", "Other"


class OrderStatus(models.TextChoices):
    OPEN = "open", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLIED = "complied", "Complied"
    NOT_ACCEPTED = "not_accepted", "Recommendation not taken up"


def order_evidence_path(instance: Order, filename: str) -> str:
    landlord_id = instance.determination.case.landlord_id
    return f"ombudsman/{landlord_id}/evidence/{instance.evidence_sha256}"


class Order(models.Model):
    """An order (which the landlord must comply with) or a recommendation, with its due
    date, owner, evidence of compliance and status."""

    determination = models.ForeignKey(
        Determination, on_delete=models.CASCADE, related_name="orders"
    )
    finding = models.ForeignKey(
        Finding,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
        help_text="The finding it follows, if the Ombudsman said.",
    )
    is_recommendation = models.BooleanField(
        default=False, help_text="A recommendation, not an order."
    )
    kind = models.CharField(max_length=30, choices=OrderKind.choices)
    description = models.TextField()
    amount = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, help_text="For compensation."
    )
    due_on = models.DateField()
    owner = models.CharField(max_length=200)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=OrderStatus.choices, default=OrderStatus.OPEN)
    evidence = models.TextField("evidence of compliance", blank=True)
    evidence_file = models.FileField(upload_to=order_evidence_path, max_length=300, blank=True)
    evidence_filename = models.CharField(max_length=255, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        word = "Recommendation" if self.is_recommendation else "Order"
        amount = f" {money(self.amount)}" if self.amount is not None else ""
        return f"{word}: {self.get_kind_display()}{amount}"

    @property
    def is_open(self) -> bool:
        return self.status in (OrderStatus.OPEN, OrderStatus.IN_PROGRESS)

    def overdue(self, today: dt.date) -> bool:
        return self.is_open and self.due_on < today


class FailureOrderKind(models.TextChoices):
    """The Ombudsman's three types of Complaint Handling Failure Order."""

    TYPE_1 = "type_1", "Type 1: a complaint not progressed through our complaints process"
    TYPE_2 = "type_2", "Type 2: information not given to the Ombudsman on time"
    TYPE_3 = "type_3", "Type 3: our complaints process does not comply with the Code"


class FailureOrder(models.Model):
    """A Complaint Handling Failure Order against the landlord: what failed, what we did."""

    landlord = models.ForeignKey(Landlord, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        OmbudsmanCase,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="failure_orders",
    )
    issued_on = models.DateField()
    kind = models.CharField("type", max_length=10, choices=FailureOrderKind.choices)
    what_failed = models.TextField()
    actions_taken = models.TextField(blank=True)
    actions_done_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = "Complaint Handling Failure Order"

    def __str__(self) -> str:
        return f"{self.get_kind_display().split(':')[0]} issued {self.issued_on}"


EDITION_CHOICES = [(e.value, e.label) for e in Edition]
BAND_EDITIONS = [(e.value, e.label) for e in (Edition.BANDS_BEFORE_2026, Edition.LANDLORD_POLICY)]
FIXED_EDITIONS = [
    (e.value, e.label) for e in (Edition.FIXED_SUMS_FROM_2026, Edition.LANDLORD_POLICY)
]


class GuidanceBand(models.Model):
    """A band of compensation for a level of impact: the Ombudsman's (a landlord's copy, to
    check and update) or the landlord's own policy."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="+")
    edition = models.CharField(max_length=20, choices=BAND_EDITIONS)
    position = models.PositiveSmallIntegerField(default=1)
    impact = models.CharField("level of impact", max_length=100)
    lower = models.DecimalField("from (£)", max_digits=10, decimal_places=2)
    upper = models.DecimalField(
        "to (£)",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Empty: or more.",
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["landlord", "edition", "position", "lower"]
        verbose_name = "remedies guidance band"

    def __str__(self) -> str:
        upper = f" to {money(self.upper)}" if self.upper is not None else " or more"
        return f"{self.impact}: {money(self.lower)}{upper}"


class GuidanceFixedSum(models.Model):
    """A fixed sum for a kind of failure (the Ombudsman's guidance from 1 April 2026, or
    the landlord's policy), e.g. £15 per missed appointment."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="+")
    edition = models.CharField(max_length=20, choices=FIXED_EDITIONS)
    position = models.PositiveSmallIntegerField(default=1)
    what = models.CharField(max_length=200)
    amount = models.DecimalField("amount (£)", max_digits=10, decimal_places=2)
    per = models.CharField(max_length=20, choices=[(p.value, p.label) for p in Per])
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["landlord", "edition", "position", "id"]
        verbose_name = "remedies guidance fixed sum"

    def __str__(self) -> str:
        return f"{self.what}: {money(self.amount)} {Per(self.per).label}"


class BundleDownload(models.Model):
    """A case file bundle produced for a complaint: who, when, and its SHA-256 (every read
    of a case file by staff is logged, domain.md §11)."""

    landlord = models.ForeignKey(Landlord, on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    events = models.PositiveIntegerField()
    attachments = models.PositiveIntegerField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"Bundle of {self.complaint} at {self.at:%Y-%m-%d %H:%M}"


class MrcCopyWhat(models.TextChoices):
    """What is copied to the Member Responsible for Complaints (Code 9.7, 9.8)."""

    DETERMINATION = "determination", "Ombudsman determination"
    ORDER = "order", "Ombudsman order"
    FAILURE_ORDER = "failure_order", "Complaint Handling Failure Order"
    UPHELD_DECISION = "upheld_decision", "Upheld decision"


class MrcCopy(models.Model):
    """One email copying a decision to the Member Responsible for Complaints: what, to
    whom, the words sent, when it was queued and when it went. Written by
    ``services.mrc_copy_queue``; sent by the background worker (``tasks.send_mrc_copy``),
    which notes the copy on the complaint's timeline when it has gone."""

    landlord = models.ForeignKey(Landlord, on_delete=models.PROTECT, related_name="+")
    what = models.CharField(max_length=20, choices=MrcCopyWhat.choices)
    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.PROTECT, related_name="mrc_copies"
    )
    case = models.ForeignKey(
        OmbudsmanCase, null=True, blank=True, on_delete=models.SET_NULL, related_name="mrc_copies"
    )
    to_name = models.CharField(max_length=200)
    to_email = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    queued_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failure = models.TextField(
        blank=True, help_text="Why the mail server refused it, when it did; empty once sent."
    )

    class Meta:
        ordering = ["-queued_at", "-id"]
        verbose_name = "copy to the Member Responsible for Complaints"
        verbose_name_plural = "copies to the Member Responsible for Complaints"

    def __str__(self) -> str:
        return f"{self.get_what_display()} to {self.to_name}: {self.subject}"
