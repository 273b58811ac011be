"""A letter to a resident, and the landlord's own letter templates."""

from __future__ import annotations

from django import forms

from putright.letters.kinds import Delivery
from putright.staff.forms.base import (
    TEXT,
    StaffForm,
    long_text,
    radios,
    short_text,
)


class LetterForm(StaffForm):
    subject = short_text("Subject", message="Enter the subject of the letter")
    body_text = long_text(
        "Letter",
        rows=24,
        help_text="Leave a blank line between paragraphs. Start a line with “- ” for a list "
        "and “## ” for a heading.",
        required_message="Enter the letter",
    )
    large_print = forms.BooleanField(label="Large print (18 point)", required=False)
    delivery = radios(
        "How will it be sent?", Delivery.choices(), "Choose how the letter will be sent"
    )
    send_to = long_text(
        "Send to",
        required=False,
        rows=4,
        help_text="An email address, or the postal address. Leave blank to use the resident's.",
    )


class LetterTemplateForm(forms.Form):
    hide_errors = False
    subject = short_text("Subject", message="Enter the subject", widget=forms.TextInput(attrs=TEXT))
    body = long_text("Letter", rows=28, required_message="Enter the letter")
