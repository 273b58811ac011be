"""The access log and the reminder digests in the Django admin: read-only, like the
timeline (domain.md §11: every read of a case file by staff is logged)."""

from django.contrib import admin

from putright.complaints.admin import ReadOnlyAdmin
from putright.staff.models import CaseRead, ReminderDigest


@admin.register(CaseRead)
class CaseReadAdmin(ReadOnlyAdmin):
    list_display = ["read_at", "user", "role", "complaint", "what"]
    list_filter = ["landlord", "what", "role"]
    search_fields = ["complaint__reference", "user__username"]
    date_hierarchy = "read_at"
    list_select_related = ["user", "complaint"]


@admin.register(ReminderDigest)
class ReminderDigestAdmin(ReadOnlyAdmin):
    list_display = ["sent_on", "user", "landlord", "cases", "sent_at"]
    list_filter = ["landlord"]
    list_select_related = ["user", "landlord"]
