"""Private link tokens and one-time codes: random, hashed for storage, compared safely."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from putright.portal import tokens


def test_tokens_are_long_url_safe_and_different_every_time():
    made = {tokens.new_token() for _ in range(200)}

    assert len(made) == 200
    assert all(len(t) == 43 and t.replace("-", "").replace("_", "").isalnum() for t in made)


def test_codes_are_six_digits_with_leading_zeros_kept():
    made = [tokens.new_code() for _ in range(2000)]

    assert all(len(c) == 6 and c.isdigit() for c in made)
    assert any(c.startswith("0") for c in made)


@given(st.text(alphabet="0123456789", min_size=6, max_size=6), st.uuids())
def test_a_code_matches_only_its_own_digest(code, salt):
    digest = tokens.code_digest(code, str(salt))

    assert tokens.code_matches(code, str(salt), digest)
    other = f"{(int(code) + 1) % 10**6:06d}"
    assert not tokens.code_matches(other, str(salt), digest)


def test_the_same_code_hashes_differently_for_each_code_row():
    assert tokens.code_digest("123456", "a") != tokens.code_digest("123456", "b")
