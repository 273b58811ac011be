"""The reminder digests in the Django admin: read-only, a record of what was sent. (The
access log is in ``putright/web/admin.py``.)"""

from django.contrib import admin

from putright.complaints.admin import ReadOnlyAdmin
from putright.staff.models import ReminderDigest


@admin.register(ReminderDigest)
class ReminderDigestAdmin(ReadOnlyAdmin):
    list_display = ["sent_on", "user", "landlord", "cases", "sent_at"]
    list_filter = ["landlord"]
    list_select_related = ["user", "landlord"]
