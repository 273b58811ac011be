"""Forms for learning records, in GOV.UK patterns."""

from __future__ import annotations

from typing import Any

from django import forms

from putright.landlords.models import Contractor, Landlord, ServiceArea
from putright.learning.models import LearningStatus
from putright.learning.selectors import DIMENSIONS, Within, estates_and_blocks
from putright.web.govuk import DateField, choice_field


class LearningForm(forms.Form):
    what_went_wrong = forms.CharField(
        label="What went wrong",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what went wrong"},
    )
    learning = forms.CharField(
        label="What we learned",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what we learned"},
    )
    improvement = forms.CharField(
        label="The improvement",
        help_text="What will change, so it does not happen again.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what we will improve"},
    )
    owner = forms.CharField(
        label="Owner",
        help_text="The person or team who will make the improvement.",
        max_length=200,
        error_messages={"required": "Enter who owns the improvement"},
    )
    due_on = DateField(what="the target date", past=False, required=False)


class LearningStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=LearningStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the status"},
    )
    done_on = DateField(what="the date it was done", required=False)


class BreakdownForm(forms.Form):
    by = forms.ChoiceField(label="Show complaints by", choices=list(DIMENSIONS.items()))
    months = forms.TypedChoiceField(
        label="Over",
        choices=[(6, "6 months"), (12, "12 months"), (24, "24 months")],
        coerce=int,
        initial=12,
    )
    service_area = forms.TypedChoiceField(
        label="Service area", coerce=int, required=False, empty_value=None
    )
    contractor = forms.TypedChoiceField(
        label="Contractor", coerce=int, required=False, empty_value=None
    )
    estate = forms.ChoiceField(label="Estate", required=False)
    block = forms.ChoiceField(label="Block", required=False)

    def __init__(self, *args: Any, landlord: Landlord, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", "All")]
        choice_field(self, "service_area").choices = everything + list(
            ServiceArea.objects.filter(landlord=landlord).values_list("pk", "name")
        )
        choice_field(self, "contractor").choices = everything + list(
            Contractor.objects.filter(landlord=landlord).values_list("pk", "name")
        )
        estates, blocks = estates_and_blocks(landlord)
        choice_field(self, "estate").choices = everything + [(e, e) for e in estates]
        choice_field(self, "block").choices = everything + [(b, b) for b in blocks]

    def within(self) -> Within:
        d = self.cleaned_data
        return Within(
            d.get("service_area"), d.get("contractor"), d.get("estate", ""), d.get("block", "")
        )


class CaseReviewForm(forms.Form):
    complaints = forms.CharField(
        label="Complaints to review",
        help_text="Their references, one on each line or separated by commas, like CU-000123.",
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        error_messages={"required": "Enter the reference of at least one complaint to review"},
    )
    reason = forms.CharField(
        label="Why the panel should review them",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say why these complaints are being reviewed"},
    )

    def references(self) -> list[str]:
        """The references typed, in capitals, each once, in the order typed."""
        text = self.cleaned_data["complaints"].replace(",", "\n")
        return list(dict.fromkeys(part.strip().upper() for part in text.split() if part.strip()))


class CaseReviewMeetingForm(forms.Form):
    meeting_on = DateField(
        what="the date the panel met",
        label="When the panel met",
        help_text="For example, 27 3 2026",
    )
    findings = forms.CharField(
        label="What the panel found",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what the panel found"},
    )


class CaseReviewActionForm(forms.Form):
    action = forms.CharField(
        label="The action",
        help_text="What will change. It goes into the improvements register.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the action"},
    )
    learning = forms.CharField(
        label="What we learned",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what we learned"},
    )
    owner = forms.CharField(
        label="Owner",
        help_text="The person or team who will carry out the action.",
        max_length=200,
        error_messages={"required": "Enter who owns the action"},
    )
    due_on = DateField(
        what="the target date", past=False, required=False, label="Target date (optional)"
    )
