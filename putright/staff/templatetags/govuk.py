"""Template tags that lay out Django forms as GOV.UK Design System components.

- ``{% field form.name %}``: the label (or legend), hint, error message and control of one
  field, with ``aria-describedby`` tying the hint and error to the control;
- ``{% error_summary form formset ... %}``: the error summary at the top of the page, each
  message a link to the field it is about;
- ``deadline`` / ``deadline_tag``: "due in 3 working days" and its colour.

A form with ``hide_errors = True`` (re-shown after "Add another") shows no errors.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms, template
from django.utils.html import format_html

from putright.rules.timescales import deadline_words
from putright.web.govuk import DateInput, date_parts

register = template.Library()


def _errors(bound: forms.BoundField) -> list[str]:
    if getattr(bound.form, "hide_errors", False) or not bound.form.is_bound:
        return []
    return list(bound.errors)


def _kind(bound: forms.BoundField) -> str:
    widget = bound.field.widget
    if isinstance(widget, DateInput):
        return "date"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
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
    """Where an error summary link should take the person: the field's first control."""
    kind = _kind(bound)
    if kind == "date":
        return f"{bound.auto_id}_day"
    if kind in ("radios", "checkboxes"):
        return f"{bound.auto_id}_0"
    return bound.auto_id


@register.inclusion_tag("staff/govuk/field.html")
def field(
    bound: forms.BoundField,
    label_size: str = "",
    width: str = "",
    legend_heading: bool = False,
    inline: bool = False,
) -> dict[str, Any]:
    """One form field as its GOV.UK component. ``label_size`` "l", "m" or "s" makes the
    label a larger heading-sized label; ``width`` a GOV.UK width class suffix ("10",
    "one-half")."""
    errors = _errors(bound)
    hint_id = f"{bound.auto_id}-hint" if bound.help_text else ""
    error_id = f"{bound.auto_id}-error" if errors else ""
    described_by = " ".join(i for i in (hint_id, error_id) if i)
    kind = _kind(bound)
    context: dict[str, Any] = {
        "bound": bound,
        "kind": kind,
        "errors": errors,
        "hint_id": hint_id,
        "error_id": error_id,
        "described_by": described_by,
        "label_size": label_size,
        "width": width,
        "legend_heading": legend_heading,
        "inline": inline,
        "value": bound.value(),
        "required": bound.field.required,
        "attrs": bound.field.widget.attrs,
        # htmx attributes a view set on the widget, for a field that updates part of the
        # page as it changes (the page works the same without them).
        "hx_attrs": [(k, v) for k, v in bound.field.widget.attrs.items() if k.startswith("hx-")],
    }
    if kind == "date":
        day, month, year = date_parts(bound)
        context["parts"] = [
            ("day", "Day", day, "2"),
            ("month", "Month", month, "2"),
            ("year", "Year", year, "4"),
        ]
    if kind in ("radios", "checkboxes", "select"):
        context["options"] = _options(bound)
    if kind == "input":
        context["input_type"] = getattr(bound.field.widget, "input_type", "text")
    return context


def _options(bound: forms.BoundField) -> list[dict[str, Any]]:
    value = bound.value()
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    if value is None:
        chosen = set()
    conditional = getattr(bound.field, "conditional", {})
    hints = getattr(bound.field, "option_hints", {})
    options = []
    for i, (key, label) in enumerate(bound.field.choices):
        options.append(
            {
                "value": "" if key is None else str(key),
                "label": label,
                "id": f"{bound.auto_id}_{i}",
                "checked": str(key) in chosen and key != "",
                "conditional": [bound.form[n] for n in conditional.get(str(key), ())],
                "hint": hints.get(str(key), ""),
            }
        )
    return options


@register.inclusion_tag("staff/govuk/error_summary.html")
def error_summary(*forms_or_sets: Any) -> dict[str, Any]:
    """The GOV.UK error summary: each problem linked to the field it is about; problems
    with the form as a whole are listed without a link."""
    items: list[dict[str, str]] = []
    for thing in forms_or_sets:
        if thing is None:
            continue
        for form in _forms_of(thing):
            if not form.is_bound or getattr(form, "hide_errors", False):
                continue
            for message in form.non_field_errors():
                items.append({"text": message, "href": ""})
            for name in form.errors:
                if name == forms.forms.NON_FIELD_ERRORS or name not in form.fields:
                    continue
                bound = form[name]
                if _kind(bound) == "hidden":
                    for message in bound.errors:
                        items.append({"text": message, "href": ""})
                    continue
                for message in bound.errors:
                    items.append({"text": message, "href": f"#{first_control_id(bound)}"})
        if isinstance(thing, forms.BaseFormSet) and thing.is_bound:
            for message in thing.non_form_errors():
                items.append({"text": message, "href": ""})
    return {"items": items}


def _forms_of(thing: Any) -> list[forms.BaseForm]:
    if isinstance(thing, forms.BaseFormSet):
        return list(thing.forms)
    if isinstance(thing, list | tuple):
        return [f for t in thing for f in _forms_of(t)]
    return [thing]


@register.filter
def has_errors(*forms_or_sets: Any) -> bool:
    return bool(error_summary(*forms_or_sets)["items"])


@register.filter
def deadline(days_left: int | None) -> str:
    """ "due in 3 working days", "due today", "2 working days overdue"."""
    if days_left is None:
        return "nothing due"
    return deadline_words(days_left)


@register.filter
def deadline_colour(days_left: int | None) -> str:
    """The GOV.UK tag colour for a deadline: red when overdue, orange when due within two
    working days, otherwise grey."""
    if days_left is None:
        return "grey"
    if days_left < 0:
        return "red"
    if days_left <= 2:
        return "orange"
    return "blue"


@register.simple_tag
def deadline_tag(days_left: int | None) -> str:
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
        deadline_colour(days_left),
        deadline(days_left),
    )


@register.filter
def long_date(value: dt.date | None) -> str:
    """ "8 April 2024", the GOV.UK date style."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


@register.filter
def person(user: Any) -> str:
    """A member of staff by name, or "the system" for automatic steps."""
    if user is None:
        return "the system"
    return user.get_full_name().strip() or user.get_username()


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: Any) -> str:
    """The current query string with some parameters changed (for pagination and filter
    links); a value of "" removes the parameter."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in ("", None):
            query.pop(key, None)
        else:
            query[key] = str(value)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"
