"""GOV.UK Frontend's form components for Django form fields, as the Design System's own
templates render them (labels, hints, error messages, ``aria-describedby``, conditional
reveals, the error summary), so that the portal's pages need no JavaScript to work.

``{% govuk_field form.email %}`` renders a field; ``heading=True`` makes its label or legend
the page's ``h1`` (one question per page); ``size`` is the label's size (l, m, s).
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _described_by(bound: forms.BoundField, *extra: str) -> str:
    ids = [i for i in extra if i]
    if bound.help_text:
        ids.insert(0, f"{bound.html_name}-hint")
    if bound.errors:
        ids.append(f"{bound.html_name}-error")
    return " ".join(ids)


def _widget_html(bound: forms.BoundField, base_class: str, *extra_described_by: str) -> SafeString:
    widget = bound.field.widget
    classes = [base_class, widget.attrs.get("class", "")]
    if bound.errors:
        classes.append(f"{base_class}--error")
    if base_class == "govuk-textarea" and getattr(bound.field, "max_length", None):
        classes.append("govuk-js-character-count")
    attrs = {"class": " ".join(c for c in classes if c)}
    if described_by := _described_by(bound, *extra_described_by):
        attrs["aria-describedby"] = described_by
    html = bound.as_widget(attrs=attrs)
    # No maxlength: the browser would cut text off silently; the form says what is too long.
    return mark_safe(html.replace(f' maxlength="{getattr(bound.field, "max_length", "")}"', ""))


def _items(form: forms.Form, bound: forms.BoundField) -> list[dict[str, Any]]:
    value = bound.value()
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value or "")}
    reveals = getattr(form, "conditionals", {}).get(bound.name, {})
    exclusive = getattr(form, "exclusive", {}).get(bound.name)
    hints = getattr(form, "item_hints", {}).get(bound.name, {})
    items = []
    for index, (item_value, label) in enumerate(bound.field.choices, start=1):
        item_id = bound.html_name if index == 1 else f"{bound.html_name}-{index}"
        nested = reveals.get(item_value)
        items.append(
            {
                "id": item_id,
                "value": item_value,
                "label": label,
                "checked": str(item_value) in chosen,
                "hint": hints.get(item_value, ""),
                "conditional": govuk_field(form[nested]) if nested else "",
                "exclusive": item_value == exclusive,
                "divider": item_value == exclusive and index > 1,
            }
        )
    return items


@register.simple_tag
def govuk_field(
    bound: forms.BoundField, heading: bool = False, size: str = "", label: str = ""
) -> SafeString:
    """Render one field as its GOV.UK component."""
    widget = bound.field.widget
    context: dict[str, Any] = {
        "field": bound,
        "id": bound.html_name,
        "label": label or bound.label,
        "hint": bound.help_text,
        "errors": list(bound.errors),
        "heading": heading,
        "size": size or ("l" if heading else ""),
        "described_by": _described_by(bound),
    }
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        context["items"] = _items(bound.form, bound)
        # CheckboxSelectMultiple is a kind of RadioSelect in Django: ask about it first.
        multiple = isinstance(widget, forms.CheckboxSelectMultiple)
        name = "checkboxes" if multiple else "radios"
    elif isinstance(widget, forms.Textarea):
        max_length = getattr(bound.field, "max_length", None)
        context["max_length"] = max_length
        context["widget"] = _widget_html(
            bound, "govuk-textarea", f"{bound.html_name}-info" if max_length else ""
        )
        name = "textarea"
    elif isinstance(widget, forms.FileInput):
        context["widget"] = _widget_html(bound, "govuk-file-upload")
        name = "file"
    else:
        context["widget"] = _widget_html(bound, "govuk-input")
        name = "input"
    return mark_safe(render_to_string(f"portal/components/{name}.html", context))


@register.inclusion_tag("portal/components/error_summary.html")
def govuk_error_summary(*forms_with_errors: forms.Form | None) -> dict[str, Any]:
    """The error summary at the top of the page, linking to each field with a problem."""
    items: list[tuple[str, str]] = []
    for form in forms_with_errors:
        if form is not None and form.is_bound and form.errors:
            items.extend(form.error_summary())
    return {"errors": items}
