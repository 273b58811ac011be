# Issue 12, items 1 and 2: the clock runs from receipt; an extension cannot rescue a late
# response. Reviewed by hand: the data steps are below the schema steps.

from django.db import migrations, models

from putright.rules.calendar import calendar_for
from putright.rules.timescales import acknowledgement_due, due_after_extensions


def _calendars(apps):
    """Each landlord's working-day calendar, built from its closure days as they are now."""
    ClosureDay = apps.get_model("landlords", "ClosureDay")
    days: dict[int, set] = {}
    for landlord_id, day in ClosureDay.objects.values_list("landlord_id", "date"):
        days.setdefault(landlord_id, set()).add(day)
    cache: dict[int, object] = {}

    def calendar(landlord_id: int):
        if landlord_id not in cache:
            cache[landlord_id] = calendar_for(frozenset(days.get(landlord_id, ())))
        return cache[landlord_id]

    return calendar


def forwards(apps, schema_editor):
    """Extensions recorded in Putright were agreed on the day they were decided; a stage
    whose extension came after the response was due is no longer extended by it (its
    response due date, and its record's next deadline when it is the open stage, put
    back); and a complaint waiting for triage has its acknowledgement deadline, 5 working
    days after it was received (Code 6.2)."""
    Extension = apps.get_model("complaints", "Extension")
    Stage = apps.get_model("complaints", "Stage")
    Complaint = apps.get_model("complaints", "Complaint")
    calendar = _calendars(apps)

    Extension.objects.filter(decided_on__isnull=False, agreed_on__isnull=True).update(
        agreed_on=models.F("decided_on")
    )
    late_stages = set(
        Extension.objects.filter(agreed_on__gt=models.F("previous_due")).values_list(
            "stage_id", flat=True
        )
    )
    for stage in Stage.objects.filter(pk__in=late_stages).select_related("complaint"):
        terms = list(
            Extension.objects.filter(stage=stage)
            .order_by("id")
            .values_list("working_days", "agreed_on")
        )
        due = due_after_extensions(calendar(stage.landlord_id), stage.response_due, terms)
        if due == stage.response_due_extended:
            continue
        stage.response_due_extended = due
        stage.save(update_fields=["response_due_extended"])
        complaint = stage.complaint
        is_open = complaint.state in ("stage1", "stage2") and stage.status == "acknowledged"
        latest = not Stage.objects.filter(complaint=complaint, number__gt=stage.number).exists()
        if is_open and latest:
            Complaint.objects.filter(pk=complaint.pk).update(next_due_on=due)

    untriaged = Complaint.objects.filter(state="received", next_due_on__isnull=True)
    for pk, landlord_id, received_on in untriaged.values_list("pk", "landlord_id", "received_on"):
        due = acknowledgement_due(calendar(landlord_id), received_on)
        Complaint.objects.filter(pk=pk).update(next_due_on=due)


def backwards(apps, schema_editor):
    """Waiting for triage showed no deadline before; the extensions' dates go with the
    column. (Stages put back are left as they are: they follow the counting rules.)"""
    Complaint = apps.get_model("complaints", "Complaint")
    Complaint.objects.filter(state="received").update(next_due_on=None)


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0008_contacts_reclassified_repairs_told"),
        ("landlords", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="extension",
            name="agreed_on",
            field=models.DateField(
                blank=True,
                help_text=(
                    "When the extension was agreed: it counts only if on or before the due "
                    "date it extends (previous_due). Empty when imported from a register that "
                    "did not say, which counts it as agreed in time."
                ),
                null=True,
            ),
        ),
        migrations.AlterField(
            model_name="extension",
            name="ombudsman_details_given",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Code 6.5 / 6.16: true once the extension letter, which carries the "
                    "Housing Ombudsman's contact details, is issued."
                ),
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
