"""Critical case reviews (issue 17 item 6; Milton Keynes' Housing Complaints Board):
complaints selected for review by a panel, its meeting and findings, and its actions into
the improvements register; each on the complaints' timelines; the pages; the annual
report's counts."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from putright.landlords.models import Role
from putright.learning import services
from putright.learning.models import CaseReview, LearningRecord
from putright.reports.periods import Period
from putright.reports.providers import case_reviews_section
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def held_review(landlord, officer, complaints):
    review = services.case_review_open(
        landlord=landlord,
        complaints=complaints,
        reason="Three complaints about the same block's leaks.",
        selected_on=dt.date(2026, 11, 2),
        by=officer,
    )
    return services.case_review_record_meeting(
        review=review,
        meeting_on=dt.date(2026, 11, 20),
        findings="Leaks were patched, never traced to the roof.",
        by=officer,
    )


def test_selecting_complaints_for_review_notes_it_on_each_timeline():
    landlord = factories.landlord()
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    first, second = factories.complaint(landlord), factories.complaint(landlord)
    review = services.case_review_open(
        landlord=landlord, complaints=[first, second], reason="Repeat leaks.", by=officer
    )
    assert set(review.complaints.all()) == {first, second}
    assert review.selected_on == dt.date(2026, 12, 7)
    assert review.selected_by == officer
    for complaint in (first, second):
        entry = complaint.events.order_by("-id").first()
        assert entry.kind == "learning"
        assert entry.summary == (
            f"Selected for critical case review {review.pk} by the complaints panel: Repeat leaks."
        )


def test_a_review_needs_a_complaint_of_the_landlord_and_a_reason():
    landlord = factories.landlord()
    other = factories.complaint(factories.landlord())
    with pytest.raises(RuleError) as error:
        services.case_review_open(landlord=landlord, complaints=[], reason=" ", by=None)
    assert error.value.problems == {
        "complaints": "Enter the reference of at least one complaint to review.",
        "reason": "Say why these complaints are being reviewed.",
    }
    with pytest.raises(RuleError) as error:
        services.case_review_open(landlord=landlord, complaints=[other], reason="x", by=None)
    assert error.value.problems == {
        "complaints": "A complaint to review belongs to another landlord."
    }


def test_the_meeting_cannot_be_before_selection_or_in_the_future_and_needs_findings():
    landlord = factories.landlord()
    review = services.case_review_open(
        landlord=landlord,
        complaints=[factories.complaint(landlord)],
        reason="x",
        selected_on=dt.date(2026, 11, 2),
        by=None,
    )
    with pytest.raises(RuleError) as error:
        services.case_review_record_meeting(
            review=review, meeting_on=dt.date(2026, 11, 1), findings="", by=None
        )
    assert error.value.problems == {
        "meeting_on": "The panel cannot have met before the complaints were selected, on "
        "2 November 2026.",
        "findings": "Enter what the panel found.",
    }
    with pytest.raises(RuleError) as error:
        services.case_review_record_meeting(
            review=review, meeting_on=dt.date(2026, 12, 8), findings="x", by=None
        )
    assert error.value.problems == {"meeting_on": "The date the panel met cannot be in the future."}


def test_an_action_goes_into_the_register_linked_to_the_review_after_the_meeting():
    landlord = factories.landlord()
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    complaint = factories.complaint(landlord)
    review = services.case_review_open(
        landlord=landlord, complaints=[complaint], reason="Leaks.", by=officer
    )
    with pytest.raises(RuleError) as error:
        services.case_review_action_add(
            review=review, learning="l", action="a", owner="o", by=officer
        )
    assert error.value.problems == {
        "": "Record the panel's meeting and findings before its actions."
    }
    review = held_review(landlord, officer, [complaint])
    record = services.case_review_action_add(
        review=review,
        learning="Patching hides the cause.",
        action="Survey the roof of every block with two leaks in a year.",
        owner="Head of Repairs",
        due_on=dt.date(2027, 3, 31),
        by=officer,
    )
    assert record.case_review == review
    assert record.what_went_wrong == "Leaks were patched, never traced to the roof."
    assert record.improvement == "Survey the roof of every block with two leaks in a year."
    assert record.source == f"Critical case review {review.pk}"
    assert list(review.actions.all()) == [record]
    assert complaint.events.order_by("-id").first().summary == (
        f"Action from critical case review {review.pk}: Survey the roof of every block with "
        "two leaks in a year. (owner Head of Repairs)."
    )


def test_a_contractors_handler_cannot_open_a_review():
    landlord = factories.landlord()
    contractor = factories.contractor(landlord)
    handler = factories.user(landlord=landlord, role=Role.CONTRACTOR_HANDLER, contractor=contractor)
    with pytest.raises(PermissionDenied):
        services.case_review_open(
            landlord=landlord,
            complaints=[factories.complaint(landlord)],
            reason="x",
            by=handler,
        )


def test_the_annual_report_counts_the_reviews_held_and_their_actions():
    landlord = factories.landlord()
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    complaints = [factories.complaint(landlord), factories.complaint(landlord)]
    review = held_review(landlord, officer, complaints)
    for action in ("Survey the roofs.", "Train the repairs team."):
        services.case_review_action_add(
            review=review, learning="l", action=action, owner="Repairs", by=officer
        )
    services.case_review_open(landlord=landlord, complaints=complaints[:1], reason="x", by=None)
    year = Period(dt.date(2026, 4, 1), dt.date(2027, 3, 31), "2026/27")
    content = case_reviews_section(landlord, year)
    assert content is not None
    assert content.data == {"critical_case_reviews_held": 1, "critical_case_review_actions": 2}
    assert content.paragraphs == [
        "Our complaints panel held 1 critical case review in 2026/27, looking closely at 2 "
        "complaints, and set 2 actions, each tracked in our improvements register."
    ]
    last_year = Period(dt.date(2025, 4, 1), dt.date(2026, 3, 31), "2025/26")
    assert case_reviews_section(landlord, last_year) is None


def test_the_review_pages_select_record_and_list(settings):
    landlord = factories.landlord()
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    complaint = factories.complaint(landlord)
    client = signed_in(officer)
    response = client.post(
        "/staff/learning/reviews/new/",
        {"complaints": f"{complaint.reference.lower()}, CU-999999", "reason": "Leaks."},
    )
    assert response.status_code == 200
    assert "There is no complaint CU-999999: check the reference" in _text(response)
    response = client.post(
        "/staff/learning/reviews/new/", {"complaints": complaint.reference, "reason": "Leaks."}
    )
    review = CaseReview.objects.get()
    assert response["Location"] == f"/staff/learning/reviews/{review.pk}/"
    response = client.post(
        f"/staff/learning/reviews/{review.pk}/meeting/",
        {"meeting_on_day": "7", "meeting_on_month": "12", "meeting_on_year": "2026",
         "findings": "Late."},
    )  # fmt: skip
    assert response["Location"] == f"/staff/learning/reviews/{review.pk}/"
    response = client.post(
        f"/staff/learning/reviews/{review.pk}/actions/new/",
        {"action": "Survey the roofs.", "learning": "Look for the cause.", "owner": "Repairs"},
    )
    assert response["Location"] == f"/staff/learning/reviews/{review.pk}/"
    page = _text(client.get(f"/staff/learning/reviews/{review.pk}/"))
    assert "7 December 2026" in page
    assert "Survey the roofs." in page
    listing = _text(client.get("/staff/learning/reviews/"))
    assert f'href="/staff/learning/reviews/{review.pk}/">Review {review.pk}</a>' in listing
    assert LearningRecord.objects.get().case_review == review


def test_a_viewer_reads_the_reviews_but_cannot_start_one():
    landlord = factories.landlord()
    viewer = signed_in(factories.user(landlord=landlord, role=Role.VIEWER))
    page = _text(viewer.get("/staff/learning/reviews/"))
    assert "Select complaints for review" not in page
    assert viewer.get("/staff/learning/reviews/new/").status_code == 403
