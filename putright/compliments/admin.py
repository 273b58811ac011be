from django.contrib import admin

from putright.compliments.models import Compliment


@admin.register(Compliment)
class ComplimentAdmin(admin.ModelAdmin):
    list_display = ("received_on", "landlord", "service_area", "channel")
    list_filter = ("landlord", "channel")
    raw_id_fields = ("resident", "recorded_by")
