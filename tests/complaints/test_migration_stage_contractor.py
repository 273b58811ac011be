"""complaints 0011 (issue 13, item 1): each stage takes the contractor its complaint had,
so every figure counted by handler stays the same; back again, nothing is lost."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.migrations import migrated_to, migrated_to_latest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("complaints", "0011_retention_anonymised_on")]
AFTER = [("complaints", "0012_stage_contractor")]
DAY = dt.date(2024, 5, 1)


def test_every_stage_takes_its_complaints_contractor():
    try:
        apps = migrated_to(BEFORE, "landlords")
        landlord = apps.get_model("landlords", "Landlord").objects.create(name="Old data")
        mears = apps.get_model("landlords", "Contractor").objects.create(
            landlord=landlord, name="Mears"
        )
        Complaint = apps.get_model("complaints", "Complaint")
        Stage = apps.get_model("complaints", "Stage")
        with_contractor = Complaint.objects.create(
            landlord=landlord, reference="C-1", received_on=DAY, contractor=mears
        )
        own = Complaint.objects.create(landlord=landlord, reference="C-2", received_on=DAY)
        for complaint, numbers in ((with_contractor, (1, 2)), (own, (1,))):
            for number in numbers:
                Stage.objects.create(
                    complaint=complaint,
                    landlord=landlord,
                    number=number,
                    requested_on=DAY,
                    acknowledgement_due=DAY,
                    response_due=DAY,
                    response_due_extended=DAY,
                )

        apps = migrated_to(AFTER, "landlords")
        Stage = apps.get_model("complaints", "Stage")
        assert sorted(
            Stage.objects.values_list("complaint__reference", "number", "contractor__name")
        ) == [("C-1", 1, "Mears"), ("C-1", 2, "Mears"), ("C-2", 1, None)]

        apps = migrated_to(BEFORE, "landlords")
        Complaint = apps.get_model("complaints", "Complaint")
        assert Complaint.objects.get(reference="C-1").contractor_id == mears.pk
    finally:
        migrated_to_latest()
