"""Who takes part in the load test (issue 16, item 3), made in the database beforehand.

Run by ``scripts/load_test.py`` after seeding, and by the test of the journeys. Django must
be set up; nothing here is used by the app.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from putright.api.keys import api_key_issue
from putright.complaints.models import Complaint
from putright.landlords.models import Landlord, Role, StaffMembership
from putright.residents.models import Resident
from putright.staff.two_factor.services import authenticator_install

PASSWORD = "load-test-password"


def staff_person(username: str) -> dict[str, str]:
    """A member of staff as ``journeys.Staff`` is given them: the username and the key of
    their authenticator app (the load test's own, made from the username)."""
    return {
        "username": username,
        "totp_key": hashlib.sha1(f"load-test {username}".encode()).hexdigest(),
    }


def make_people(
    *,
    landlord: Landlord,
    staff: int,
    residents: int,
    outbox: str,
    password: str = PASSWORD,
    give_emails: bool = False,
) -> dict[str, Any]:
    """``staff`` complaints officers, each with an authenticator app whose key the load test
    knows (officers give a code after the password: TWO_FACTOR_REQUIRED_ROLES); the
    residents of ``residents`` open complaints, each with an email address on record and a
    client address of its own; a write API key; and where the landlord's public pages are
    (at the root for the only landlord, else under /l/<slug>). What ``journeys.People``
    reads.

    ``give_emails``: where the data has no residents with an email address (``putright
    generate``'s residents are reached by letter), the residents of open complaints who
    have none are given one on their record, ``load-resident-NNNNN@load-test.example``
    (their contact preference, complaints and everything else left as generated), as a
    landlord records the address a resident gives; without it only residents who already
    have one are taken."""
    users = get_user_model()
    hashed = make_password(password)  # once: each hash is about 0.4 s of CPU here
    made_staff = []
    for n in range(staff):
        username = f"load-staff-{n:02d}"
        user = users.objects.create(
            username=username,
            email=f"{username}@load-test.example",
            password=hashed,
            first_name="Load",
            last_name=f"{n}",
        )
        StaffMembership.objects.create(user=user, landlord=landlord, role=Role.OFFICER)
        person = staff_person(username)
        authenticator_install(user=user, key=person["totp_key"])
        made_staff.append(person)
    made_residents: list[dict[str, str]] = []
    seen: set[int] = set()
    open_complaints = (
        Complaint.objects.filter(
            landlord=landlord, kind="complaint", state__in=["stage1", "stage2"]
        )
        .exclude(resident=None)
        .select_related("resident")
        .order_by("id")
    )
    if not give_emails:
        open_complaints = open_complaints.exclude(resident__email="")
    for complaint in open_complaints.iterator():
        resident = complaint.resident
        assert resident is not None
        if resident.pk in seen:
            continue
        seen.add(resident.pk)
        if not resident.email:
            resident.email = f"load-resident-{resident.pk:05d}@load-test.example"
            Resident.objects.filter(pk=resident.pk).update(email=resident.email)
        n = len(made_residents)
        made_residents.append(
            {
                "reference": complaint.reference,
                "email": resident.email,
                "name": resident.name,
                # TEST-NET-2 (RFC 5737): addresses that are nobody's.
                "address": f"198.51.100.{n + 1}",
            }
        )
        if len(made_residents) == residents:
            break
    issued = api_key_issue(landlord=landlord, name="Load test integration", can_write=True)
    others = Landlord.objects.exclude(pk=landlord.pk).exists()
    return {
        "site": f"/l/{landlord.slug}" if others else "",
        "staff": made_staff,
        "residents": made_residents,
        "api_key": issued.secret,
        "outbox": outbox,
        "password": password,
    }
