"""The compliments' part of a subject access (docs/security.md, "Subject access"): every
compliment the resident gave while on record, with what they said, the service and the
staff they named. A compliment given without a name, or under a name alone, cannot be
told apart as theirs and is not listed. Registered when the app starts."""

from __future__ import annotations

from collections.abc import Sequence

from putright.complaints.models import Complaint
from putright.complaints.subject_access.document import Entry, Fact, Listing
from putright.complaints.subject_access.parts import Part, register
from putright.compliments.models import Compliment
from putright.residents.models import Resident


def compliments_part(resident: Resident, complaints: Sequence[Complaint]) -> Part:
    given = (
        Compliment.objects.filter(resident=resident)
        .select_related("service_area")
        .order_by("received_on", "id")
    )
    entries = [
        Entry(f"Compliment of {compliment.received_on:%-d %B %Y}", [
            Fact("received_on", "Received", compliment.received_on),
            Fact("channel", "How it came", compliment.get_channel_display()),
            Fact("service_area", "Service", compliment.service_area.name
                 if compliment.service_area else "Not said"),
            Fact("staff_named", "Staff named", compliment.staff_named),
            Fact("words", "What was said", compliment.words),
        ])
        for compliment in given
    ]  # fmt: skip
    return Part(
        listings=[
            Listing("compliments", "Your compliments", entries, "No compliment was recorded.")
        ]
    )


def register_part() -> None:
    register("compliments", compliments_part)
