"""The reminder digests in the Django admin: read-only, a record of what was sent; and the
staff accounts, with the reset of a person's second factor. (The access log is in
``putright/web/admin.py``.)"""

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from putright.complaints.admin import ReadOnlyAdmin
from putright.staff.models import ReminderDigest
from putright.staff.two_factor import services as two_factor_services


@admin.register(ReminderDigest)
class ReminderDigestAdmin(ReadOnlyAdmin):
    list_display = ["sent_on", "user", "landlord", "cases", "sent_at"]
    list_filter = ["landlord"]
    list_select_related = ["user", "landlord"]


# Staff accounts in the admin, with the reset of a person's second factor (docs/security.md,
# "Second factor"): for someone who has lost their authenticator app and recovery codes.
User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    actions = ["second_factor_reset"]

    @admin.action(
        description="Reset the second factor (remove their authenticator app and recovery codes)",
        permissions=["change"],
    )
    def second_factor_reset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        try:
            removed = [
                user.get_username()
                for user in queryset
                if two_factor_services.second_factor_reset(user=user, by=request.user)
            ]
        except PermissionDenied as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return
        if removed:
            self.message_user(
                request,
                f"Second factor reset for {', '.join(removed)}: they set up an authenticator "
                "app again at their next sign-in.",
                messages.SUCCESS,
            )
        else:
            self.message_user(request, "None of them had set up an authenticator app.")
