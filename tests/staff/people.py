"""Staff, residents and cases for the workspace tests, built through the services.

Each helper makes only what it is asked for (style.md: factories, not a world per test).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from putright.complaints import services
from putright.complaints.models import Complaint
from putright.landlords.models import Contractor, Landlord, Role, ServiceArea, Theme, today
from putright.residents.models import Property, Resident
from tests import factories

PASSWORD = "a-long-test-password"


def staff(
    landlord: Landlord,
    role: str = Role.OFFICER,
    *,
    first: str = "",
    last: str = "",
    team: str = "",
    **kw: Any,
):
    user = factories.user(
        landlord=landlord,
        role=role,
        first_name=first or role.split("_")[0].capitalize(),
        last_name=last or "Tester",
        email=kw.pop("email", f"{role}{factories._n.__next__()}@example.org"),
        **kw,
    )
    if team:
        user.memberships.filter(landlord=landlord).update(team=team)
    return user


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def resident(
    landlord: Landlord, name: str = "Amina Okafor", postcode: str = "EX2 3BB", **kw: Any
) -> Resident:
    home = Property.objects.create(
        landlord=landlord,
        address=kw.pop("address", "Flat 4, Willow Court\n12 Mill Lane\nExampleton"),
        postcode=postcode,
    )
    return Resident.objects.create(
        landlord=landlord,
        name=name,
        email=kw.pop("email", "amina@example.org"),
        home=home,
        tenure="tenant",
        **kw,
    )


def logged(landlord: Landlord, *, received_on: dt.date | None = None, **fields: Any) -> Complaint:
    return services.complaint_log(
        landlord=landlord,
        received_on=received_on or today(),
        channel=fields.pop("channel", "phone"),
        description=fields.pop(
            "description", "The boiler repair was not done and nobody called back."
        ),
        by=None,
        **fields,
    )


def stage1_open(
    landlord: Landlord,
    *,
    handler=None,
    received_on: dt.date | None = None,
    acknowledge: bool = False,
    **fields: Any,
) -> Complaint:
    """Accepted and defined at stage 1; allocated when ``handler`` is given; acknowledged
    when asked."""
    c = logged(landlord, received_on=received_on, **fields)
    on = c.received_on
    services.complaint_triage(complaint=c, decision="complaint", by=None, on=on)
    services.complaint_define(
        complaint=c,
        points=["The boiler repair was not done", "Nobody called back"],
        outcomes_sought="Fix the boiler",
        by=None,
        on=on,
    )
    if handler is not None:
        services.complaint_allocate(complaint=c, handler=handler, by=None, on=on)
    if acknowledge:
        services.complaint_acknowledge(complaint=c, by=None, on=on)
    return Complaint.objects.get(pk=c.pk)


def area(landlord: Landlord, name: str = "Repairs") -> ServiceArea:
    return ServiceArea.objects.get_or_create(landlord=landlord, name=name)[0]


def theme(landlord: Landlord, name: str = "Damp and mould") -> Theme:
    return Theme.objects.get_or_create(landlord=landlord, name=name)[0]


def contractor(landlord: Landlord, name: str) -> Contractor:
    return Contractor.objects.create(landlord=landlord, name=name)


def date_fields(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }
