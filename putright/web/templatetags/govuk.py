"""Template tags that lay out Django forms as GOV.UK Design System components, for the staff
areas and the resident portal alike (``{% load govuk %}``).

- ``{% field form.name %}``: the label (or legend), hint, error message and control of one
  field, with ``aria-describedby`` tying the hint, error and character count to the control.
  ``size`` ("l", "m", "s") makes the label heading-sized; ``heading`` makes the label or
  legend the page's ``h1`` (one question per page); ``width`` is a GOV.UK width ("10",
  "one-half"); ``inline`` lays radios side by side; ``label`` replaces the field's label.
- ``{% error_summary form formset ... problems=... %}``: the error summary at the top of
  the page, each message a link to the field it is about.
- ``deadline`` / ``deadline_tag``, ``long_date``, ``person``, ``query_with``.

What a form may declare for its radios and checkboxes:

- ``conditionals = {field: {value: field or (fields...)}}``: fields that belong to one
  item (shown under it). Under checkboxes they are revealed when the item is checked; under
  radios they are always shown, since GOV.UK Frontend's reveal puts ``aria-expanded`` on
  the radio, which ARIA does not allow there (govuk-frontend#979).
- ``exclusive = {field: value}``: the checkbox that means "none of these".
- ``item_hints = {field: {value: hint}}``: a hint under one item.

Ids follow GOV.UK Frontend: a field's first item has the field's own id, the others
``<id>-2``, ``<id>-3`` ..., so that the error summary always links to the field's id. A form
with ``hide_errors = True`` (shown again after "Add another") shows no errors.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms, template
from django.utils import timezone
from django.utils.html import format_html

from putright.complaints.services.contacts import clock
from putright.rules.timescales import deadline_words
from putright.web.govuk import date_parts, error_items, shows_errors, widget_kind

register = template.Library()

#: Widget attributes the field template writes itself, or that are not HTML attributes.
#: No maxlength or minlength: the browser would cut text off or refuse it silently; the form
#: says what is wrong, in the error summary.
_OWN_ATTRS = frozenset(
    {"class", "prefix", "suffix", "type", "rows", "cols", "multiple", "maxlength", "minlength"}
)
_BASE_CLASS = {
    "input": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "file": "govuk-file-upload",
}


@register.inclusion_tag("web/govuk/field.html")
def field(
    bound: forms.BoundField,
    size: str = "",
    width: str = "",
    heading: bool = False,
    inline: bool = False,
    label: str = "",
) -> dict[str, Any]:
    """One form field as its GOV.UK component."""
    kind = widget_kind(bound)
    errors = [str(e) for e in bound.errors] if shows_errors(bound.form) else []
    max_length = getattr(bound.field, "max_length", None) if kind == "textarea" else None
    hint_id = f"{bound.auto_id}-hint" if bound.help_text else ""
    error_id = f"{bound.auto_id}-error" if errors else ""
    count_id = f"{bound.auto_id}-info" if max_length else ""
    widget_attrs = bound.field.widget.attrs
    context: dict[str, Any] = {
        "bound": bound,
        "id": bound.auto_id,
        "kind": kind,
        "label": label or bound.label,
        "errors": errors,
        "hint_id": hint_id,
        "error_id": error_id,
        "described_by": " ".join(i for i in (hint_id, error_id, count_id) if i),
        "size": size or ("l" if heading else ""),
        "heading": heading,
        "inline": inline,
        "value": bound.value(),
        "max_length": max_length,
        "count_id": count_id,
        "prefix": widget_attrs.get("prefix", ""),
        "suffix": widget_attrs.get("suffix", ""),
        "rows": widget_attrs.get("rows", 5),
        "multiple": bool(widget_attrs.get("multiple")),
        "classes": _classes(kind, width, widget_attrs.get("class", ""), errors, max_length),
        # autocomplete, inputmode, spellcheck, and htmx attributes a view set on the widget
        # for a field that updates part of the page as it changes (it works without them).
        "attrs": [
            (name, value)
            for name, value in widget_attrs.items()
            if name not in _OWN_ATTRS and value not in (False, None)
        ],
    }
    if kind == "date":
        day, month, year = date_parts(bound)
        context["parts"] = [
            ("day", "Day", day, "2"),
            ("month", "Month", month, "2"),
            ("year", "Year", year, "4"),
        ]
    if kind in ("radios", "checkboxes", "select"):
        context["options"] = _options(bound, kind)
    if kind == "input":
        context["input_type"] = widget_attrs.get(
            "type", getattr(bound.field.widget, "input_type", "text")
        )
    return context


def _classes(kind: str, width: str, extra: str, errors: list[str], max_length: Any) -> str:
    base = _BASE_CLASS.get(kind)
    if base is None:
        return ""
    classes = [base]
    if width:
        classes.append(
            f"govuk-input--width-{width}" if len(width) <= 2 else f"govuk-!-width-{width}"
        )
    if extra:
        classes.append(extra)
    if errors:
        classes.append(f"{base}--error")
    if max_length:
        classes.append("govuk-js-character-count")
    return " ".join(classes)


def _options(bound: forms.BoundField, kind: str) -> list[dict[str, Any]]:
    """The items of radios or checkboxes, or a select's options, with what belongs to each."""
    value = bound.value()
    if value is None:
        chosen: set[str] = set()
    elif isinstance(value, list | tuple):
        chosen = {str(v) for v in value}
    else:
        chosen = {str(value)}
    form = bound.form
    conditional = getattr(form, "conditionals", {}).get(bound.name, {})
    hints = getattr(form, "item_hints", {}).get(bound.name, {})
    exclusive = getattr(form, "exclusive", {}).get(bound.name)
    options = []
    # Radios, checkboxes and selects are drawn for fields with choices; django-stubs types
    # bound.field as Field, which has none.
    choices = bound.field.choices  # type: ignore[attr-defined]
    if kind == "select" and any(isinstance(text, list | tuple) for _, text in choices):
        return _grouped_options(choices, chosen)
    for number, (key, text) in enumerate(choices, start=1):
        key = "" if key is None else str(key)
        nested = conditional.get(key, ())
        names = (nested,) if isinstance(nested, str) else tuple(nested)
        options.append(
            {
                "value": key,
                "label": text,
                "id": bound.auto_id if number == 1 else f"{bound.auto_id}-{number}",
                "checked": key in chosen and key != "",
                "conditional": [form[name] for name in names if name in form.fields],
                "reveal": kind == "checkboxes",
                "hint": hints.get(key, ""),
                "exclusive": exclusive is not None and key == str(exclusive),
                "divider": exclusive is not None and key == str(exclusive) and number > 1,
            }
        )
    return options


def _grouped_options(choices: Any, chosen: set[str]) -> list[dict[str, Any]]:
    """A select's options with their groups (Django's grouped choices): an option alone
    where it stands alone, and each group with its options, drawn as an optgroup."""
    items: list[dict[str, Any]] = []
    for key, text in choices:
        if isinstance(text, list | tuple):
            group = [
                {"value": str(value), "label": words, "checked": str(value) in chosen}
                for value, words in text
            ]
            items.append({"group": True, "label": key, "options": group})
        else:
            value = "" if key is None else str(key)
            items.append({"value": value, "label": text, "checked": value in chosen and value})
    return items


@register.inclusion_tag("web/govuk/error_summary.html")
def error_summary(*forms_or_sets: Any, problems: Any = None) -> dict[str, Any]:
    """The GOV.UK error summary for forms and formsets (each problem linked to its field),
    and ``problems`` a view found itself, as (field id, message) pairs."""
    items = [{"text": str(message), "href": f"#{key}"} for key, message in problems or ()]
    return {"items": [*items, *error_items(*forms_or_sets)]}


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
def moment(value: dt.datetime | None) -> str:
    """ "3:30pm on 8 April 2024" in London, the GOV.UK style; a deadline at the close of a
    day (a number of working days) reads "end of 8 April 2024"."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    if (local.hour, local.minute, local.second) == (23, 59, 59):
        return f"end of {long_date(local.date())}"
    return f"{clock(local)} on {long_date(local.date())}"


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
