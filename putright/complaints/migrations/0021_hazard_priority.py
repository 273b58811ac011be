"""The safety words' triage priority kept on each record (``Complaint.hazard_priority``,
with the version of the words it was worked out by, ``hazard_words``), so the work queue
filters, counts and sorts by it in the database.

The columns come with their database defaults (3, nothing found; 0, not yet worked out),
then every record's priority is worked out from its description by
``complaints.reflag.reflag``: in batches in the order of the ids, so a million records
never sit in memory, on SQLite and on PostgreSQL alike (in the migration's one
transaction), and the index is built after."""

from django.conf import settings
from django.db import migrations, models


def fill(apps, schema_editor):
    from putright.complaints.reflag import reflag

    reflag(apps.get_model("complaints", "Complaint"), atomic_batches=False)


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0020_description_trigram_index"),
        ("landlords", "0016_exceptional_circumstances_email"),
        ("residents", "0008_alter_adjustmentrequest_kind_and_more"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="complaint",
            name="hazard_priority",
            field=models.PositiveSmallIntegerField(db_default=3, default=3),
        ),
        migrations.AddField(
            model_name="complaint",
            name="hazard_words",
            field=models.PositiveSmallIntegerField(db_default=0, default=0),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                fields=["landlord", "hazard_priority"], name="complaints__landlor_82ae4a_idx"
            ),
        ),
    ]
