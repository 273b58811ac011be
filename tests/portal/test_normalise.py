"""What people type is tidied the same way every time: references and emails (postcodes:
tests/rules/test_postcodes.py, one normaliser for staff and the website)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from putright.landlords.models import Landlord
from putright.portal.services import normalise_email, normalise_reference

LANDLORD = Landlord(name="Riverside Homes", reference_prefix="CU")
GENERATED = Landlord(name="Generated landlord 0001", reference_prefix="G0001")


@given(st.integers(min_value=1, max_value=999_999), st.sampled_from(["", " ", "-", " - "]))
def test_a_reference_typed_any_usual_way_is_the_landlords_reference(number, gap):
    expected = LANDLORD.format_reference(number)
    for typed in (f"cu{gap}{number}", f"CU{gap}{number:06d}", f" Cu{gap}{number:06d} "):
        assert normalise_reference(typed, LANDLORD) == expected


@given(st.integers(min_value=1, max_value=999_999), st.sampled_from(["", " ", "-", " - "]))
def test_a_prefix_with_digits_is_the_landlords_reference_too(number, gap):
    """``putright landlord`` allows digits after a prefix's first letter, and ``putright
    generate``'s landlords have them (G0001): their residents' references are found too."""
    expected = GENERATED.format_reference(number)
    for typed in (f"g0001{gap}{number}", f"G0001{gap}{number:06d}", f" g0001{gap}{number:06d} "):
        assert normalise_reference(typed, GENERATED) == expected


@given(st.text(max_size=20), st.sampled_from([LANDLORD, GENERATED]))
def test_tidying_a_reference_twice_changes_nothing(typed, landlord):
    once = normalise_reference(typed, landlord)
    assert normalise_reference(once, landlord) == once


def test_an_email_address_is_compared_in_lower_case_without_spaces():
    assert normalise_email("  Sam.Okafor@Example.COM ") == "sam.okafor@example.com"
