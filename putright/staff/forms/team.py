"""The team tools' forms (issue 12, item 6): reassigning several cases to one person, and
saying when someone is away."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from putright.landlords.models import today
from putright.staff.forms.base import select
from putright.web.govuk import DateField, choice_field

#: The most cases reassigned in one go: a page of the queue is 25.
REASSIGN_LIMIT = 100


class ReassignForm(forms.Form):
    """The cases chosen on the work queue (ticked, and untickable here) and the person
    they all go to."""

    reference = forms.MultipleChoiceField(
        label="Cases to reassign",
        widget=forms.CheckboxSelectMultiple,
        help_text="Untick any case that should stay where it is.",
        error_messages={
            "required": "Select at least one case to reassign",
            "invalid_choice": "Select cases from the work queue",
        },
    )
    handler = select(
        "Reassign them to",
        [],
        "Choose who the cases go to",
        coerce=int,
        empty_value=None,
        help_text="The rules are checked for each case: a case they refuse stays as it is.",
    )

    def __init__(
        self,
        *args: Any,
        cases: list[tuple[str, str]],
        handlers: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "reference").choices = cases
        choice_field(self, "handler").choices = [("", "Choose a person"), *handlers]


class AwayForm(forms.Form):
    """When someone is away: the first day, and the last if it is known."""

    away_from = DateField(
        label="First day away",
        what="the first day away",
        past=False,
        initial=today,
        help_text="For example, 7 12 2026",
    )
    away_until = DateField(
        label="Last day away (if known)",
        what="the last day away",
        past=False,
        required=False,
        help_text="Leave it empty if you do not know yet. For example, 14 12 2026",
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start: dt.date | None = data.get("away_from")
        end: dt.date | None = data.get("away_until")
        if start and end and end < start:
            self.add_error("away_until", "The last day away must be on or after the first day")
        return data
