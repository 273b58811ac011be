"""complaints 0021: every record kept before the safety words' priority was stored gets
the priority its description gives (``rules.hazards.hazard_flag``), in batches, with the
words' version; on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.complaints import reflag
from putright.rules.hazards import NOT_FLAGGED, WORDS_VERSION
from tests.migrations import migrated_to, migrated_to_latest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("complaints", "0020_description_trigram_index")]
AFTER = [("complaints", "0021_hazard_priority")]
DESCRIPTIONS = {
    "C-1": ("I can smell gas in the kitchen.", 0),
    "C-2": ("Black mould in the bedroom.", 1),
    "C-3": ("My son has asthma and nobody calls back.", 2),
    "C-4": ("The bins were not collected.", NOT_FLAGGED),
    "C-5": ("There is no damp now and the leak has been fixed.", NOT_FLAGGED),
    "C-6": ("", NOT_FLAGGED),
}


def test_the_records_kept_before_get_their_priority(monkeypatch):
    monkeypatch.setattr(reflag, "BATCH", 2)  # several batches
    try:
        apps = migrated_to(BEFORE, "landlords")
        landlord = apps.get_model("landlords", "Landlord").objects.create(name="Old data")
        Complaint = apps.get_model("complaints", "Complaint")
        for reference, (description, _) in DESCRIPTIONS.items():
            Complaint.objects.create(
                landlord=landlord, reference=reference, received_on=dt.date(2024, 5, 1),
                description=description,
            )  # fmt: skip

        apps = migrated_to(AFTER, "landlords")
        Complaint = apps.get_model("complaints", "Complaint")
        kept = {
            reference: (priority, words)
            for reference, priority, words in Complaint.objects.values_list(
                "reference", "hazard_priority", "hazard_words"
            )
        }
        assert kept == {
            reference: (priority, WORDS_VERSION)
            for reference, (_, priority) in DESCRIPTIONS.items()
        }
    finally:
        migrated_to_latest()
