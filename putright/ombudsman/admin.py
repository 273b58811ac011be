"""The Django admin over Ombudsman casework and the remedies guidance.

Casework is changed through the staff pages (which put it on the timeline); here it can be
read and descriptive text corrected. The remedies guidance is configuration: each landlord
checks its copy of the Ombudsman's bands and fixed sums against the published guidance and
updates them here, and adds the bands of its own compensation policy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import AdminSite
from django.contrib.auth.models import User
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse

from putright.landlords.models import Landlord
from putright.ombudsman.models import (
    BundleDownload,
    Contact,
    Determination,
    FailureOrder,
    Finding,
    GuidanceBand,
    GuidanceFixedSum,
    MrcCopy,
    OmbudsmanCase,
    Order,
    Reply,
)
from putright.ombudsman.services import guidance_load_defaults
from putright.rules.remedies import Band, band_problems

if TYPE_CHECKING:
    from django.template.response import _TemplateForResponseT


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["kind", "received_on", "deadline", "met_on", "details"]
    readonly_fields = ["kind", "received_on", "deadline", "met_on"]
    can_delete = False
    show_change_link = True


@admin.register(OmbudsmanCase)
class OmbudsmanCaseAdmin(admin.ModelAdmin):
    list_display = ["reference", "landlord", "complaint", "opened_on", "closed_on"]
    list_filter = ["landlord"]
    search_fields = ["reference", "complaint__reference", "resident_name"]
    readonly_fields = ["landlord", "complaint", "opened_on", "closed_on", "created_by"]
    inlines = [ContactInline]


class ReplyInline(admin.StackedInline):
    model = Reply
    extra = 0
    can_delete = False
    readonly_fields = ["sent_on", "answers_in_full", "bundle_sha256", "file", "sha256", "sent_by"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["case", "kind", "received_on", "deadline", "met_on"]
    list_filter = ["kind", "case__landlord"]
    readonly_fields = ["case", "kind", "received_on", "met_on", "recorded_by"]
    inlines = [ReplyInline]


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0
    can_delete = False


class OrderInline(admin.StackedInline):
    model = Order
    extra = 0
    can_delete = False
    readonly_fields = ["status", "completed_on", "evidence_file", "evidence_sha256"]


@admin.register(Determination)
class DeterminationAdmin(admin.ModelAdmin):
    list_display = ["case", "determined_on"]
    list_filter = ["case__landlord"]
    inlines = [FindingInline, OrderInline]


@admin.register(FailureOrder)
class FailureOrderAdmin(admin.ModelAdmin):
    list_display = ["landlord", "kind", "issued_on", "actions_done_on"]
    list_filter = ["landlord", "kind"]


@admin.register(BundleDownload)
class BundleDownloadAdmin(admin.ModelAdmin):
    """Who produced which case file bundle, and when: read-only."""

    list_display = ["complaint", "by", "at", "events", "attachments", "size"]
    list_filter = ["landlord"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class GuidanceBandForm(forms.ModelForm):
    class Meta:
        model = GuidanceBand
        fields = ["landlord", "edition", "position", "impact", "lower", "upper", "description"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("lower") is not None and data.get("impact"):
            problems = band_problems([Band(data["impact"], data["lower"], data.get("upper"))])
            for message in problems.values():
                self.add_error("upper" if "end above" in message else "lower", message)
        return data


class LoadDefaultsForm(forms.Form):
    landlord = forms.ModelChoiceField(queryset=Landlord.objects.all())


class GuidanceAdminMixin:
    """A button on the list: give a landlord its own copy of the Ombudsman's defaults."""

    change_list_template: ClassVar[_TemplateForResponseT | None] = (
        "admin/ombudsman/guidance_change_list.html"
    )
    # Set by the ModelAdmin this is mixed into.
    model: type[Model]
    admin_site: AdminSite

    def get_urls(self):  # type: ignore[no-untyped-def]
        urls = super().get_urls()  # type: ignore[misc]
        name = f"{self.model._meta.app_label}_{self.model._meta.model_name}_load_defaults"
        return [
            path(
                "load-defaults/",
                self.admin_site.admin_view(self.load_defaults),
                name=name,
            ),
            *urls,
        ]

    def load_defaults(self, request: HttpRequest) -> HttpResponse:
        form = LoadDefaultsForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            landlord = form.cleaned_data["landlord"]
            assert isinstance(request.user, User)  # the admin site lets only staff in
            added = guidance_load_defaults(landlord=landlord, by=request.user)
            if added:
                messages.success(
                    request,
                    f"Added the Ombudsman's guidance for {landlord}: {added} rows to check.",
                )
            else:
                messages.info(request, f"{landlord} already has its copy of the guidance.")
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            )
        return render(
            request,
            "admin/ombudsman/load_defaults.html",
            {
                **self.admin_site.each_context(request),
                "form": form,
                "title": "Load the Ombudsman's remedies guidance",
            },
        )


@admin.register(GuidanceBand)
class GuidanceBandAdmin(GuidanceAdminMixin, admin.ModelAdmin):
    form = GuidanceBandForm
    list_display = ["impact", "lower", "upper", "edition", "landlord", "position"]
    list_filter = ["landlord", "edition"]
    list_editable = ["lower", "upper", "position"]


@admin.register(GuidanceFixedSum)
class GuidanceFixedSumAdmin(GuidanceAdminMixin, admin.ModelAdmin):
    list_display = ["what", "amount", "per", "edition", "landlord", "position"]
    list_filter = ["landlord", "edition"]
    list_editable = ["amount", "per", "position"]


@admin.register(Reply)
class ReplyAdmin(admin.ModelAdmin):
    """Every reply sent to the Ombudsman, across cases."""

    list_display = ["contact", "sent_on", "answers_in_full"]
    list_filter = ["answers_in_full"]
    date_hierarchy = "sent_on"
    raw_id_fields = ["contact"]


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    """The Ombudsman's finding on each element of a complaint, across determinations."""

    list_display = ["determination", "number", "category", "finding"]
    list_filter = ["finding", "category"]
    raw_id_fields = ["determination"]


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    """Every order and recommendation, to see compliance across determinations."""

    list_display = ["__str__", "determination", "due_on", "status"]
    list_filter = ["status"]
    raw_id_fields = ["determination", "finding"]


@admin.register(MrcCopy)
class MrcCopyAdmin(admin.ModelAdmin):
    """Copies to the Member Responsible for Complaints: a record of what was sent, read only."""

    list_display = ["queued_at", "landlord", "what", "to_name", "subject", "sent_at"]
    list_filter = ["landlord", "what"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
