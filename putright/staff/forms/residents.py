"""A resident's record: their details, disabilities, adjustments, vulnerabilities,
representatives and consent, restrictions and their reviews, and equality data held apart
(Code 3.6, 5.10, 5.14, 5.15)."""

from __future__ import annotations

from typing import Any

from django import forms

from putright.residents.models import ReasonableAdjustment, Resident
from putright.rules.postcodes import normalise_postcode
from putright.staff.forms.base import (
    StaffForm,
    date_on,
    long_text,
    radios,
    select,
    short_text,
)
from putright.web.govuk import DateField, choice_field, choices_with_blank


class ResidentSearchForm(forms.Form):
    q = forms.CharField(
        label="Name, email, postcode or tenancy reference", required=False, max_length=200
    )


class ResidentForm(StaffForm):
    name = short_text(
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
    phone = short_text(
        "Phone number", required=False, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    contact_preference = radios(
        "How do they prefer to be contacted?",
        [("", "No preference"), *Resident.ContactPreference.choices],
        "Choose how they prefer to be contacted",
        required=False,
    )
    preferred_language = short_text("Preferred language", required=False)
    tenure = select("Tenure", [], "Choose the tenure", blank="Choose the tenure")
    tenancy_reference = short_text("Tenancy reference", required=False)
    address = long_text(
        "Address",
        required=False,
        rows=3,
        help_text="Leave blank if they are not one of our residents.",
    )
    postcode = short_text(
        "Postcode", required=False, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    uprn = short_text(
        "UPRN", required=False, help_text="The Unique Property Reference Number, if known."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from putright.rules.codes import Tenure

        super().__init__(*args, **kwargs)
        choice_field(self, "tenure").choices = choices_with_blank(
            Tenure.choices(), "Choose the tenure"
        )

    def clean_postcode(self) -> str:
        """In Royal Mail's form, as the website and the API keep it ("ex1 2ab" and "EX12AB"
        are "EX1 2AB"), so the same home is found whichever way it came in."""
        return normalise_postcode(self.cleaned_data.get("postcode") or "")


class DisabilityForm(StaffForm):
    description = long_text(
        "What the resident told us", rows=3, required_message="Enter what the resident told us"
    )
    review_due_on = DateField(
        label="Review by", what="the review date", past=False, help_text="For example, 27 3 2025"
    )


class AdjustmentForm(StaffForm):
    kind = select("Adjustment", [], "Choose the adjustment")
    details = long_text("Details", required=False, rows=3)
    agreed_on = date_on("the date it was agreed", "Date agreed")
    review_due_on = DateField(
        label="Review by", what="the review date", past=False, help_text="For example, 27 3 2025"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "kind").choices = choices_with_blank(
            list(ReasonableAdjustment.Kind.choices)
        )


class AdjustmentRequestAgreeForm(StaffForm):
    """Code 5.10: agree the support a resident asked for online, with a review date."""

    details = long_text(
        "What you agreed with the resident",
        required=False,
        rows=3,
        help_text="Change this if you agreed something different from what they asked for.",
    )
    agreed_on = date_on("the date it was agreed", "Date agreed")
    review_due_on = DateField(
        label="Review by", what="the review date", past=False, help_text="For example, 27 3 2025"
    )


class VulnerabilityForm(StaffForm):
    description = long_text("The vulnerability", rows=3, required_message="Enter the vulnerability")
    review_due_on = DateField(
        label="Review by", what="the review date", past=False, help_text="For example, 27 3 2025"
    )


class RepresentativeForm(StaffForm):
    name = short_text("Name", message="Enter the representative's name")
    kind = select("Who they are", [], "Choose who they are")
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    phone = short_text("Phone number", required=False)
    consent_given_on = DateField(
        label="Date the resident gave consent",
        what="the date consent was given",
        required=False,
        help_text="Leave blank while consent is awaited. We cannot deal with them until it is given (Code 3.6).",
    )
    consent_evidence = long_text(
        "How consent was given",
        required=False,
        rows=2,
        help_text="For example, a signed form or a recorded call.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from putright.rules.codes import RepresentativeKind

        super().__init__(*args, **kwargs)
        choice_field(self, "kind").choices = choices_with_blank(RepresentativeKind.choices())

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("consent_given_on") and not (data.get("consent_evidence") or "").strip():
            self.add_error("consent_evidence", "Enter how consent was given")
        return data


class ConsentForm(StaffForm):
    ACTIONS = [
        ("given", "The resident has given consent"),
        ("withdrawn", "The resident has withdrawn consent"),
    ]
    action = radios("What has changed?", ACTIONS, "Choose what has changed")
    on = date_on("the date", "Date")
    consent_evidence = long_text("How consent was given", required=False, rows=2)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("action") == "given" and not (data.get("consent_evidence") or "").strip():
            self.add_error("consent_evidence", "Enter how consent was given")
        return data


class RestrictionForm(StaffForm):
    restriction = long_text(
        "What is restricted", rows=3, required_message="Enter what is restricted"
    )
    reason = long_text("Why", rows=3, required_message="Enter why the restriction is needed")
    evidence = long_text("The evidence", rows=3, required_message="Enter the evidence")
    proportionality = long_text(
        "Why it is proportionate",
        rows=3,
        help_text="Code 5.14: restrictions must be proportionate and take account of any disability.",
        required_message="Enter why the restriction is proportionate",
    )
    starts_on = date_on("the start date", "Starts on")
    review_due_on = DateField(
        label="Review by", what="the review date", past=False, help_text="For example, 27 3 2025"
    )


class ReviewForm(StaffForm):
    OUTCOMES = [("continue", "Keep it, with a new review date"), ("end", "End it")]
    conditionals = {"outcome": {"continue": ("review_due_on",)}}
    outcome = radios("What did the review decide?", OUTCOMES, "Choose what the review decided")
    reviewed_on = date_on("the date of the review", "Date reviewed")
    review_due_on = DateField(
        label="Next review by",
        what="the next review date",
        past=False,
        required=False,
        help_text="For example, 27 3 2025",
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if (
            data.get("outcome") == "continue"
            and not data.get("review_due_on")
            and "review_due_on" not in self.errors
        ):
            self.add_error("review_due_on", "Enter the next review date")
        return data


class EqualityForm(StaffForm):
    age_band = radios("Age", [], "Choose an age band", required=False)
    sex = radios("Sex", [], "Choose an answer", required=False)
    ethnicity = short_text("Ethnic group", required=False, help_text="In the resident's own words.")
    disability = radios(
        "Do they consider themselves disabled?", [], "Choose an answer", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from putright.rules.codes import AgeBand, Disability, Sex

        super().__init__(*args, **kwargs)
        choice_field(self, "age_band").choices = AgeBand.choices()
        choice_field(self, "sex").choices = Sex.choices()
        choice_field(self, "disability").choices = Disability.choices()
