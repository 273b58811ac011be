"""One form for every postcode the record keeps: capitals, one space before the inward code."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from putright.rules.postcodes import is_postcode, normalise_postcode

POSTCODES = ["SW1A 1AA", "M1 1AA", "B33 8TH", "CR2 6XH", "DN55 1PT", "EC1A 1BB", "W1A 0AX"]


@given(
    st.sampled_from(POSTCODES),
    st.sampled_from(["lower", "upper", "nospace", "spaces", "mixed"]),
)
def test_a_postcode_typed_any_usual_way_is_kept_in_royal_mails_form(postcode, how):
    typed = {
        "lower": postcode.lower(),
        "upper": postcode,
        "nospace": postcode.replace(" ", ""),
        "spaces": f"  {postcode.replace(' ', '   ')} ",
        "mixed": postcode[:2].lower() + postcode[2:].replace(" ", "\t"),
    }[how]
    assert normalise_postcode(typed) == postcode
    assert is_postcode(typed)


@given(st.text(max_size=12))
def test_normalising_twice_changes_nothing(typed):
    once = normalise_postcode(typed)
    assert normalise_postcode(once) == once


def test_text_that_is_not_a_full_postcode_is_kept_tidied_not_reshaped():
    assert normalise_postcode(" not a  postcode ") == "NOT A POSTCODE"
    assert normalise_postcode("sw1a") == "SW1A"
    assert normalise_postcode("") == ""
    assert not is_postcode("SW1A")
    assert not is_postcode("NOT A POSTCODE")
