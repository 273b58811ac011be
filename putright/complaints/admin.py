"""The Django admin over the complaint record. Timeline events, attachments and contacts
are read-only here, as everywhere: corrections are made by adding a new event."""

from django.contrib import admin
from django.http import HttpRequest

from putright.complaints.models import (
    Attachment,
    Complaint,
    Contact,
    Event,
    Extension,
    HazardCase,
    OutstandingAction,
    Remedy,
    Stage,
    StagePoint,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Lists and shows records but never adds, changes or deletes them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class StageInline(admin.StackedInline):
    model = Stage
    extra = 0
    can_delete = False
    raw_id_fields = ["handler"]
    exclude = ["landlord"]


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    """State changes belong to the services; here only descriptive fields can be corrected."""

    list_display = [
        "reference",
        "landlord",
        "kind",
        "state",
        "received_on",
        "channel",
        "service_area",
    ]
    list_filter = ["landlord", "kind", "state", "jurisdiction", "channel"]
    search_fields = ["reference", "description", "resident__name"]
    date_hierarchy = "received_on"
    raw_id_fields = ["resident", "representative", "home", "raised_from", "logged_by"]
    readonly_fields = [
        "landlord",
        "reference",
        "kind",
        "state",
        "received_on",
        "withdrawn_on",
        "withdrawn_by",
        "version",
        "created_at",
        "updated_at",
    ]
    inlines = [StageInline]

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Stage)
class StageAdmin(ReadOnlyAdmin):
    list_display = [
        "__str__",
        "status",
        "requested_on",
        "acknowledged_on",
        "response_due_extended",
        "responded_on",
        "outcome",
    ]
    list_filter = ["landlord", "number", "status", "outcome"]
    search_fields = ["complaint__reference"]


@admin.register(StagePoint)
class StagePointAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "stage", "outcome"]


@admin.register(Extension)
class ExtensionAdmin(ReadOnlyAdmin):
    list_display = [
        "stage",
        "working_days",
        "decided_on",
        "previous_due",
        "new_due",
        "ombudsman_details_given",
    ]


@admin.register(Remedy)
class RemedyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "stage", "kind", "due_on", "done_on", "amount_offered", "paid_on"]
    list_filter = ["kind", "compensation_reason"]
    raw_id_fields = ["stage"]


@admin.register(OutstandingAction)
class OutstandingActionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "stage", "owner", "due_on", "done_on"]
    raw_id_fields = ["stage", "owner_user"]


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["complaint", "occurred_on", "kind", "stage", "actor", "imported", "summary"]
    list_filter = ["landlord", "kind", "imported"]
    search_fields = ["complaint__reference", "summary"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ["filename", "complaint", "content_type", "size"]
    search_fields = ["complaint__reference", "filename"]


@admin.register(Contact)
class ContactAdmin(ReadOnlyAdmin):
    list_display = ["complaint", "occurred_at", "method", "direction", "with_whom"]
    list_filter = ["method", "direction"]
    search_fields = ["complaint__reference", "with_whom", "summary"]


@admin.register(HazardCase)
class HazardCaseAdmin(ReadOnlyAdmin):
    """Awaab's Law clocks: changed only by the hazard services, with their timeline entries."""

    list_display = ["complaint", "hazard_class", "aware_at", "made_safe_at", "next_due_at"]
    list_filter = ["hazard_class"]
    search_fields = ["complaint__reference", "description", "repairs_reference"]
