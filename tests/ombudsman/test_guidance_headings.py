"""The remedies guidance's two tables say, in the same terms, when each is in force (issue
12, item 10): never "before 1 April 2026" beside "in force", which read as if both held."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template.loader import render_to_string

from putright.ombudsman.selectors import remedy_guidance
from tests import factories

pytestmark = pytest.mark.django_db


def _captions(on: dt.date) -> list[str]:
    guidance = remedy_guidance(factories.landlord(), on)
    html = render_to_string("ombudsman/remedy_guidance.html", {"guidance": guidance})
    return [
        " ".join(caption.split())
        for caption in re.findall(r"<caption[^>]*>(.*?)</caption>", html, flags=re.S)
    ]


def test_from_1_april_2026_the_fixed_sums_are_in_force_and_the_bands_were_until_then():
    assert _captions(dt.date(2026, 4, 1))[:2] == [
        "Bands by the impact on the resident: the remedies guidance in force until 31 March 2026",
        "Fixed sums: the compensation guidance in force since 1 April 2026",
    ]


def test_before_1_april_2026_the_bands_are_in_force_and_the_fixed_sums_not_yet():
    assert _captions(dt.date(2026, 3, 31))[:2] == [
        "Bands by the impact on the resident: the remedies guidance in force now",
        "Fixed sums: the compensation guidance not in force until 1 April 2026",
    ]
