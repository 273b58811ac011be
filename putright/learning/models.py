"""Learning from complaints (Code section 9, domain.md §8).

- ``LearningRecord``: what went wrong, the learning, the improvement, its owner, status and
  the date done; it follows a complaint or an Ombudsman case (or a theme review, alone).
  Together they are the improvements register the governing body sees (Code 9.3, 9.7).
- ``SuggestionModel``: a landlord's own model, trained on its own past complaints, that
  suggests a service area, theme and root cause as a complaint is logged, with its
  measured accuracy. It is kept in the database, never sent anywhere.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from putright.complaints.models import Complaint
from putright.landlords.models import Landlord, ServiceArea, Theme


class LearningStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class CaseReview(models.Model):
    """A critical case review (Code 9.1, 9.7; Milton Keynes' Housing Complaints Board):
    complaints selected, for a reason, for review by a panel, the date it met, what it
    found, and its actions, each a learning record in the improvements register."""

    landlord = models.ForeignKey(Landlord, on_delete=models.PROTECT, related_name="+")
    complaints = models.ManyToManyField(Complaint, related_name="case_reviews")
    reason = models.TextField("why the complaints were selected")
    selected_on = models.DateField()
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    meeting_on = models.DateField("the panel's meeting date", null=True, blank=True)
    findings = models.TextField("the panel's findings", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-selected_on", "-id"]
        verbose_name = "critical case review"

    def __str__(self) -> str:
        return f"Critical case review {self.pk} of {self.selected_on:%-d %B %Y}"

    @property
    def held(self) -> bool:
        return self.meeting_on is not None


class LearningRecord(models.Model):
    """One lesson and the improvement made because of it (Code 9.1: look beyond the
    individual complaint)."""

    landlord = models.ForeignKey(Landlord, on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey(
        Complaint,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="learning_records",
    )
    ombudsman_case = models.ForeignKey(
        "ombudsman.OmbudsmanCase",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="learning_records",
    )
    case_review = models.ForeignKey(
        CaseReview,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
        help_text="The critical case review whose action it is.",
    )
    what_went_wrong = models.TextField()
    learning = models.TextField("the learning")
    improvement = models.TextField("the improvement")
    owner = models.CharField(max_length=200)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField("target date", null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=LearningStatus.choices, default=LearningStatus.PLANNED
    )
    done_on = models.DateField(null=True, blank=True)
    service_area = models.ForeignKey(
        ServiceArea, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-recorded_on", "-id"]
        indexes = [models.Index(fields=["landlord", "status"])]

    def __str__(self) -> str:
        return self.improvement[:80]

    @property
    def source(self) -> str:
        """Where the learning came from, in words."""
        if self.case_review_id is not None:
            return f"Critical case review {self.case_review_id}"
        if self.complaint is not None:
            return f"Complaint {self.complaint.reference}"
        if self.ombudsman_case is not None:
            return f"Ombudsman case {self.ombudsman_case.reference}"
        return "Theme review"


class SuggestionModel(models.Model):
    """A landlord's suggestion model, fitted on its own past complaints, with the accuracy
    measured on a held-out part of them."""

    landlord = models.OneToOneField(Landlord, on_delete=models.CASCADE, related_name="+")
    trained_at = models.DateTimeField()
    complaints = models.PositiveIntegerField(help_text="Complaints it was trained on.")
    accuracy = models.JSONField(
        default=dict,
        help_text="For each of service_area, theme, root_cause: accuracy on held-out complaints.",
    )
    tested_on = models.JSONField(default=dict, help_text="Held-out complaints per target.")
    fitted = models.BinaryField(help_text="The fitted scikit-learn pipelines (joblib).")
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = "suggestion model"

    def __str__(self) -> str:
        return f"Suggestions for {self.landlord} ({self.trained_at:%d %B %Y})"
