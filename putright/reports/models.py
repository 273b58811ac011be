"""What staff write into the reports and the figures they enter from outside the record.

- ``ReportNarrative``: the annual report's words, kept per landlord and year (Code 8.1,
  8.2): the introduction, the learning, the plans and the governing body's response.
- ``TsmYear``: TP09 from the landlord's own perception survey, and the sector medians the
  landlord benchmarks CH01, CH02 and TP09 against (the Regulator's Tenant Satisfaction
  Measures). The record cannot count these: someone types them in.
- ``ReportChange``: who changed which of those, and when; append-only, so the page can say
  "Last changed by" and nobody can rewrite that history.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from putright.complaints.models import AppendOnlyError
from putright.landlords.models import Landlord
from putright.rules.counting import financial_year_label

PERCENT_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class ReportNarrative(models.Model):
    """The written sections of one year's annual complaints performance and service
    improvement report. Code 8.2: the governing body's response is published alongside."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(help_text="Financial year: 2023 means 2023/24.")
    introduction = models.TextField(blank=True)
    learning = models.TextField(
        "what we learnt from complaints and the improvements we made", blank=True
    )
    plans = models.TextField("our plans for the coming year", blank=True)
    governing_body = models.CharField(
        "the governing body's name",
        max_length=200,
        blank=True,
        help_text="For example Board, Cabinet or Housing Committee.",
    )
    governing_body_response = models.TextField("the governing body's response", blank=True)
    governing_body_response_on = models.DateField("date of the response", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["landlord", "year"], name="one_narrative_per_year")
        ]
        ordering = ["landlord", "-year"]

    def __str__(self) -> str:
        return f"{self.landlord}: annual report {financial_year_label(self.year)}"


class TsmYear(models.Model):
    """TP09 and the sector medians for one landlord and year, entered by staff."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(help_text="Financial year: 2023 means 2023/24.")
    tp09_pct = models.DecimalField(
        "TP09: satisfied with the approach to complaints handling (%)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    tp09_respondents = models.PositiveIntegerField(
        "people who answered the TP09 question", null=True, blank=True
    )
    survey_note = models.CharField(
        "about the survey",
        max_length=300,
        blank=True,
        help_text="For example: telephone survey by an independent company, summer 2023.",
    )
    median_source = models.CharField(
        "where the sector medians come from",
        max_length=300,
        blank=True,
        help_text="For example: Housemark mid-year benchmarking, 2023/24.",
    )
    median_ch01_stage1 = models.DecimalField(
        "CH01 stage 1 median (per 1,000 homes)",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    median_ch01_stage2 = models.DecimalField(
        "CH01 stage 2 median (per 1,000 homes)",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    median_ch02_stage1 = models.DecimalField(
        "CH02 stage 1 median (%)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    median_ch02_stage2 = models.DecimalField(
        "CH02 stage 2 median (%)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    median_tp09 = models.DecimalField(
        "TP09 median (%)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["landlord", "year"], name="one_tsm_entry_per_year")
        ]
        ordering = ["landlord", "-year"]
        verbose_name = "TSM figures entered for a year"
        verbose_name_plural = "TSM figures entered for a year"

    def __str__(self) -> str:
        return f"{self.landlord}: TSM {financial_year_label(self.year)}"

    def medians(self) -> dict[str, float | None]:
        """The sector medians as numbers, keyed by the measure they sit beside."""
        return {
            "CH01.stage1_per_1000_homes": _number(self.median_ch01_stage1),
            "CH01.stage2_per_1000_homes": _number(self.median_ch01_stage2),
            "CH02.stage1_within_timescale_pct": _number(self.median_ch02_stage1),
            "CH02.stage2_within_timescale_pct": _number(self.median_ch02_stage2),
            "TP09": _number(self.median_tp09),
        }


class ReportChangeQuerySet(models.QuerySet["ReportChange"]):
    def update(self, **kwargs):
        raise AppendOnlyError("The history of changes cannot be rewritten.")

    def delete(self):
        raise AppendOnlyError("The history of changes cannot be rewritten.")

    def last_for(self, landlord: Landlord, year: int, part: str) -> ReportChange | None:
        """The latest change to this part of the landlord's reports for the year."""
        return (
            self.filter(landlord=landlord, year=year, part=part)
            .select_related("changed_by")
            .order_by("-changed_at", "-id")
            .first()
        )


class ReportChange(models.Model):
    """A change staff made to what they write into a year's reports: which part, which
    fields, who and when. Append-only, like the complaint timeline: the model refuses to
    update or delete one."""

    class Part(models.TextChoices):
        NARRATIVE = "narrative", "The annual report's written sections"
        TSM = "tsm", "TP09 and the sector medians"

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(help_text="Financial year: 2023 means 2023/24.")
    part = models.CharField(max_length=20, choices=Part.choices)
    fields = models.JSONField(default=list, blank=True, help_text="The fields that changed.")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    objects = ReportChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["landlord", "part", "year", "changed_at"])]

    def __str__(self) -> str:
        return f"{self.get_part_display()} {financial_year_label(self.year)}, {self.changed_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The history of changes cannot be rewritten.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The history of changes cannot be rewritten.")


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)
