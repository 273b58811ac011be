"""complaints 0009 (issue 12, items 1 and 2), forwards and back: extensions decided in
Putright are dated as agreed that day; a stage a late extension had moved is put back;
a complaint waiting for triage gets its acknowledgement deadline from receipt."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.migrations import migrated_to, migrated_to_latest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("complaints", "0008_contacts_reclassified_repairs_told")]
AFTER = [("complaints", "0009_extension_agreed_on")]
# Received Wednesday 1 May 2024 (6 May a bank holiday): acknowledgement due 9 May;
# acknowledged 2 May, the response due 17 May.
RECEIVED = dt.date(2024, 5, 1)
RESPONSE_DUE = dt.date(2024, 5, 17)


def _stage(apps, complaint, landlord):
    return apps.get_model("complaints", "Stage").objects.create(
        complaint=complaint,
        landlord=landlord,
        number=1,
        status="acknowledged",
        requested_on=RECEIVED,
        acknowledged_on=dt.date(2024, 5, 2),
        acknowledgement_due=dt.date(2024, 5, 9),
        response_due=RESPONSE_DUE,
        extension_working_days=5,
        response_due_extended=dt.date(2024, 5, 24),
    )


def test_the_migration_dates_extensions_puts_back_late_ones_and_starts_the_clock():
    try:
        apps = migrated_to(BEFORE, "landlords")
        landlord = apps.get_model("landlords", "Landlord").objects.create(name="Old data")
        Complaint = apps.get_model("complaints", "Complaint")
        Extension = apps.get_model("complaints", "Extension")

        def complaint(reference, **fields):
            return Complaint.objects.create(
                landlord=landlord, reference=reference, received_on=RECEIVED, **fields
            )

        waiting = complaint("W-1", state="received")
        late = complaint("L-1", state="stage1", next_due_on=dt.date(2024, 5, 24))
        in_time = complaint("T-1", state="stage1", next_due_on=dt.date(2024, 5, 24))
        for c, decided in ((late, dt.date(2024, 5, 20)), (in_time, dt.date(2024, 5, 17))):
            Extension.objects.create(
                stage=_stage(apps, c, landlord),
                working_days=5,
                reason="Survey",
                decided_on=decided,
                previous_due=RESPONSE_DUE,
                new_due=dt.date(2024, 5, 24),
            )

        apps = migrated_to(AFTER, "landlords")
        Complaint = apps.get_model("complaints", "Complaint")
        Extension = apps.get_model("complaints", "Extension")
        Stage = apps.get_model("complaints", "Stage")
        assert Complaint.objects.get(pk=waiting.pk).next_due_on == dt.date(2024, 5, 9)
        assert sorted(Extension.objects.values_list("agreed_on", flat=True)) == [
            dt.date(2024, 5, 17),
            dt.date(2024, 5, 20),
        ]
        assert Stage.objects.get(complaint_id=late.pk).response_due_extended == RESPONSE_DUE
        assert Complaint.objects.get(pk=late.pk).next_due_on == RESPONSE_DUE
        assert Stage.objects.get(complaint_id=in_time.pk).response_due_extended == dt.date(
            2024, 5, 24
        )

        apps = migrated_to(BEFORE, "landlords")
        Complaint = apps.get_model("complaints", "Complaint")
        assert Complaint.objects.get(pk=waiting.pk).next_due_on is None
    finally:
        migrated_to_latest()
