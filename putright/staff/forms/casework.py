"""A handler's everyday casework on a case, beside the lifecycle's steps: a contact with the
resident, the repairs service told of a hazard, and the service area or theme changed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from putright.complaints.models import Complaint, ContactDirection, ContactMethod
from putright.complaints.services import RepairsChannel
from putright.complaints.services.formats import HOW_MAX
from putright.residents.selectors import FormatNeed
from putright.rules.hazard_clocks import HazardClass
from putright.staff.forms.base import StaffForm, date_on, long_text, radios, select, short_text
from putright.web.govuk import DateField, choices_with_blank

LONDON = ZoneInfo("Europe/London")

_TIME = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>am|pm)?$")
_WORDS = {"midday": dt.time(12, 0), "noon": dt.time(12, 0), "midnight": dt.time(0, 0)}
_TIME_WRONG = "Enter a real time, like 9:30am or 14:15"


class TimeField(forms.CharField):
    """A time of day typed as people write it: "9:30am", "2pm", "14:15", "midday"."""

    def __init__(self, *, what: str, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"class": "govuk-input--width-5"}))
        kwargs.setdefault("help_text", "For example, 9:30am or 14:15")
        super().__init__(error_messages={"required": f"Enter {what}"}, **kwargs)

    def clean(self, value: Any) -> dt.time | None:  # type: ignore[override]
        text = (super().clean(value) or "").strip().lower().replace(" ", "")
        if not text:
            return None
        if text in _WORDS:
            return _WORDS[text]
        match = _TIME.match(text)
        if match is None:
            raise ValidationError(_TIME_WRONG)
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        half = match["half"]
        if half:
            if not 1 <= hour <= 12:
                raise ValidationError(_TIME_WRONG)
            hour = hour % 12 + (12 if half == "pm" else 0)
        elif match["minute"] is None:
            raise ValidationError("Enter the time with minutes or am or pm, like 9:30 or 2pm")
        if hour > 23 or minute > 59:
            raise ValidationError(_TIME_WRONG)
        return dt.time(hour, minute)


def time_now() -> str:
    """The time now in London, as the time box shows it: "10:05"."""
    return f"{timezone.localtime():%H:%M}"


def _date_field(form: forms.Form, name: str) -> DateField:
    field = form.fields[name]
    assert isinstance(field, DateField)
    return field


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


def moment(on: dt.date, time: dt.time) -> dt.datetime:
    """A date and a time of day typed on a form, as the moment in London they name."""
    return dt.datetime.combine(on, time, LONDON)


class WhenForm(StaffForm):
    """A date and a time of day, together the moment something happened, in London."""

    on = date_on("the date", "Date")
    time = TimeField(what="the time", label="Time", initial=time_now)


DIRECTION_CHOICES = [
    (ContactDirection.FROM_RESIDENT.value, "They contacted us"),
    (ContactDirection.TO_RESIDENT.value, "We contacted them"),
]


class ContactForm(WhenForm):
    """Code 5.12: a call, email, text, visit or letter with the resident, as it happened."""

    field_order = ["method", "direction", "with_whom", "on", "time", "summary"]
    method = radios(
        "How were you in contact?", ContactMethod.choices, "Choose how you were in contact"
    )
    direction = radios(
        "Who got in touch?",
        DIRECTION_CHOICES,
        "Choose whether they contacted us or we contacted them",
    )
    with_whom = short_text(
        "Who was it with?",
        message="Enter who it was with",
        max_length=200,
        help_text="The resident, or who it was for them: for example, “Grace Okafor, her daughter”.",
    )
    summary = long_text(
        "What was said",
        rows=6,
        help_text="What they told you and what you told them, including anything you agreed.",
        required_message="Enter what was said",
    )

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _date_field(self, "on").what = "the date of the contact"
        self.fields["time"].error_messages["required"] = "Enter the time of the contact"
        if complaint.resident is not None and not self.is_bound:
            self.initial.setdefault("with_whom", complaint.resident.name)


class RepairsToldForm(WhenForm):
    """Awaab's Law: the repairs service told of a possible hazard."""

    field_order = ["how", "told", "job_reference", "on", "time"]
    how = radios("How did you tell them?", RepairsChannel.choices, "Choose how you told them")
    told = short_text(
        "Who did you tell?",
        message="Enter who you told",
        max_length=200,
        help_text="A person or a team, for example “Repairs contact centre, Sam Patel”.",
    )
    job_reference = short_text(
        "Repair job reference (optional)",
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _date_field(self, "on").what = "the date you told them"
        self.fields["time"].error_messages["required"] = "Enter the time you told them"


HAZARD_CLASS_CHOICES = [
    (HazardClass.EMERGENCY.value, "Emergency hazard: investigate and make safe within 24 hours"),
    (
        HazardClass.DAMP_MOULD.value,
        "Significant damp and mould: investigate within 10 working days",
    ),
]


class HazardAwarenessForm(WhenForm):
    """Awaab's Law: when the landlord became aware of a hazard and the repairs service was
    told, which starts the regulations' clocks."""

    field_order = [
        "hazard_class",
        "description",
        "on",
        "time",
        "told_on",
        "told_time",
        "repairs_reference",
    ]
    hazard_class = radios(
        "What kind of hazard is it?", HAZARD_CLASS_CHOICES, "Choose what kind of hazard it is"
    )
    description = long_text(
        "What is the hazard and where?",
        rows=3,
        help_text="For example, “Black mould across the back bedroom ceiling”.",
        required_message="Enter what the hazard is and where",
    )
    told_on = date_on("the date repairs were told", "Date the repairs service was told")
    told_time = TimeField(
        what="the time repairs were told", label="Time the repairs service was told"
    )
    repairs_reference = short_text(
        "Repair job reference (optional)",
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        on = _date_field(self, "on")
        on.what = "the date the landlord became aware"
        on.label = "Date the landlord became aware"
        self.fields["time"].label = "Time the landlord became aware"
        self.fields["time"].error_messages["required"] = "Enter the time the landlord became aware"
        self.fields["told_time"].initial = time_now


class HazardMilestoneForm(WhenForm):
    """Awaab's Law: one step the repairs service took about the hazard, when it happened."""

    field_order = ["on", "time", "note"]
    note = long_text("What was done or found (optional)", required=False, rows=3)

    def __init__(self, *args: Any, what: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _date_field(self, "on").what = f"the date it was {what}"
        self.fields["time"].error_messages["required"] = f"Enter the time it was {what}"


class ReclassifyForm(StaffForm):
    """The complaint's main service area and theme, as the reports count it."""

    service_area = select(
        "Service area",
        [],
        "Choose a service area",
        required=False,
        coerce=int,
        empty_value=None,
        blank="Not recorded",
    )
    theme = select(
        "Theme",
        [],
        "Choose a theme",
        required=False,
        coerce=int,
        empty_value=None,
        blank="Not recorded",
    )

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        landlord = complaint.landlord
        _choice_field(self, "service_area").choices = choices_with_blank(
            list(landlord.service_areas.values_list("id", "name")), "Not recorded"
        )
        _choice_field(self, "theme").choices = choices_with_blank(
            list(landlord.themes.values_list("id", "name")), "Not recorded"
        )


class FormatMetForm(StaffForm):
    """Code 5.10: how one of the resident's accessible formats or languages was met for
    something other than a letter, such as a BSL interpreter at a meeting."""

    field_order = ["kind", "what", "how", "on"]
    kind = radios("Which need was met?", [], "Choose which need was met")
    what = short_text(
        "What was it for?",
        message="Enter what it was for",
        max_length=200,
        help_text="For example, “the meeting on 3 December” or “the phone call about the repair”.",
    )
    how = long_text(
        "How was the need met?",
        rows=3,
        max_length=HOW_MAX,
        help_text="For example, “A BSL interpreter from SignLive joined the meeting”.",
        required_message="Enter how the need was met",
    )
    on = date_on("the date it was met", "Date it was met")

    def __init__(self, *args: Any, needs: Sequence[FormatNeed], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "kind").choices = [(need.kind, need.words) for need in needs]
        self.fields["how"].error_messages["max_length"] = (
            f"How the need was met must be {HOW_MAX} characters or fewer"
        )
