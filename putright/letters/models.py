"""Letters: the templates a landlord edits, and the letters issued from them.

An issued ``Letter`` is frozen: its text, HTML and PDF (with its SHA-256) are kept as they
were sent and never change, even when the template later does (domain.md §5: "then frozen
on the timeline"). It points at its timeline ``Event``. Like the timeline, it refuses to
be updated or deleted, with two exceptions, each written once by the narrow updates of
``LetterQuerySet``: its PDF, made from its frozen HTML when first needed
(``letters.services.letter_pdf_make``: for an emailed letter, by the background worker
before it sends the email; for a posted one, when someone first opens it), and recorded
once then (``pdf_record``); and, for an emailed letter, whether the email has gone
(``email_sent_record``, ``email_failed_record``), which the background worker writes.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from putright.complaints.models import AppendOnlyError, Complaint, Event
from putright.landlords.models import Landlord
from putright.letters.kinds import Delivery, LetterKind
from putright.letters.templating import MAX_TEMPLATE_CHARS


class LetterTemplate(models.Model):
    """A landlord's own wording of one kind of letter, replacing the shipped default."""

    landlord = models.ForeignKey(
        Landlord, on_delete=models.CASCADE, related_name="letter_templates"
    )
    kind = models.CharField(max_length=30, choices=LetterKind.choices())
    subject = models.CharField(max_length=300)
    body = models.TextField(max_length=MAX_TEMPLATE_CHARS)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["landlord", "kind"], name="one_letter_template_per_kind"
            )
        ]
        ordering = ["landlord", "kind"]

    def __str__(self) -> str:
        return f"{self.landlord}: {LetterKind(self.kind).label}"

    def clean(self) -> None:
        """Refuse a template that does not compile or would leave out a required element."""
        from putright.letters.checks import template_problems

        if self.kind not in LetterKind.values():
            return
        errors: dict[str, list[str]] = {}
        for key, message in template_problems(
            LetterKind(self.kind), self.subject, self.body
        ).items():
            errors.setdefault("subject" if key == "subject" else "body", []).append(message)
        if errors:
            raise ValidationError(errors)


def letter_pdf_path(instance: Letter, filename: str) -> str:
    """Under the data directory, never served publicly (settings.STORAGES["default"])."""
    return f"letters/{instance.landlord_id}/{instance.complaint_id}/{instance.sha256}.pdf"


class LetterQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("An issued letter cannot be changed; issue a new letter.")

    def pdf_record(self, *, pk: int, name: str, sha256: str) -> int:
        """Record the PDF made from a letter's frozen HTML: only on a letter that has none
        yet, so a PDF once recorded never changes. The number of letters it was recorded on
        (0 when the letter had one already)."""
        return models.QuerySet.update(self.filter(pk=pk, sha256=""), pdf=name, sha256=sha256)

    def email_sent_record(self, *, pk: int, at: datetime.datetime) -> int:
        """Record that an emailed letter's email went at ``at``: only on a letter not
        recorded as sent already, so the time once recorded never changes. The number of
        letters it was recorded on."""
        return models.QuerySet.update(
            self.filter(pk=pk, emailed_at__isnull=True),
            emailed_at=at,
            email_failed_at=None,
            email_failure="",
        )

    def email_failed_record(self, *, pk: int, failure: str, at: datetime.datetime | None) -> int:
        """Record why an emailed letter's email could not go: ``at`` when the worker has
        given up, None while it will try again. Never on a letter recorded as sent."""
        return models.QuerySet.update(
            self.filter(pk=pk, emailed_at__isnull=True),
            email_failed_at=at,
            email_failure=failure[:1000],
        )

    def delete(self):
        raise AppendOnlyError("An issued letter cannot be deleted; it is part of the record.")


class Letter(models.Model):
    """A letter as issued to the resident, frozen (Code 5.12: a full record)."""

    landlord = models.ForeignKey(Landlord, on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="letters")
    stage = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=30, choices=LetterKind.choices())
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    html = models.TextField()
    large_print = models.BooleanField(default=False)
    #: Empty on a letter issued by post until its PDF is first needed (module docstring).
    pdf = models.FileField(upload_to=letter_pdf_path, max_length=300, blank=True)
    sha256 = models.CharField("SHA-256 of the PDF", max_length=64, blank=True)
    issued_on = models.DateField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    delivery = models.CharField(max_length=10, choices=Delivery.choices())
    sent_to = models.TextField(help_text="The email address, or the postal address, it went to.")
    event = models.OneToOneField(Event, on_delete=models.PROTECT, related_name="letter")
    created_at = models.DateTimeField(auto_now_add=True)
    #: An emailed letter's email, sent by the background worker (``putright db_worker``)
    #: after the letter is issued: when it went; or when the worker gave up, and why (a
    #: reason with no time: the last try failed and it will try again).
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_failed_at = models.DateTimeField(null=True, blank=True)
    email_failure = models.CharField(max_length=1000, blank=True, default="", db_default="")

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["complaint", "issued_on", "id"]
        indexes = [models.Index(fields=["complaint", "kind"])]

    def __str__(self) -> str:
        return f"{self.complaint.reference}: {LetterKind(self.kind).label} ({self.issued_on})"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("An issued letter cannot be changed; issue a new letter.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("An issued letter cannot be deleted; it is part of the record.")

    @property
    def email_status(self) -> str:
        """For an emailed letter, where its email is: "sent", "failed" (the worker gave up)
        or "waiting" (to go, or to be tried again); empty for a posted letter."""
        if self.delivery != Delivery.EMAIL:
            return ""
        if self.emailed_at is not None:
            return "sent"
        return "failed" if self.email_failed_at is not None else "waiting"
