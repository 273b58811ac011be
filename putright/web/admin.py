"""The access log in the Django admin: read-only, like the timeline (domain.md §11: every
read of a case file by staff is logged)."""

from django.contrib import admin

from putright.complaints.admin import ReadOnlyAdmin
from putright.web.models import CaseRead


@admin.register(CaseRead)
class CaseReadAdmin(ReadOnlyAdmin):
    list_display = ["read_at", "user", "role", "complaint", "what"]
    list_filter = ["landlord", "what", "role"]
    search_fields = ["complaint__reference", "user__username"]
    date_hierarchy = "read_at"
    list_select_related = ["user", "complaint"]
