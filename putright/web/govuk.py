"""Form pieces that follow the GOV.UK Design System, for every staff area and the portal:
the three-box date input and its messages, the money field, and mapping the services'
``RuleError.problems`` onto form fields. The templates that draw them are in
``putright/web/templatetags/govuk.py``.

Error messages follow the Design System's wording ("Enter the date received", "The date
received must be a real date") so that every form says what is wrong and how to fix it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
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


def _plain_amount(text: str) -> str:
    """An amount as typed, without the pound sign, thousands commas or spaces around it."""
    return text.replace("£", "").replace(",", "").strip()


def money_from_text(text: str) -> Decimal | None:
    """An amount of money as people type it ("250", "£1,000.50", " 75 "), or None for
    anything that is not an amount of £0 or more."""
    raw = _plain_amount(text)
    if not raw:
        return None
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount < 0:
        return None
    return amount


class MoneyField(forms.DecimalField):
    """An amount in pounds and pence: a text box with a £ prefix and a decimal keypad, that
    takes the amount as people write it ("£1,250.50" as well as "1250.5"). ``min_value``
    (£0 unless given) is the least it may be; £0.01 means "more than nothing"."""

    def __init__(self, *, min_value: Decimal = Decimal("0"), **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 10)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "prefix": "£"}))
        wrong = "Enter the amount in pounds and pence, like 150 or 150.50"
        messages = {
            "invalid": wrong,
            "max_decimal_places": wrong,
            "max_digits": "The amount must be less than £100,000,000",
            "max_whole_digits": "The amount must be less than £100,000,000",
            "min_value": _least_message(min_value),
        }
        kwargs["error_messages"] = {**messages, **kwargs.get("error_messages", {})}
        super().__init__(min_value=min_value, **kwargs)

    # django-stubs gives DecimalField the to_python of IntegerField, its parent there.
    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = _plain_amount(value)
        return super().to_python(value)


def _least_message(min_value: Decimal) -> str:
    if min_value <= 0:
        return "The amount must be £0 or more"
    if min_value == Decimal("0.01"):
        return "The amount must be more than £0"
    return f"The amount must be £{min_value:,.2f} or more"


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


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's field ``name``, a choice field, for a form that sets its choices (or its
    queryset) when it is made, from the landlord's own records."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField), f"{name} is not a choice field"
    return field


def choice_pairs(form: forms.BaseForm, name: str) -> list[tuple[Any, Any]]:
    """The (value, label) pairs of the form's choice field ``name``."""
    choices = choice_field(form, name).choices
    # Django keeps the choices it was given as a list of pairs; django-stubs types what is
    # read as anything that could have been given (a mapping, an enum, a callable).
    return [(value, label) for value, label in choices]  # type: ignore[misc, union-attr]


def choices_with_blank(choices: list[tuple[Any, str]], blank: str = "Choose") -> list:
    return [("", blank), *choices]


def widget_kind(bound: forms.BoundField) -> str:
    """Which GOV.UK component draws the field: date, radios, checkboxes, checkbox,
    textarea, select, file, hidden or input."""
    widget = bound.field.widget
    if isinstance(widget, DateInput):
        return "date"
    # CheckboxSelectMultiple is a kind of RadioSelect in Django: ask about it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


def first_control_id(bound: forms.BoundField) -> str:
    """Where an error summary link takes the person: the field's first control (the day
    box of a date; the first item of radios or checkboxes, whose id is the field's own)."""
    if widget_kind(bound) == "date":
        return f"{bound.auto_id}_day"
    return bound.auto_id


def shows_errors(form: forms.BaseForm) -> bool:
    """Whether the form's errors are shown: it was sent, and is not being shown again for
    more input (``hide_errors``, after "Add another")."""
    return form.is_bound and not getattr(form, "hide_errors", False)


def error_items(*forms_or_sets: Any) -> list[dict[str, str]]:
    """The error summary's lines for forms and formsets, in the order of the fields: each
    problem linked to the field it is about, and a problem with the form as a whole to its
    first field (GOV.UK: every link goes to a question). A hidden field's problem, and a
    formset's own, have no link."""
    items: list[dict[str, str]] = []
    for thing in forms_or_sets:
        if thing is None:
            continue
        for form in _forms_of(thing):
            if not shows_errors(form):
                continue
            visible = [form[n] for n in form.fields if widget_kind(form[n]) != "hidden"]
            first = f"#{first_control_id(visible[0])}" if visible else ""
            for message in form.non_field_errors():
                items.append({"text": str(message), "href": first})
            for name in form.fields:
                bound = form[name]
                hidden = widget_kind(bound) == "hidden"
                for message in form.errors.get(name, []):
                    href = "" if hidden else f"#{first_control_id(bound)}"
                    items.append({"text": str(message), "href": href})
        if isinstance(thing, forms.BaseFormSet) and thing.is_bound:
            for message in thing.non_form_errors():
                items.append({"text": str(message), "href": ""})
    return items


def _forms_of(thing: Any) -> list[forms.BaseForm]:
    if isinstance(thing, forms.BaseFormSet):
        return list(thing.forms)
    if isinstance(thing, list | tuple):
        return [f for t in thing for f in _forms_of(t)]
    return [thing]
