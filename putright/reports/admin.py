"""The report inputs staff enter, in the Django admin too: the annual report's written
sections and the TSM figures (TP09 and the sector medians) per landlord and year, the
equality data settings, the tenant perception measures and the breakdowns chosen; and the history of who changed them, read-only."""

from __future__ import annotations

from django.contrib import admin

from putright.complaints.admin import ReadOnlyAdmin
from putright.reports.models import (
    BreakdownChoice,
    EqualitySetting,
    EqualityYear,
    PerceptionResult,
    Publication,
    PublicationFile,
    ReportChange,
    ReportNarrative,
    TsmYear,
)


@admin.register(ReportNarrative)
class ReportNarrativeAdmin(admin.ModelAdmin):
    list_display = (
        "landlord",
        "year",
        "governing_body",
        "governing_body_response_on",
        "updated_at",
    )
    list_filter = ("landlord", "year")
    readonly_fields = ("updated_at", "updated_by")


@admin.register(TsmYear)
class TsmYearAdmin(admin.ModelAdmin):
    list_display = ("landlord", "year", "tp09_pct", "median_source", "updated_at")
    list_filter = ("landlord", "year")
    readonly_fields = ("updated_at", "updated_by")


# Read-only here: they are changed on the report's equality page, through
# ``equality_options_save``, which checks the role and records the change.
@admin.register(EqualitySetting)
class EqualitySettingAdmin(ReadOnlyAdmin):
    list_display = ("landlord", "threshold", "updated_by", "updated_at")


@admin.register(EqualityYear)
class EqualityYearAdmin(ReadOnlyAdmin):
    list_display = ("landlord", "year", "counting", "updated_by", "updated_at")
    list_filter = ("landlord", "year")


# Read-only here too: entered on the TSM page (``perception_save``) and chosen on the annual
# report's breakdowns page (``report_breakdowns_save``), which check the role and record it.
@admin.register(PerceptionResult)
class PerceptionResultAdmin(ReadOnlyAdmin):
    list_display = ("landlord", "year", "measure", "updated_by", "updated_at")
    list_filter = ("landlord", "year", "measure")


@admin.register(BreakdownChoice)
class BreakdownChoiceAdmin(ReadOnlyAdmin):
    list_display = ("landlord", "year", "breakdowns", "updated_by", "updated_at")
    list_filter = ("landlord", "year")


@admin.register(ReportChange)
class ReportChangeAdmin(ReadOnlyAdmin):
    list_display = ("landlord", "year", "part", "fields", "changed_by", "changed_at")
    list_filter = ("landlord", "part", "year")


# Published reports are frozen: read-only here as everywhere (``annual_report_publish``).
@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ("landlord", "year", "kind", "version", "approved_on", "published_at")
    list_filter = ("landlord", "year", "kind")


@admin.register(PublicationFile)
class PublicationFileAdmin(ReadOnlyAdmin):
    list_display = ("publication", "sha256")
