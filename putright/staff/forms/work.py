"""Following up what a response promised: an action done, a remedy's progress to being
paid and done (Code 6.9f, section 7)."""

from __future__ import annotations

from typing import Any

from django import forms

from putright.rules.codes import (
    PaymentMethod,
)
from putright.staff.forms.base import (
    StaffForm,
    date_on,
    long_text,
    select,
)
from putright.web.govuk import DateField, MoneyField


class ActionDoneForm(StaffForm):
    note = long_text(
        "What the resident was told",
        required=False,
        rows=3,
        help_text="The update to the resident, for the record.",
    )
    on = date_on("the date it was done", "Date done")


class RemedyDoneForm(forms.Form):
    """A remedy done, with what shows it (Code 7.3). Short enough to sit under the remedy on
    the case page and the "Actions and remedies" page: the date is today unless given."""

    hide_errors = False
    evidence = long_text(
        "What shows it was done",
        rows=2,
        help_text="For example, the record corrected on the housing system, reference HR-2231.",
        required_message="Enter what shows the remedy was done",
    )
    file = forms.FileField(
        label="A file that shows it (optional)",
        required=False,
        help_text="A PDF, image, Word document, text, email, audio or video file, up to 20 MB.",
    )
    on = DateField(
        label="Date done",
        what="the date it was done",
        required=False,
        help_text="Leave empty for today. For example, 27 3 2024",
    )


class RemedyProgressForm(StaffForm):
    accepted_on = DateField(
        label="Date accepted",
        what="the date accepted",
        required=False,
        help_text="Leave blank if not accepted yet",
    )
    amount_accepted = MoneyField(label="Amount accepted", required=False)
    paid_on = DateField(
        label="Date paid",
        what="the date paid",
        required=False,
        help_text="Leave blank if not paid yet",
    )
    amount_paid = MoneyField(label="Amount paid", required=False)
    payment_method = select(
        "How it was paid", PaymentMethod.choices(), "Choose how it was paid", required=False
    )
    done_on = DateField(
        label="Date done",
        what="the date done",
        required=False,
        help_text="Leave blank if not done yet",
    )

    def __init__(self, *args: Any, financial: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not financial:
            for name in (
                "accepted_on",
                "amount_accepted",
                "paid_on",
                "amount_paid",
                "payment_method",
            ):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not self.errors and not any(
            data.get(n) for n in ("accepted_on", "paid_on", "done_on") if n in self.fields
        ):
            raise forms.ValidationError("Enter at least one date: accepted, paid or done")
        return data
