"""The forms of the landlord's settings (issue 15): its staff, service areas, divisions,
contractors, closure days, homes, complaints policy, contact details, Ombudsman details,
letterhead and the register import; and setting a password from an invitation.

Each checks what was typed is complete and well formed; the service it feeds
(``putright.landlords.services`` and, for the remedies bands, ``putright.ombudsman.services``)
checks the rest and says what is wrong, which the view puts back on the form.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import get_language_info

from putright.landlords.models import Contractor, Division, HomesCount, Landlord, Role
from putright.landlords.services import (
    ESCALATION_WINDOW_RANGE,
    HOMES_FIELDS,
    HOMES_TYPE_FIELDS,
    LOGO_MAX_BYTES,
)
from putright.rules import approval, records
from putright.staff.forms.base import long_text, radios, select, short_text
from putright.web.govuk import DateField, MoneyField, choice_field

#: The roles offered, with what each may do.
ROLE_HINTS = {
    Role.OFFICER: "Triages complaints, handles them at both stages and keeps the reports.",
    Role.SENIOR_HANDLER: "Handles complaints at stage 1 and stage 2.",
    Role.HANDLER: "Handles complaints at stage 1.",
    Role.CONTRACTOR_HANDLER: "Works for a contractor: sees only the complaints allocated to it.",
    Role.VIEWER: "Reads complaints and reports, changes nothing (for example the Member "
    "Responsible for Complaints).",
    Role.ADMINISTRATOR: "Keeps these settings and the staff list, and reads the access log.",
}


def _email(label: str, *, required: bool = True, help_text: str = "") -> forms.EmailField:
    return forms.EmailField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": f"Enter {label.lower()}",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )


class _RoleFields(forms.Form):
    """A person's role at this landlord, their team, and for a contractor's handler the
    contractor they work for (asked under that role)."""

    role = radios("Role", list(Role.choices), "Choose the person's role")
    contractor = select(
        "Contractor",
        [],
        "Choose the contractor they work for",
        required=False,
        coerce=int,
        empty_value=None,
    )
    team = short_text(
        "Team (optional)",
        required=False,
        max_length=100,
        help_text="For example, Repairs complaints or North area.",
    )
    conditionals = {"role": {Role.CONTRACTOR_HANDLER.value: ("contractor",)}}
    item_hints = {"role": {role.value: hint for role, hint in ROLE_HINTS.items()}}

    def __init__(self, *args: Any, landlord: Landlord, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "contractor").choices = [
            ("", "Choose a contractor"),
            *((c.pk, c.name) for c in Contractor.objects.filter(landlord=landlord)),
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("role") == Role.CONTRACTOR_HANDLER and not data.get("contractor"):
            self.add_error("contractor", "Choose the contractor they work for")
        return data


class InviteForm(_RoleFields):
    email = _email("Email address")
    first_name = short_text("First name", max_length=150, message="Enter the person's first name")
    last_name = short_text("Last name", max_length=150, message="Enter the person's last name")

    field_order = ["first_name", "last_name", "email", "role", "contractor", "team"]


class MemberForm(_RoleFields):
    pass


class NameForm(forms.Form):
    """A division's name."""

    name = short_text("Name", max_length=200, message="Enter the name")


class ServiceAreaForm(forms.Form):
    name = short_text("Name", max_length=200, message="Enter the service area's name")
    division = select(
        "Division (optional)",
        [],
        "Choose one of the divisions",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="The reports count a complaint under the division of its service area.",
    )

    def __init__(self, *args: Any, landlord: Landlord, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "division").choices = [
            ("", "No division"),
            *((d.pk, d.name) for d in Division.objects.filter(landlord=landlord)),
        ]


class ContractorForm(forms.Form):
    name = short_text("Name", max_length=200, message="Enter the contractor's name")
    email = _email("Email address (optional)", required=False)


class ClosureDayForm(forms.Form):
    date = DateField(
        label="Date the offices are closed",
        what="the date",
        past=False,
        help_text="For example, 29 12 2026. It is then not a working day for deadlines.",
    )
    description = short_text(
        "Description (optional)",
        required=False,
        max_length=200,
        help_text="For example, Christmas shutdown.",
    )


class HomesForm(forms.Form):
    """The homes owned at the end of a financial year: one number box for each kind of
    home the landlord counts (``HOMES_FIELDS``), labelled from ``HomesCount``."""

    year = forms.IntegerField(
        label="Financial year",
        help_text="The year it starts: 2025 means 1 April 2025 to 31 March 2026.",
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter the financial year, like 2025",
            "invalid": "The financial year must be a year, like 2025",
            "min_value": "Enter a financial year from 2000 to 2100, like 2025",
            "max_value": "Enter a financial year from 2000 to 2100, like 2025",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in HOMES_FIELDS:
            label = str(getattr(HomesCount._meta.get_field(name), "verbose_name", name))
            self.fields[name] = forms.IntegerField(
                label=f"Number of {label}",
                min_value=0,
                widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                error_messages={
                    "required": f"Enter the number of {label}, or 0",
                    "invalid": f"The number of {label} must be a whole number, like 1200",
                    "min_value": f"The number of {label} must be 0 or more",
                },
            )

        for name in HOMES_TYPE_FIELDS:
            label = str(getattr(HomesCount._meta.get_field(name), "verbose_name", name))
            self.fields[name] = forms.IntegerField(
                label=f"Number of {label} (optional)",
                required=False,
                min_value=0,
                widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                error_messages={
                    "invalid": f"The number of {label} must be a whole number, like 1200",
                    "min_value": f"The number of {label} must be 0 or more",
                },
            )

    def counts(self) -> dict[str, int | None]:
        return {name: self.cleaned_data.get(name) for name in (*HOMES_FIELDS, *HOMES_TYPE_FIELDS)}


def target_days_field(what: str, help_text: str) -> forms.IntegerField:
    """A target in working days for one kind of record (``putright.rules.records``)."""
    low, high = records.TARGET_DAYS_RANGE
    out_of_range = f"The target for {what} must be from {low} to {high} working days"
    return forms.IntegerField(
        label=f"Target for {what}, in working days",
        help_text=help_text,
        min_value=low,
        max_value=high,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "suffix": "working days"}),
        error_messages={
            "required": f"Enter the target for {what} in working days, like 10",
            "invalid": f"The target for {what} must be a whole number of working days, like 10",
            "min_value": out_of_range,
            "max_value": out_of_range,
        },
    )


class PolicyForm(forms.Form):
    low, high = ESCALATION_WINDOW_RANGE
    escalation_window_days = forms.IntegerField(
        label="Escalation window, in calendar days",
        help_text=(
            "How long after the stage 1 response the resident is asked to ask for stage 2 "
            "within. The Code does not set it: 28 days is usual. A later request is never "
            "refused for that alone; it is flagged for your discretion."
        ),
        min_value=low,
        max_value=high,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "suffix": "days"}),
        error_messages={
            "required": "Enter the escalation window in days, like 28",
            "invalid": "The escalation window must be a whole number of days, like 28",
            "min_value": f"The escalation window must be from {low} to {high} days",
            "max_value": f"The escalation window must be from {low} to {high} days",
        },
    )
    approval_reviewed = radios(
        "Which responses are approved before their letter goes?",
        [(k, v) for k, v in approval.REVIEWED.items()],
        "Choose which responses are approved before they go",
    )
    service_request_target_days = target_days_field(
        "service requests",
        "How many working days after a service request is received it is to be answered "
        "by. Bank holidays and your closure days are not counted.",
    )
    member_enquiry_target_days = target_days_field(
        "member enquiries",
        "How many working days after an enquiry from a councillor or MP is received it is to "
        "be answered by.",
    )
    approval_compensation_over = MoneyField(
        label="Compensation that needs approval: over (£, optional)",
        required=False,
        help_text="A response offering more than this needs a complaints officer's or a "
        "senior handler's approval before its letter goes. Leave it empty for no limit.",
    )


class BandForm(forms.Form):
    """One band of the landlord's compensation policy; a row left empty is no band."""

    impact = short_text("Level of impact", required=False, max_length=100)
    lower = MoneyField(label="From", required=False)
    upper = MoneyField(label="To (empty: or more)", required=False)
    description = short_text("What it covers (optional)", required=False)

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(n) not in (None, "") for n in ("impact", "lower", "upper"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not self.is_blank():
            if not (data.get("impact") or "").strip():
                self.add_error("impact", "Enter the level of impact")
            if data.get("lower") is None and "lower" not in self.errors:
                self.add_error("lower", "Enter the amount the band starts from, like 50")
        return data

    def band_values(self) -> tuple[str, Decimal, Decimal | None, str]:
        d = self.cleaned_data
        return d["impact"], d["lower"], d.get("upper"), d.get("description") or ""


BandFormSet = forms.formset_factory(BandForm, extra=2, max_num=20, absolute_max=20)


class ContactDetailsForm(forms.Form):
    name = short_text(
        "Landlord's name",
        max_length=200,
        message="Enter the landlord's name",
        help_text="As it is printed on letters and shown at the top of every page.",
    )
    address = long_text(
        "Address", rows=4, required=False, help_text="Each line of the address on its own line."
    )
    phone = short_text("Phone number", required=False, max_length=50)
    email = _email("Email address", required=False)
    website = forms.URLField(
        label="Website",
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter the website's full address, like https://www.example.org"
        },
    )


class OmbudsmanForm(forms.Form):
    ombudsman_name = short_text("Name", max_length=200, message="Enter the Ombudsman's name")
    ombudsman_address = long_text(
        "Address", rows=4, required_message="Enter the Ombudsman's address"
    )
    ombudsman_phone = short_text("Phone number", required=False, max_length=50)
    ombudsman_email = _email("Email address", required=False)
    ombudsman_website = short_text("Website", required=False, max_length=200)
    lgsco_name = short_text(
        "Local Government and Social Care Ombudsman: name",
        max_length=200,
        message="Enter the Local Government and Social Care Ombudsman's name",
        help_text="For a council's complaints under that ombudsman's jurisdiction, such as "
        "homelessness and allocations decisions: their letters give these details.",
    )
    lgsco_address = long_text("Its address", rows=3, required=False)
    lgsco_phone = short_text("Its phone number", required=False, max_length=50)
    lgsco_email = _email("Its email address", required=False)
    lgsco_website = short_text("Its website", required=False, max_length=200)


class MrcForm(forms.Form):
    mrc_name = short_text(
        "Name",
        required=False,
        max_length=200,
        help_text="The member of the governing body responsible for complaints (Code 9.7), "
        "such as Councillor Jane Smith.",
    )
    mrc_email = _email(
        "Email address",
        required=False,
        help_text="Copies of the Housing Ombudsman's determinations, orders and Complaint "
        "Handling Failure Orders are emailed here.",
    )
    mrc_copy_upheld = forms.BooleanField(
        label="Also copy every upheld decision (a response that upholds a complaint in "
        "full or in part)",
        required=False,
    )


class LogoForm(forms.Form):
    logo = forms.FileField(
        label="Upload a logo",
        help_text=f"A PNG or JPEG image, smaller than {LOGO_MAX_BYTES // 1024} KB and at most "
        "2000 pixels wide and high.",
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
        error_messages={"required": "Select a logo", "empty": "The selected file is empty"},
    )


class AcceptInvitationForm(forms.Form):
    password = forms.CharField(
        label="Create a password",
        strip=False,
        help_text="At least 8 characters. A few words you will remember are a good password.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a password"},
    )
    confirm = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the password again"},
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("password") and data.get("confirm") and data["password"] != data["confirm"]:
            self.add_error("confirm", "The passwords do not match")
        return data


class RegisterUploadForm(forms.Form):
    register = forms.FileField(
        label="Upload the register",
        help_text="A CSV file saved as UTF-8, with the columns the register guide lists.",
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={"required": "Select a CSV file", "empty": "The selected file is empty"},
    )

    def clean_register(self) -> Any:
        upload = self.cleaned_data["register"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("The selected file must be a CSV")
        return upload


class LanguagesForm(forms.Form):
    """The languages besides English the resident pages are offered in (issue 17, item 5)."""

    languages = forms.MultipleChoiceField(
        label="Which languages are the resident pages offered in, as well as English?",
        required=False,
        choices=[
            (code, "{name} ({name_local})".format(**get_language_info(code)))
            for code, _ in settings.LANGUAGES[1:]
        ],
        widget=forms.CheckboxSelectMultiple,
        help_text="Residents see a link at the top of every page to switch language. Leave "
        "them all unticked for English only.",
    )
