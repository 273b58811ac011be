"""Administration of the self-assessment: the Code's official wording (loaded from a CSV
by `putright load_code_wording`, or corrected here one provision at a time) and the
assessments themselves, read-only once approved; the history of changes, read-only."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from putright.complaints.admin import ReadOnlyAdmin
from putright.selfassessment.models import (
    AssessmentChange,
    ProvisionAnswer,
    ProvisionWording,
    SelfAssessment,
    SpotlightRecommendation,
    SpotlightReport,
)


@admin.register(ProvisionWording)
class ProvisionWordingAdmin(admin.ModelAdmin):
    list_display = ("number", "text", "loaded_at")
    search_fields = ("number", "text")


class ProvisionAnswerInline(admin.TabularInline):
    model = ProvisionAnswer
    extra = 0
    can_delete = False
    fields = ("number", "complies", "evidence", "commentary", "action", "action_due_on", "measured")
    readonly_fields = ("number", "measured")

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return not (isinstance(obj, SelfAssessment) and obj.is_approved)


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(admin.ModelAdmin):
    list_display = ("landlord", "year", "occasion", "approved_on", "approved_by", "created_at")
    list_filter = ("landlord", "year", "occasion")
    readonly_fields = ("carried_forward_from", "created_at", "created_by", "updated_at")
    inlines = [ProvisionAnswerInline]

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        if isinstance(obj, SelfAssessment) and obj.is_approved:
            return False
        return super().has_change_permission(request, obj)


@admin.register(ProvisionAnswer)
class ProvisionAnswerAdmin(admin.ModelAdmin):
    """Each answer on its own, for finding one across assessments; edited on its assessment."""

    list_display = ("assessment", "number", "complies", "action_due_on")
    list_filter = ("complies", "assessment__landlord", "assessment__year")
    search_fields = ("number", "evidence", "commentary", "action")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        if isinstance(obj, ProvisionAnswer) and obj.assessment.is_approved:
            return False
        return super().has_change_permission(request, obj)


@admin.register(AssessmentChange)
class AssessmentChangeAdmin(ReadOnlyAdmin):
    list_display = ("assessment", "action", "summary", "changed_by", "changed_at")
    list_filter = ("action", "assessment__landlord")


class SpotlightRecommendationInline(admin.TabularInline):
    model = SpotlightRecommendation
    extra = 0
    can_delete = False
    fields = ("number", "text", "status", "evidence", "commentary", "assessed_on")
    readonly_fields = ("number",)


@admin.register(SpotlightReport)
class SpotlightReportAdmin(admin.ModelAdmin):
    """The spotlight reports a landlord assesses itself against, with their recommendations."""

    list_display = ("title", "landlord", "published_on")
    list_filter = ("landlord",)
    inlines = [SpotlightRecommendationInline]


@admin.register(SpotlightRecommendation)
class SpotlightRecommendationAdmin(admin.ModelAdmin):
    list_display = ("report", "number", "status", "assessed_on")
    list_filter = ("status",)
