"""Logging what came in: a complaint, service request or member enquiry, from any channel
(Code 3.1)."""

from __future__ import annotations

from typing import Any

from django import forms

from putright.landlords.models import Landlord, today
from putright.rules.codes import (
    Channel,
    Jurisdiction,
    Kind,
    MemberRole,
)
from putright.rules.postcodes import is_postcode, normalise_postcode
from putright.staff.forms.base import (
    StaffForm,
    long_text,
    radios,
    select,
    short_text,
)
from putright.web.govuk import DateField, choice_field, choices_with_blank

VULNERABLE_CHOICES = [("yes", "Yes"), ("no", "No"), ("unknown", "Not known")]
#: Staff type someone else's details: the browser must not offer the staff member's own.
_NO_FILL = {"autocomplete": "off"}
#: The resident's details typed on the form, taken away when a resident on file is chosen.
RESIDENT_DETAILS = (
    "resident_name",
    "resident_email",
    "resident_phone",
    "address_line_1",
    "address_line_2",
    "address_town",
    "address_postcode",
)


class LogForm(StaffForm):
    """Log a complaint, service request or member enquiry, from any channel (Code 3.1)."""

    kind = radios(
        "What is it?",
        Kind.choices(),
        "Choose whether this is a complaint, a service request or a member enquiry",
    )
    channel = select("How did it come in?", Channel.choices(), "Choose how it came in")
    # A member enquiry names the councillor or MP who made it (issue 17, item 3).
    member_name = short_text(
        "Councillor's or MP's name (member enquiries only)",
        required=False,
        max_length=200,
        help_text="Leave blank for a complaint or service request.",
    )
    member_role = radios(
        "Are they a councillor or an MP? (member enquiries only)",
        MemberRole.choices(),
        "Choose whether the member is a councillor or an MP",
        required=False,
    )
    received_on = DateField(
        label="Date received",
        what="the date received",
        initial=today,
        help_text="For example, 27 3 2024",
    )
    description = long_text(
        "What the resident told us",
        rows=6,
        help_text="In their words. They do not need to use the word “complaint”.",
        required_message="Enter what the resident told us",
    )
    outcome_wanted = long_text("What they would like us to do", required=False, rows=3)
    jurisdiction = radios(
        "Which Ombudsman does it fall under?",
        Jurisdiction.choices(),
        "Choose which Ombudsman it falls under",
        initial=Jurisdiction.HOUSING,
        help_text="The Local Government and Social Care Ombudsman covers a council's other "
        "services, such as homelessness or housing benefit.",
    )
    resident = forms.IntegerField(widget=forms.HiddenInput, required=False)
    resident_name = short_text(
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
    resident_phone = short_text("Resident's phone number", required=False)
    # Their postal address, the GOV.UK address pattern: for letters sent by post.
    address_line_1 = short_text(
        "Address line 1", required=False, max_length=200, widget=forms.TextInput(attrs=_NO_FILL)
    )
    address_line_2 = short_text(
        "Address line 2 (optional)",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=_NO_FILL),
    )
    address_town = short_text(
        "Town or city", required=False, max_length=100, widget=forms.TextInput(attrs=_NO_FILL)
    )
    address_postcode = short_text(
        "Postcode", required=False, max_length=10, widget=forms.TextInput(attrs=_NO_FILL)
    )
    representative = select(
        "Someone acting for the resident",
        [],
        "Choose who is acting for the resident",
        required=False,
        coerce=int,
        empty_value=None,
        blank="Nobody",
    )
    service_area = select(
        "Service area",
        [],
        "Choose a service area",
        required=False,
        coerce=int,
        empty_value=None,
        blank="Not known yet",
    )
    theme = select(
        "Theme",
        [],
        "Choose a theme",
        required=False,
        coerce=int,
        empty_value=None,
        blank="Not known yet",
    )
    contractor = select(
        "Contractor involved",
        [],
        "Choose a contractor",
        required=False,
        coerce=int,
        empty_value=None,
        blank="None",
    )
    vulnerable = radios(
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
        choice_field(self, "service_area").choices = choices_with_blank(
            list(landlord.service_areas.values_list("id", "name")), "Not known yet"
        )
        choice_field(self, "theme").choices = choices_with_blank(
            list(landlord.themes.values_list("id", "name")), "Not known yet"
        )
        choice_field(self, "contractor").choices = choices_with_blank(
            list(landlord.contractors.values_list("id", "name")), "None"
        )
        if resident_obj is not None:
            choice_field(self, "representative").choices = choices_with_blank(
                [(r.pk, str(r)) for r in resident_obj.representatives.all()], "Nobody"
            )
            for name in RESIDENT_DETAILS:
                del self.fields[name]
        else:
            del self.fields["representative"]
        if fixed_kind:
            del self.fields["kind"]
        if fixed_kind and fixed_kind != Kind.MEMBER_ENQUIRY:
            del self.fields["member_name"]
            del self.fields["member_role"]
        self.fixed_kind = fixed_kind

    def clean(self) -> dict[str, Any]:
        """A postal address is whole or not given: the first line, the town and a full
        postcode, for someone whose name is given (GOV.UK address pattern)."""
        super().clean()
        data = self.cleaned_data
        if "address_line_1" not in self.fields:
            return data
        parts = ("address_line_1", "address_line_2", "address_town", "address_postcode")
        if not any((data.get(part) or "").strip() for part in parts):
            return data
        if not (data.get("address_line_1") or "").strip():
            self.add_error(
                "address_line_1", "Enter address line 1, typically the building and street"
            )
        if not (data.get("address_town") or "").strip():
            self.add_error("address_town", "Enter town or city")
        postcode = normalise_postcode(data.get("address_postcode") or "")
        if not postcode:
            self.add_error("address_postcode", "Enter postcode")
        elif not is_postcode(postcode):
            self.add_error("address_postcode", "Enter a full UK postcode, like AA1 1AA")
        else:
            data["address_postcode"] = postcode
        if not (data.get("resident_name") or "").strip():
            self.add_error("resident_name", "Enter the resident's name, or leave the address blank")
        return data

    def postal_address(self) -> str:
        """The address's lines, one a line, without the postcode ("" when none was given)."""
        parts = ("address_line_1", "address_line_2", "address_town")
        return "\n".join(
            line for line in ((self.cleaned_data.get(p) or "").strip() for p in parts) if line
        )

    @property
    def vulnerable_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("vulnerable", ""))
