"""A contractor's handler changes no resident's record (issue 12, item 9): contact details,
home, needs, representatives, consent, restrictions and their reviews are the landlord's
own staff's to keep. It still records the person when it logs a complaint that came to
it, and notes what it learns on the complaint."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from putright.complaints import services as complaint_services
from putright.landlords.models import Role
from putright.residents import services
from putright.residents.models import ReasonableAdjustment, Representative, Resident
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db

REFUSAL = "cannot change a resident's record"


@pytest.fixture
def kestrel_case():
    landlord = factories.landlord()
    kestrel = factories.contractor(landlord, "Kestrel Property Services")
    handler = factories.user(landlord=landlord, role=Role.CONTRACTOR_HANDLER, contractor=kestrel)
    resident = people.resident(landlord)
    complaint = people.logged(landlord, resident=resident, contractor=kestrel)
    return landlord, handler, resident, complaint


def _changes(resident: Resident, today: dt.date):
    """Every command that changes a resident's record, ready to run as ``by``."""
    later = today + dt.timedelta(days=90)
    vulnerability = resident.vulnerabilities.create(description="Lives alone", review_due_on=later)
    representative = Representative.objects.create(
        resident=resident, name="Sam Okafor", kind="family"
    )
    return {
        "resident_update": lambda by: services.resident_update(
            resident=resident, name="Amina Okafor", tenure="tenant", email="new@example.org", by=by
        ),
        "disability_record": lambda by: services.disability_record(
            resident=resident, description="Hearing loss", review_due_on=later, by=by
        ),
        "vulnerability_record": lambda by: services.vulnerability_record(
            resident=resident, description="Recently bereaved", review_due_on=later, by=by
        ),
        "adjustment_agree": lambda by: services.adjustment_agree(
            resident=resident,
            kind=ReasonableAdjustment.Kind.LARGE_PRINT,
            agreed_on=today,
            review_due_on=later,
            by=by,
        ),
        "restriction_record": lambda by: services.restriction_record(
            resident=resident,
            restriction="Contact by email only",
            reason="Abusive calls",
            evidence="Call notes",
            proportionality="Email still reaches us",
            starts_on=today,
            review_due_on=later,
            by=by,
        ),
        "reviewed_record_review": lambda by: services.reviewed_record_review(
            record=vulnerability, reviewed_on=today, next_review_due_on=later, by=by
        ),
        "representative_add": lambda by: services.representative_add(
            resident=resident, name="Cllr Jo Hart", kind="councillor", by=by
        ),
        "representative_record_consent": lambda by: services.representative_record_consent(
            representative=representative, given_on=today, evidence="Phone call", by=by
        ),
        "representative_withdraw_consent": lambda by: services.representative_withdraw_consent(
            representative=representative, on=today, by=by
        ),
    }


def test_a_contractors_handler_cannot_change_any_part_of_a_residents_record(kestrel_case, today):
    _, handler, resident, _ = kestrel_case
    changes = _changes(resident, today)
    before = (
        Resident.objects.filter(pk=resident.pk).values().get(),
        resident.disabilities.count(),
        resident.vulnerabilities.values("review_due_on", "last_reviewed_on").get(),
        resident.adjustments.count(),
        resident.restrictions.count(),
        list(resident.representatives.values()),
    )

    for change in changes.values():
        with pytest.raises(PermissionDenied, match=REFUSAL):
            change(handler)

    after = (
        Resident.objects.filter(pk=resident.pk).values().get(),
        resident.disabilities.count(),
        resident.vulnerabilities.values("review_due_on", "last_reviewed_on").get(),
        resident.adjustments.count(),
        resident.restrictions.count(),
        list(resident.representatives.values()),
    )
    assert after == before


def test_the_landlords_own_handler_changes_the_record(kestrel_case, today):
    landlord, _, resident, _ = kestrel_case
    own = factories.user(landlord=landlord, role=Role.HANDLER)

    for change in _changes(resident, today).values():
        change(own)

    resident.refresh_from_db()
    assert resident.email == "new@example.org"
    assert resident.adjustments.count() == 1
    assert resident.restrictions.count() == 1


def test_a_contractors_handler_still_records_the_person_when_logging_and_notes_a_contact(
    kestrel_case,
):
    landlord, handler, _, complaint = kestrel_case

    newcomer = services.resident_create(landlord=landlord, name="Dev Patel", by=handler)
    note = complaint_services.complaint_add_note(
        complaint=complaint, text="Phoned the resident: the boiler works now.", by=handler
    )

    assert newcomer.recorded_by == handler
    assert note.actor == handler
