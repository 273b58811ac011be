"""The response to a stage: the decision on each point, the reasons, and the remedies and
actions that put things right (Code 6.9, section 7).

The letter is written from these fields, so each says whether the resident reads it (a
GOV.UK hint): the decision and reasons on each point, the reasons overall, what we will tell
the resident about each remedy, and what each outstanding action is and by when, are in
the letter; a remedy's note, an action's owner and the root cause are for the record."""

from __future__ import annotations

from collections.abc import Sequence
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
from putright.web.govuk import DateField, MoneyField, choice_field

#: The hint on every field the letter is written from.
IN_THE_LETTER = "The resident reads this in the letter."
#: The hint on a field kept for the record only.
NOT_IN_THE_LETTER = "For the record: this is not in the letter."


class RespondForm(StaffForm):
    outcome = radios(
        "Overall decision",
        Outcome.choices(),
        "Choose the overall decision",
        help_text=IN_THE_LETTER,
    )
    reasons = long_text(
        "Reasons for the decision",
        rows=6,
        help_text=f"{IN_THE_LETTER} Write to the resident, and refer to the policy, law or "
        "good practice you relied on.",
        required_message="Enter the reasons for the decision",
    )
    root_cause = select(
        "Root cause",
        RootCause.choices(),
        "Choose a root cause",
        required=False,
        blank="Not recorded",
        help_text=NOT_IN_THE_LETTER,
    )
    sub_cause = select(
        "Sub-cause",
        [],
        "Choose a sub-cause from the list",
        required=False,
        blank="Not recorded",
        help_text=f"{NOT_IN_THE_LETTER} The landlord's own list under each root cause, "
        "which the annual report counts.",
    )
    root_cause_detail = short_text(
        "Root cause detail",
        required=False,
        help_text=f"{NOT_IN_THE_LETTER} Anything the sub-cause does not say, in your own words.",
    )
    on = date_on("the date of the decision", "Date of the decision")

    def __init__(
        self,
        *args: Any,
        points: list[str],
        dated: bool = True,
        sub_causes: Sequence[tuple[str, str, str]] = (),
        **kwargs: Any,
    ) -> None:
        """``sub_causes``: the landlord's sub-causes offered, as (root cause, code, label),
        shown grouped under their root cause (an optgroup each); with JavaScript, only the
        chosen root cause's group is offered."""
        super().__init__(*args, **kwargs)
        self.sub_cause_roots = {code: cause for cause, code, _ in sub_causes}
        groups = [
            (cause.label, [(code, label) for root, code, label in sub_causes if root == cause])
            for cause in RootCause
        ]
        field = choice_field(self, "sub_cause")
        field.choices = [("", "Not recorded"), *((g, c) for g, c in groups if c)]
        field.widget.attrs["data-options-follow"] = "id_root_cause"
        self.point_names = []
        self.finding_names = []
        for i, summary in enumerate(points, start=1):
            name, finding = f"point_{i}", f"finding_{i}"
            self.fields[name] = radios(
                f"Point {i}: {summary}",
                Outcome.choices(),
                f"Choose the decision on point {i}",
                help_text=IN_THE_LETTER,
            )
            self.fields[finding] = long_text(
                f"Reasons for the decision on point {i}",
                required=False,
                rows=3,
                help_text=f"{IN_THE_LETTER} It goes under point {i}, with the decision on it.",
            )
            self.point_names.append(name)
            self.finding_names.append(finding)
        if not dated:  # a correction keeps the date the decision was made
            del self.fields["on"]
        self.order_fields(
            [
                *(
                    n
                    for pair in zip(self.point_names, self.finding_names, strict=True)
                    for n in pair
                ),
                "outcome",
                "reasons",
                "root_cause",
                "sub_cause",
                "root_cause_detail",
                "on",
                "version",
            ]
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        code, cause = data.get("sub_cause") or "", data.get("root_cause") or ""
        if code and "root_cause" not in self.errors:
            if not cause:
                self.add_error("root_cause", "Choose the root cause the sub-cause is under")
            elif self.sub_cause_roots.get(code) != cause:
                self.add_error(
                    "sub_cause",
                    f"Choose a sub-cause under {RootCause(cause).label.lower()}, or change "
                    "the root cause",
                )
        return data

    @property
    def point_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """Each point's decision with its reasons."""
        return [
            (self[n], self[f]) for n, f in zip(self.point_names, self.finding_names, strict=True)
        ]


class RemedyForm(forms.Form):
    hide_errors = False
    #: The id of the remedies guidance shown beside it, set by the page.
    guidance_id = ""
    kind = select("Remedy", RemedyKind.choices(), "Choose the kind of remedy")
    resident_wording = long_text(
        "What we will tell the resident",
        required=False,
        rows=2,
        help_text=f"{IN_THE_LETTER} Write it to them, for example: We are sorry that we did "
        "not tell you the outcome of your bid. Left empty, a plain sentence for the kind of "
        "remedy is used, which you can change here.",
    )
    description = long_text(
        "Note for the record",
        required=False,
        rows=2,
        help_text=f"{NOT_IN_THE_LETTER} For example, who agreed it or what it is based on.",
    )
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
        required=False,
        help_text=f"{IN_THE_LETTER} An apology, acknowledgement or explanation is given in "
        "the letter: leave this empty and it is done when the letter is sent. For example, "
        "27 3 2024",
    )
    owner = short_text(
        "Who will do it",
        required=False,
        help_text=f"{NOT_IN_THE_LETTER} Leave empty for the handler. Their reminders list "
        "it when it is due.",
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        kind = data.get("kind")
        later = kind in RemedyKind.values() and not RemedyKind(kind).delivered_in_letter
        if later and data.get("due_on") is None and "due_on" not in self.errors:
            self.add_error("due_on", "Enter the date it will be done by")
        if data.get("kind") == RemedyKind.FINANCIAL:
            if data.get("amount") is None and "amount" not in self.errors:
                self.add_error("amount", "Enter the amount of the financial remedy")
            if not data.get("compensation_reason"):
                self.add_error("compensation_reason", "Choose what the money is for")
        return data


class ActionForm(forms.Form):
    hide_errors = False
    description = long_text(
        "What will be done",
        rows=2,
        required_message="Enter what will be done",
        help_text=IN_THE_LETTER,
    )
    owner = short_text(
        "Who will do it", message="Enter who will do it", help_text=NOT_IN_THE_LETTER
    )
    due_on = DateField(
        label="By when",
        what="the date it will be done by",
        past=False,
        help_text=f"{IN_THE_LETTER} For example, 27 3 2024",
    )


RemedyFormSet = forms.formset_factory(RemedyForm, extra=0)


ActionFormSet = forms.formset_factory(ActionForm, extra=0)
