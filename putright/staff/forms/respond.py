"""The response to a stage: the decision on each point, the reasons, and the remedies and
actions that put things right (Code 6.9, section 7)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from putright.rules.codes import (
    CompensationReason,
    Outcome,
    RemedyKind,
    RootCause,
)
from putright.staff.forms.base import (
    StaffForm,
    date_on,
    long_text,
    radios,
    select,
    short_text,
)
from putright.web.govuk import DateField, MoneyField


class RespondForm(StaffForm):
    outcome = radios("Overall decision", Outcome.choices(), "Choose the overall decision")
    reasons = long_text(
        "Reasons for the decision",
        rows=6,
        help_text="Refer to the policy, law or good practice you relied on.",
        required_message="Enter the reasons for the decision",
    )
    root_cause = select(
        "Root cause",
        RootCause.choices(),
        "Choose a root cause",
        required=False,
        blank="Not recorded",
    )
    root_cause_detail = short_text(
        "Root cause detail",
        required=False,
        help_text="For example, delay, not kept informed or standard not met.",
    )
    on = date_on("the date of the response", "Date of the response")

    def __init__(self, *args: Any, points: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.point_names = []
        for i, summary in enumerate(points, start=1):
            name = f"point_{i}"
            self.fields[name] = radios(
                f"Point {i}: {summary}", Outcome.choices(), f"Choose the decision on point {i}"
            )
            self.point_names.append(name)
        self.order_fields(
            [
                *self.point_names,
                "outcome",
                "reasons",
                "root_cause",
                "root_cause_detail",
                "on",
                "version",
            ]
        )

    @property
    def point_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in self.point_names]


class RemedyForm(forms.Form):
    hide_errors = False
    kind = select("Remedy", RemedyKind.choices(), "Choose the kind of remedy")
    description = long_text("What will be done", required=False, rows=2)
    amount = MoneyField(
        label="Amount, if financial",
        required=False,
        min_value=Decimal("0.01"),
        help_text=(
            "The Housing Ombudsman's remedies guidance: £50 to £100 where the failure had "
            "little impact; £100 to £600 where it had some impact; £600 to £1,000 where it "
            "had a significant impact; £1,000 or more where it had a severe impact."
        ),
    )
    compensation_reason = select(
        "What the money is for",
        CompensationReason.choices(),
        "Choose what the money is for",
        required=False,
    )
    due_on = DateField(
        label="By when",
        what="the date it will be done by",
        past=False,
        help_text="For example, 27 3 2024",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == RemedyKind.FINANCIAL:
            if data.get("amount") is None and "amount" not in self.errors:
                self.add_error("amount", "Enter the amount of the financial remedy")
            if not data.get("compensation_reason"):
                self.add_error("compensation_reason", "Choose what the money is for")
        return data


class ActionForm(forms.Form):
    hide_errors = False
    description = long_text("What will be done", rows=2, required_message="Enter what will be done")
    owner = short_text("Who will do it", message="Enter who will do it")
    due_on = DateField(
        label="By when",
        what="the date it will be done by",
        past=False,
        help_text="For example, 27 3 2024",
    )


RemedyFormSet = forms.formset_factory(RemedyForm, extra=0)


ActionFormSet = forms.formset_factory(ActionForm, extra=0)
