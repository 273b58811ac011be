"""GET /case-reviews (issue 17, item 6): the landlord's critical case reviews, read with any
of its keys: why the complaints were selected, their references, when the panel met, what
it found and its actions on the learning register."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.landlords.models import Role
from putright.learning import services
from tests import factories
from tests.api.helpers import client, get, key

pytestmark = pytest.mark.django_db


def _held_review_with_an_action(landlord, officer, complaints):
    review = services.case_review_open(
        landlord=landlord,
        complaints=complaints,
        reason="Three complaints about the same block's leaks.",
        selected_on=dt.date(2026, 11, 2),
        by=officer,
    )
    review = services.case_review_record_meeting(
        review=review,
        meeting_on=dt.date(2026, 11, 20),
        findings="Leaks were patched, never traced to the roof.",
        by=officer,
    )
    action = services.case_review_action_add(
        review=review,
        learning="Patching hides the cause.",
        action="Survey the roof of every block with two leaks in a year.",
        owner="Head of Repairs",
        due_on=dt.date(2027, 3, 31),
        by=officer,
    )
    return review, action


def test_a_read_key_lists_the_reviews_latest_selected_first():
    landlord = factories.landlord()
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    first, second = factories.complaint(landlord), factories.complaint(landlord)
    held, action = _held_review_with_an_action(landlord, officer, [second, first])
    waiting = services.case_review_open(
        landlord=landlord,
        complaints=[first],
        reason="Repeated contact about one repair.",
        selected_on=dt.date(2026, 12, 1),
        by=officer,
    )
    other = factories.landlord()
    services.case_review_open(
        landlord=other, complaints=[factories.complaint(other)], reason="Theirs.", by=None
    )

    response = get(client(key(landlord, write=False)), "/case-reviews")

    assert response.status_code == 200, response.json()
    assert response.json() == {
        "items": [
            {
                "id": waiting.pk,
                "reason": "Repeated contact about one repair.",
                "selected_on": "2026-12-01",
                "complaints": [first.reference],
                "meeting_on": None,
                "findings": "",
                "action_ids": [],
            },
            {
                "id": held.pk,
                "reason": "Three complaints about the same block's leaks.",
                "selected_on": "2026-11-02",
                "complaints": sorted([first.reference, second.reference]),
                "meeting_on": "2026-11-20",
                "findings": "Leaks were patched, never traced to the roof.",
                "action_ids": [action.pk],
            },
        ]
    }


def test_no_key_is_401():
    assert get(client(None), "/case-reviews").status_code == 401


def test_the_list_does_not_ask_once_per_review(django_assert_max_num_queries):
    landlord = factories.landlord()
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    for _ in range(3):
        _held_review_with_an_action(landlord, officer, [factories.complaint(landlord)])
    c = client(key(landlord, write=False))
    # The key, its use, the reviews, their complaints and their actions.
    with django_assert_max_num_queries(8):
        assert len(get(c, "/case-reviews").json()["items"]) == 3
