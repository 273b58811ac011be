"""Small builders for the Ombudsman tests, on top of tests/factories.py."""

from __future__ import annotations

import datetime as dt
import mimetypes

from putright.complaints import services as complaint_services
from putright.complaints.models import Complaint
from putright.landlords.models import Landlord, Role
from putright.ombudsman import services
from putright.ombudsman.models import Contact, ContactKind, OmbudsmanCase
from tests import factories

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def officer(landlord: Landlord, **fields):
    return factories.user(landlord=landlord, role=Role.OFFICER, **fields)


def closed_complaint(landlord: Landlord, **fields) -> Complaint:
    """A complaint answered at stage 1, as one that reaches the Ombudsman might be."""
    return factories.stage1_responded(landlord, **fields)


def case(
    landlord: Landlord,
    *,
    complaint: Complaint | None = None,
    reference: str = "202412345",
    opened_on: dt.date = dt.date(2024, 6, 3),
) -> OmbudsmanCase:
    return services.ombudsman_case_open(
        landlord=landlord,
        reference=reference,
        opened_on=opened_on,
        complaint=complaint,
        resident_name="" if complaint else "Ms A Resident",
        by=None,
    )


def evidence_request(
    the_case: OmbudsmanCase,
    *,
    received_on: dt.date = dt.date(2024, 6, 3),
    deadline: dt.date = dt.date(2024, 6, 24),
) -> Contact:
    return services.contact_record(
        case=the_case,
        kind=ContactKind.EVIDENCE_REQUEST,
        received_on=received_on,
        deadline=deadline,
        details="Send the complaint file.",
        by=None,
    )


def attach(complaint: Complaint, name: str = "photo.png", content: bytes = PNG, on=None):
    return complaint_services.complaint_attach(
        complaint=complaint,
        filename=name,
        content=content,
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        by=None,
        on=on or complaint.received_on,
    )
