"""Compliments under the retention policy (docs/security.md, "Retention"): once the
landlord's period has passed since a compliment was received, the giver's name, email,
words and link to the resident go; what the annual report counts stays."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from putright.complaints.services.retention import retention_apply
from putright.compliments.models import Compliment
from putright.landlords.models import ServiceArea
from putright.residents.models import Resident
from putright.rules.retention import REMOVED
from tests import factories

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 12, 7)


def _compliment(landlord, received_on, **fields):
    return Compliment.objects.create(
        landlord=landlord,
        received_on=received_on,
        channel="email",
        words="Dee fixed our boiler the same day. Thank you, from Flat 4!",
        giver_name="Ann Giver",
        giver_email="ann@example.org",
        staff_named="Dee Okafor",
        **fields,
    )


def test_compliments_past_the_period_lose_their_personal_data_and_keep_what_is_counted():
    landlord = factories.landlord(retention_years=2)
    repairs = ServiceArea.objects.create(landlord=landlord, name="Repairs")
    resident = Resident.objects.create(landlord=landlord, name="Ann Giver")
    old = _compliment(landlord, dt.date(2024, 12, 6), service_area=repairs, resident=resident)
    last_day = _compliment(landlord, dt.date(2024, 12, 7))
    other = factories.landlord(name="Other Homes", retention_years=2)
    elsewhere = _compliment(other, dt.date(2020, 1, 1))

    retention_apply(landlord=landlord, by=None, on=ON)

    old.refresh_from_db()
    assert (old.words, old.giver_name, old.giver_email, old.resident) == (REMOVED, "", "", None)
    assert (old.received_on, old.channel, old.service_area, old.staff_named) == (
        dt.date(2024, 12, 6), "email", repairs, "Dee Okafor"
    )  # fmt: skip
    # Received two years ago today: still within the period.
    last_day.refresh_from_db()
    assert last_day.giver_email == "ann@example.org"
    # Another landlord's run is its own.
    elsewhere.refresh_from_db()
    assert elsewhere.giver_name == "Ann Giver"


def test_a_dry_run_changes_no_compliment():
    landlord = factories.landlord(name="Dry Homes", retention_years=1)
    old = _compliment(landlord, dt.date(2020, 5, 1))
    call_command("retention", landlord=["Dry Homes"])
    old.refresh_from_db()
    assert old.words.startswith("Dee fixed")
