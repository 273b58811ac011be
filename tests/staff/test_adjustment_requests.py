"""Code 5.10: the case page says when the resident asked online for support that is not
agreed yet, and links the landlord's complaints staff to a page where they agree it with a
review date; viewers and a contractor's handlers see the request but cannot agree it."""

from __future__ import annotations

import datetime as dt
import html as htmllib

import pytest

from putright.complaints.services import complaint_adjustments_request
from putright.landlords.models import Role
from putright.residents.models import AdjustmentRequest, ReasonableAdjustment
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


@pytest.fixture
def landlord():
    return factories.landlord()


@pytest.fixture
def asked(landlord):
    complaint = people.logged(landlord, resident=people.resident(landlord), channel="web")
    [request] = complaint_adjustments_request(
        complaint=complaint,
        kinds=["interpreter"],
        interpreter_language="Tigrinya",
        requested_by="resident",
        by=None,
    )
    return request


def _page(request: AdjustmentRequest) -> str:
    return f"/staff/cases/{request.complaint.reference}/adjustment-requests/{request.pk}/"


def test_the_case_page_links_to_agreeing_a_waiting_request(landlord, asked):
    officer = people.signed_in(people.staff(landlord, Role.OFFICER))

    page = text(officer.get(f"/staff/cases/{asked.complaint.reference}/"))

    assert "Support asked for online, waiting to be agreed" in page
    assert "Interpreter: Tigrinya, asked for on" in page
    assert f'href="{_page(asked)}"' in page


def test_an_officer_agrees_it_with_a_review_date_and_the_case_says_so(landlord, asked, today):
    officer = people.staff(landlord, Role.OFFICER)
    client = people.signed_in(officer)
    review = today + dt.timedelta(days=180)

    form = text(client.get(_page(asked)))
    response = client.post(
        _page(asked),
        {
            "details": "Tigrinya, at every visit",
            **people.date_fields("agreed_on", today),
            **people.date_fields("review_due_on", review),
        },
        follow=True,
    )

    assert "Agree support asked for online" in form and "Tigrinya</textarea>" in form
    adjustment = ReasonableAdjustment.objects.get()
    assert (adjustment.resident, adjustment.details, adjustment.review_due_on) == (
        asked.resident,
        "Tigrinya, at every visit",
        review,
    )
    assert adjustment.recorded_by == officer
    page = text(response)
    assert response.redirect_chain[-1][0] == f"/staff/cases/{asked.complaint.reference}/"
    assert f"The adjustment is agreed: Interpreter. Review by {review.day} {review:%B %Y}." in page
    assert "Reasonable adjustment agreed: Interpreter (Tigrinya, at every visit)." in page
    assert "Support asked for online, waiting to be agreed" not in page
    assert "This was agreed on" in text(client.get(_page(asked)))


def test_a_mistake_is_shown_and_what_was_typed_is_kept(landlord, asked, today):
    client = people.signed_in(people.staff(landlord, Role.HANDLER))

    page = text(
        client.post(
            _page(asked),
            {
                "details": "Tigrinya, at every visit",
                **people.date_fields("agreed_on", today),
                **people.date_fields("review_due_on", today - dt.timedelta(days=1)),
            },
        )
    )

    assert "There is a problem" in page
    assert "The review date must be after the date it was recorded." in page
    assert "Tigrinya, at every visit</textarea>" in page
    assert not ReasonableAdjustment.objects.exists()
    page = text(client.post(_page(asked), {"details": "Tigrinya"}))
    assert "Enter the review date" in page


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTRACTOR_HANDLER])
def test_viewers_and_contractors_handlers_cannot_agree_it(landlord, asked, today, role):
    contractor = factories.contractor(landlord) if role == Role.CONTRACTOR_HANDLER else None
    if contractor is not None:
        complaint = asked.complaint
        complaint.contractor = contractor
        complaint.save(update_fields=["contractor"])
    client = people.signed_in(people.staff(landlord, role, contractor=contractor))

    case_page = text(client.get(f"/staff/cases/{asked.complaint.reference}/"))
    refused_get = client.get(_page(asked))
    refused_post = client.post(
        _page(asked), people.date_fields("review_due_on", today + dt.timedelta(days=90))
    )

    assert "Interpreter: Tigrinya" in case_page and _page(asked) not in case_page
    assert refused_get.status_code == refused_post.status_code == 403
    assert not ReasonableAdjustment.objects.exists()


def test_another_landlords_officer_does_not_find_the_request(landlord, asked):
    other = factories.landlord()
    people.logged(other, resident=people.resident(other))  # the same reference, over there
    client = people.signed_in(people.staff(other, Role.OFFICER))

    assert client.get(_page(asked)).status_code == 404
    assert client.post(_page(asked), {}).status_code == 404
    assert not ReasonableAdjustment.objects.exists()
