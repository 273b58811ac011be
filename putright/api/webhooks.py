"""Webhooks: telling an integration that something happened to a complaint.

``webhooks_emit`` records the event and one delivery per endpoint subscribed to it, inside
the caller's transaction, and queues the deliveries (django-tasks) only once that
transaction commits (``transaction.on_commit``), so an integration never hears of a change
that was rolled back, and a change that commits always has its event on record (if the
queue loses it, ``putright deliver_webhooks`` sends it).

The complaint events are emitted as the timeline's one writer
(``putright.complaints.timeline``) writes the entry, through its signals
(``webhooks_emit_for_timeline``), so a change gives one event whichever channel made it:
the staff pages, the resident portal, the API, a script. Entries of other kinds (a letter,
a note, Ombudsman casework, learning, an import) are heard too, and are no webhook event:
the register import, which writes its entries in batches, emits nothing (docs/api.md).

Each delivery is a POST of JSON, signed: ``Putright-Signature: t=<unix time>,v1=<hex>``
where hex is HMAC-SHA256, keyed with the endpoint's secret, of ``"<t>." + body``. A
delivery that fails (no answer, or not 2xx) is tried again after 1, 2, 4, 8 ... minutes
(at most 6 hours apart) until it succeeds or the attempts run out; every attempt is kept
and shown in the admin.

Settings (all optional): ``PUTRIGHT_WEBHOOK_MAX_ATTEMPTS`` (10),
``PUTRIGHT_WEBHOOK_RETRY_BASE_SECONDS`` (60), ``PUTRIGHT_WEBHOOK_TIMEOUT_SECONDS`` (10).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from putright.api.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
    WebhookEventName,
)
from putright.complaints.models import Complaint, EventKind
from putright.landlords.models import Landlord
from putright.landlords.transaction_cache import transaction_cached
from putright.rules.lifecycle import StageStatus, State

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "Putright-Signature"
#: Due soon means the next deadline is within this many working days (as `putright remind`).
DUE_SOON_WORKING_DAYS = 2
MAX_RETRY_DELAY = dt.timedelta(hours=6)
#: States in which a record is finished: the "closed" event.
CLOSED_STATES = {State.CLOSED, State.NOT_ACCEPTED, State.WITHDRAWN, State.RESOLVED}
#: The timeline entries that are themselves webhook events.
TIMELINE_EVENTS: dict[str, str] = {
    EventKind.LOGGED: WebhookEventName.LOGGED,
    EventKind.ACKNOWLEDGED: WebhookEventName.ACKNOWLEDGED,
    EventKind.RESPONDED: WebhookEventName.RESPONDED,
    EventKind.ESCALATION_REQUESTED: WebhookEventName.ESCALATED,
}
#: The timeline entries that can finish a record: "closed" follows when they leave it closed
#: (a stage 2 response does; a stage 1 response leaves the way to stage 2 open).
FINISHING_EVENTS = frozenset(
    {
        EventKind.RESPONDED,
        EventKind.NOT_ACCEPTED,
        EventKind.ESCALATION_REFUSED,
        EventKind.WITHDRAWN,
        EventKind.RESOLVED,
    }
)


def max_attempts() -> int:
    return int(getattr(settings, "PUTRIGHT_WEBHOOK_MAX_ATTEMPTS", 10))


def retry_base() -> dt.timedelta:
    return dt.timedelta(seconds=float(getattr(settings, "PUTRIGHT_WEBHOOK_RETRY_BASE_SECONDS", 60)))


def timeout_seconds() -> float:
    return float(getattr(settings, "PUTRIGHT_WEBHOOK_TIMEOUT_SECONDS", 10))


def new_secret() -> str:
    return f"whsec_{secrets.token_urlsafe(32)}"


# Signing ----------------------------------------------------------------------------


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The ``Putright-Signature`` header value for ``body`` sent at ``timestamp``."""
    digest = hmac.new(
        secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify_signature(
    secret: str, header: str, body: bytes, *, tolerance: int = 300, now: float | None = None
) -> bool:
    """True if ``header`` is a valid signature of ``body`` made within ``tolerance``
    seconds (what a receiver does; docs/api.md has a copy to take away)."""
    fields = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(fields["t"])
    except (KeyError, ValueError):
        return False
    if abs((now if now is not None else time.time()) - timestamp) > tolerance:
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, fields.get("v1", ""))


# Emitting ---------------------------------------------------------------------------


def complaint_payload(complaint: Complaint) -> dict[str, Any]:
    """What an event says about a record: enough to decide whether to fetch it, and no
    personal details (fetch ``url`` with a key for those)."""
    stage = complaint.current_stage
    return {
        "reference": complaint.reference,
        "kind": complaint.kind,
        "state": complaint.state,
        "version": complaint.version,
        "stage": stage.number if stage else None,
        "next_due": complaint.next_due_on.isoformat() if complaint.next_due_on else None,
        "url": reverse("api-v1:complaints_get", args=[complaint.reference]),
    }


def webhooks_emit(
    landlord: Landlord, event_name: str, payload: dict[str, Any], *, dedupe_key: str = ""
) -> WebhookEvent | None:
    """Record ``event_name`` for every active endpoint of ``landlord`` subscribed to it and
    queue the deliveries once the current transaction commits.

    Returns None when nobody is subscribed, or when an event with the same ``dedupe_key``
    was already emitted (so emitting is idempotent for callers that give one)."""
    if event_name not in WebhookEventName.values:
        raise ValueError(f"Unknown webhook event {event_name!r}")
    endpoints = [
        e
        for e in WebhookEndpoint.objects.filter(landlord=landlord, active=True)
        if event_name in (e.events or [])
    ]
    if not endpoints:
        return None
    if (
        dedupe_key
        and WebhookEvent.objects.filter(landlord=landlord, dedupe_key=dedupe_key).exists()
    ):
        return None
    try:
        with transaction.atomic():
            event = WebhookEvent.objects.create(
                landlord=landlord, name=event_name, payload=payload, dedupe_key=dedupe_key
            )
    except IntegrityError:
        return None  # emitted meanwhile by someone else with the same dedupe key
    now = timezone.now()
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(event=event, endpoint=endpoint, next_attempt_at=now)
        for endpoint in endpoints
    )
    ids = [d.pk for d in deliveries]
    transaction.on_commit(lambda: enqueue_deliveries(ids))
    return event


def emit_for_complaint(complaint: Complaint, event_name: str) -> WebhookEvent | None:
    """``webhooks_emit`` with the record's standard payload."""
    return webhooks_emit(complaint.landlord, event_name, complaint_payload(complaint))


def webhook_names_for(kind: str, state: str) -> list[str]:
    """The webhook events a timeline entry of ``kind`` is, for a record now in ``state``."""
    names = [TIMELINE_EVENTS[kind]] if kind in TIMELINE_EVENTS else []
    if kind in FINISHING_EVENTS and state in CLOSED_STATES:
        names.append(WebhookEventName.CLOSED)
    return names


def webhook_subscriptions(landlord_id: int) -> frozenset[str]:
    """Every event some active endpoint of the landlord wants (one query, once per
    transaction: ``transaction_cache``)."""

    def read() -> frozenset[str]:
        rows = WebhookEndpoint.objects.filter(landlord_id=landlord_id, active=True)
        return frozenset(
            name for events in rows.values_list("events", flat=True) for name in events or []
        )

    return transaction_cached(("webhook_subscriptions", landlord_id), read)


def webhooks_emit_for_timeline(*, complaint: Complaint, kind: str) -> list[WebhookEvent]:
    """Emit the webhook events that a new timeline entry of ``kind`` on ``complaint`` is
    (complaint logged, acknowledged, responded, escalated, closed), inside the caller's
    transaction; the deliveries go once it commits.

    Called (through ``timeline_written``) for every entry the timeline's writer writes, so
    each change is told once, whatever the channel. Costs nothing for entries that are not
    events and one query where nobody is subscribed."""
    names = webhook_names_for(kind, complaint.state)
    if not names:
        return []
    subscribed = webhook_subscriptions(complaint.landlord_id)
    wanted = [name for name in names if name in subscribed]
    if not wanted:
        return []
    # Read it again: the service's copy may hold its stages from before it added one.
    current = (
        Complaint.objects.select_related("landlord").prefetch_related("stages").get(pk=complaint.pk)
    )
    payload = complaint_payload(current)
    emitted = (webhooks_emit(current.landlord, name, payload) for name in wanted)
    return [event for event in emitted if event is not None]


def on_timeline_written(sender: object, *, complaint: Complaint, kind: str, **_: Any) -> None:
    """The receiver of ``putright.complaints.signals.timeline_written``."""
    webhooks_emit_for_timeline(complaint=complaint, kind=kind)


def on_timeline_written_many(
    sender: object, *, landlord: Landlord, kind: str, complaint_ids: list[int], **_: Any
) -> None:
    """The receiver of ``putright.complaints.signals.timeline_written_many``: a batch of
    entries of one kind. A kind that is no webhook event (the register import's
    "imported") is told to nobody and costs nothing, however big the batch; a kind that is
    one is told for each complaint, as if its entries had been written one by one."""
    if kind not in TIMELINE_EVENTS and kind not in FINISHING_EVENTS:
        return
    for complaint in Complaint.objects.filter(landlord=landlord, pk__in=complaint_ids):
        webhooks_emit_for_timeline(complaint=complaint, kind=kind)


def enqueue_deliveries(delivery_ids: list[int]) -> None:
    """Queue one task per delivery (call after the transaction that made them commits)."""
    for delivery_id in delivery_ids:
        try:
            deliver_webhook.enqueue(delivery_id)
        except Exception:
            # The delivery stays pending; `putright deliver_webhooks` picks it up.
            logger.exception("Could not queue webhook delivery %s", delivery_id)


# Delivering -------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    status_code: int | None
    body: str = ""
    error: str = ""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def send(url: str, body: bytes, headers: dict[str, str], timeout: float) -> Answer:
    """POST ``body`` to ``url``. Redirects are not followed (a 3xx is a failure)."""
    if not url.lower().startswith(("http://", "https://")):
        return Answer(None, error="Only http and https URLs can receive webhooks.")
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(request, timeout=timeout) as response:
            return Answer(response.status, response.read(2000).decode("utf-8", "replace"))
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.read(2000).decode("utf-8", "replace"))
    except (urllib.error.URLError, OSError, ValueError) as error:
        return Answer(None, error=f"{type(error).__name__}: {error}")


def delivery_body(event: WebhookEvent) -> bytes:
    """The JSON sent for an event: the same bytes on every attempt."""
    document = {
        "id": f"evt_{event.pk}",
        "type": event.name,
        "created_at": event.created_at,
        "landlord": event.landlord.name,
        "data": event.payload,
    }
    return json.dumps(document, cls=DjangoJSONEncoder, separators=(",", ":")).encode()


def retry_delay(attempts_made: int) -> dt.timedelta:
    """Exponential back-off: the base delay, doubled after each failed attempt."""
    return min(retry_base() * (2 ** max(attempts_made - 1, 0)), MAX_RETRY_DELAY)


def attempt_delivery(delivery_id: int) -> WebhookDelivery | None:
    """Try one delivery now, if it is pending and due; record the attempt; on failure
    schedule the next one or give up. Returns None if there was nothing to do."""
    now = timezone.now()
    lease_until = now + dt.timedelta(seconds=timeout_seconds() + 30)
    # Claim it, so a queued task and the sweeping command cannot both send it.
    claimed = WebhookDelivery.objects.filter(
        Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True),
        pk=delivery_id,
        status=DeliveryStatus.PENDING,
    ).update(next_attempt_at=lease_until)
    if not claimed:
        return None
    delivery = WebhookDelivery.objects.select_related("event__landlord", "endpoint").get(
        pk=delivery_id
    )
    body = delivery_body(delivery.event)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Putright-Webhooks/1",
        "Putright-Event": delivery.event.name,
        "Putright-Delivery": str(delivery.pk),
        SIGNATURE_HEADER: sign(delivery.endpoint.secret, body, int(time.time())),
    }
    started = time.monotonic()
    answer = send(delivery.endpoint.url, body, headers, timeout_seconds())
    duration_ms = int((time.monotonic() - started) * 1000)
    return _record(delivery, answer, duration_ms)


@transaction.atomic
def _record(delivery: WebhookDelivery, answer: Answer, duration_ms: int) -> WebhookDelivery:
    now = timezone.now()
    delivery.attempts += 1
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=delivery.attempts,
        attempted_at=now,
        status_code=answer.status_code,
        response_excerpt=answer.body[:2000],
        error=answer.error[:2000],
        duration_ms=duration_ms,
    )
    if answer.status_code is not None and 200 <= answer.status_code < 300:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
    elif delivery.attempts >= max_attempts():
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = None
    else:
        delivery.next_attempt_at = now + retry_delay(delivery.attempts)
        retry_at = delivery.next_attempt_at
        transaction.on_commit(lambda: _enqueue_retry(delivery.pk, retry_at))
    delivery.save(update_fields=["attempts", "status", "delivered_at", "next_attempt_at"])
    return delivery


def _enqueue_retry(delivery_id: int, when: dt.datetime) -> None:
    """Queue the retry for ``when`` if the task backend can defer (the database backend
    can); otherwise `putright deliver_webhooks` sends it when it is due."""
    if not deliver_webhook.get_backend().supports_defer:
        return
    try:
        deliver_webhook.using(run_after=when).enqueue(delivery_id)
    except Exception:
        logger.exception("Could not queue the retry of webhook delivery %s", delivery_id)


@task()
def deliver_webhook(delivery_id: int) -> str:
    """The queued task: one attempt at one delivery."""
    delivery = attempt_delivery(delivery_id)
    return delivery.status if delivery is not None else "skipped"


def deliver_due(now: dt.datetime | None = None) -> int:
    """Attempt every pending delivery whose time has come (a safety net for queued tasks
    that were lost, and the retry mechanism where the task backend cannot defer)."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        status=DeliveryStatus.PENDING, next_attempt_at__lte=now
    ).values_list("pk", flat=True)
    return sum(1 for pk in list(due) if attempt_delivery(pk) is not None)


# Due soon and overdue ---------------------------------------------------------------


def emit_due_webhooks(on: dt.date) -> int:
    """Emit ``complaint.due_soon`` (the open stage's next deadline is within 2 working
    days) and ``complaint.overdue`` (it has passed) for every landlord with an endpoint
    subscribed. At most once per complaint, event and day, however often it runs."""
    wanted = {WebhookEventName.DUE_SOON, WebhookEventName.OVERDUE}
    emitted = 0
    for landlord in Landlord.objects.filter(webhook_endpoints__active=True).distinct():
        names = {
            n for e in landlord.webhook_endpoints.filter(active=True) for n in (e.events or [])
        }
        if not names & wanted:
            continue
        soon_until = landlord.calendar().add_working_days(on, DUE_SOON_WORKING_DAYS)
        complaints = (
            Complaint.objects.filter(
                landlord=landlord,
                state__in=[State.STAGE1, State.STAGE2],
                next_due_on__lte=soon_until,
            )
            .select_related("landlord")
            .prefetch_related("stages")
            .order_by("next_due_on", "id")
        )
        for complaint in complaints:
            stage = complaint.current_stage
            if stage is None or complaint.next_due_on is None:
                continue
            name = (
                WebhookEventName.OVERDUE
                if complaint.next_due_on < on
                else WebhookEventName.DUE_SOON
            )
            payload = {
                **complaint_payload(complaint),
                "due": "acknowledgement" if stage.status == StageStatus.REQUESTED else "response",
                "due_on": complaint.next_due_on.isoformat(),
            }
            key = f"{name}:{complaint.reference}:{on.isoformat()}"
            with transaction.atomic():
                if webhooks_emit(landlord, name, payload, dedupe_key=key) is not None:
                    emitted += 1
    return emitted
