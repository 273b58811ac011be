"""What the JSON API keeps: the keys integrations sign in with, the answers it gives to
retried writes, and the webhooks it sends (interfaces.md: ``/api/v1/``).

An ``ApiKey`` belongs to one landlord and reads, or reads and writes. Only a hash of the key
is kept; the key itself is shown once, when it is issued. Each key acts through its own
user ("api:<label>") so that the timeline names the integration that made a change and the
ordinary permission checks apply to it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete, post_save

from putright.landlords.models import Landlord, LandlordGroup
from putright.landlords.transaction_cache import ForgetfulQuerySet, transaction_cache_clear


class ApiKey(models.Model):
    """A key an administrator issued to one integration, for one landlord."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(
        max_length=100, help_text="What the integration is, e.g. 'Housing CRM'. Shown on events."
    )
    prefix = models.CharField(
        max_length=16,
        unique=True,
        help_text="The start of the key, to tell keys apart. The rest is never stored.",
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # Issue 15, item 5: a group key reads its group's reports (the group's figures with
    # each landlord's beside them) and nothing else; ``landlord`` is then one of the group's.
    group = models.ForeignKey(
        LandlordGroup,
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # never left a landlord key that reads complaints
        related_name="api_keys",
        editable=False,
        help_text="A group key reads the group's reports only, and never writes.",
    )
    can_write = models.BooleanField(
        default=False, help_text="Read-only keys can read complaints but not change them."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_key",
        editable=False,
        help_text="The user the integration acts as; events name it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    last_used_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Updated at most once a minute."
    )
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["landlord", "name", "id"]
        verbose_name = "API key"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def access(self) -> str:
        if self.group_id is not None:
            return "read only, the group's reports"
        return "read and write" if self.can_write else "read only"


class IdempotencyRecord(models.Model):
    """The answer given to a write sent with an ``Idempotency-Key``, kept for 24 hours so a
    retried request gets the same answer instead of doing the work twice."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    content_type = models.CharField(max_length=100)
    headers = models.JSONField(default=dict)
    body = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["landlord", "key"], name="one_answer_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.key} → {self.status_code}"


class WebhookEventName(models.TextChoices):
    """The events an integration can subscribe to."""

    LOGGED = "complaint.logged", "Complaint (or service request, member enquiry) logged"
    ACKNOWLEDGED = "complaint.acknowledged", "Stage acknowledged"
    DUE_SOON = "complaint.due_soon", "Acknowledgement or response due in 2 working days"
    OVERDUE = "complaint.overdue", "Acknowledgement or response overdue"
    RESPONDED = "complaint.responded", "Stage response sent"
    ESCALATED = "complaint.escalated", "Stage 2 requested"
    CLOSED = (
        "complaint.closed",
        "Closed (final response, refused, not accepted, withdrawn, resolved)",
    )


class WebhookEndpoint(models.Model):
    """A URL an administrator registered to be told of a landlord's events."""

    landlord = models.ForeignKey(
        Landlord, on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    events = models.JSONField(default=list, help_text="The event names sent to this URL.")
    secret = models.CharField(
        max_length=100,
        editable=False,
        help_text="Deliveries are signed with this (Putright-Signature header).",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    #: ``webhooks.webhook_subscriptions`` keeps a landlord's subscriptions for the rest of a
    #: transaction (``transaction_cache``): any write forgets them.
    objects = ForgetfulQuerySet.as_manager()

    class Meta:
        ordering = ["landlord", "url"]

    def __str__(self) -> str:
        return self.url


class WebhookEvent(models.Model):
    """Something that happened, to be sent to every endpoint subscribed to it.

    ``dedupe_key`` makes an emission idempotent: the due-soon and overdue events carry one
    per complaint per day, so running the command twice sends them once."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=50, choices=WebhookEventName.choices)
    payload = models.JSONField(default=dict)
    dedupe_key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["landlord", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="one_webhook_event_per_dedupe_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} #{self.pk}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent (or retried)"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed: gave up after the last retry"


class WebhookDelivery(models.Model):
    """One event to one endpoint, retried with exponential back-off until it is delivered
    or the attempts run out. Every attempt is kept."""

    event = models.ForeignKey(WebhookEvent, on_delete=models.CASCADE, related_name="deliveries")
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event.name} → {self.endpoint.url}"


class WebhookAttempt(models.Model):
    """One try at a delivery: what the endpoint answered, or the error."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="tries")
    number = models.PositiveSmallIntegerField()
    attempted_at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_excerpt = models.TextField(blank=True)
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["delivery", "number"]

    def __str__(self) -> str:
        return f"Attempt {self.number}: {self.status_code or self.error[:40]}"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


# A save or delete of an endpoint forgets the subscriptions ``transaction_cached`` keeps.
post_save.connect(transaction_cache_clear, sender=WebhookEndpoint, dispatch_uid="forget-endpoint")
post_delete.connect(transaction_cache_clear, sender=WebhookEndpoint, dispatch_uid="forget-endpoint")
