"""The Django admin over learning records and the suggestion models (read-only: a model is
made by ``putright train_suggestions``)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from putright.learning.models import CaseReview, LearningRecord, SuggestionModel


@admin.register(LearningRecord)
class LearningRecordAdmin(admin.ModelAdmin):
    list_display = ["improvement", "landlord", "owner", "status", "due_on", "done_on"]
    list_filter = ["landlord", "status"]
    search_fields = ["what_went_wrong", "learning", "improvement", "complaint__reference"]
    raw_id_fields = ["complaint", "ombudsman_case", "case_review", "owner_user", "recorded_by"]


@admin.register(CaseReview)
class CaseReviewAdmin(admin.ModelAdmin):
    list_display = ["__str__", "landlord", "selected_on", "meeting_on"]
    list_filter = ["landlord"]
    search_fields = ["reason", "findings", "complaints__reference"]
    raw_id_fields = ["complaints", "selected_by"]


@admin.register(SuggestionModel)
class SuggestionModelAdmin(admin.ModelAdmin):
    list_display = ["landlord", "trained_at", "complaints", "accuracy"]
    exclude = ["fitted"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
