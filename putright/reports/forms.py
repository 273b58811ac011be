"""The forms on the report pages, with GOV.UK error messages that say what to do."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms

from putright.reports.models import (
    EQUALITY_THRESHOLD_HIGHEST,
    EQUALITY_THRESHOLD_LOWEST,
    CountingUnit,
    TsmYear,
)
from putright.rules.perception import Answer, PerceptionMeasure, QuartileBand


def date_from_parts(day: str, month: str, year: str, what: str) -> tuple[dt.date | None, str]:
    """A date from the three boxes of a GOV.UK date input: the date, or an error message
    ("" with None when all three are empty)."""
    parts = [p.strip() for p in (day, month, year)]
    if not any(parts):
        return None, ""
    names = ("a day", "a month", "a year")
    missing = [name for name, value in zip(names, parts, strict=True) if not value]
    if missing:
        return None, f"{what} must include {' and '.join(missing)}"
    if not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
        return None, f"{what} must be a real date, for example 27 3 2025"
    try:
        return dt.date(int(parts[2]), int(parts[1]), int(parts[0])), ""
    except ValueError:
        return None, f"{what} must be a real date, for example 27 3 2025"


class DateParts:
    """Reads a GOV.UK date input named ``name`` (name-day, name-month, name-year)."""

    def __init__(self, data: Any, name: str, what: str) -> None:
        self.name = name
        self.day = data.get(f"{name}-day", "")
        self.month = data.get(f"{name}-month", "")
        self.year = data.get(f"{name}-year", "")
        self.value, self.error = date_from_parts(self.day, self.month, self.year, what)

    @classmethod
    def of(cls, name: str, value: dt.date | None) -> DateParts:
        data = (
            {
                f"{name}-day": str(value.day),
                f"{name}-month": str(value.month),
                f"{name}-year": str(value.year),
            }
            if value
            else {}
        )
        return cls(data, name, "")


class NarrativeForm(forms.Form):
    introduction = forms.CharField(required=False, widget=forms.Textarea, max_length=20000)
    learning = forms.CharField(required=False, widget=forms.Textarea, max_length=20000)
    plans = forms.CharField(required=False, widget=forms.Textarea, max_length=20000)
    governing_body = forms.CharField(required=False, max_length=200)
    governing_body_response = forms.CharField(
        required=False, widget=forms.Textarea, max_length=20000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        source = self.data if self.is_bound else {}
        self.response_on = DateParts(
            source, "governing_body_response_on", "The date of the governing body's response"
        )

    def clean(self) -> dict[str, Any]:
        """Read the date; what the words and the date must be is checked by
        ``reports.services.narrative_save``, whose problems ``add_problems`` shows."""
        cleaned = super().clean() or {}
        if self.response_on.error:
            self.add_error(None, self.response_on.error)
        cleaned["governing_body_response_on"] = self.response_on.value
        return cleaned

    def add_problems(self, problems: dict[str, str]) -> None:
        """Show the service's problems: the date's beside the date input, and in the error
        summary linked to its day box."""
        for field, message in problems.items():
            if field == "governing_body_response_on":
                self.response_on.error = message
                self.add_error(None, message)
            else:
                self.add_error(field if field in self.fields else None, message)


def _percent_field(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=4,
        decimal_places=1,
        error_messages={
            "invalid": f"Enter {label} as a number, like 41.5",
            "min_value": f"{label} must be 0 or more",
            "max_value": f"{label} must be 100 or less",
            "max_decimal_places": f"{label} must have no more than one decimal place",
            "max_digits": f"{label} must be 100 or less, with one decimal place at most",
            "max_whole_digits": f"{label} must be 100 or less",
        },
    )


def _rate_field(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal(0),
        max_digits=7,
        decimal_places=2,
        error_messages={
            "invalid": f"Enter {label} as a number, like 19.4",
            "min_value": f"{label} must be 0 or more",
            "max_decimal_places": f"{label} must have no more than two decimal places",
            "max_digits": f"{label} must be less than 100,000",
            "max_whole_digits": f"{label} must be less than 100,000",
        },
    )


class TsmForm(forms.ModelForm):
    tp09_pct = _percent_field("TP09")
    median_ch01_stage1 = _rate_field("the CH01 stage 1 median")
    median_ch01_stage2 = _rate_field("the CH01 stage 2 median")
    median_ch02_stage1 = _percent_field("the CH02 stage 1 median")
    median_ch02_stage2 = _percent_field("the CH02 stage 2 median")
    median_tp09 = _percent_field("the TP09 median")
    tp09_respondents = forms.IntegerField(
        required=False,
        min_value=0,
        error_messages={
            "invalid": "Enter the number of people who answered as a whole number, like 512",
            "min_value": "The number of people who answered must be 0 or more",
        },
    )

    class Meta:
        model = TsmYear
        fields = [
            "tp09_pct",
            "tp09_respondents",
            "survey_note",
            "median_source",
            "median_ch01_stage1",
            "median_ch01_stage2",
            "median_ch02_stage1",
            "median_ch02_stage2",
            "median_tp09",
        ]


class EqualityForm(forms.Form):
    """The equality data in the year's annual report: what it counts, and (for
    administrators) the smallest count published."""

    counting = forms.ChoiceField(
        label="What should the equality section count?",
        choices=CountingUnit.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the report counts complaints or people"},
    )
    threshold = forms.IntegerField(
        label="The smallest count published",
        help_text=(
            f"Any count below it is shown as “fewer than” it, so that nobody can be picked "
            f"out. A whole number from {EQUALITY_THRESHOLD_LOWEST} to "
            f"{EQUALITY_THRESHOLD_HIGHEST}; it applies to every report."
        ),
        min_value=EQUALITY_THRESHOLD_LOWEST,
        max_value=EQUALITY_THRESHOLD_HIGHEST,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the smallest count published, like 5",
            "invalid": "Enter the smallest count published as a whole number, like 5",
            "min_value": f"The smallest count published must be {EQUALITY_THRESHOLD_LOWEST} "
            "or more",
            "max_value": f"The smallest count published must be {EQUALITY_THRESHOLD_HIGHEST} "
            "or less",
        },
    )

    def __init__(self, *args: Any, can_set_threshold: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_set_threshold:
            del self.fields["threshold"]


def error_summary(form: forms.BaseForm, non_field_anchor: str = "") -> list[dict[str, str]]:
    """The form's errors for the GOV.UK error summary, each linking to its field; errors
    not tied to one field link to ``non_field_anchor`` (a date input's day box)."""
    items: list[dict[str, str]] = []
    for field, errors in form.errors.items():
        anchor = non_field_anchor if field == "__all__" else field
        items.extend({"href": f"#{anchor}", "text": str(error)} for error in errors)
    return items


def _count_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label.capitalize(),
        required=False,
        min_value=0,
        max_value=10_000_000,
        error_messages={
            "invalid": f"Enter the number who answered '{label}' as a whole number, like 120",
            "min_value": f"The number who answered '{label}' must be 0 or more",
            "max_value": f"The number who answered '{label}' must be 10,000,000 or less",
        },
    )


class PerceptionForm(forms.Form):
    """One tenant perception measure for a year: the answers, last year's figure and the
    sector quartiles. Each box is optional here: which answers are needed is checked by
    ``reports.services.perception_save``, whose problems are shown beside the boxes."""

    previous_pct = _percent_field("last year's figure")
    lower_quartile = _percent_field("the sector lower quartile")
    median = _percent_field("the sector median")
    upper_quartile = _percent_field("the sector upper quartile")
    quartile_band = forms.ChoiceField(
        required=False,
        choices=[("", "Not entered"), *QuartileBand.choices()],
        error_messages={"invalid_choice": "Choose the quartile band from the list"},
    )

    def __init__(self, *args: Any, measure: PerceptionMeasure, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.measure = measure
        for answer in Answer:
            if answer is Answer.NOT_APPLICABLE and not measure.allows_not_applicable:
                continue
            self.fields[answer.value] = _count_field(answer.label.lower())
        self.order_fields([a.value for a in Answer])

    @property
    def answer_fields(self) -> list[forms.BoundField]:
        return [self[a.value] for a in Answer if a.value in self.fields]

    def answers(self) -> dict[str, int | None]:
        return {a.value: self.cleaned_data.get(a.value) for a in Answer if a.value in self.fields}

    def add_problems(self, problems: dict[str, str]) -> None:
        for field, message in problems.items():
            self.add_error(field if field in self.fields else None, message)
