"""What the resident portal keeps of its own, beside the complaint record.

- ``PortalAccess``: who may follow a complaint online (the resident, or the representative who
  complained for them), known by the email address used, with the hash of their private link.
- ``OneTimeCode``: a 6-digit code emailed to confirm an email address before showing a
  complaint found by its reference.
- ``PendingUpload``: a file chosen on the form before the complaint is sent.
- ``Feedback``: satisfaction with how the complaint was handled and with the outcome, for the
  reports.
- ``RateCounter``: the counts behind the portal's rate limits, in the database so that every
  process of the app shares them.

Nothing here holds a secret in the clear: private links and codes are stored as hashes. The
support a person asks for online is the resident's record: ``residents.AdjustmentRequest``.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from putright.complaints.models import Complaint
from putright.landlords.models import Landlord


class Person(models.TextChoices):
    """Who is using the portal for a complaint."""

    RESIDENT = "resident", _("The resident")
    REPRESENTATIVE = "representative", _("Someone complaining for the resident")


class PortalAccess(models.Model):
    """Someone who may follow a complaint online, known by the email address they used.

    The private link's token is never stored, only its SHA-256: the token is 256 random bits,
    so the hash cannot be reversed and a copy of the database holds no working link.
    """

    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="portal_accesses"
    )
    person = models.CharField(max_length=20, choices=Person.choices)
    email = models.EmailField(help_text="Stored in lower case.")
    token_digest = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text="SHA-256 of the private link's token; empty if the person has no link.",
    )
    submission = models.UUIDField(
        unique=True,
        null=True,
        blank=True,
        help_text="The form the complaint came from, so sending it twice logs it once.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "portal access"
        verbose_name_plural = "portal access"
        constraints = [
            models.UniqueConstraint(fields=["complaint", "email"], name="one_access_per_email")
        ]

    def __str__(self) -> str:
        return f"{self.complaint.reference}: {self.get_person_display()}"


class OneTimeCode(models.Model):
    """A 6-digit code sent to confirm an email address (15 minutes, 5 tries).

    One is made for every request, whether or not the reference and email address match a
    complaint, so that the two cases take the same path; only a matching one is emailed. The
    code is kept as an HMAC keyed with the site's secret key and salted with this row's id,
    so a copy of the database alone cannot be searched for it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="+")
    complaint = models.ForeignKey(
        Complaint,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Empty when the reference and email address matched no complaint.",
    )
    person = models.CharField(max_length=20, choices=Person.choices, blank=True)
    email = models.EmailField()
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"Code {self.id}"


def pending_upload_path(instance: PendingUpload, filename: str) -> str:
    """Under the data directory, which is never served (settings.STORAGES["default"])."""
    return f"portal/pending/{instance.draft}/{uuid.uuid4().hex}"


class PendingUpload(models.Model):
    """A file chosen on the complaint form, held until the complaint is sent, when it is
    attached to the complaint's timeline and this copy is deleted."""

    draft = models.UUIDField(db_index=True, help_text="The form it belongs to.")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    file = models.FileField(upload_to=pending_upload_path, max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.filename


class Satisfaction(models.IntegerChoices):
    """The 5-point scale of the Tenant Satisfaction Measures' perception survey."""

    VERY_SATISFIED = 5, _("Very satisfied")
    FAIRLY_SATISFIED = 4, _("Fairly satisfied")
    NEITHER = 3, _("Neither satisfied nor dissatisfied")
    FAIRLY_DISSATISFIED = 2, _("Fairly dissatisfied")
    VERY_DISSATISFIED = 1, _("Very dissatisfied")


class Feedback(models.Model):
    """How the resident felt about the handling of their complaint and its outcome, given
    online after a response; one per complaint and stage. The reports count these."""

    landlord = models.ForeignKey(Landlord, on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="feedback")
    stage = models.PositiveSmallIntegerField(
        choices=[(1, "Stage 1"), (2, "Stage 2")],
        help_text="The stage whose response the feedback follows.",
    )
    given_on = models.DateField()
    given_by = models.CharField(max_length=20, choices=Person.choices)
    process_satisfaction = models.PositiveSmallIntegerField(
        "satisfaction with how the complaint was handled", choices=Satisfaction.choices
    )
    outcome_satisfaction = models.PositiveSmallIntegerField(
        "satisfaction with the outcome", choices=Satisfaction.choices
    )
    comments = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "feedback"
        ordering = ["-given_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "stage"], name="one_feedback_per_stage")
        ]
        indexes = [models.Index(fields=["landlord", "given_on"])]

    def __str__(self) -> str:
        return f"{self.complaint.reference} stage {self.stage} feedback"


class RateCounter(models.Model):
    """How many times something was done in one time window, for one scope and key (such as
    code requests from one address). Keys are stored hashed: no address or email in clear."""

    scope = models.CharField(max_length=40)
    key_digest = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "key_digest", "window_start"], name="one_counter_per_window"
            )
        ]
        indexes = [models.Index(fields=["window_start"])]

    def __str__(self) -> str:
        return f"{self.scope} {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
