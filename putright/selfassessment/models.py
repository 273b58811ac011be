"""The self-assessment against the Complaint Handling Code (Code 8.1 a, 8.3, 8.4).

A landlord assesses itself every year, and again after a significant restructure, merger
or change in procedures (8.3) or when the Ombudsman asks (8.4). Each assessment holds one
answer per provision of the Code: complies yes or no, the evidence, the commentary, and for
a "no" the action planned and by when. The governing body approves it, with the date; an
approved assessment is kept as it was approved and can no longer be changed. Every change
is appended to ``AssessmentChange``: who started it, saved answers, recorded the approval or
loaded the Code's wording, and when.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from putright.complaints.models import AppendOnlyError
from putright.landlords.models import Landlord
from putright.learning.models import LearningRecord
from putright.rules.counting import financial_year_label


class Occasion(models.TextChoices):
    ANNUAL = "annual", "The annual self-assessment"
    RESTRUCTURE = (
        "restructure",
        "After a significant restructure, merger or change in procedures (Code 8.3)",
    )
    OMBUDSMAN = "ombudsman", "At the Ombudsman's request after an investigation (Code 8.4)"


class Complies(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"


class ProvisionWording(models.Model):
    """The Ombudsman's own wording of a provision, loaded by an administrator from a CSV.
    Where present, the form and its exports show it instead of Putright's summary."""

    number = models.CharField(max_length=5, unique=True)
    text = models.TextField()
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "official wording of a provision"
        verbose_name_plural = "official wording of the provisions"

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}"


class SelfAssessment(models.Model):
    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(
        help_text="The financial year assessed: 2024 means 2024/25."
    )
    occasion = models.CharField(max_length=20, choices=Occasion.choices, default=Occasion.ANNUAL)
    occasion_note = models.TextField(
        "what prompted it",
        blank=True,
        help_text="For example the restructure, or the Ombudsman's case reference.",
    )
    carried_forward_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    approved_on = models.DateField("date the governing body approved it", null=True, blank=True)
    approved_by = models.CharField(
        "the governing body that approved it",
        max_length=200,
        blank=True,
        help_text="For example Board, Cabinet or Housing Committee.",
    )
    approval_note = models.TextField(
        "about the approval", blank=True, help_text="For example the minute reference."
    )

    class Meta:
        ordering = ["-year", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.landlord}: self-assessment {financial_year_label(self.year)}"

    @property
    def is_approved(self) -> bool:
        return self.approved_on is not None

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)


class ProvisionAnswer(models.Model):
    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="answers")
    number = models.CharField(max_length=5)
    complies = models.CharField(max_length=3, choices=Complies.choices, blank=True)
    evidence = models.TextField(blank=True)
    commentary = models.TextField(blank=True)
    action = models.TextField("action planned", blank=True)
    action_due_on = models.DateField("action to be done by", null=True, blank=True)
    measured = models.TextField(
        "figure from the record",
        blank=True,
        help_text="For a provision the record measures, the figure when it was approved.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "number"], name="one_answer_per_provision"
            )
        ]
        ordering = ["assessment", "id"]

    def __str__(self) -> str:
        return f"{self.number}: {self.get_complies_display() or 'not answered'}"


class SpotlightStatus(models.TextChoices):
    MET = "met", "Met"
    PARTLY_MET = "partly_met", "Partly met"
    NOT_MET = "not_met", "Not met"


class SpotlightReport(models.Model):
    """One of the Ombudsman's spotlight reports (damp and mould; knowledge and information
    management; attitudes, respect and rights ...), as the landlord recorded it to assess
    itself against its recommendations. The recommendations are entered by staff in the
    Ombudsman's words; Putright ships none of them."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    published_on = models.DateField("date the Ombudsman published it")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.published_on:%B %Y})"


class SpotlightRecommendation(models.Model):
    """A recommendation of a spotlight report, and the landlord's assessment against it:
    met, partly met or not met, the evidence and the commentary, and the actions it put on
    the learning register (Code 9.1)."""

    report = models.ForeignKey(
        SpotlightReport, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField()
    #: The Ombudsman's own number or label for it ("R3"), when the import gave one.
    reference = models.CharField(max_length=40, blank=True, default="", db_default="")
    text = models.TextField("the recommendation")
    status = models.CharField(max_length=10, choices=SpotlightStatus.choices, blank=True)
    evidence = models.TextField(blank=True)
    commentary = models.TextField(blank=True)
    assessed_on = models.DateField(null=True, blank=True)
    actions = models.ManyToManyField(LearningRecord, blank=True, related_name="+")

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="one_recommendation_per_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class AssessmentChangeQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The history of changes cannot be rewritten.")

    def delete(self):
        raise AppendOnlyError("The history of changes cannot be rewritten.")


class AssessmentChange(models.Model):
    """Who changed a self-assessment, what they did and when; for the Code's wording, which
    belongs to no assessment, ``assessment`` is empty. Append-only, like the complaint
    timeline: the model refuses to update or delete one."""

    class Action(models.TextChoices):
        STARTED = "started", "Started"
        ANSWERS_SAVED = "answers_saved", "Answers saved"
        APPROVAL_RECORDED = "approval_recorded", "The governing body's approval recorded"
        WORDING_LOADED = "wording_loaded", "The Code's official wording loaded"
        PUBLISHED = "published", "Published on the landlord's public pages (Code 8.2)"
        SPOTLIGHT_RECORDED = "spotlight_recorded", "A spotlight report recorded"
        SPOTLIGHT_ASSESSED = "spotlight_assessed", "A spotlight recommendation assessed"
        SPOTLIGHT_ACTION = "spotlight_action", "An action on a spotlight recommendation"

    assessment = models.ForeignKey(
        SelfAssessment, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    summary = models.TextField(help_text="What changed, for example the provisions answered.")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    objects = AssessmentChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.summary[:60]}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The history of changes cannot be rewritten.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The history of changes cannot be rewritten.")
