"""The access log in the Django admin: read-only, like the timeline (domain.md §11: every
read of a case file by staff is logged)."""

from django.contrib import admin
from django.http import HttpRequest

from putright.complaints.admin import ReadOnlyAdmin
from putright.web.models import CaseRead


@admin.register(CaseRead)
class CaseReadAdmin(ReadOnlyAdmin):
    list_display = ["read_at", "user", "role", "complaint", "what"]
    list_filter = ["landlord", "what", "role"]
    search_fields = ["complaint__reference", "user__username"]
    date_hierarchy = "read_at"
    list_select_related = ["user", "complaint"]


def superusers_only(request: HttpRequest) -> bool:
    """The Django admin is for the installation's superusers only (issue 15): a landlord's
    administrators keep its settings in the staff workspace, where every change is checked
    and logged; someone merely marked ``is_staff`` is sent to the admin's sign-in page."""
    user = request.user
    return bool(user.is_active and user.is_superuser)


admin.site.has_permission = superusers_only  # type: ignore[method-assign]
