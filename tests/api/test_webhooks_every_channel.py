"""Webhooks whatever the channel: a change made on the staff pages, on the resident portal
or over the API is told once to each subscribed endpoint, because the services emit the
events. The register import writes history in bulk without the services and tells nobody
(docs/api.md)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from putright.api import webhooks
from putright.api.models import WebhookDelivery, WebhookEndpoint, WebhookEvent, WebhookEventName
from putright.complaints.models import Complaint
from putright.landlords.models import Role
from tests import factories
from tests.api.helpers import client, key, new_complaint, post
from tests.portal.helpers import PATHS, RESIDENT, answer_all
from tests.registers.support import import_dicts
from tests.staff import people

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch) -> list[dict[str, Any]]:
    """What the endpoints were sent (every send answered 200), in order."""
    bodies: list[dict[str, Any]] = []

    def deliver(url: str, body: bytes, headers: dict[str, str], timeout: float) -> Any:
        bodies.append({"url": url, **json.loads(body)})
        return webhooks.Answer(200)

    monkeypatch.setattr(webhooks, "send", deliver)
    return bodies


def subscribe(landlord, url: str = "https://crm.example.org/hooks") -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(
        landlord=landlord,
        url=url,
        events=list(WebhookEventName.values),
        secret=webhooks.new_secret(),
    )


def test_acknowledging_on_the_staff_pages_is_told_once(
    today, sent, settings, django_capture_on_commit_callbacks
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    c = people.stage1_open(landlord, handler=handler)
    subscribe(landlord)
    officer = people.signed_in(people.staff(landlord, Role.OFFICER))
    on = today
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(
            f"/staff/cases/{c.reference}/acknowledge/",
            {"version": c.version, **people.date_fields("on", on)},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    [delivery] = sent
    assert delivery["type"] == "complaint.acknowledged"
    assert delivery["data"]["reference"] == c.reference
    assert delivery["data"]["version"] == Complaint.objects.get(pk=c.pk).version


def test_a_complaint_made_on_the_resident_portal_is_told(
    sent, client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    landlord = factories.landlord("Riverside Homes", email="complaints@riverside.example")
    subscribe(landlord)
    answer_all(client, RESIDENT)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(PATHS["check"])["Location"] == PATHS["sent"]
    [delivery] = sent
    assert delivery["type"] == "complaint.logged"
    assert delivery["data"]["reference"] == Complaint.objects.get().reference


def test_a_change_over_the_api_is_told_once_to_each_endpoint(
    sent, django_capture_on_commit_callbacks
):
    landlord = factories.landlord()
    subscribe(landlord, "https://crm.example.org/hooks")
    subscribe(landlord, "https://dashboard.example.org/hooks")
    c = client(key(landlord))
    with django_capture_on_commit_callbacks(execute=True):
        created = post(c, "/complaints", new_complaint(), **{"Idempotency-Key": "call-1"})
    with django_capture_on_commit_callbacks(execute=True):
        replayed = post(c, "/complaints", new_complaint(), **{"Idempotency-Key": "call-1"})
    assert replayed["Idempotent-Replayed"] == "true"
    assert WebhookEvent.objects.count() == 1
    assert WebhookDelivery.objects.count() == 2
    assert sorted(d["url"] for d in sent) == [
        "https://crm.example.org/hooks",
        "https://dashboard.example.org/hooks",
    ]
    assert {d["data"]["reference"] for d in sent} == {created.json()["reference"]}
    assert len({d["id"] for d in sent}) == 1


def test_the_register_import_tells_nobody(sent, django_capture_on_commit_callbacks):
    landlord = factories.landlord()
    subscribe(landlord)
    with django_capture_on_commit_callbacks(execute=True):
        import_dicts(
            landlord,
            {
                "reference": "R-1",
                "received_date": "2024-05-01",
                "s1_acknowledged_date": "2024-05-03",
                "s1_responded_date": "2024-05-10",
                "s1_outcome": "upheld",
            },
        )
    assert Complaint.objects.filter(landlord=landlord).count() == 1
    assert not WebhookEvent.objects.exists()
    assert sent == []
