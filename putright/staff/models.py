"""What the staff workspace records about itself: who read which case file, and which
reminder digests went out.

Domain.md §11: "Every read of a case file by staff is logged." A ``CaseRead`` row is
written for each staff read of a case (the case page, a letter, an attachment) and shown
to administrators. Like the timeline it is only ever added to.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from putright.complaints.models import AppendOnlyError, Complaint
from putright.landlords.models import Landlord


class CaseReadQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The access log cannot be changed.")


class CaseRead(models.Model):
    """One read of a case file by a member of staff (domain.md §11)."""

    class What(models.TextChoices):
        CASE = "case", "Case page"
        LETTER = "letter", "Issued letter"
        ATTACHMENT = "attachment", "Attachment"
        LETTER_DRAFT = "letter_draft", "Letter draft"

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="+")
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=30, help_text="The reader's role when they read it.")
    what = models.CharField(max_length=20, choices=What.choices, default=What.CASE)
    read_at = models.DateTimeField(auto_now_add=True, db_index=False)

    objects = CaseReadQuerySet.as_manager()

    class Meta:
        ordering = ["-read_at", "-id"]
        indexes = [
            models.Index(fields=["complaint", "-read_at"]),
            models.Index(fields=["landlord", "-read_at"]),
            models.Index(fields=["user", "-read_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.complaint} at {self.read_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The access log cannot be changed.")
        super().save(*args, **kwargs)


class ReminderDigest(models.Model):
    """A reminder digest emailed to a handler (``putright remind``): one per person,
    landlord and day, so running the command twice in a day sends nothing twice."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    cases = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["landlord", "user", "sent_on"], name="one_reminder_digest_a_day"
            )
        ]
        ordering = ["-sent_on", "user_id"]

    def __str__(self) -> str:
        return f"Reminder to {self.user} on {self.sent_on}"
