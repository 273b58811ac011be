"""The service requests and member enquiries recorded before they had targets get one (the
landlord's default, 10 working days after receipt, in its calendar) and, when resolved,
their resolution as their response, so the annual report counts them like the new ones."""

from django.db import migrations

from putright.rules.calendar import CalendarRangeError, calendar_for
from putright.rules.records import DEFAULT_TARGET_DAYS, record_target

RECORD_KINDS = ("service_request", "member_enquiry")


def fill(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    ClosureDay = apps.get_model("landlords", "ClosureDay")
    Event = apps.get_model("complaints", "Event")
    calendars = {}
    records = Complaint.objects.filter(kind__in=RECORD_KINDS, target_on__isnull=True)
    for record in records.iterator():
        if record.landlord_id not in calendars:
            days = ClosureDay.objects.filter(landlord_id=record.landlord_id)
            calendars[record.landlord_id] = calendar_for(
                frozenset(days.values_list("date", flat=True))
            )
        try:
            record.target_on = record_target(
                calendars[record.landlord_id], record.received_on, DEFAULT_TARGET_DAYS
            )
        except CalendarRangeError:
            continue
        fields = ["target_on"]
        if record.state == "resolved" and record.responded_on is None:
            resolved = (
                Event.objects.filter(complaint_id=record.pk, kind="resolved")
                .order_by("-id")
                .first()
            )
            if resolved is not None:
                record.responded_on = resolved.occurred_on
                record.response = resolved.summary.removeprefix("Resolved: ")
                fields += ["responded_on", "response"]
        record.save(update_fields=fields)


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0016_service_requests_as_work"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
