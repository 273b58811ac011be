"""The access log: who read which case file, from the staff workspace or the API.

Domain.md §11: "Every read of a case file by staff is logged." A ``CaseRead`` row is
written for each read of a case (the case page, a letter, an attachment, or the same over
the API) and shown to administrators. Like the timeline it is only ever added to. It lives
here, below the staff workspace and the API, so that both write it the same way
(``putright.web.services.case_read_record``); its table keeps the name it was created with.
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
        db_table = "staff_caseread"
        ordering = ["-read_at", "-id"]
        indexes = [
            models.Index(fields=["complaint", "-read_at"], name="staff_caser_complai_c8e7c1_idx"),
            models.Index(fields=["landlord", "-read_at"], name="staff_caser_landlor_50ec22_idx"),
            models.Index(fields=["user", "-read_at"], name="staff_caser_user_id_f9f5dd_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.complaint} at {self.read_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The access log cannot be changed.")
        super().save(*args, **kwargs)
