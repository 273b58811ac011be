"""GET /handlers (issue 12, item 6): the people a stage can be allocated to, as the staff
pages' allocation lists offer them, with when each is away; never an API key's own user."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.landlords.models import Role, StaffMembership
from putright.landlords.selectors import away_words
from tests import factories
from tests.api.helpers import client, get, key

pytestmark = pytest.mark.django_db


def test_the_people_to_allocate_to_with_who_is_away_and_never_an_integration(today):
    landlord = factories.landlord()
    kestrel = factories.contractor(landlord, "Kestrel")
    sam = factories.user("sam.jones", landlord=landlord, first_name="Sam", last_name="Jones")
    factories.user(
        "kim", landlord=landlord, role=Role.CONTRACTOR_HANDLER, contractor=kestrel, first_name="Kim"
    )
    factories.user("olu", landlord=landlord, role=Role.OFFICER, first_name="Olu")
    factories.user("vic", landlord=landlord, role=Role.VIEWER, first_name="Vic")
    until = today + dt.timedelta(days=7)
    StaffMembership.objects.filter(user=sam).update(away_from=today, away_until=until)
    reader = client(key(landlord, write=False, name="Dashboard"))
    key(landlord, name="Housing CRM")  # another integration: never a person to allocate to

    everyone = get(reader, "/handlers").json()
    stage2 = get(reader, "/handlers", stage=2).json()

    assert [h["username"] for h in everyone] == ["kim", "olu", "sam.jones"]
    sam_listed = everyone[2]
    assert sam_listed == {
        "username": "sam.jones",
        "name": "Sam Jones",
        "role": "handler",
        "contractor_id": None,
        "may_take_stage2": False,
        "away_from": today.isoformat(),
        "away_until": until.isoformat(),
        "away": away_words(StaffMembership.objects.get(user=sam), today),
    }
    assert sam_listed["away"].startswith("away until ")
    assert everyone[0]["contractor_id"] == kestrel.pk
    assert [h["username"] for h in stage2] == ["olu"]


def test_allocating_to_an_integration_is_refused():
    landlord = factories.landlord()
    writer = client(key(landlord))
    other_integration = StaffMembership.objects.get(user__username="api:Housing CRM").user
    key(landlord, name="Other")

    c = factories.stage1_acknowledged(landlord)
    response = writer.post(
        f"/api/v1/complaints/{c.reference}/allocate",
        {"handler": other_integration.username},
        content_type="application/json",
    )

    assert response.status_code == 422
