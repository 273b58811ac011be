"""The answer to a logged record is built from the record in hand, not read back (issue
16, item 3): it is the very body a GET of the record gives, and once the write has taken
the landlord's reference counter (held until the commit) it reads nothing more."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from putright.residents.models import Property, Representative, Resident
from tests import factories
from tests.api.helpers import client, get, key, new_complaint, post


def _linked_body(landlord) -> dict[str, Any]:
    """A complaint naming everything a record can link to."""
    home = Property.objects.create(landlord=landlord, address="1 High St", stock_type="lcho")
    resident = Resident.objects.create(
        landlord=landlord, name="Ann Smith", home=home, tenure="shared_owner"
    )
    rep = Representative.objects.create(resident=resident, name="Cllr Jones", kind="councillor")
    return new_complaint(
        resident_id=resident.pk,
        representative_id=rep.pk,
        service_area_id=landlord.service_areas.create(name="Repairs").pk,
        theme_id=landlord.themes.create(name="Damp and mould").pk,
        contractor_id=factories.contractor(landlord).pk,
        vulnerable=True,
        outcome_wanted="Fix the boiler.",
        channel="councillor_mp",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/complaints", None),
        ("/complaints", {"jurisdiction": "lgsco", "kind": "complaint"}),
        ("/service-requests", {}),
        ("/member-enquiries", {"member_name": "Cllr Ann Patel", "member_role": "councillor"}),
    ],
)
def test_the_201_body_is_byte_for_byte_what_a_get_of_the_record_gives(path, body):
    landlord = factories.landlord(
        service_request_target_days=10, member_enquiry_target_days=5, lgsco_name="LGSCO"
    )
    c = client(key(landlord))
    sent = _linked_body(landlord) if body is None else new_complaint(**body)
    created = post(c, path, sent)
    assert created.status_code == 201, created.content
    read = get(c, f"/complaints/{created.json()['reference']}")
    assert read.status_code == 200
    assert created.content == read.content
    assert created["ETag"] == read["ETag"]


@pytest.mark.django_db
def test_a_record_raised_from_a_service_request_answers_as_a_get_does():
    landlord = factories.landlord()
    request = factories.complaint(landlord, kind="service_request")
    c = client(key(landlord))
    created = post(c, "/complaints", new_complaint(raised_from=request.reference))
    assert created.status_code == 201, created.content
    assert created.json()["raised_from"] == request.reference
    assert created.content == get(c, f"/complaints/{created.json()['reference']}").content


@pytest.mark.django_db(transaction=True)
def test_after_the_reference_is_taken_the_write_only_writes():
    """Each request in its own transaction, as in production (a test's own transaction
    would keep what the first request read for the second). From the counter's UPDATE to
    the commit come the record, its timeline entry and the kept answer: no read."""
    landlord = factories.landlord()
    c = client(key(landlord))
    assert post(c, "/complaints", new_complaint()).status_code == 201
    with CaptureQueriesContext(connection) as queries:
        created = post(c, "/complaints", new_complaint(), **{"Idempotency-Key": "k-2"})
    assert created.status_code == 201, created.content
    statements = [q["sql"] for q in queries.captured_queries]
    taken = next(
        i
        for i, sql in enumerate(statements)
        if sql.startswith("UPDATE") and "next_reference_number" in sql
    )
    after = [sql.split()[0] for sql in statements[taken + 1 :]]
    assert after == ["INSERT", "INSERT", "RELEASE", "RELEASE", "INSERT", "COMMIT"], statements[
        taken + 1 :
    ]
