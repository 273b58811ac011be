"""The portal's records in the Django admin: feedback, and who may follow which complaint;
and, read-only, its working records (codes, rate counters, files waiting on a form), never
with a code's hash or a file's contents. The support asked for online is with the
residents' records."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from putright.portal.models import (
    Feedback,
    OneTimeCode,
    PendingUpload,
    PortalAccess,
    RateCounter,
)


class _NoAddOrDelete(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class _ReadOnly(_NoAddOrDelete):
    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Feedback)
class FeedbackAdmin(_ReadOnly):
    list_display = [
        "complaint",
        "stage",
        "given_on",
        "process_satisfaction",
        "outcome_satisfaction",
    ]
    list_filter = ["landlord", "stage", "process_satisfaction", "outcome_satisfaction"]
    search_fields = ["complaint__reference"]


@admin.register(PortalAccess)
class PortalAccessAdmin(_ReadOnly):
    list_display = ["complaint", "person", "email", "created_at", "last_used_at"]
    search_fields = ["complaint__reference", "email"]
    exclude = ["token_digest", "submission"]


@admin.register(OneTimeCode)
class OneTimeCodeAdmin(_ReadOnly):
    list_display = ["created_at", "complaint", "expires_at", "attempts", "used_at"]
    exclude = ["digest", "email"]


@admin.register(RateCounter)
class RateCounterAdmin(_ReadOnly):
    list_display = ["scope", "window_start", "count"]
    list_filter = ["scope"]
    exclude = ["key_digest"]


@admin.register(PendingUpload)
class PendingUploadAdmin(_ReadOnly):
    list_display = ["filename", "content_type", "size", "created_at"]
    exclude = ["file", "draft"]
