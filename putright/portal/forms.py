"""Forms the portal's journeys share: the GOV.UK form base and the support question.

GOV.UK error messages live in the forms (style.md), in the Design System's words: "Enter
your email address", not "This field is required".
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from putright.residents.models import ReasonableAdjustment
from putright.web.govuk import choice_field


class GovukForm(forms.Form):
    """A form rendered with GOV.UK Frontend's components (``{% field %}`` and
    ``{% error_summary %}`` from putright/web/templatetags/govuk.py, as the staff pages are).

    Ids are the field names, so the error summary links to each field's (first) input. The
    browser's own validation is off (no ``required`` attributes; templates add ``novalidate``)
    because its messages cannot be styled, read out reliably or kept in the error summary.
    """

    use_required_attribute = False
    #: Radios or checkboxes whose item has another field under it: {field: {value: field}}.
    conditionals: dict[str, dict[str, str]] = {}
    #: Checkboxes whose item means "none of these": {field: value}.
    exclusive: dict[str, str] = {}
    #: Hints under single items of radios or checkboxes: {field: {value: hint}}.
    item_hints: dict[str, dict[str, Any]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def nested_fields(self) -> set[str]:
        """Fields shown inside a revealed item, not on their own."""
        return {name for items in self.conditionals.values() for name in items.values()}


class SupportKind:
    """The support and changes residents most often need (Code 5.10), as the residents app
    names them, plus "none"."""

    NONE = "none"
    CHOICES = [
        (ReasonableAdjustment.Kind.LARGE_PRINT, _("Letters in large print")),
        (ReasonableAdjustment.Kind.EASY_READ, _("Letters in easy read")),
        (ReasonableAdjustment.Kind.BRAILLE, _("Letters in braille")),
        (ReasonableAdjustment.Kind.AUDIO, _("Letters as audio recordings")),
        (ReasonableAdjustment.Kind.PHONE_NOT_LETTERS, _("Phone calls instead of letters")),
        (ReasonableAdjustment.Kind.INTERPRETER, _("An interpreter")),
        (ReasonableAdjustment.Kind.BSL, _("A British Sign Language (BSL) interpreter")),
        (ReasonableAdjustment.Kind.SUPPORT_PERSON, _("Someone to help, such as an advocate")),
        (ReasonableAdjustment.Kind.OTHER, _("Something else")),
    ]


class SupportForm(GovukForm):
    """Code 5.10: any support or changes needed, as common options and in their own words."""

    conditionals = {
        "support": {
            ReasonableAdjustment.Kind.INTERPRETER: "interpreter_language",
            ReasonableAdjustment.Kind.OTHER: "support_other",
        }
    }
    exclusive = {"support": SupportKind.NONE}

    support = forms.MultipleChoiceField(
        label=_("Do you need any support or changes to help you with your complaint?"),
        help_text=_("Select all that apply. We will talk to you about what would help."),
        choices=[*SupportKind.CHOICES, (SupportKind.NONE, _("No, I do not need any support"))],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Select the support you need, or select that you do not need any"),
            "invalid_choice": _("Select the support you need from the list"),
        },
    )
    interpreter_language = forms.CharField(
        label=_("Which language?"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "govuk-!-width-one-half", "spellcheck": "false"}),
        error_messages={"max_length": _("The language must be 100 characters or fewer")},
    )
    support_other = forms.CharField(
        label=_("Tell us what would help"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("What would help must be 2,000 characters or fewer")},
    )

    def __init__(self, *args: Any, offer_none: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not offer_none:
            # Asking later for support: the question is what they need, not whether.
            self.exclusive = {}
            choice_field(self, "support").choices = SupportKind.CHOICES
            self.fields["support"].label = _("What support or changes do you need?")
            self.fields["support"].error_messages["required"] = _(
                "Select the support or changes you need"
            )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        chosen = data.get("support") or []
        if SupportKind.NONE in chosen and len(chosen) > 1:
            self.add_error(
                "support",
                _("Select the support you need, or that you do not need any, not both"),
            )
        if (
            ReasonableAdjustment.Kind.INTERPRETER in chosen
            and not data.get("interpreter_language", "").strip()
        ):
            self.add_error(
                "interpreter_language", _("Enter the language you need an interpreter for")
            )
        if ReasonableAdjustment.Kind.OTHER in chosen and not data.get("support_other", "").strip():
            self.add_error("support_other", _("Tell us what would help"))
        return data

    def requested(self) -> tuple[list[str], str, str]:
        """The kinds asked for (without "none"), the language and the other words."""
        chosen = [k for k in self.cleaned_data.get("support", []) if k != SupportKind.NONE]
        language = self.cleaned_data.get("interpreter_language", "").strip()
        other = self.cleaned_data.get("support_other", "").strip()
        return (
            chosen,
            language if ReasonableAdjustment.Kind.INTERPRETER in chosen else "",
            other if ReasonableAdjustment.Kind.OTHER in chosen else "",
        )
