"""Form pieces that follow the GOV.UK Design System: the three-box date input and its
messages, and mapping the services' ``RuleError.problems`` onto form fields.

Error messages follow the Design System's wording ("Enter the date received", "The date
received must be a real date") so that every form says what is wrong and how to fix it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from putright.landlords.models import today


class DateInput(forms.MultiWidget):
    """Day, month and year boxes (GOV.UK date input), each a text box with a numeric keypad."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        box = {"inputmode": "numeric"}
        super().__init__(
            {
                "day": forms.TextInput(attrs=box),
                "month": forms.TextInput(attrs=box),
                "year": forms.TextInput(attrs=box),
            },
            attrs,
        )

    def decompress(self, value: Any) -> list[str | None]:
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]


class DateField(forms.Field):
    """A date typed as day, month and year. ``what`` names it in messages ("the date
    received"); ``past`` refuses a date after today."""

    widget = DateInput

    def __init__(self, *, what: str, past: bool = True, **kwargs: Any) -> None:
        self.what = what
        self.past = past
        super().__init__(**kwargs)

    def clean(self, value: Any) -> dt.date | None:
        parts = [str(p or "").strip() for p in (value or [None, None, None])]
        if not any(parts):
            if self.required:
                raise ValidationError(f"Enter {self.what}")
            return None
        for part, name in zip(parts, ("day", "month", "year"), strict=True):
            if not part:
                raise ValidationError(f"{_cap(self.what)} must include a {name}")
        try:
            day, month, year = (int(p) for p in parts)
            if year < 1000:
                raise ValueError
            value = dt.date(year, month, day)
        except ValueError:
            raise ValidationError(f"{_cap(self.what)} must be a real date") from None
        if self.past and value > today():
            raise ValidationError(f"{_cap(self.what)} must be today or in the past")
        return value

    def has_changed(self, initial: Any, data: Any) -> bool:
        parts = [str(p or "").strip() for p in (data or [])]
        return any(parts)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def date_parts(bound: forms.BoundField) -> list[str]:
    """The day, month and year to show in the boxes: what was typed, or the initial date."""
    value = bound.value()
    if isinstance(value, dt.date):
        return DateInput().decompress(value)  # type: ignore[return-value]
    if isinstance(value, list | tuple) and len(value) == 3:
        return [str(v or "") for v in value]
    return ["", "", ""]


def add_problems(
    form: forms.BaseForm, problems: Mapping[str, str], fields: Mapping[str, str] | None = None
) -> None:
    """Put a service's problems on the form: each on the field it names (``fields`` maps a
    service's key to a form field where they differ), the rest on the form as a whole."""
    fields = fields or {}
    for key, message in problems.items():
        name = fields.get(key, key)
        if name in form.fields:
            form.add_error(name, message)
        else:
            form.add_error(None, message)


def choices_with_blank(choices: list[tuple[Any, str]], blank: str = "Choose") -> list:
    return [("", blank), *choices]
