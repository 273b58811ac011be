# The access log (CaseRead) now belongs to the web app (web.0001_caseread), which keeps its
# table. Only Django's record of the model leaves the staff app; no table is dropped.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_initial"),
        ("web", "0001_caseread"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CaseRead")],
            database_operations=[],
        ),
    ]
