"""The support a person asks for online is the resident's record: AdjustmentRequest moves to
the residents app (residents 0004 takes it over). Its rows stay; the table and its index
take the residents app's names."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RenameIndex(
                    model_name="adjustmentrequest",
                    new_name="residents_a_landlor_6e1afc_idx",
                    old_name="portal_adju_landlor_5fc31c_idx",
                ),
                migrations.AlterModelTable(
                    name="adjustmentrequest", table="residents_adjustmentrequest"
                ),
            ],
            state_operations=[migrations.DeleteModel(name="AdjustmentRequest")],
        ),
    ]
