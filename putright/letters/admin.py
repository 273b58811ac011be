"""The Django admin over letters. Templates can be edited here (checked like any edit:
they must compile and carry every required element); issued letters are read-only, as
they are everywhere: a letter is frozen once issued."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.models import User
from django.http import HttpRequest

from putright.letters.models import Letter, LetterTemplate


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ["landlord", "kind", "subject", "updated_at", "updated_by"]
    list_filter = ["landlord", "kind"]
    readonly_fields = ["updated_at", "updated_by"]

    def save_model(self, request: HttpRequest, obj: LetterTemplate, form, change: bool) -> None:
        assert isinstance(request.user, User)  # the admin site lets only staff in
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    """Lists and shows issued letters; never adds, changes or deletes them."""

    list_display = ["complaint", "kind", "stage", "issued_on", "delivery", "sent_to", "issued_by"]
    list_filter = ["landlord", "kind", "delivery"]
    search_fields = ["complaint__reference", "subject", "sent_to"]
    date_hierarchy = "issued_on"

    def get_readonly_fields(self, request: HttpRequest, obj: Letter | None = None) -> list[str]:
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
