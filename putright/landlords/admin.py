from django.contrib import admin
from django.http import HttpRequest

from putright.landlords.models import (
    ClosureDay,
    Contractor,
    Division,
    ExceptionalCircumstances,
    GroupMembership,
    HomesCount,
    Landlord,
    LandlordGroup,
    ServiceArea,
    SettingsChange,
    StaffMembership,
    SubCause,
    Theme,
)


class HomesInline(admin.TabularInline):
    model = HomesCount
    extra = 0


class ClosureDayInline(admin.TabularInline):
    model = ClosureDay
    extra = 0


@admin.register(Landlord)
class LandlordAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "reference_prefix",
        "next_reference_number",
        "escalation_window_days",
        "retention_years",
    ]
    search_fields = ["name"]
    inlines = [HomesInline, ClosureDayInline]
    readonly_fields = ["next_reference_number", "created_at"]


@admin.register(HomesCount)
class HomesCountAdmin(admin.ModelAdmin):
    list_display = [
        "landlord",
        "year",
        "lcra",
        "lcho",
        "flats",
        "houses",
        "independent_living",
        "other",
    ]
    list_filter = ["landlord"]


@admin.register(ClosureDay)
class ClosureDayAdmin(admin.ModelAdmin):
    list_display = ["landlord", "date", "description"]
    list_filter = ["landlord"]


@admin.register(Theme)
class NamedListAdmin(admin.ModelAdmin):
    list_display = ["name", "landlord"]
    list_filter = ["landlord"]
    search_fields = ["name"]


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "division", "landlord"]
    list_filter = ["landlord", "division"]
    list_editable = ["division"]
    search_fields = ["name"]


class DivisionServiceAreas(admin.TabularInline):
    """The service areas a division groups; a complaint counts under its main area's."""

    model = ServiceArea
    fields = ["name"]
    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # a service area is added under Service areas, with its landlord


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ["name", "landlord"]
    list_filter = ["landlord"]
    search_fields = ["name"]
    inlines = [DivisionServiceAreas]


@admin.register(Contractor)
class ContractorAdmin(admin.ModelAdmin):
    list_display = ["name", "landlord", "email"]
    list_filter = ["landlord"]
    search_fields = ["name"]


@admin.register(StaffMembership)
class StaffMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "landlord", "role", "contractor", "team", "active"]
    list_filter = ["landlord", "role", "active"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["contractor"]


@admin.register(SubCause)
class SubCauseAdmin(admin.ModelAdmin):
    """A landlord's own sub-causes under each root cause: add, rename, reorder or retire."""

    list_display = ["label", "code", "root_cause", "position", "active", "landlord"]
    list_filter = ["landlord", "root_cause", "active"]
    search_fields = ["label", "code"]


@admin.register(SettingsChange)
class SettingsChangeAdmin(admin.ModelAdmin):
    """The settings audit log: read only, like the timeline."""

    list_display = ["at", "landlord", "by_name", "section", "summary"]
    list_filter = ["landlord", "section"]
    search_fields = ["summary", "by_name"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(LandlordGroup)
class LandlordGroupAdmin(admin.ModelAdmin):
    """A group of landlords (issue 15): set up with ``putright group add``."""

    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(GroupMembership)
class GroupMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "group", "role"]
    list_filter = ["group", "role"]


@admin.register(ExceptionalCircumstances)
class ExceptionalCircumstancesAdmin(admin.ModelAdmin):
    """Read here; recorded and withdrawn on the staff pages, which tell the Ombudsman and
    the residents (Code 8.5)."""

    list_display = ["landlord", "started_on", "withdrawn_on"]
    list_filter = ["landlord"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
