"""Residents, their homes and tenure, representatives, disclosed disabilities, agreed
reasonable adjustments, vulnerabilities, restrictions and (held apart) equality data.

Code 3.6 (representatives with consent), 5.10 (adjustments asked for online, agreed, and
kept under active review),
5.14 - 5.15 (restrictions, proportionate and reviewed), Equality Act 2010.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models.functions import Lower

from putright.landlords.models import Landlord
from putright.residents.lookups import CompactUpper, PhoneKey
from putright.rules.codes import AgeBand, Disability, RepresentativeKind, Sex, StockType, Tenure


class Via(models.TextChoices):
    """Where a resident's record was made: by staff, by the resident or their representative
    on the website, or by another of the landlord's systems through the API."""

    STAFF = "staff", "Staff workspace"
    WEB = "web", "Website"
    API = "api", "API"


class Property(models.Model):
    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="properties")
    uprn = models.CharField("UPRN", max_length=20, blank=True)
    address = models.TextField()
    postcode = models.CharField(max_length=10, blank=True, db_index=True)
    estate = models.CharField(max_length=200, blank=True)
    block = models.CharField(max_length=200, blank=True)
    stock_type = models.CharField(max_length=10, choices=StockType.choices(), default="lcra")

    class Meta:
        verbose_name_plural = "properties"
        ordering = ["postcode", "address"]

    def __str__(self) -> str:
        return f"{self.address.splitlines()[0] if self.address else ''} {self.postcode}".strip()


class Resident(models.Model):
    """A person who complains, or on whose behalf someone complains."""

    class ContactPreference(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"
        LETTER = "letter", "Letter"
        TEXT = "text", "Text message"

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="residents")
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    contact_preference = models.CharField(
        max_length=10, choices=ContactPreference.choices, blank=True
    )
    preferred_language = models.CharField(max_length=100, blank=True)
    home = models.ForeignKey(
        Property, null=True, blank=True, on_delete=models.SET_NULL, related_name="residents"
    )
    tenure = models.CharField(max_length=20, choices=Tenure.choices(), default="unknown")
    tenancy_reference = models.CharField(max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_via = models.CharField(
        max_length=10, choices=Via.choices, blank=True, help_text="Empty for older records."
    )
    anonymised_on = models.DateField(
        null=True,
        blank=True,
        help_text="When their personal data was removed under the retention policy.",
    )

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["landlord", "name"]),
            # Found by what a caller gives (issue 12): see residents/lookups.py.
            models.Index(F("landlord"), PhoneKey("phone"), name="resident_phone_key"),
            models.Index(F("landlord"), Lower("email"), name="resident_email_key"),
            models.Index(
                F("landlord"), CompactUpper("tenancy_reference"), name="resident_tenancy_key"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Representative(models.Model):
    """Someone acting for the resident. Code 3.6: the resident's consent is recorded before
    the landlord deals with them."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="representatives")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=RepresentativeKind.choices())
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    consent_given_on = models.DateField(
        null=True, blank=True, help_text="Empty while consent is awaited."
    )
    consent_evidence = models.TextField(blank=True)
    consent_withdrawn_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_via = models.CharField(
        max_length=10, choices=Via.choices, blank=True, help_text="Empty for older records."
    )

    class Meta:
        # Found by what a caller gives (issue 12): see residents/lookups.py.
        indexes = [
            models.Index(PhoneKey("phone"), name="representative_phone_key"),
            models.Index(Lower("email"), name="representative_email_key"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    @property
    def has_consent(self) -> bool:
        return self.consent_given_on is not None and self.consent_withdrawn_on is None


class ReviewedRecord(models.Model):
    """Something kept under active review, with the date the next review is due."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="+")
    review_due_on = models.DateField()
    last_reviewed_on = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class DisclosedDisability(ReviewedRecord):
    """A disability the resident has told the landlord about (Equality Act 2010)."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="disabilities")
    description = models.TextField()

    class Meta:
        verbose_name_plural = "disclosed disabilities"

    def __str__(self) -> str:
        return self.description[:80]


class ReasonableAdjustment(ReviewedRecord):
    """Code 5.10: an adjustment agreed with the resident, kept under active review."""

    class Kind(models.TextChoices):
        LARGE_PRINT = "large_print", "Large print"
        EASY_READ = "easy_read", "Easy read"
        BRAILLE = "braille", "Braille"
        AUDIO = "audio", "Audio"
        LANGUAGE = "language", "A language other than English"
        PHONE_NOT_LETTERS = "phone_not_letters", "Phone calls instead of letters"
        INTERPRETER = "interpreter", "Interpreter"
        BSL = "bsl", "British Sign Language"
        SUPPORT_PERSON = "support_person", "Someone to help"
        OTHER = "other", "Other"

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="adjustments")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    details = models.TextField(blank=True)
    agreed_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def is_format(self) -> bool:
        """An accessible format every letter must be provided in (``FORMAT_KINDS``)."""
        return self.kind in FORMAT_KINDS


#: The accessible formats and languages a landlord must provide (Code 5.10, Equality Act
#: 2010): a letter to a resident with one of these, agreed and current, is held until
#: staff say how this letter meets it. BSL interpretation is for meetings and calls: it is
#: shown on every letter too, so the handler offers it with what the letter asks.
FORMAT_KINDS: tuple[str, ...] = (
    ReasonableAdjustment.Kind.LARGE_PRINT,
    ReasonableAdjustment.Kind.BRAILLE,
    ReasonableAdjustment.Kind.EASY_READ,
    ReasonableAdjustment.Kind.AUDIO,
    ReasonableAdjustment.Kind.LANGUAGE,
    ReasonableAdjustment.Kind.BSL,
    ReasonableAdjustment.Kind.INTERPRETER,
)


class RequestedBy(models.TextChoices):
    """Who asked online: the resident, or the representative who complained for them."""

    RESIDENT = "resident", "The resident"
    REPRESENTATIVE = "representative", "Their representative"


class AdjustmentRequest(models.Model):
    """Code 5.10: support or a change the resident (or their representative) asked for on a
    complaint, through the website.

    A request, not an agreement: staff talk to the resident and agree it as a
    ``ReasonableAdjustment`` (with its review date), linked here as ``agreed_as``. The
    request itself is kept as it was made.
    """

    landlord = models.ForeignKey(Landlord, on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.PROTECT, related_name="adjustment_requests"
    )
    resident = models.ForeignKey(
        Resident,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adjustment_requests",
    )
    kind = models.CharField(max_length=30, choices=ReasonableAdjustment.Kind.choices)
    details = models.TextField(blank=True, help_text="The language, or the request in their words.")
    requested_on = models.DateField()
    requested_by = models.CharField(max_length=20, choices=RequestedBy.choices)
    event = models.ForeignKey(
        "complaints.Event",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The timeline entry that told staff about the request.",
    )
    agreed_as = models.ForeignKey(
        ReasonableAdjustment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The reasonable adjustment staff agreed, once they have.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["complaint", "created_at", "id"]
        indexes = [models.Index(fields=["landlord", "requested_on"])]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def is_waiting(self) -> bool:
        """Not agreed yet."""
        return self.agreed_as_id is None


class VulnerabilityFlag(ReviewedRecord):
    """A vulnerability the resident or others have disclosed, so that cases are handled with care."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="vulnerabilities")
    description = models.TextField()
    ended_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return self.description[:80]


class Restriction(ReviewedRecord):
    """Code 5.14 - 5.15: a restriction on contact for unacceptable behaviour: what, why, the
    evidence, why it is proportionate, and when it will be reviewed."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="restrictions")
    restriction = models.TextField("what is restricted")
    reason = models.TextField()
    evidence = models.TextField()
    proportionality = models.TextField("why it is proportionate")
    starts_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return self.restriction[:80]


class EqualityData(models.Model):
    """Optional equality monitoring, held apart from the case and reported only in aggregate.

    Attached to a resident, or to a single complaint when it came in a register with no
    resident record.
    """

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="+")
    resident = models.OneToOneField(
        Resident, null=True, blank=True, on_delete=models.CASCADE, related_name="equality_data"
    )
    complaint = models.OneToOneField(
        "complaints.Complaint",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="equality_data",
    )
    age_band = models.CharField(max_length=20, choices=AgeBand.choices(), blank=True)
    sex = models.CharField(max_length=20, choices=Sex.choices(), blank=True)
    ethnicity = models.CharField(max_length=100, blank=True)
    disability = models.CharField(max_length=20, choices=Disability.choices(), blank=True)

    class Meta:
        verbose_name_plural = "equality data"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(resident__isnull=False) | models.Q(complaint__isnull=False),
                name="equality_data_belongs_to_someone",
            )
        ]

    def __str__(self) -> str:
        return f"Equality data #{self.pk}"


class SubjectAccessDisclosure(models.Model):
    """A subject access request answered (UK GDPR Article 15): the zip of everything held
    about the resident, produced by whom, when, and how (the command line or the staff
    workspace), with its SHA-256 and what it held. Only ever added to.

    Kept with the resident rather than on each complaint's timeline: an entry there would
    move the complaint's version on and start its retention period again (its closure date
    is its latest entry), and the request is about the person, not one complaint."""

    class Via(models.TextChoices):
        COMMAND = "command", "Command line"
        STAFF = "staff", "Staff workspace"

    landlord = models.ForeignKey(Landlord, on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="subject_access_disclosures"
    )
    produced_at = models.DateTimeField(auto_now_add=True)
    produced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when produced on the command line.",
    )
    via = models.CharField(max_length=10, choices=Via.choices)
    sha256 = models.CharField("SHA-256 of the zip", max_length=64)
    size = models.PositiveBigIntegerField("size in bytes")
    complaints = models.PositiveIntegerField()
    letters = models.PositiveIntegerField()
    attachments = models.PositiveIntegerField(help_text="Files included (not those removed).")

    class Meta:
        ordering = ["-produced_at", "-id"]

    def __str__(self) -> str:
        return (
            f"Subject access for resident {self.resident_id} at {self.produced_at:%Y-%m-%d %H:%M}"
        )

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValueError("A subject access record cannot be changed.")
        super().save(*args, **kwargs)
