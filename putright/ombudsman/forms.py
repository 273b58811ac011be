"""Forms for Ombudsman casework, in GOV.UK patterns (the staff workspace's date input and
messages). Each validates what a person typed; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms

from putright.complaints.models import Complaint
from putright.landlords.models import Landlord
from putright.ombudsman.models import (
    ContactKind,
    FailureOrderKind,
    Finding,
    FindingKind,
    OmbudsmanCategory,
    OrderKind,
    OrderStatus,
)
from putright.rules.codes import PaymentMethod
from putright.web.govuk import DateField, MoneyField, choice_field, choices_with_blank

FINDING_ROWS = 6


class CaseForm(forms.Form):
    reference = forms.CharField(
        label="The Ombudsman's reference",
        max_length=50,
        error_messages={"required": "Enter the Ombudsman's reference for the case"},
    )
    complaint_reference = forms.CharField(
        label="Our complaint reference (if we have one)",
        help_text="For example, CU-000123. Leave it empty if we have no record of the complaint.",
        required=False,
        max_length=50,
    )
    resident_name = forms.CharField(
        label="Who complained",
        help_text="Needed when there is no complaint record.",
        required=False,
        max_length=200,
    )
    opened_on = DateField(what="the date of the Ombudsman's first contact")
    summary = forms.CharField(
        label="What the case is about", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, landlord: Landlord, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.landlord = landlord

    def clean_complaint_reference(self) -> Complaint | None:
        reference = self.cleaned_data["complaint_reference"].strip().upper()
        if not reference:
            return None
        complaint = Complaint.objects.filter(landlord=self.landlord, reference=reference).first()
        if complaint is None:
            raise forms.ValidationError(f"There is no complaint with the reference {reference}")
        return complaint


class ContactForm(forms.Form):
    kind = forms.ChoiceField(
        label="What the Ombudsman asked for",
        choices=ContactKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the Ombudsman asked for"},
    )
    received_on = DateField(what="the date it was received")
    deadline = DateField(what="the deadline", past=False)
    details = forms.CharField(
        label="Details", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ReplyForm(forms.Form):
    sent_on = DateField(what="the date the reply was sent")
    summary = forms.CharField(
        label="What we sent",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what we sent the Ombudsman"},
    )
    with_bundle = forms.BooleanField(
        label="Send the case file bundle (Code 5.12)",
        help_text="The complaint's full record as one indexed PDF, with every letter and attachment.",
        required=False,
    )
    file = forms.FileField(label="Or attach the file we sent", required=False)
    answers_in_full = forms.BooleanField(
        label="This reply answers everything the Ombudsman asked", required=False, initial=True
    )


class FindingRowForm(forms.Form):
    element = forms.CharField(label="Element of the complaint", required=False, max_length=500)
    category = forms.ChoiceField(
        label="The Ombudsman's category",
        help_text="What the element is about, as the Ombudsman categorises it.",
        choices=choices_with_blank(OmbudsmanCategory.choices),
        required=False,
    )
    finding = forms.ChoiceField(
        label="Finding", choices=choices_with_blank(FindingKind.choices), required=False
    )

    def clean(self) -> dict[str, Any]:
        """A row in use needs its category: the annual report counts findings by it."""
        super().clean()
        data = self.cleaned_data
        in_use = (data.get("element") or "").strip() or data.get("finding")
        if in_use and not data.get("category"):
            number = (self.prefix or "").rsplit("-", 1)[-1]
            self.add_error(
                "category", f"Choose the Ombudsman's category of element {number}".strip()
            )
        return data


class DeterminationForm(forms.Form):
    determined_on = DateField(what="the date of the determination")
    summary = forms.CharField(
        label="Summary", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class OrderForm(forms.Form):
    is_recommendation = forms.TypedChoiceField(
        label="Is it an order or a recommendation?",
        choices=[("order", "An order"), ("recommendation", "A recommendation")],
        coerce=lambda v: v == "recommendation",
        widget=forms.RadioSelect,
        initial="order",
        error_messages={"required": "Choose order or recommendation"},
    )
    kind = forms.ChoiceField(
        label="What it is for",
        choices=choices_with_blank(OrderKind.choices),
        error_messages={"required": "Choose what the order is for"},
    )
    description = forms.CharField(
        label="What the Ombudsman said",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Describe what the Ombudsman ordered"},
    )
    amount = MoneyField(label="Amount of compensation", required=False)
    finding = forms.ModelChoiceField(
        label="The finding it follows",
        queryset=Finding.objects.none(),
        required=False,
        empty_label="Not said",
    )
    due_on = DateField(what="the date it is due", past=False)
    owner = forms.CharField(
        label="Owner",
        help_text="The person or team responsible.",
        max_length=200,
        error_messages={"required": "Enter who is responsible for it"},
    )

    def __init__(self, *args: Any, determination: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        finding = self.fields["finding"]
        assert isinstance(finding, forms.ModelChoiceField)
        finding.queryset = determination.findings.all()
        # Django's own way to word a model choice; mypy refuses any assignment to a method.
        finding.label_from_instance = _finding_label  # type: ignore[method-assign]


class OrderProgressForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=OrderStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the status"},
    )
    evidence = forms.CharField(
        label="Evidence of compliance",
        help_text="What was done and how we showed the Ombudsman.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    evidence_file = forms.FileField(label="Evidence file (optional)", required=False)
    completed_on = DateField(what="the date it was done", required=False)

    def __init__(self, *args: Any, recommendation: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not recommendation:
            choice_field(self, "status").choices = [
                c for c in OrderStatus.choices if c[0] != OrderStatus.NOT_ACCEPTED
            ]


class FailureOrderForm(forms.Form):
    kind = forms.ChoiceField(
        label="Type of order",
        choices=FailureOrderKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of order"},
    )
    issued_on = DateField(what="the date it was issued")
    what_failed = forms.CharField(
        label="What failed",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what failed"},
    )
    actions_taken = forms.CharField(
        label="What we did about it", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    case_reference = forms.CharField(
        label="The Ombudsman's case reference (if it was about one case)",
        required=False,
        max_length=50,
    )


class FailureActionsForm(forms.Form):
    actions_taken = forms.CharField(
        label="What we did about it",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what was done"},
    )
    done_on = DateField(what="the date it was done", required=False)


class RemedyProgressForm(forms.Form):
    accepted_on = DateField(what="the date it was accepted", required=False)
    amount_accepted = MoneyField(label="Amount accepted", required=False)
    paid_on = DateField(what="the date it was paid", required=False)
    amount_paid = MoneyField(label="Amount paid", required=False)
    payment_method = forms.ChoiceField(
        label="How it was paid",
        choices=choices_with_blank(PaymentMethod.choices(), "Not paid yet"),
        required=False,
    )
    done_on = DateField(what="the date it was done", required=False)


def _finding_label(obj: Any) -> str:
    return f"{obj.number}. {obj.element[:60]}: {obj.get_finding_display()}"


class NoticeForm(forms.Form):
    """Code 8.5: a notice of exceptional circumstances."""

    what_happened = forms.CharField(
        label="What happened",
        help_text="In words residents will understand: it is published on our public pages "
        "and put in a letter to the resident of every open complaint.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what happened, in words residents will understand"},
    )
    started_on = DateField(
        what="the date the exceptional circumstances started", label="When did they start?"
    )
    back_to_compliance = forms.CharField(
        label="Timescale back to compliance",
        help_text="When we expect to meet the Code's timescales again, and how we will get there.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Say when you expect to meet the Code's timescales again, and how"
        },
    )


class NoticeWithdrawForm(forms.Form):
    withdrawn_on = DateField(what="the date the notice is withdrawn", label="Date withdrawn")
    note = forms.CharField(
        label="About the withdrawal (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
