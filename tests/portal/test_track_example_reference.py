"""The track page's example reference is the landlord's own (issue 12, item 10): a resident
of a landlord whose references are RH-000123 is not told to look for CU-000123."""

from __future__ import annotations

import html

import pytest

from putright.portal.track.forms import FindForm
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def landlord():
    return factories.landlord("Riverside Homes", reference_prefix="RH")


def test_the_hint_gives_an_example_with_the_landlords_prefix(landlord, client):
    page = html.unescape(client.get("/track/").content.decode())

    assert "For example, RH-000123. It is in the emails and letters we sent you." in page
    assert "CU-000123" not in page


def test_a_reference_not_like_one_is_explained_with_the_landlords_prefix(landlord, client):
    response = client.post("/track/", {"reference": "my complaint", "email": "a@example.org"})
    page = html.unescape(response.content.decode())

    assert "Enter your complaint reference, like RH-000123" in page
    assert "CU-000123" not in page


@pytest.mark.parametrize("typed", ["G0001-000135", "g0001 135", "G0001000135"])
def test_a_reference_whose_prefix_holds_digits_is_taken(typed):
    """``putright landlord`` allows a prefix of letters and digits (``putright generate``
    makes G0001 and on): the page takes such a reference as typed."""
    landlord = factories.landlord("Generated landlord 0001", reference_prefix="G0001")
    form = FindForm(data={"reference": typed, "email": "a@example.org"}, landlord=landlord)

    assert form.is_valid(), form.errors
