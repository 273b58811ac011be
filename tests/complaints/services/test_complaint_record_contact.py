"""Contacts with the resident (issue 12, item 7; Code 5.12): a call, email, text, visit or
letter, with when it happened, which way, who it was with and what was said, kept with its
timeline entry; and the repairs service told of a hazard (Awaab's Law, domain.md §12)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from putright.complaints import services
from putright.complaints.models import Complaint, Contact, Event
from putright.landlords.models import Role
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


def test_a_phone_call_from_the_resident_is_kept_with_its_timeline_entry(today):
    c = factories.complaint(factories.landlord(), received_on=today)
    officer = factories.user(landlord=c.landlord, role=Role.OFFICER)

    contact = services.complaint_record_contact(
        complaint=c,
        method="phone",
        direction="from_resident",
        with_whom="Amina Okafor",
        summary="Asked when the engineer is coming.\nSaid mornings are best.",
        at=_at(today, 9, 15),
        by=officer,
    )

    assert contact.method == "phone"
    assert contact.direction == "from_resident"
    assert contact.occurred_at == _at(today, 9, 15)
    event = contact.event
    assert event.kind == "contact"
    assert event.occurred_on == today
    assert event.actor == officer
    assert event.summary == (
        "Phone call from Amina Okafor at 9:15am: Asked when the engineer is coming.\n"
        "Said mornings are best."
    )
    assert event.detail["direction"] == "from_resident"
    assert Complaint.objects.get(pk=c.pk).version == c.version + 1


def test_a_visit_to_the_resident_at_midday_reads_as_it_happened(today):
    yesterday = today - dt.timedelta(days=1)
    c = factories.complaint(factories.landlord(), received_on=yesterday)

    contact = services.complaint_record_contact(
        complaint=c,
        method="visit",
        direction="to_resident",
        with_whom="Amina Okafor and her son",
        summary="Saw the mould in the bedroom.",
        at=_at(yesterday, 12),
        by=None,
    )

    assert contact.event.summary == (
        "Visit to Amina Okafor and her son at midday: Saw the mould in the bedroom."
    )
    assert contact.event.occurred_on == yesterday


def test_a_contact_needs_how_which_way_who_and_what_and_writes_nothing_without_them(today):
    c = factories.complaint(factories.landlord(), received_on=today)

    with pytest.raises(RuleError) as refused:
        services.complaint_record_contact(
            complaint=c,
            method="fax",
            direction="sideways",
            with_whom="  ",
            summary=" ",
            by=None,
        )

    assert set(refused.value.problems) == {"method", "direction", "with_whom", "summary"}
    assert not Contact.objects.exists()
    assert not Event.objects.filter(kind="contact").exists()


def test_a_contact_cannot_be_in_the_future_or_before_the_complaint_was_received(today):
    c = factories.complaint(factories.landlord(), received_on=today)
    soon = timezone.now() + dt.timedelta(minutes=5)
    before = _at(today - dt.timedelta(days=1), 16)
    fields = {
        "complaint": c,
        "method": "email",
        "direction": "to_resident",
        "with_whom": "Amina Okafor",
        "summary": "Sent the engineer's visit date.",
        "by": None,
    }

    with pytest.raises(RuleError) as future:
        services.complaint_record_contact(**fields, at=soon)
    with pytest.raises(RuleError) as early:
        services.complaint_record_contact(**fields, at=before)

    assert future.value.problems == {"at": "The time cannot be in the future."}
    assert "before the date it was received" in early.value.problems["at"]
    assert not Contact.objects.exists()


def test_a_contact_can_be_recorded_on_a_closed_case(today):
    c = factories.stage1_responded(factories.landlord())

    contact = services.complaint_record_contact(
        complaint=c,
        method="letter",
        direction="from_resident",
        with_whom="Amina Okafor",
        summary="Wrote to say thank you.",
        by=None,
    )

    assert contact.event.stage == 1
    assert contact.event.occurred_on == today


def test_a_viewer_cannot_record_a_contact(today):
    c = factories.complaint(factories.landlord(), received_on=today)
    viewer = factories.user(landlord=c.landlord, role=Role.VIEWER)

    with pytest.raises(PermissionDenied, match="can read complaints but not change them"):
        services.complaint_record_contact(
            complaint=c,
            method="phone",
            direction="from_resident",
            with_whom="Amina Okafor",
            summary="Called.",
            by=viewer,
        )
    assert not Contact.objects.exists()


def test_repairs_told_of_a_hazard_says_when_how_and_who(today):
    c = factories.complaint(
        factories.landlord(), received_on=today, description="Black mould in the bedroom."
    )
    handler = factories.user(landlord=c.landlord)

    event = services.complaint_record_repairs_told(
        complaint=c,
        how="job",
        told="Repairs contact centre",
        job_reference="R-48213",
        at=_at(today, 9, 5),
        by=handler,
    )

    assert event.kind == "repairs_told"
    assert event.actor == handler
    assert event.occurred_on == today
    assert event.summary == (
        "Repairs told of the possible hazard at 9:05am, by raising a repair job: "
        "Repairs contact centre. Repair job R-48213."
    )
    assert event.detail["how"] == "job"


def test_repairs_told_needs_how_and_who(today):
    c = factories.complaint(factories.landlord(), received_on=today)

    with pytest.raises(RuleError) as refused:
        services.complaint_record_repairs_told(complaint=c, how="pigeon", told="", by=None)

    assert set(refused.value.problems) == {"how", "told"}
    assert not Event.objects.filter(kind="repairs_told").exists()
