"""AdjustmentRequest, moved from the portal (portal 0002 renamed its table): the support a
resident or their representative asked for online (Code 5.10), for staff to agree. Only
Django's record of the models changes here; the table and its rows are as they were."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0007_stage_handler_status_index"),
        ("landlords", "0001_initial"),
        ("portal", "0002_adjustmentrequest_to_residents"),
        ("residents", "0003_postcodes_in_one_form"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AdjustmentRequest",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(choices=[("large_print", "Large print"), ("easy_read", "Easy read"), ("phone_not_letters", "Phone calls instead of letters"), ("interpreter", "Interpreter"), ("bsl", "British Sign Language"), ("support_person", "Someone to help"), ("other", "Other")], max_length=30)),
                        ("details", models.TextField(blank=True, help_text="The language, or the request in their words.")),
                        ("requested_on", models.DateField()),
                        ("requested_by", models.CharField(choices=[("resident", "The resident"), ("representative", "Their representative")], max_length=20)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("agreed_as", models.ForeignKey(blank=True, help_text="The reasonable adjustment staff agreed, once they have.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="residents.reasonableadjustment")),
                        ("complaint", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="adjustment_requests", to="complaints.complaint")),
                        ("event", models.ForeignKey(blank=True, help_text="The timeline entry that told staff about the request.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="complaints.event")),
                        ("landlord", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="landlords.landlord")),
                        ("resident", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="adjustment_requests", to="residents.resident")),
                    ],
                    options={
                        "ordering": ["complaint", "created_at", "id"],
                        "indexes": [models.Index(fields=["landlord", "requested_on"], name="residents_a_landlor_6e1afc_idx")],
                    },
                ),
            ],
        ),
    ]
