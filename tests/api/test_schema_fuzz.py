"""Schemathesis, in-process against the WSGI app: seeded, a bounded number of examples per
operation. Every answer must be no server error, a status the schema lists, and a body the
schema describes.

Path parameters are usually drawn from records that exist (complaints at every stage, a
service request, a resident with an adjustment and a representative, a file, Ombudsman
cases with a contact, a determination and an order), and a report's year is usually one
the records fall in, so generated requests reach the services, the rules and the report
builders rather than stopping at 404 or 422.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterator
from decimal import Decimal

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from putright.api.keys import api_key_issue
from putright.complaints import services
from putright.ombudsman import services as ombudsman
from putright.residents.models import ReasonableAdjustment, Representative, Resident
from tests import factories

SEED = 20240401
EXAMPLES_PER_OPERATION = 15
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _world() -> tuple[str, dict[str, list]]:
    """One landlord with a record at each stage; its write key and what exists."""
    landlord = factories.landlord("Fuzz Homes")
    resident = Resident.objects.create(landlord=landlord, name="Ann Fuzz", tenure="tenant")
    adjustment = ReasonableAdjustment.objects.create(
        resident=resident,
        kind="large_print",
        agreed_on=dt.date(2024, 1, 1),
        review_due_on=dt.date(2025, 1, 1),
    )
    representative = Representative.objects.create(resident=resident, name="Bo", kind="advocate")
    received = factories.complaint(landlord, resident=resident)
    requested = factories.complaint(landlord)
    services.complaint_triage(
        complaint=requested, decision="complaint", by=None, on=requested.received_on
    )
    acknowledged = factories.stage1_acknowledged(landlord)
    responded = factories.stage1_responded(landlord)
    escalated = factories.stage1_responded(landlord)
    services.complaint_request_escalation(
        complaint=escalated, requested_on=dt.date(2024, 4, 20), by=None
    )
    service_request = factories.complaint(landlord, kind="service_request")
    attachment = services.complaint_attach(
        complaint=received, filename="a.txt", content=b"hello", content_type="text/plain", by=None
    )
    factories.user("handler1", landlord=landlord)
    secret = api_key_issue(landlord=landlord, name="Fuzzer", can_write=True).secret
    compensated = factories.stage1_responded(landlord, amount=Decimal("50"))
    remedy = compensated.stage(1).remedies.get()
    linked = ombudsman.ombudsman_case_open(
        landlord=landlord,
        reference="F1",
        opened_on=dt.date(2024, 6, 3),
        complaint=responded,
        by=None,
    )
    alone = ombudsman.ombudsman_case_open(
        landlord=landlord,
        reference="F2",
        opened_on=dt.date(2024, 6, 3),
        resident_name="Cy",
        by=None,
    )
    # Contacts of the case that stands alone: a reply asking for a bundle is refused at once
    # rather than building one for every example.
    contact = ombudsman.contact_record(
        case=alone,
        kind="enquiry",
        received_on=dt.date(2024, 6, 3),
        deadline=dt.date(2024, 6, 17),
        by=None,
    )
    determination = ombudsman.determination_record(
        case=linked,
        determined_on=dt.date(2024, 9, 2),
        findings=[ombudsman.FindingInput("The repair", "maladministration")],
        by=None,
    )
    order = ombudsman.order_add(
        determination=determination,
        kind="apology",
        description="Apologise.",
        due_on=dt.date(2024, 10, 1),
        owner="Head of Housing",
        by=None,
    )
    records = [
        received,
        requested,
        acknowledged,
        responded,
        escalated,
        service_request,
        compensated,
    ]
    return secret, {
        "references": [r.reference for r in records],
        "residents": [resident.pk],
        "attachments": [attachment.pk],
        "events": list(received.events.values_list("pk", flat=True)),
        "remedies": [remedy.pk],
        "cases": [linked.pk, alone.pk],
        "contacts": [contact.pk],
        "determinations": [determination.pk],
        "orders": [order.pk],
        "adjustments": [adjustment.pk],
        "representatives": [representative.pk],
    }


@pytest.fixture
def world(db, settings) -> Iterator[tuple[str, dict[str, list]]]:
    """The records, and Django's request signals kept from closing the test's database
    connection (as Django's own test client does): the raw WSGI app would otherwise close
    it at the end of each request, inside the test's transaction."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield _world()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _aim(case: schemathesis.Case, existing: dict[str, list]) -> None:
    """Point most path parameters at records that exist. The choice follows from the value
    Hypothesis drew, so a seeded run makes the same requests every time."""
    for name, pool in [
        ("reference", existing["references"]),
        ("resident_id", existing["residents"]),
        ("attachment_id", existing["attachments"]),
        ("event_id", existing["events"]),
        ("remedy_id", existing["remedies"]),
        ("case_id", existing["cases"]),
        ("contact_id", existing["contacts"]),
        ("determination_id", existing["determinations"]),
        ("order_id", existing["orders"]),
        ("adjustment_id", existing["adjustments"]),
        ("representative_id", existing["representatives"]),
    ]:
        if name in (case.path_parameters or {}):
            drawn = zlib.crc32(repr(case.path_parameters[name]).encode())
            if drawn % 5:  # four times in five
                case.path_parameters[name] = pool[drawn % len(pool)]
    if isinstance(case.query, dict) and "year" in case.query:
        drawn = zlib.crc32(repr(case.query["year"]).encode())
        if drawn % 5:  # the years the records fall in, four times in five
            case.query["year"] = 2023 + drawn % 2


schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json",
    get_wsgi_application(),
    config=schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "generation": {"max-examples": EXAMPLES_PER_OPERATION, "deterministic": True},
            "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        }
    ),
)


@schema.parametrize()
@settings(
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_the_api_answers_every_generated_request_within_its_schema(case, world):
    secret, existing = world
    _aim(case, existing)
    case.call_and_validate(headers={"Authorization": f"Bearer {secret}"}, checks=CHECKS)
