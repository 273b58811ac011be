"""The staff workspace's forms: validation at the edge, in GOV.UK wording (style.md).

A form checks what a person typed is complete and well formed ("Enter the date
received"); the service it feeds checks the Code's rules and raises ``RuleError``, whose
problems the view puts back on the form with ``govuk.add_problems``. Nothing here changes
the record.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from putright.complaints.models import Complaint
from putright.landlords.models import Landlord, Role, StaffMembership, today
from putright.letters.kinds import Delivery
from putright.residents.models import ReasonableAdjustment, Resident
from putright.rules.codes import (
    Channel,
    CompensationReason,
    EscalationReason,
    Jurisdiction,
    Kind,
    NotAcceptedReason,
    Outcome,
    PaymentMethod,
    RemedyKind,
    RootCause,
)
from putright.rules.timescales import EXTENSION_LIMIT_WORKING_DAYS
from putright.staff.selectors import DUE_WITHIN_CHOICES, SCOPES, SORTS
from putright.web.govuk import DateField, choices_with_blank

TEXT = {"spellcheck": "true"}


def _text(label: str, *, required: bool = True, rows: int = 5, help_text: str = "", **kw):
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows, **TEXT}),
        help_text=help_text,
        error_messages={"required": kw.pop("required_message", f"Enter {label.lower()}")},
        **kw,
    )


def _line(label: str, *, required: bool = True, help_text: str = "", message: str = "", **kw):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        error_messages={"required": message or f"Enter {label.lower()}"},
        **kw,
    )


def _radios(label: str, choices: list[tuple[str, str]], message: str, **kw):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **kw,
    )


def _select(label: str, choices: list[tuple[Any, str]], message: str, *, required=True, **kw):
    return forms.TypedChoiceField(
        label=label,
        choices=choices_with_blank(choices, kw.pop("blank", "Choose")),
        required=required,
        coerce=kw.pop("coerce", str),
        empty_value=kw.pop("empty_value", ""),
        error_messages={"required": message, "invalid_choice": message},
        **kw,
    )


def _on(what: str = "the date", label: str = "Date", **kw) -> DateField:
    return DateField(
        label=label,
        what=what,
        initial=today,
        help_text=kw.pop("help_text", "For example, 27 3 2024"),
        **kw,
    )


class StaffForm(forms.Form):
    """A form with a hidden ``version``: if the case changed after the form was shown,
    the view says so instead of acting on a stale page."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    hide_errors = False


# Signing in -----------------------------------------------------------------------------


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been switched off. Ask your administrator.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Username"
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["username"].widget.attrs = {"autocomplete": "username", "spellcheck": "false"}
        self.fields["password"].label = "Password"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["password"].widget.attrs = {"autocomplete": "current-password"}


class ChangePasswordForm(PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "Your current password is not right. Enter it again.",
        "password_mismatch": "The two new passwords do not match",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = {
            "old_password": (
                "Your current password",
                "current-password",
                "Enter your current password",
            ),
            "new_password1": ("New password", "new-password", "Enter a new password"),
            "new_password2": (
                "Confirm new password",
                "new-password",
                "Enter the new password again",
            ),
        }
        for name, (label, autocomplete, required) in labels.items():
            self.fields[name].label = label
            self.fields[name].widget.attrs = {"autocomplete": autocomplete}
            self.fields[name].error_messages["required"] = required
        self.fields[
            "new_password1"
        ].help_text = (
            "Use at least 8 characters. Do not use a common password or one like your username."
        )


# The work queue -------------------------------------------------------------------------


class QueueForm(forms.Form):
    """The queue's filters, read from the query string. Anything not understood is
    ignored rather than refused: a filter link must never lead to an error page."""

    scope = forms.ChoiceField(choices=list(SCOPES.items()), required=False)
    q = forms.CharField(required=False, max_length=200)
    state = forms.CharField(required=False, max_length=20)
    stage = forms.TypedChoiceField(
        choices=[(1, 1), (2, 2)], coerce=int, required=False, empty_value=None
    )
    service_area = forms.IntegerField(required=False, min_value=1)
    handler = forms.IntegerField(required=False, min_value=1)
    contractor = forms.IntegerField(required=False, min_value=1)
    theme = forms.IntegerField(required=False, min_value=1)
    vulnerable = forms.BooleanField(required=False)
    adjustments = forms.BooleanField(required=False)
    overdue = forms.BooleanField(required=False)
    waiting = forms.BooleanField(required=False)
    safety = forms.BooleanField(required=False)
    due_within = forms.TypedChoiceField(
        choices=[(n, n) for n in DUE_WITHIN_CHOICES], coerce=int, required=False, empty_value=None
    )
    sort = forms.ChoiceField(choices=list(SORTS.items()), required=False)
    page = forms.IntegerField(required=False, min_value=1)

    def filters_data(self) -> dict[str, Any]:
        """The valid values; each invalid one dropped."""
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        return data


# Logging what came in --------------------------------------------------------------------


VULNERABLE_CHOICES = [("yes", "Yes"), ("no", "No"), ("unknown", "Not known")]


class LogForm(StaffForm):
    """Log a complaint, service request or member enquiry, from any channel (Code 3.1)."""

    kind = _radios(
        "What is it?",
        Kind.choices(),
        "Choose whether this is a complaint, a service request or a member enquiry",
    )
    channel = _select("How did it come in?", Channel.choices(), "Choose how it came in")
    received_on = DateField(
        label="Date received",
        what="the date received",
        initial=today,
        help_text="For example, 27 3 2024",
    )
    description = _text(
        "What the resident told us",
        rows=6,
        help_text="In their words. They do not need to use the word “complaint”.",
        required_message="Enter what the resident told us",
    )
    outcome_wanted = _text("What they would like us to do", required=False, rows=3)
    jurisdiction = _radios(
        "Which Ombudsman does it fall under?",
        Jurisdiction.choices(),
        "Choose which Ombudsman it falls under",
        initial=Jurisdiction.HOUSING,
        help_text="The Local Government and Social Care Ombudsman covers a council's other "
        "services, such as homelessness or housing benefit.",
    )
    resident = forms.IntegerField(widget=forms.HiddenInput, required=False)
    resident_name = _line(
        "Resident's name",
        required=False,
        help_text="Leave blank if you chose a resident, or if they did not give a name.",
    )
    resident_email = forms.EmailField(
        label="Resident's email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    resident_phone = _line("Resident's phone number", required=False)
    representative = _select(
        "Someone acting for the resident",
        [],
        "Choose who is acting for the resident",
        required=False,
        coerce=int,
        empty_value=None,
        blank="Nobody",
    )
    service_area = _select(
        "Service area",
        [],
        "Choose a service area",
        required=False,
        coerce=int,
        empty_value=None,
        blank="Not known yet",
    )
    theme = _select(
        "Theme",
        [],
        "Choose a theme",
        required=False,
        coerce=int,
        empty_value=None,
        blank="Not known yet",
    )
    contractor = _select(
        "Contractor involved",
        [],
        "Choose a contractor",
        required=False,
        coerce=int,
        empty_value=None,
        blank="None",
    )
    vulnerable = _radios(
        "Has the resident told us they are vulnerable?",
        VULNERABLE_CHOICES,
        "Say whether the resident told us they are vulnerable",
        initial="unknown",
    )
    # What a suggestion last filled in (``learning.suggestions.preselections``): a field
    # still holding it may take a better suggestion; one the handler changed never does.
    suggested_service_area = forms.CharField(widget=forms.HiddenInput, required=False)
    suggested_theme = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        landlord: Landlord,
        resident_obj: Any = None,
        fixed_kind: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_area"].choices = choices_with_blank(
            list(landlord.service_areas.values_list("id", "name")), "Not known yet"
        )
        self.fields["theme"].choices = choices_with_blank(
            list(landlord.themes.values_list("id", "name")), "Not known yet"
        )
        self.fields["contractor"].choices = choices_with_blank(
            list(landlord.contractors.values_list("id", "name")), "None"
        )
        if resident_obj is not None:
            self.fields["representative"].choices = choices_with_blank(
                [(r.pk, str(r)) for r in resident_obj.representatives.all()], "Nobody"
            )
            for name in ("resident_name", "resident_email", "resident_phone"):
                del self.fields[name]
        else:
            del self.fields["representative"]
        if fixed_kind:
            del self.fields["kind"]
        self.fixed_kind = fixed_kind

    @property
    def vulnerable_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("vulnerable", ""))


# Triage and definition -----------------------------------------------------------------


TRIAGE_CHOICES = [
    (Kind.COMPLAINT.value, "Accept it as a stage 1 complaint"),
    (Kind.SERVICE_REQUEST.value, "Treat it as a service request"),
    (Kind.MEMBER_ENQUIRY.value, "Treat it as a member enquiry"),
    ("not_accepted", "Do not accept it as a complaint"),
]


class TriageForm(StaffForm):
    conditionals = {
        "decision": {"not_accepted": ("reason", "explanation", "discretion_considered")}
    }
    item_hints = {
        "decision": {
            Kind.COMPLAINT.value: "Stage 1 starts. It is counted from the date it was received.",
            Kind.SERVICE_REQUEST.value: "A first request to put something right, such as a repair.",
            Kind.MEMBER_ENQUIRY.value: "An enquiry from an MP or councillor for the resident.",
            "not_accepted": "The resident can take this decision to the Ombudsman.",
        }
    }
    decision = _radios("What is your decision?", TRIAGE_CHOICES, "Choose your decision")
    reason = _select(
        "Reason it is not accepted",
        NotAcceptedReason.choices(),
        "Choose the reason it is not accepted",
        required=False,
    )
    explanation = _text(
        "Explain why, for the resident",
        required=False,
        rows=4,
        help_text="This goes in the letter to the resident.",
    )
    discretion_considered = _text(
        "How you considered discretion",
        required=False,
        rows=3,
        help_text="Needed when the issue arose more than 12 months ago (Code 4.1).",
    )
    on = _on("the date of the decision", "Date of the decision")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == "not_accepted":
            if not data.get("reason"):
                self.add_error("reason", "Choose the reason it is not accepted")
            if not (data.get("explanation") or "").strip():
                self.add_error("explanation", "Explain why the complaint is not accepted")
        return data


class DefineForm(StaffForm):
    """Code 5.6: the points, the outcomes sought, and what is not the landlord's
    responsibility. Points are a list: "Add another point" adds a box."""

    outcomes_sought = _text(
        "What the resident wants to happen",
        rows=3,
        required_message="Enter what the resident wants to happen",
    )
    not_responsible = _text(
        "Anything we are not responsible for",
        required=False,
        rows=3,
        help_text="For example, a fence that belongs to a neighbour. Leave blank if there is nothing.",
    )
    on = _on("the date of the definition", "Date defined")

    def __init__(self, *args: Any, points: int = 1, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            points = max(points, self._points_in_data())
        self.point_names = []
        for i in range(1, points + 1):
            name = f"point_{i}"
            self.fields[name] = _line(
                f"Point {i}", required=False, widget=forms.TextInput(attrs=TEXT)
            )
            self.point_names.append(name)
        # Keep the date and other fields after the points.
        self.order_fields(
            [*self.point_names, "outcomes_sought", "not_responsible", "on", "version"]
        )

    def _points_in_data(self) -> int:
        numbers = [
            int(k.removeprefix("point_"))
            for k in self.data
            if k.startswith("point_") and k.removeprefix("point_").isdigit()
        ]
        return min(max(numbers, default=1), 30)

    @property
    def point_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in self.point_names]

    def points(self) -> list[str]:
        return [
            (self.cleaned_data.get(n) or "").strip()
            for n in self.point_names
            if (self.cleaned_data.get(n) or "").strip()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.point_names and not any((data.get(n) or "").strip() for n in self.point_names):
            self.add_error(self.point_names[0], "Enter at least one point the complaint is about")
        return data


class AllocateForm(StaffForm):
    handler = _select("Handler", [], "Choose who will handle it", coerce=int, empty_value=None)
    contractor = _select(
        "Who handles it",
        [],
        "Choose who handles it",
        required=False,
        coerce=str,
        empty_value="",
        blank="As the handler's organisation",
        help_text="A contractor's handler handles it for their contractor.",
    )

    def __init__(
        self,
        *args: Any,
        handlers: list[tuple[int, str]],
        contractors: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].choices = choices_with_blank(handlers, "Choose a handler")
        self.fields["contractor"].choices = choices_with_blank(
            [("landlord", "The landlord itself"), *[(str(i), n) for i, n in contractors]],
            "As the handler's organisation",
        )


class AcknowledgeForm(StaffForm):
    on = _on("the date of the acknowledgement", "Date acknowledged")


class ExtendForm(StaffForm):
    working_days = forms.IntegerField(
        label="How many more working days?",
        min_value=1,
        max_value=60,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter how many more working days are needed",
            "invalid": "The number of working days must be a whole number, like 5",
            "min_value": "The extension must be at least 1 working day",
            "max_value": "The extension must be 60 working days or fewer",
        },
    )
    reason = _text(
        "Why more time is needed",
        rows=4,
        help_text="This goes in the letter to the resident.",
        required_message="Explain why more time is needed",
    )
    good_reason = _text("The good reason for going past the limit", required=False, rows=3)
    ombudsman_details_given = _radios(
        "Were the Housing Ombudsman's contact details given to the resident with the extension?",
        [("yes", "Yes"), ("no", "No")],
        "Say whether the Ombudsman's contact details were given",
        help_text="Code 6.4 and 6.16: the resident must be given them with every extension.",
    )
    on = _on("the date of the decision", "Date decided")

    def __init__(self, *args: Any, stage: int, used: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = EXTENSION_LIMIT_WORKING_DAYS[stage]
        self.limit = limit
        self.used = used
        self.fields["working_days"].help_text = (
            f"The Code allows up to {limit} working days at stage {stage} in all without good "
            f"reason. {used} used so far, so {max(0, limit - used)} left."
        )
        self.fields[
            "good_reason"
        ].help_text = f"Needed only if the extensions add up to more than {limit} working days."


class RespondForm(StaffForm):
    outcome = _radios("Overall decision", Outcome.choices(), "Choose the overall decision")
    reasons = _text(
        "Reasons for the decision",
        rows=6,
        help_text="Refer to the policy, law or good practice you relied on.",
        required_message="Enter the reasons for the decision",
    )
    root_cause = _select(
        "Root cause",
        RootCause.choices(),
        "Choose a root cause",
        required=False,
        blank="Not recorded",
    )
    root_cause_detail = _line(
        "Root cause detail",
        required=False,
        help_text="For example, delay, not kept informed or standard not met.",
    )
    on = _on("the date of the response", "Date of the response")

    def __init__(self, *args: Any, points: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.point_names = []
        for i, summary in enumerate(points, start=1):
            name = f"point_{i}"
            self.fields[name] = _radios(
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
    kind = _select("Remedy", RemedyKind.choices(), "Choose the kind of remedy")
    description = _text("What will be done", required=False, rows=2)
    amount = forms.DecimalField(
        label="Amount, if financial",
        required=False,
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "prefix": "£"}),
        help_text=(
            "The Housing Ombudsman's remedies guidance: £50 to £100 where the failure had "
            "little impact; £100 to £600 where it had some impact; £600 to £1,000 where it "
            "had a significant impact; £1,000 or more where it had a severe impact."
        ),
        error_messages={
            "invalid": "Enter the amount in pounds and pence, like 150.00",
            "min_value": "The amount must be more than £0",
            "max_decimal_places": "Enter the amount in pounds and pence, like 150.00",
        },
    )
    compensation_reason = _select(
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
    description = _text("What will be done", rows=2, required_message="Enter what will be done")
    owner = _line("Who will do it", message="Enter who will do it")
    due_on = DateField(
        label="By when",
        what="the date it will be done by",
        past=False,
        help_text="For example, 27 3 2024",
    )


RemedyFormSet = forms.formset_factory(RemedyForm, extra=0)
ActionFormSet = forms.formset_factory(ActionForm, extra=0)


class EscalateForm(StaffForm):
    requested_on = DateField(
        label="Date the resident asked for stage 2",
        what="the date the resident asked",
        initial=today,
        help_text="For example, 27 3 2024",
    )
    reason = _radios(
        "Did they say why?",
        EscalationReason.choices(),
        "Choose why they asked, or that they did not say",
        initial=EscalationReason.NOT_GIVEN.value,
        help_text="They do not have to give a reason (Code 6.12).",
    )
    reason_text = _text("What they said", required=False, rows=3)


class RefuseEscalationForm(StaffForm):
    reason = _select(
        "Reason stage 2 is refused",
        NotAcceptedReason.choices(),
        "Choose the reason stage 2 is refused",
    )
    explanation = _text(
        "Explain why, for the resident",
        rows=4,
        help_text="This goes in the letter. The resident can take this decision to the Ombudsman.",
        required_message="Explain why stage 2 is refused",
    )
    on = _on("the date of the decision", "Date of the decision")


class WithdrawForm(StaffForm):
    requested_by = _line(
        "Who asked to withdraw it",
        help_text="For example, the resident, or their advocate by name.",
        message="Enter who asked to withdraw it",
    )
    reason = _text("What they said", required=False, rows=3)
    on = _on("the date it was withdrawn", "Date withdrawn")


class ResolveForm(StaffForm):
    summary = _text("How it was resolved", rows=3, required_message="Enter how it was resolved")
    on = _on("the date it was resolved", "Date resolved")


class NoteForm(StaffForm):
    text = _text(
        "Note",
        rows=5,
        help_text="A call, an email, or anything else that happened. Notes are part of the record.",
        required_message="Enter the note",
    )
    on = _on("the date it happened", "Date it happened")


class AttachForm(StaffForm):
    file = forms.FileField(
        label="Upload a file",
        help_text="A PDF, image, Word document, text, email, audio or video file, smaller than 20 MB.",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )
    description = _line("What the file is", required=False)


class CorrectForm(StaffForm):
    correction = _text(
        "The correction",
        rows=4,
        help_text="The entry stays as it was. Your correction is added next to it.",
        required_message="Enter the correction",
    )


# Actions and remedies -------------------------------------------------------------------


class ActionDoneForm(StaffForm):
    note = _text(
        "What the resident was told",
        required=False,
        rows=3,
        help_text="The update to the resident, for the record.",
    )
    on = _on("the date it was done", "Date done")


class RemedyProgressForm(StaffForm):
    accepted_on = DateField(
        label="Date accepted",
        what="the date accepted",
        required=False,
        help_text="Leave blank if not accepted yet",
    )
    amount_accepted = forms.DecimalField(
        label="Amount accepted",
        required=False,
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "prefix": "£"}),
        error_messages={"invalid": "Enter the amount in pounds and pence, like 150.00"},
    )
    paid_on = DateField(
        label="Date paid",
        what="the date paid",
        required=False,
        help_text="Leave blank if not paid yet",
    )
    amount_paid = forms.DecimalField(
        label="Amount paid",
        required=False,
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "prefix": "£"}),
        error_messages={"invalid": "Enter the amount in pounds and pence, like 150.00"},
    )
    payment_method = _select(
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
        data = super().clean()
        if not self.errors and not any(
            data.get(n) for n in ("accepted_on", "paid_on", "done_on") if n in self.fields
        ):
            raise forms.ValidationError("Enter at least one date: accepted, paid or done")
        return data


# Letters --------------------------------------------------------------------------------


class LetterForm(StaffForm):
    subject = _line("Subject", message="Enter the subject of the letter")
    body_text = _text(
        "Letter",
        rows=24,
        help_text="Leave a blank line between paragraphs. Start a line with “- ” for a list "
        "and “## ” for a heading.",
        required_message="Enter the letter",
    )
    large_print = forms.BooleanField(label="Large print (18 point)", required=False)
    delivery = _radios(
        "How will it be sent?", Delivery.choices(), "Choose how the letter will be sent"
    )
    send_to = _text(
        "Send to",
        required=False,
        rows=4,
        help_text="An email address, or the postal address. Leave blank to use the resident's.",
    )


class LetterTemplateForm(forms.Form):
    hide_errors = False
    subject = _line("Subject", message="Enter the subject", widget=forms.TextInput(attrs=TEXT))
    body = _text("Letter", rows=28, required_message="Enter the letter")


# Residents ------------------------------------------------------------------------------


class ResidentSearchForm(forms.Form):
    q = forms.CharField(
        label="Name, email, postcode or tenancy reference", required=False, max_length=200
    )


class ResidentForm(StaffForm):
    name = _line(
        "Full name",
        message="Enter the resident's full name",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    phone = _line(
        "Phone number", required=False, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    contact_preference = _radios(
        "How do they prefer to be contacted?",
        [("", "No preference"), *Resident.ContactPreference.choices],
        "Choose how they prefer to be contacted",
        required=False,
    )
    preferred_language = _line("Preferred language", required=False)
    tenure = _select("Tenure", [], "Choose the tenure", blank="Choose the tenure")
    tenancy_reference = _line("Tenancy reference", required=False)
    address = _text(
        "Address",
        required=False,
        rows=3,
        help_text="Leave blank if they are not one of our residents.",
    )
    postcode = _line(
        "Postcode", required=False, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    uprn = _line(
        "UPRN", required=False, help_text="The Unique Property Reference Number, if known."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from putright.rules.codes import Tenure

        super().__init__(*args, **kwargs)
        self.fields["tenure"].choices = choices_with_blank(Tenure.choices(), "Choose the tenure")

    def clean_postcode(self) -> str:
        return " ".join((self.cleaned_data.get("postcode") or "").upper().split())


class DisabilityForm(StaffForm):
    description = _text(
        "What the resident told us", rows=3, required_message="Enter what the resident told us"
    )
    review_due_on = DateField(
        label="Review by", what="the review date", past=False, help_text="For example, 27 3 2025"
    )


class AdjustmentForm(StaffForm):
    kind = _select("Adjustment", [], "Choose the adjustment")
    details = _text("Details", required=False, rows=3)
    agreed_on = _on("the date it was agreed", "Date agreed")
    review_due_on = DateField(
        label="Review by", what="the review date", past=False, help_text="For example, 27 3 2025"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = choices_with_blank(list(ReasonableAdjustment.Kind.choices))


class VulnerabilityForm(StaffForm):
    description = _text("The vulnerability", rows=3, required_message="Enter the vulnerability")
    review_due_on = DateField(
        label="Review by", what="the review date", past=False, help_text="For example, 27 3 2025"
    )


class RepresentativeForm(StaffForm):
    name = _line("Name", message="Enter the representative's name")
    kind = _select("Who they are", [], "Choose who they are")
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    phone = _line("Phone number", required=False)
    consent_given_on = DateField(
        label="Date the resident gave consent",
        what="the date consent was given",
        required=False,
        help_text="Leave blank while consent is awaited. We cannot deal with them until it is given (Code 3.6).",
    )
    consent_evidence = _text(
        "How consent was given",
        required=False,
        rows=2,
        help_text="For example, a signed form or a recorded call.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from putright.rules.codes import RepresentativeKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = choices_with_blank(RepresentativeKind.choices())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("consent_given_on") and not (data.get("consent_evidence") or "").strip():
            self.add_error("consent_evidence", "Enter how consent was given")
        return data


class ConsentForm(StaffForm):
    ACTIONS = [
        ("given", "The resident has given consent"),
        ("withdrawn", "The resident has withdrawn consent"),
    ]
    action = _radios("What has changed?", ACTIONS, "Choose what has changed")
    on = _on("the date", "Date")
    consent_evidence = _text("How consent was given", required=False, rows=2)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("action") == "given" and not (data.get("consent_evidence") or "").strip():
            self.add_error("consent_evidence", "Enter how consent was given")
        return data


class RestrictionForm(StaffForm):
    restriction = _text("What is restricted", rows=3, required_message="Enter what is restricted")
    reason = _text("Why", rows=3, required_message="Enter why the restriction is needed")
    evidence = _text("The evidence", rows=3, required_message="Enter the evidence")
    proportionality = _text(
        "Why it is proportionate",
        rows=3,
        help_text="Code 5.14: restrictions must be proportionate and take account of any disability.",
        required_message="Enter why the restriction is proportionate",
    )
    starts_on = _on("the start date", "Starts on")
    review_due_on = DateField(
        label="Review by", what="the review date", past=False, help_text="For example, 27 3 2025"
    )


class ReviewForm(StaffForm):
    OUTCOMES = [("continue", "Keep it, with a new review date"), ("end", "End it")]
    conditionals = {"outcome": {"continue": ("review_due_on",)}}
    outcome = _radios("What did the review decide?", OUTCOMES, "Choose what the review decided")
    reviewed_on = _on("the date of the review", "Date reviewed")
    review_due_on = DateField(
        label="Next review by",
        what="the next review date",
        past=False,
        required=False,
        help_text="For example, 27 3 2025",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("outcome") == "continue"
            and not data.get("review_due_on")
            and "review_due_on" not in self.errors
        ):
            self.add_error("review_due_on", "Enter the next review date")
        return data


class EqualityForm(StaffForm):
    age_band = _radios("Age", [], "Choose an age band", required=False)
    sex = _radios("Sex", [], "Choose an answer", required=False)
    ethnicity = _line("Ethnic group", required=False, help_text="In the resident's own words.")
    disability = _radios(
        "Do they consider themselves disabled?", [], "Choose an answer", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from putright.rules.codes import AgeBand, Disability, Sex

        super().__init__(*args, **kwargs)
        self.fields["age_band"].choices = AgeBand.choices()
        self.fields["sex"].choices = Sex.choices()
        self.fields["disability"].choices = Disability.choices()


class ChooseLandlordForm(forms.Form):
    landlord = forms.IntegerField(widget=forms.HiddenInput)


def handler_choices(
    landlord: Landlord,
    *,
    stage: int | None,
    exclude_user: int | None,
    contractor_id: int | None,
    names: dict[int, str],
) -> list[tuple[int, str]]:
    """Who can be allocated: the landlord's acting staff; at stage 2, only the roles that
    may take stage 2 and never the stage 1 handler (Code 6.13); for a contractor's handler,
    only their colleagues."""
    from putright.web.access import ACTING_ROLES, STAGE2_ROLES

    roles = STAGE2_ROLES if stage == 2 else ACTING_ROLES - {Role.ADMINISTRATOR}
    memberships = StaffMembership.objects.filter(landlord=landlord, role__in=roles)
    if contractor_id is not None:
        memberships = memberships.filter(contractor_id=contractor_id)
    choices = []
    for m in memberships.select_related("contractor"):
        if m.user_id == exclude_user:
            continue
        label = names.get(m.user_id, "")
        extra = m.contractor.name if m.contractor_id else m.get_role_display()
        choices.append((m.user_id, f"{label} ({extra})"))
    return sorted(choices, key=lambda c: c[1])


def complaint_version_problem(form: StaffForm, complaint: Complaint) -> bool:
    """True, with an error on the form, when the case changed after the form was shown."""
    shown = form.cleaned_data.get("version") if hasattr(form, "cleaned_data") else None
    if shown is not None and shown != complaint.version:
        form.add_error(
            None,
            "Someone else changed this case while you had this page open. Check the case, "
            "then try again.",
        )
        return True
    return False
