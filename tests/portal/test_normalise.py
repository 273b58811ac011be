"""What people type is tidied the same way every time: references and emails (postcodes:
tests/rules/test_postcodes.py, one normaliser for staff and the website)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from putright.landlords.models import Landlord
from putright.portal.services import normalise_email, normalise_reference

LANDLORD = Landlord(name="Riverside Homes", reference_prefix="CU")


@given(st.integers(min_value=1, max_value=999_999), st.sampled_from(["", " ", "-", " - "]))
def test_a_reference_typed_any_usual_way_is_the_landlords_reference(number, gap):
    expected = LANDLORD.format_reference(number)
    for typed in (f"cu{gap}{number}", f"CU{gap}{number:06d}", f" Cu{gap}{number:06d} "):
        assert normalise_reference(typed, LANDLORD) == expected


@given(st.text(max_size=20))
def test_tidying_a_reference_twice_changes_nothing(typed):
    once = normalise_reference(typed, LANDLORD)
    assert normalise_reference(once, LANDLORD) == once


def test_an_email_address_is_compared_in_lower_case_without_spaces():
    assert normalise_email("  Sam.Okafor@Example.COM ") == "sam.okafor@example.com"
