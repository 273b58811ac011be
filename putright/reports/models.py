"""What staff write into the reports and the figures they enter from outside the record.

- ``ReportNarrative``: the annual report's words, kept per landlord and year (Code 8.1,
  8.2): the introduction, the learning, the plans and the governing body's response.
- ``TsmYear``: TP09 from the landlord's own perception survey, and the sector medians the
  landlord benchmarks CH01, CH02 and TP09 against (the Regulator's Tenant Satisfaction
  Measures). The record cannot count these: someone types them in.
- ``PerceptionResult``: one tenant perception measure (TP01 to TP12) for a year: the
  answers the survey counted, last year's figure where Putright does not hold last year's
  answers, and the sector quartiles the landlord benchmarks against.
- ``BreakdownChoice``: which breakdowns each section of the year's annual report carries
  (issue 13), as the landlord chose them; without one, the report carries the defaults
  (``putright.reports.annual_breakdowns``).
- ``EqualitySetting``: the landlord's smallest count of equality data it publishes (counts
  below it are hidden so that nobody can be picked out), set by its administrators;
  ``EqualityYear``: whether a year's annual report counts complaints or people.
- ``ReportChange``: who changed which of those, and when; append-only, so the page can say
  "Last changed by" and nobody can rewrite that history.
- ``Publication`` and ``PublicationFile``: the annual report and the self-assessment as the
  governing body approved them and the landlord published them (Code 8.2), frozen: each
  file with its SHA-256, who approved, who published and when. Append-only: a correction is
  a new version, and the one before stays published, marked superseded.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from putright.complaints.models import AppendOnlyError
from putright.landlords.models import Landlord
from putright.rules.counting import financial_year_label
from putright.rules.perception import PERCEPTION_MEASURES, Answer, QuartileBand

PERCENT_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


#: The smallest count of equality data published, unless the landlord sets another.
EQUALITY_THRESHOLD_DEFAULT = 5
#: The range a landlord may set it in: below 3 a published count could pick out one or two
#: people; above 20 most landlords' tables would be hidden altogether.
EQUALITY_THRESHOLD_LOWEST = 3
EQUALITY_THRESHOLD_HIGHEST = 20


class EnteredBy(models.Model):
    """When a report input was last saved, and by whom (its service records the change)."""

    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class YearInput(EnteredBy):
    """What staff enter for one landlord's financial year, beside what the record counts."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(help_text="Financial year: 2023 means 2023/24.")

    class Meta:
        abstract = True


class ReportNarrative(YearInput):
    """The written sections of one year's annual complaints performance and service
    improvement report. Code 8.2: the governing body's response is published alongside."""

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

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["landlord", "year"], name="one_narrative_per_year")
        ]
        ordering = ["landlord", "-year"]

    def __str__(self) -> str:
        return f"{self.landlord}: annual report {financial_year_label(self.year)}"


class TsmYear(YearInput):
    """TP09 and the sector medians for one landlord and year, entered by staff."""

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


def _answer_field(answer: Answer) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(f"answered '{answer.label.lower()}'", default=0)


def _percent_field(label: str) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )


class PerceptionResult(YearInput):
    """One tenant perception measure for one landlord and year, from the landlord's survey:
    how many gave each answer, and the sector quartiles entered beside it. The percentage
    satisfied is worked out from the answers (``putright.rules.perception``), never typed."""

    measure = models.CharField(
        max_length=4,
        choices=[(m.code, f"{m.code}: {m.title}") for m in PERCEPTION_MEASURES.values()],
    )
    very_satisfied = _answer_field(Answer.VERY_SATISFIED)
    fairly_satisfied = _answer_field(Answer.FAIRLY_SATISFIED)
    neither = _answer_field(Answer.NEITHER)
    fairly_dissatisfied = _answer_field(Answer.FAIRLY_DISSATISFIED)
    very_dissatisfied = _answer_field(Answer.VERY_DISSATISFIED)
    not_applicable = _answer_field(Answer.NOT_APPLICABLE)
    previous_pct = _percent_field(
        "last year's figure (%), where last year's answers are not in Putright"
    )
    lower_quartile = _percent_field("sector lower quartile (%)")
    median = _percent_field("sector median (%)")
    upper_quartile = _percent_field("sector upper quartile (%)")
    quartile_band = models.CharField(
        "the quartile band, where the quartile values are not entered",
        max_length=20,
        choices=QuartileBand.choices(),
        blank=True,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["landlord", "year", "measure"], name="one_perception_result_per_measure"
            )
        ]
        ordering = ["landlord", "-year", "measure"]

    def __str__(self) -> str:
        return f"{self.landlord}: {self.measure} {financial_year_label(self.year)}"

    def answers(self) -> dict[str, int]:
        """The count of each answer, keyed by ``Answer`` code."""
        return {answer.value: getattr(self, answer.value) for answer in Answer}


class BreakdownChoice(YearInput):
    """The breakdowns one year's annual report carries, as the landlord chose them: a list
    of keys ``"<kind>.<stage>.<dimension>"`` (``"received.1.service_area"``), checked by
    ``reports.services.report_breakdowns_save``. No row: the defaults; an empty list: none."""

    breakdowns = models.JSONField(
        default=list, blank=True, help_text="The breakdowns chosen, as kind.stage.dimension."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["landlord", "year"], name="one_breakdown_choice_per_year"
            )
        ]
        ordering = ["landlord", "-year"]
        verbose_name = "breakdowns chosen for an annual report"
        verbose_name_plural = "breakdowns chosen for annual reports"

    def __str__(self) -> str:
        return f"{self.landlord}: breakdowns in the annual report {financial_year_label(self.year)}"


class EqualitySetting(EnteredBy):
    """The landlord's smallest count of equality data published, for every report: any
    count from 1 to one less than it is hidden (``putright.reports.equality``)."""

    landlord = models.OneToOneField(Landlord, on_delete=models.CASCADE, related_name="+")
    threshold = models.PositiveSmallIntegerField(
        "the smallest count published",
        default=EQUALITY_THRESHOLD_DEFAULT,
        validators=[
            MinValueValidator(EQUALITY_THRESHOLD_LOWEST),
            MaxValueValidator(EQUALITY_THRESHOLD_HIGHEST),
        ],
    )

    class Meta:
        verbose_name = "equality data setting"

    def __str__(self) -> str:
        return f"{self.landlord}: equality counts below {self.threshold} hidden"


class CountingUnit(models.TextChoices):
    """What the equality section of a report counts (Milton Keynes counts people)."""

    COMPLAINTS = "complaints", "Complaints: someone who complained twice is counted twice"
    PEOPLE = "people", "People: someone who complained twice is counted once"


class EqualityYear(YearInput):
    """Whether one year's annual report counts the complaints or the people who made them
    in its equality section."""

    counting = models.CharField(
        "what the equality section counts",
        max_length=20,
        choices=CountingUnit.choices,
        default=CountingUnit.COMPLAINTS,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["landlord", "year"], name="one_equality_choice_per_year"
            )
        ]
        ordering = ["landlord", "-year"]

    def __str__(self) -> str:
        return f"{self.landlord}: equality {financial_year_label(self.year)} counts {self.counting}"


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
        PERCEPTION = "perception", "The tenant perception measures"
        BREAKDOWNS = "breakdowns", "The breakdowns in the annual report"
        EQUALITY = "equality", "Equality data: the smallest count published and what is counted"
        PUBLICATION = "publication", "Published on the landlord's public pages (Code 8.2)"

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


class PublicationKind(models.TextChoices):
    """What is published (Code 8.2); the value is also the part of the public address."""

    ANNUAL_REPORT = "annual-report", "Annual complaints performance and service improvement report"
    SELF_ASSESSMENT = "self-assessment", "Self-assessment against the Complaint Handling Code"


class PublicationQuerySet(models.QuerySet["Publication"]):
    def update(self, **kwargs):
        raise AppendOnlyError("A publication cannot be changed; publish a correction instead.")

    def delete(self):
        raise AppendOnlyError("A publication cannot be deleted; publish a correction instead.")


class Publication(models.Model):
    """One version of a year's annual report or self-assessment as published (Code 8.2):
    frozen when it was published, with the governing body's approval it was published on.
    The latest version of a year and kind is current; every earlier one is superseded."""

    landlord = models.ForeignKey(Landlord, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(help_text="Financial year: 2023 means 2023/24.")
    kind = models.CharField(max_length=20, choices=PublicationKind.choices)
    version = models.PositiveSmallIntegerField(default=1, db_default=1)
    approved_on = models.DateField("date the governing body approved it")
    approved_by = models.CharField("the governing body that approved it", max_length=200)
    correction = models.TextField(
        "what this version corrects", blank=True, help_text="Empty for the first version."
    )
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = PublicationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["landlord", "year", "kind", "version"], name="one_publication_version"
            )
        ]
        ordering = ["-year", "kind", "-version"]

    def __str__(self) -> str:
        return (
            f"{self.landlord}: {self.get_kind_display()} {financial_year_label(self.year)}, "
            f"version {self.version}"
        )

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("A publication cannot be changed; publish a correction instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("A publication cannot be deleted; publish a correction instead.")

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)


def publication_file_path(instance: PublicationFile, filename: str) -> str:
    """Under the data directory (settings.STORAGES["default"]), named by its hash."""
    publication = instance.publication
    return (
        f"publications/{publication.landlord_id}/{publication.year}/{publication.kind}/"
        f"v{publication.version}-{instance.sha256}.{instance.format}"
    )


class PublicationFileQuerySet(models.QuerySet["PublicationFile"]):
    def update(self, **kwargs):
        raise AppendOnlyError("A published file cannot be changed.")

    def delete(self):
        raise AppendOnlyError("A published file cannot be deleted.")


class PublicationFile(models.Model):
    """One file of a publication (JSON, HTML, PDF ...), as generated when it was published,
    with the SHA-256 of its bytes so anyone can check the copy they hold."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="files")
    format = models.CharField(max_length=10)
    content_type = models.CharField(max_length=100)
    file = models.FileField(upload_to=publication_file_path, max_length=300)
    sha256 = models.CharField("SHA-256 of the file", max_length=64)
    size = models.PositiveIntegerField("size in bytes")

    objects = PublicationFileQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "format"], name="one_file_per_format_per_publication"
            )
        ]
        ordering = ["publication", "id"]

    def __str__(self) -> str:
        return f"{self.publication}: {self.format}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("A published file cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("A published file cannot be deleted.")


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)
