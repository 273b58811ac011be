"""A letter to a resident, and the landlord's own letter templates."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms

from putright.letters.kinds import Delivery
from putright.letters.services import FormatNeed
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

    def __init__(self, *args, needs: Sequence[FormatNeed] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Code 5.10: one question per accessible format or language the resident needs.
        for need in needs:
            self.fields[format_field(need.kind)] = short_text(
                f"How does this letter meet their need: {need.words}?",
                required=False,
                help_text="For example: a braille copy ordered from the transcription "
                "service, posted with this letter. This is recorded on the timeline.",
                max_length=500,
            )

    def formats_met(self, needs: Sequence[FormatNeed]) -> dict[str, str]:
        """The answers given, by kind of need, for ``letter_issue``."""
        return {need.kind: self.cleaned_data.get(format_field(need.kind), "") for need in needs}


def format_field(kind: str) -> str:
    """The form field, and the problem's key (``letters.checks.format_problems``), of one
    kind of need."""
    return f"format_{kind}"


class LetterTemplateForm(forms.Form):
    hide_errors = False
    subject = short_text("Subject", message="Enter the subject", widget=forms.TextInput(attrs=TEXT))
    body = long_text("Letter", rows=28, required_message="Enter the letter")
