"""Forms of the pages that find and follow a complaint, with the GOV.UK error messages."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from putright.landlords.models import Landlord
from putright.portal.forms import GovukForm
from putright.portal.models import Satisfaction
from putright.rules.codes import EscalationReason

#: A reference as a person types it: the prefix (1 to 10 letters or digits, starting with a
#: letter, as ``putright landlord`` allows; ``putright generate``'s are G0001 and on), then
#: the number, with or without a space or hyphen between.
REFERENCE = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,9}[\s-]*\d{1,12}$")


class FindForm(GovukForm):
    reference = forms.CharField(
        label=_("Complaint reference"),
        max_length=30,
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-10",
                "spellcheck": "false",
                "autocapitalize": "characters",
            }
        ),
        error_messages={
            "required": _("Enter your complaint reference"),
        },
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The email address we have for you with the complaint."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Your email address must be 254 characters or fewer"),
        },
    )

    def __init__(self, *args: Any, landlord: Landlord, **kwargs: Any) -> None:
        """The example reference is one of the landlord's own: its prefix, as the resident's
        emails and letters show it (``Landlord.format_reference``)."""
        super().__init__(*args, **kwargs)
        self.example = landlord.format_reference(123)
        field = self.fields["reference"]
        field.help_text = _(
            "For example, %(reference)s. It is in the emails and letters we sent you."
        ) % {"reference": self.example}
        field.error_messages["max_length"] = self._like_example()

    def _like_example(self) -> str:
        return _("Enter your complaint reference, like %(reference)s") % {"reference": self.example}

    def clean_reference(self) -> str:
        reference = self.cleaned_data.get("reference", "").strip()
        if not REFERENCE.match(reference):
            raise forms.ValidationError(self._like_example())
        return reference


class CodeForm(GovukForm):
    code = forms.CharField(
        label=_("Enter the 6-digit code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-5",
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "spellcheck": "false",
            }
        ),
        error_messages={
            "required": _("Enter the 6-digit code from the email"),
            "max_length": _("The code must be 6 digits"),
        },
    )

    def clean_code(self) -> str:
        code = re.sub(r"[\s-]", "", self.cleaned_data.get("code", ""))
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(_("The code must be 6 digits"))
        return code


class Stage2Form(GovukForm):
    """Code 6.12: the reason is never required. Both questions may be left blank."""

    reason = forms.ChoiceField(
        label=_("Why are you asking us to look at it again? (optional)"),
        help_text=_("You do not have to tell us."),
        required=False,
        choices=[
            (EscalationReason.DISAGREES_WITH_DECISION, _("I do not agree with the decision")),
            (EscalationReason.ACTIONS_NOT_DONE, _("You have not done what you said you would")),
            (EscalationReason.COMPENSATION, _("I am unhappy with the compensation")),
            (EscalationReason.POINTS_NOT_ADDRESSED, _("You did not answer all my points")),
            (EscalationReason.OTHER, _("Something else")),
        ],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Select one of the reasons, or none")},
    )
    reason_text = forms.CharField(
        label=_("Anything you want to tell us (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("What you tell us must be 2,000 characters or fewer")},
    )


def _satisfaction_field(label: Any, required_message: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=Satisfaction.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


class FeedbackForm(GovukForm):
    process_satisfaction = _satisfaction_field(
        _("How satisfied are you with how we handled your complaint?"),
        _("Select how satisfied you are with how we handled your complaint"),
    )
    outcome_satisfaction = _satisfaction_field(
        _("How satisfied are you with the outcome of your complaint?"),
        _("Select how satisfied you are with the outcome of your complaint"),
    )
    comments = forms.CharField(
        label=_("Is there anything else you want to tell us? (optional)"),
        help_text=_("For example, what we did well or what we could do better."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("What you tell us must be 2,000 characters or fewer")},
    )
