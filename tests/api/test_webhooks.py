"""Webhooks: signed deliveries to the URLs an administrator registered, sent only once the
change commits, retried with exponential back-off, every attempt recorded. A local HTTP
server on 127.0.0.1 stands in for the integration: no test leaves the machine."""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from putright.api import webhooks
from putright.api.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
    WebhookEventName,
)
from putright.complaints import services
from tests import factories
from tests.api.helpers import client, key, new_complaint, post

pytestmark = pytest.mark.django_db

ALL_EVENTS = list(WebhookEventName.values)


class Receiver:
    """What the local server was sent, and the statuses it will answer with in turn."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.statuses: list[int] = []
        self.url = ""

    def bodies(self) -> list[dict]:
        return [json.loads(body) for _, body in self.received]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """An HTTP server on 127.0.0.1 (a free port) in a thread, answering 200 unless told."""
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.received.append((dict(self.headers), body))
            status = state.statuses.pop(0) if state.statuses else 200
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"thanks" if status < 300 else b"try later")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    yield state
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def endpoint(landlord, url: str, events: list[str] | None = None) -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(
        landlord=landlord, url=url, events=events or ALL_EVENTS, secret=webhooks.new_secret()
    )


def test_logging_over_the_api_sends_a_signed_webhook_after_commit(
    receiver, django_capture_on_commit_callbacks
):
    landlord = factories.landlord()
    hook = endpoint(landlord, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        created = post(client(key(landlord)), "/complaints", new_complaint()).json()
    [(headers, body)] = receiver.received
    document = json.loads(body)
    assert document["type"] == "complaint.logged"
    assert document["data"]["reference"] == created["reference"]
    assert document["data"]["url"] == f"/api/v1/complaints/{created['reference']}"
    assert "description" not in document["data"]
    assert headers["Putright-Event"] == "complaint.logged"
    assert webhooks.verify_signature(hook.secret, headers["Putright-Signature"], body)
    assert not webhooks.verify_signature("whsec_other", headers["Putright-Signature"], body)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 1)
    assert delivery.tries.get().status_code == 200


def test_the_documented_verification_recipe_accepts_a_real_delivery(
    receiver, django_capture_on_commit_callbacks
):
    """docs/api.md gives receivers this code; it must accept what we send."""
    import hashlib
    import hmac
    import time

    def verify(secret: str, header: str, body: bytes, tolerance: int = 300) -> bool:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
        if abs(time.time() - timestamp) > tolerance:
            return False
        signed = f"{timestamp}.".encode() + body
        expected = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, parts["v1"])

    landlord = factories.landlord()
    hook = endpoint(landlord, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        post(client(key(landlord)), "/complaints", new_complaint())
    [(headers, body)] = receiver.received
    assert verify(hook.secret, headers["Putright-Signature"], body)
    assert not verify(hook.secret, headers["Putright-Signature"], body + b" ")


def test_an_old_signature_is_refused():
    body = b"{}"
    header = webhooks.sign("s", body, 1_000_000)
    assert webhooks.verify_signature("s", header, body, now=1_000_100)
    assert not webhooks.verify_signature("s", header, body, now=1_000_000 + 301)
    assert not webhooks.verify_signature("s", "nonsense", body)


def test_nothing_is_sent_for_a_change_that_was_rolled_back(
    receiver, django_capture_on_commit_callbacks
):
    landlord = factories.landlord()
    endpoint(landlord, receiver.url)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        factories.complaint(landlord)
        raise RuntimeError("the change failed")
    assert not WebhookEvent.objects.exists()
    assert receiver.received == []


def test_each_command_emits_its_events(receiver, django_capture_on_commit_callbacks):
    landlord = factories.landlord(phone="01632 960 001")
    endpoint(landlord, receiver.url)
    handler = factories.user("kim", landlord=landlord)
    c = client(key(landlord))
    with django_capture_on_commit_callbacks(execute=True):
        ref = post(c, "/complaints", new_complaint(received_on="2024-04-02")).json()["reference"]
    steps = [
        ("triage", {"decision": "complaint"}),
        ("define", {"points": ["Boiler"], "outcomes_sought": "Fix"}),
        ("allocate", {"handler": "kim"}),
        ("acknowledge", {"on": "2024-04-03"}),
        (
            "respond",
            {
                "outcome": "upheld",
                "reasons": "Late.",
                "point_outcomes": ["upheld"],
                "on": "2024-04-10",
            },
        ),
        # The response is sent, and "responded" told, when its letter is issued.
        (
            "letters",
            {
                "kind": "stage1_response",
                "delivery": "post",
                "send_to": "1 High Street",
                "on": "2024-04-10",
            },
        ),
        ("escalate", {"requested_on": "2024-06-03"}),
        ("refuse-escalation", {"reason": "duplicate", "explanation": "Already answered."}),
    ]
    for action, body in steps:
        with django_capture_on_commit_callbacks(execute=True):
            assert post(c, f"/complaints/{ref}/{action}", body).status_code == 200, action
    assert [b["type"] for b in receiver.bodies()] == [
        "complaint.logged",
        "complaint.acknowledged",
        "complaint.responded",
        "complaint.escalated",
        "complaint.closed",
    ]
    assert handler.username == "kim"


def test_only_subscribed_active_endpoints_of_the_landlord_are_sent(
    receiver, django_capture_on_commit_callbacks
):
    landlord, other = factories.landlord(), factories.landlord()
    endpoint(landlord, receiver.url, ["complaint.closed"])
    endpoint(other, receiver.url)
    WebhookEndpoint.objects.create(
        landlord=landlord, url=receiver.url, events=ALL_EVENTS, secret="s", active=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        post(client(key(landlord)), "/complaints", new_complaint())
    assert receiver.received == []
    assert not WebhookEvent.objects.exists()


def test_a_failed_delivery_is_retried_with_exponential_back_off(
    receiver, settings, django_capture_on_commit_callbacks
):
    settings.PUTRIGHT_WEBHOOK_MAX_ATTEMPTS = 3
    receiver.statuses = [500, 503]
    landlord = factories.landlord()
    endpoint(landlord, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        post(client(key(landlord)), "/complaints", new_complaint())
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 1)
    first_wait = delivery.next_attempt_at - delivery.tries.get().attempted_at
    assert first_wait == dt.timedelta(minutes=1)

    # Not due yet: nothing is sent.
    assert webhooks.deliver_due() == 0
    assert len(receiver.received) == 1

    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    assert webhooks.deliver_due() == 1
    delivery.refresh_from_db()
    tries = list(delivery.tries.all())
    assert delivery.next_attempt_at - tries[-1].attempted_at == dt.timedelta(minutes=2)

    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    call_command("deliver_webhooks", stdout=io.StringIO())
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 3)
    assert [t.status_code for t in delivery.tries.all()] == [500, 503, 200]
    # Every attempt carried the same event, so a receiver can tell retries apart.
    assert len({b["id"] for b in receiver.bodies()}) == 1


def test_a_delivery_gives_up_after_the_last_attempt(settings, monkeypatch):
    settings.PUTRIGHT_WEBHOOK_MAX_ATTEMPTS = 2
    sent: list[str] = []

    def refuse(url, body, headers, timeout):
        sent.append(url)
        return webhooks.Answer(None, error="ConnectionRefusedError: refused")

    monkeypatch.setattr(webhooks, "send", refuse)
    landlord = factories.landlord()
    endpoint(landlord, "http://127.0.0.1:9/nowhere")
    factories.complaint(landlord)  # logging it emits complaint.logged
    delivery = WebhookDelivery.objects.get()
    webhooks.attempt_delivery(delivery.pk)
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    webhooks.attempt_delivery(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, len(sent)) == (DeliveryStatus.FAILED, 2, 2)
    assert "refused" in WebhookAttempt.objects.last().error
    assert webhooks.attempt_delivery(delivery.pk) is None


def test_with_the_database_queue_the_retry_is_queued_for_later(settings, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(webhooks, "send", lambda *a: webhooks.Answer(502, "bad gateway"))
    landlord = factories.landlord()
    endpoint(landlord, "http://127.0.0.1:9/")
    factories.complaint(landlord)  # logging it emits complaint.logged
    delivery = WebhookDelivery.objects.get()
    with transaction.atomic():
        webhooks.attempt_delivery(delivery.pk)
    # The test's own transaction never commits, so run what was waiting for it by hand.
    delivery.refresh_from_db()
    webhooks._enqueue_retry(delivery.pk, delivery.next_attempt_at)
    queued = DBTaskResult.objects.get()
    assert queued.run_after == delivery.next_attempt_at
    assert queued.args_kwargs["args"] == [delivery.pk]


def test_a_redirect_is_a_failure(receiver, monkeypatch):
    answer = webhooks.send("ftp://example.invalid/", b"{}", {}, 1)
    assert answer.status_code is None and "http" in answer.error
    receiver.statuses = [302]
    assert (
        webhooks.send(receiver.url, b"{}", {"Content-Type": "application/json"}, 5).status_code
        == 302
    )


def test_due_soon_and_overdue_are_emitted_once_per_complaint_per_day(
    receiver, django_capture_on_commit_callbacks
):
    landlord = factories.landlord()
    endpoint(landlord, receiver.url, ["complaint.due_soon", "complaint.overdue"])
    # Received Friday 29 March 2024: acknowledgement due Monday 8 April.
    waiting = factories.complaint(landlord, received_on=dt.date(2024, 3, 29))
    services.complaint_triage(
        complaint=waiting, decision="complaint", by=None, on=waiting.received_on
    )
    factories.complaint(landlord)  # not triaged: no deadline yet

    def run(day: str) -> str:
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("emit_due_webhooks", "--date", day, stdout=out)
        return out.getvalue()

    assert run("2024-04-03").startswith("0 ")  # 3 working days to go
    assert run("2024-04-04").startswith("1 ")
    assert run("2024-04-04").startswith("0 ")
    assert run("2024-04-09").startswith("1 ")
    assert run("2024-04-09").startswith("0 ")
    bodies = receiver.bodies()
    assert [(b["type"], b["data"]["due"], b["data"]["due_on"]) for b in bodies] == [
        ("complaint.due_soon", "acknowledgement", "2024-04-08"),
        ("complaint.overdue", "acknowledgement", "2024-04-08"),
    ]
    assert {b["data"]["reference"] for b in bodies} == {waiting.reference}


def test_webhooks_emit_refuses_an_unknown_event():
    with pytest.raises(ValueError, match="Unknown webhook event"):
        webhooks.webhooks_emit(factories.landlord(), "complaint.exploded", {})
