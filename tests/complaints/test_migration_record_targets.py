"""complaints 0017 (issue 17, item 3): the service requests and member enquiries recorded
before they had targets get one, 10 working days after receipt in the landlord's calendar,
and a resolved one's resolution becomes its response; complaints are left alone."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.migrations import migrated_to, migrated_to_latest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("complaints", "0016_service_requests_as_work")]
AFTER = [("complaints", "0017_record_targets_filled")]
RECEIVED = dt.date(2024, 5, 1)  # a Wednesday; Monday 6 May is a bank holiday


def test_old_records_get_their_target_and_a_resolved_ones_response():
    try:
        apps = migrated_to(BEFORE, "landlords")
        landlord = apps.get_model("landlords", "Landlord").objects.create(name="Old data")
        apps.get_model("landlords", "ClosureDay").objects.create(
            landlord=landlord, date=dt.date(2024, 5, 10)
        )
        Complaint = apps.get_model("complaints", "Complaint")

        def record(reference, kind, state):
            return Complaint.objects.create(
                landlord=landlord, reference=reference, kind=kind, state=state,
                received_on=RECEIVED,
            )  # fmt: skip

        open_request = record("S-1", "service_request", "open")
        answered = record("M-1", "member_enquiry", "resolved")
        complaint = record("C-1", "complaint", "received")
        apps.get_model("complaints", "Event").objects.create(
            landlord=landlord, complaint=answered, kind="resolved",
            occurred_on=dt.date(2024, 5, 8), summary="Resolved: The MP was told.",
        )  # fmt: skip

        apps = migrated_to(AFTER, "landlords")
        Complaint = apps.get_model("complaints", "Complaint")
        # 2, 3, 7, 8, 9, (10 closed), 13, 14, 15, 16, 17 May.
        assert Complaint.objects.get(pk=open_request.pk).target_on == dt.date(2024, 5, 17)
        answered = Complaint.objects.get(pk=answered.pk)
        assert (answered.target_on, answered.responded_on, answered.response) == (
            dt.date(2024, 5, 17),
            dt.date(2024, 5, 8),
            "The MP was told.",
        )
        assert Complaint.objects.get(pk=complaint.pk).target_on is None
    finally:
        migrated_to_latest()
