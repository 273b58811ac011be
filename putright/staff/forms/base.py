"""What the staff workspace's forms share: the hidden version that catches a case changed
by someone else, and the field makers that give every form the same GOV.UK wording
("Enter the date received") and widgets."""

from __future__ import annotations

from typing import Any

from django import forms

from putright.complaints.models import Complaint
from putright.landlords.models import today
from putright.web.govuk import DateField, choices_with_blank

TEXT = {"spellcheck": "true"}


def long_text(label: str, *, required: bool = True, rows: int = 5, help_text: str = "", **kw):
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows, **TEXT}),
        help_text=help_text,
        error_messages={"required": kw.pop("required_message", f"Enter {label.lower()}")},
        **kw,
    )


def short_text(label: str, *, required: bool = True, help_text: str = "", message: str = "", **kw):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        error_messages={"required": message or f"Enter {label.lower()}"},
        **kw,
    )


def radios(label: str, choices: list[tuple[str, str]], message: str, **kw):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **kw,
    )


def select(label: str, choices: list[tuple[Any, str]], message: str, *, required=True, **kw):
    return forms.TypedChoiceField(
        label=label,
        choices=choices_with_blank(choices, kw.pop("blank", "Choose")),
        required=required,
        coerce=kw.pop("coerce", str),
        empty_value=kw.pop("empty_value", ""),
        error_messages={"required": message, "invalid_choice": message},
        **kw,
    )


def date_on(what: str = "the date", label: str = "Date", **kw) -> DateField:
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
