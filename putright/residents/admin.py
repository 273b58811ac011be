from django.contrib import admin
from django.http import HttpRequest

from putright.residents.models import (
    AdjustmentRequest,
    DisclosedDisability,
    EqualityData,
    Property,
    ReasonableAdjustment,
    Representative,
    Resident,
    Restriction,
    SubjectAccessDisclosure,
    VulnerabilityFlag,
)


class RepresentativeInline(admin.TabularInline):
    model = Representative
    extra = 0


class AdjustmentInline(admin.TabularInline):
    model = ReasonableAdjustment
    extra = 0
    exclude = ["recorded_by"]


@admin.register(Resident)
class ResidentAdmin(admin.ModelAdmin):
    list_display = ["name", "landlord", "tenure", "email", "phone"]
    list_filter = ["landlord", "tenure"]
    search_fields = ["name", "email", "phone", "home__postcode"]
    raw_id_fields = ["home"]
    inlines = [RepresentativeInline, AdjustmentInline]


@admin.register(Property)
class PropertyAdmin(admin.ModelAdmin):
    list_display = ["address", "postcode", "estate", "block", "stock_type", "landlord"]
    list_filter = ["landlord", "stock_type"]
    search_fields = ["address", "postcode", "uprn"]


@admin.register(Representative)
class RepresentativeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "resident", "consent_given_on", "consent_withdrawn_on"]
    raw_id_fields = ["resident"]


@admin.register(DisclosedDisability, ReasonableAdjustment, VulnerabilityFlag, Restriction)
class ReviewedRecordAdmin(admin.ModelAdmin):
    list_display = ["__str__", "resident", "review_due_on", "last_reviewed_on"]
    list_filter = ["review_due_on"]
    raw_id_fields = ["resident", "recorded_by"]


@admin.register(EqualityData)
class EqualityDataAdmin(admin.ModelAdmin):
    """Held apart from the case; only administrators see it here."""

    list_display = ["__str__", "landlord", "age_band", "sex", "disability"]
    list_filter = ["landlord"]
    raw_id_fields = ["resident", "complaint"]


@admin.register(AdjustmentRequest)
class AdjustmentRequestAdmin(admin.ModelAdmin):
    """Code 5.10: support asked for online. Staff agree it on the staff pages, which record
    the reasonable adjustment and link it here; the request itself stays as it was made."""

    list_display = ["complaint", "kind", "details", "requested_on", "requested_by", "agreed_as"]
    list_filter = ["kind", "requested_by"]
    search_fields = ["complaint__reference"]
    raw_id_fields = ["agreed_as"]
    readonly_fields = [
        "landlord",
        "complaint",
        "resident",
        "kind",
        "details",
        "requested_on",
        "requested_by",
        "event",
        "created_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(SubjectAccessDisclosure)
class SubjectAccessDisclosureAdmin(admin.ModelAdmin):
    """Each subject access zip produced: who, when, how, and the zip's hash. A record of
    what was disclosed, so it is read-only here."""

    list_display = ["resident", "landlord", "produced_at", "produced_by", "via", "size"]
    list_filter = ["landlord", "via"]
    date_hierarchy = "produced_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
