"""The admin pages for API keys and webhooks.

A key is issued from "Add API key" (or ``putright api-key add``): its secret is shown once,
on the next page, and only its hash is kept. Keys are revoked, never deleted, so the events
they wrote keep naming them. Webhook deliveries and every attempt are listed read-only.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from putright.api import keys
from putright.api.models import (
    ApiKey,
    DeliveryStatus,
    IdempotencyRecord,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
    WebhookEventName,
)
from putright.api.webhooks import enqueue_deliveries, new_secret

ATTEMPT_FIELDS = (
    "number",
    "attempted_at",
    "status_code",
    "duration_ms",
    "error",
    "response_excerpt",
)


def _staff_user(request: HttpRequest) -> User:
    """Who is using the admin site: a signed-in member of staff, as the site requires."""
    assert isinstance(request.user, User)
    return request.user


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "landlord",
        "prefix",
        "access",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["landlord", "can_write", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix"]
    fields = ["landlord", "name", "can_write"]
    actions = ["revoke"]

    def get_fields(self, request: HttpRequest, obj: ApiKey | None = None) -> tuple[str, ...]:
        if obj is None:
            return ("landlord", "name", "can_write")
        return (
            "landlord",
            "name",
            "prefix",
            "can_write",
            "user",
            "created_at",
            "created_by",
            "last_used_at",
            "revoked_at",
        )

    def get_readonly_fields(
        self, request: HttpRequest, obj: ApiKey | None = None
    ) -> tuple[str, ...]:
        return () if obj is None else self.get_fields(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: ApiKey, form: forms.ModelForm, change: bool
    ) -> None:
        if change:
            return
        issued = keys.api_key_issue(
            landlord=form.cleaned_data["landlord"],
            name=form.cleaned_data["name"],
            can_write=form.cleaned_data["can_write"],
            by=_staff_user(request),
        )
        for field in ApiKey._meta.concrete_fields:
            setattr(obj, field.attname, getattr(issued.api_key, field.attname))
        obj._state.adding = False
        messages.warning(
            request,
            f"Copy this key now; it will not be shown again: {issued.secret}",
        )

    @admin.action(description="Revoke the selected keys (at once)")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        for api_key in queryset.filter(revoked_at__isnull=True):
            keys.api_key_revoke(api_key=api_key)
        messages.success(request, "Revoked.")


class WebhookEndpointForm(forms.ModelForm):
    url = forms.URLField(max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        choices=WebhookEventName.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["landlord", "url", "description", "events", "active"]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = WebhookEndpointForm
    list_display = ["url", "landlord", "active", "created_at"]
    list_filter = ["landlord", "active"]
    readonly_fields = ["secret", "created_at"]

    def save_model(
        self, request: HttpRequest, obj: WebhookEndpoint, form: forms.ModelForm, change: bool
    ) -> None:
        if not obj.secret:
            obj.secret = new_secret()
        super().save_model(request, obj, form, change)


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    fields = ATTEMPT_FIELDS
    readonly_fields = ATTEMPT_FIELDS

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["event", "endpoint", "status", "attempts", "next_attempt_at", "delivered_at"]
    list_filter = ["status", "endpoint__landlord", "event__name"]
    inlines = [WebhookAttemptInline]
    actions = ["send_again"]

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # Viewing, and the "send again" action, need the change permission's door open;
        # every field stays read-only.
        return request.user.has_perm("api.change_webhookdelivery")

    def get_readonly_fields(self, request: HttpRequest, obj: object = None) -> list[str]:
        return [f.name for f in WebhookDelivery._meta.fields]

    @admin.action(description="Send the selected deliveries again now")
    def send_again(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        queryset.update(status=DeliveryStatus.PENDING, next_attempt_at=timezone.now())
        enqueue_deliveries(ids)
        messages.success(request, f"{len(ids)} queued.")


@admin.register(WebhookEvent)
class WebhookEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "landlord", "created_at", "dedupe_key"]
    list_filter = ["landlord", "name"]
    readonly_fields = ["landlord", "name", "payload", "dedupe_key", "created_at"]


@admin.register(WebhookAttempt)
class WebhookAttemptAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Every attempt to deliver a webhook, for tracing one integration's troubles."""

    list_display = ["delivery", "number", "attempted_at", "status_code", "duration_ms"]
    list_filter = ["status_code"]
    date_hierarchy = "attempted_at"


@admin.register(IdempotencyRecord)
class IdempotencyRecordAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The stored answers to retried writes (kept 24 hours), for support questions."""

    list_display = ["key", "landlord", "status_code", "created_at"]
    list_filter = ["landlord"]
    search_fields = ["key"]
    exclude = ["body"]
