"""Code 5.10: support asked for online is recorded as a request on the resident's record,
with a timeline entry telling staff; the landlord's own complaints staff agree it with the
resident as a reasonable adjustment with a review date, and the timeline says so."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from putright.complaints import services as complaint_services
from putright.complaints.models import EventKind
from putright.complaints.services import (
    complaint_adjustment_agree,
    complaint_adjustments_request,
)
from putright.landlords.models import Role
from putright.residents import services
from putright.residents.models import AdjustmentRequest, ReasonableAdjustment
from putright.rules.lifecycle import RuleError
from tests import factories
from tests.portal.support import received_today

pytestmark = pytest.mark.django_db


@pytest.fixture
def landlord():
    return factories.landlord("Riverside Homes")


def _asked(landlord, **kwargs):
    complaint = received_today(landlord)
    complaint_adjustments_request(
        complaint=complaint,
        kinds=kwargs.pop("kinds", ["interpreter"]),
        interpreter_language="Tigrinya",
        requested_by="resident",
        by=None,
        **kwargs,
    )
    return complaint, AdjustmentRequest.objects.get(complaint=complaint)


def test_requests_are_kept_in_the_order_of_the_kinds_and_staff_are_told(landlord, today):
    complaint = received_today(landlord)

    requests = complaint_adjustments_request(
        complaint=complaint,
        kinds=["other", "none", "large_print"],
        other=" Email me, do not call. ",
        requested_by="representative",
        by=None,
    )

    assert [(r.kind, r.details, r.requested_by, r.requested_on) for r in requests] == [
        ("large_print", "", "representative", today),
        ("other", "Email me, do not call.", "representative", today),
    ]
    assert all(r.resident == complaint.resident and r.is_waiting for r in requests)
    assert requests[0].event.kind == EventKind.NOTE
    assert requests[0].event.summary == (
        "Their representative asked online for support or changes (Code 5.10): Large print; "
        "Other: Email me, do not call. Agree them with the resident and record them as "
        "reasonable adjustments, with a review date."
    )


def test_asking_for_nothing_records_nothing(landlord):
    complaint = received_today(landlord)
    notes = complaint.events.count()

    with pytest.raises(RuleError) as refused:
        complaint_adjustments_request(
            complaint=complaint, kinds=["none"], requested_by="resident", by=None
        )

    assert refused.value.problems == {"support": "Select the support you need."}
    assert not AdjustmentRequest.objects.exists()
    assert complaint.events.count() == notes


def test_staff_agree_a_request_with_a_review_date_and_the_timeline_says_so(landlord, today):
    complaint, request = _asked(landlord)
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    review = today + dt.timedelta(days=180)

    adjustment = complaint_adjustment_agree(request=request, review_due_on=review, by=officer)

    assert (adjustment.resident, adjustment.kind, adjustment.details) == (
        complaint.resident,
        "interpreter",
        "Tigrinya",
    )
    assert (adjustment.agreed_on, adjustment.review_due_on, adjustment.recorded_by) == (
        today,
        review,
        officer,
    )
    request.refresh_from_db()
    assert request.agreed_as == adjustment and not request.is_waiting
    note = complaint.events.order_by("-id").first()
    assert (note.summary, note.actor) == (
        f"Reasonable adjustment agreed: Interpreter (Tigrinya). Review by {review.day} "
        f"{review:%B %Y}.",
        officer,
    )
    with pytest.raises(RuleError) as refused:
        complaint_adjustment_agree(request=request, review_due_on=review, by=officer)
    assert refused.value.problems == {"": "This request has already been agreed."}


def test_staff_may_reword_what_was_agreed(landlord, today):
    _, request = _asked(landlord)

    adjustment = services.adjustment_request_agree(
        request=request,
        review_due_on=today + dt.timedelta(days=90),
        details="Tigrinya, at every meeting",
        by=None,
    )

    assert adjustment.details == "Tigrinya, at every meeting"
    request.refresh_from_db()
    assert request.details == "Tigrinya"  # the request is kept as it was made


def test_a_review_date_is_needed_after_the_day_it_is_agreed(landlord, today):
    complaint, request = _asked(landlord)
    notes = complaint.events.count()

    for review, message in (
        (None, "Enter the date it will be reviewed by."),
        (today - dt.timedelta(days=1), "The review date must be after the date it was recorded."),
    ):
        with pytest.raises(RuleError) as refused:
            complaint_adjustment_agree(request=request, review_due_on=review, by=None)
        assert refused.value.problems == {"review_due_on": message}

    assert not ReasonableAdjustment.objects.exists()
    assert complaint.events.count() == notes


def test_it_cannot_be_agreed_before_it_was_asked_for(landlord, today):
    _, request = _asked(landlord)

    with pytest.raises(RuleError) as refused:
        complaint_adjustment_agree(
            request=request,
            on=today - dt.timedelta(days=1),
            review_due_on=today + dt.timedelta(days=90),
            by=None,
        )

    assert refused.value.problems == {
        "agreed_on": f"The date agreed cannot be before the resident asked ({today.day} "
        f"{today:%B %Y})."
    }


def test_a_request_on_a_complaint_with_no_resident_cannot_be_agreed_yet(landlord, today):
    complaint = complaint_services.complaint_log(
        landlord=landlord, received_on=today, channel="web", description="No lift.", by=None
    )
    [request] = complaint_adjustments_request(
        complaint=complaint, kinds=["easy_read"], requested_by="resident", by=None
    )

    with pytest.raises(RuleError) as refused:
        complaint_adjustment_agree(
            request=request, review_due_on=today + dt.timedelta(days=90), by=None
        )

    assert refused.value.problems == {"resident": "Link the complaint to a resident first."}


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTRACTOR_HANDLER])
def test_viewers_and_contractors_handlers_cannot_agree_an_adjustment(landlord, today, role):
    complaint, request = _asked(landlord)
    contractor = factories.contractor(landlord) if role == Role.CONTRACTOR_HANDLER else None
    if contractor is not None:
        complaint.contractor = contractor
        complaint.save(update_fields=["contractor"])
    someone = factories.user(landlord=landlord, role=role, contractor=contractor)
    notes = complaint.events.count()

    with pytest.raises(PermissionDenied, match="Only the landlord's complaints staff"):
        complaint_adjustment_agree(
            request=request, review_due_on=today + dt.timedelta(days=90), by=someone
        )

    assert not ReasonableAdjustment.objects.exists()
    assert complaint.events.count() == notes


def test_another_landlords_officer_cannot_agree_an_adjustment(landlord, today):
    _, request = _asked(landlord)
    stranger = factories.user(landlord=factories.landlord(), role=Role.OFFICER)

    with pytest.raises(PermissionDenied, match="You do not work for this landlord"):
        complaint_adjustment_agree(
            request=request, review_due_on=today + dt.timedelta(days=90), by=stranger
        )
    assert not ReasonableAdjustment.objects.exists()
