"""The GOV.UK form pieces every area shares (putright/web/govuk.py and its template tags):
the one money field, and the one field renderer and error summary for staff and portal
forms alike."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template

from putright.web.govuk import MoneyField, money_from_text


class Payment(forms.Form):
    amount = MoneyField(label="Amount paid", required=False)
    offered = MoneyField(label="Amount offered", required=False, min_value=Decimal("0.01"))


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("250", Decimal("250")), ("£1,250.50", Decimal("1250.50")), (" 75.5 ", Decimal("75.5"))],
)
def test_money_is_taken_as_people_write_it(typed, amount):
    form = Payment({"amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == amount
    assert money_from_text(typed) == amount


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"amount": "fifty"}, "amount", "Enter the amount in pounds and pence, like 150 or 150.50"),
        (
            {"amount": "10.505"},
            "amount",
            "Enter the amount in pounds and pence, like 150 or 150.50",
        ),
        ({"amount": "-5"}, "amount", "The amount must be £0 or more"),
        ({"offered": "0"}, "offered", "The amount must be more than £0"),
        ({"amount": "123456789"}, "amount", "The amount must be less than £100,000,000"),
    ],
)
def test_money_that_is_not_an_amount_says_how_to_write_it(data, field, message):
    form = Payment(data)
    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_text_that_is_not_money_shows_no_amount():
    assert [money_from_text(t) for t in ("", "abc", "-1", "NaN", "£")] == [None] * 5


def test_a_money_field_has_a_pound_prefix_and_a_decimal_keypad():
    html = render("{% load govuk %}{% field form.amount %}", form=Payment())
    assert '<div class="govuk-input__prefix" aria-hidden="true">£</div>' in html
    assert 'inputmode="decimal"' in html
    assert "prefix=" not in html


class Question(forms.Form):
    conditionals = {
        "contact": {"phone": "number"},
        "needs": {"other": "other_need"},
    }
    exclusive = {"needs": "none"}
    item_hints = {"contact": {"post": "We write to your home address."}}

    contact = forms.ChoiceField(
        label="How should we contact you?",
        choices=[("email", "Email"), ("phone", "Phone"), ("post", "Post")],
        widget=forms.RadioSelect,
    )
    number = forms.CharField(label="Phone number", required=False)
    needs = forms.MultipleChoiceField(
        label="Do you need any support?",
        choices=[("large_print", "Large print"), ("other", "Something else"), ("none", "No")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_need = forms.CharField(
        label="What would help", required=False, max_length=200, widget=forms.Textarea
    )


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_items_take_govuk_ids_so_the_error_summary_links_to_the_field():
    form = Question({"needs": ["large_print"]})
    assert not form.is_valid()
    html = render("{% load govuk %}{% error_summary form %}{% field form.contact %}", form=form)
    assert '<a href="#id_contact">This field is required.</a>' in html
    assert 'id="id_contact" name="contact" type="radio" value="email"' in html
    assert 'id="id_contact-2" name="contact" type="radio" value="phone"' in html
    assert 'aria-describedby="id_contact-3-item-hint"' in html


def test_fields_under_a_radio_are_always_shown_and_under_a_checkbox_revealed():
    html = render("{% load govuk %}{% field form.contact %}{% field form.needs %}", form=Question())
    assert 'id="conditional-id_contact-2"' in html
    assert 'data-aria-controls="conditional-id_contact-2"' not in html
    assert "govuk-radios__conditional--hidden" not in html
    assert 'data-aria-controls="conditional-id_needs-2"' in html
    assert 'class="govuk-checkboxes__conditional govuk-checkboxes__conditional--hidden"' in html
    assert 'data-behaviour="exclusive"' in html
    assert "govuk-checkboxes__divider" in html


def test_a_textarea_with_a_limit_counts_characters_and_leaves_the_limit_to_the_form():
    html = render("{% load govuk %}{% field form.other_need %}", form=Question())
    assert 'data-module="govuk-character-count" data-maxlength="200"' in html
    assert 'aria-describedby="id_other_need-info"' in html
    assert " maxlength=" not in html
