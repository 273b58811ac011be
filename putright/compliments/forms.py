"""The staff pages' forms for compliments, in GOV.UK patterns."""

from __future__ import annotations

from typing import Any

from django import forms

from putright.compliments.selectors import compliment_years
from putright.landlords.models import Landlord, ServiceArea, today
from putright.rules.codes import Channel
from putright.rules.compliments import NAME_MAX, WORDS_MAX
from putright.rules.counting import financial_year_label, financial_year_of
from putright.web.govuk import DateField, choice_field


class ComplimentForm(forms.Form):
    """Log a compliment: where it was for, whom it named, who gave it, when and how, and
    what it said."""

    service_area = forms.TypedChoiceField(
        label="Service area",
        help_text="The service the compliment is about.",
        coerce=int,
        error_messages={
            "required": "Choose the service area the compliment is about",
            "invalid_choice": "Choose one of the service areas listed",
        },
    )
    staff_named = forms.CharField(
        label="Staff member named (optional)",
        help_text="As the person named them. Leave blank if they named nobody.",
        max_length=NAME_MAX,
        required=False,
    )
    giver_name = forms.CharField(
        label="Name of the person who gave it (optional)",
        help_text="Leave blank if they did not give their name.",
        max_length=NAME_MAX,
        required=False,
    )
    received_on = DateField(what="the date received")
    channel = forms.ChoiceField(
        label="How it came in",
        choices=[("", "Choose how it came in"), *Channel.choices()],
        error_messages={"required": "Choose how the compliment came in"},
    )
    words = forms.CharField(
        label="What they said",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=WORDS_MAX,
        error_messages={"required": "Enter what the compliment said"},
    )

    def __init__(self, *args: Any, landlord: Landlord, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "service_area").choices = [
            ("", "Choose a service area"),
            *ServiceArea.objects.filter(landlord=landlord).values_list("pk", "name"),
        ]


class ComplimentFilters(forms.Form):
    """The list's filters: a financial year and a service area."""

    year = forms.TypedChoiceField(label="Year", coerce=int, required=False, empty_value=None)
    service_area = forms.TypedChoiceField(
        label="Service area", coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, landlord: Landlord, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = set(compliment_years(landlord)) | {financial_year_of(today())}
        choice_field(self, "year").choices = [("", "Every year")] + [
            (year, financial_year_label(year)) for year in sorted(years, reverse=True)
        ]
        choice_field(self, "service_area").choices = [
            ("", "Every service area"),
            *ServiceArea.objects.filter(landlord=landlord).values_list("pk", "name"),
        ]
