"""Schemathesis, in-process against the WSGI app: seeded, a bounded number of examples per
operation. Every answer must be no server error, a status the schema lists, and a body the
schema describes.

Path parameters are usually drawn from records that exist (complaints at every stage, a
service request, a resident, a file), so generated bodies reach the services and their
rules rather than stopping at 404.
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
    ReasonableAdjustment.objects.create(
        resident=resident,
        kind="large_print",
        agreed_on=dt.date(2024, 1, 1),
        review_due_on=dt.date(2025, 1, 1),
    )
    Representative.objects.create(resident=resident, name="Bo", kind="advocate")
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
    ]:
        if name in (case.path_parameters or {}):
            drawn = zlib.crc32(repr(case.path_parameters[name]).encode())
            if drawn % 5:  # four times in five
                case.path_parameters[name] = pool[drawn % len(pool)]


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
