# The access log moves from the staff app to web, below both the staff workspace and the
# API that write it. Only Django's record of which app owns the model changes: the table
# (staff_caseread), its rows and its indexes stay as they are.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("complaints", "0004_next_due_on"),
        ("landlords", "0001_initial"),
        ("staff", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CaseRead",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "role",
                            models.CharField(
                                help_text="The reader's role when they read it.", max_length=30
                            ),
                        ),
                        (
                            "what",
                            models.CharField(
                                choices=[
                                    ("case", "Case page"),
                                    ("letter", "Issued letter"),
                                    ("attachment", "Attachment"),
                                    ("letter_draft", "Letter draft"),
                                ],
                                default="case",
                                max_length=20,
                            ),
                        ),
                        ("read_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "complaint",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="reads",
                                to="complaints.complaint",
                            ),
                        ),
                        (
                            "landlord",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="landlords.landlord",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "staff_caseread",
                        "ordering": ["-read_at", "-id"],
                        "indexes": [
                            models.Index(
                                fields=["complaint", "-read_at"],
                                name="staff_caser_complai_c8e7c1_idx",
                            ),
                            models.Index(
                                fields=["landlord", "-read_at"],
                                name="staff_caser_landlor_50ec22_idx",
                            ),
                            models.Index(
                                fields=["user", "-read_at"], name="staff_caser_user_id_f9f5dd_idx"
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
