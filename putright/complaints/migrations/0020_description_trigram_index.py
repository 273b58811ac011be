"""The staff search's words (``staff.selectors.search``) on PostgreSQL: a trigram index of
the description as the search compares it (``UPPER(description)``, Django's ``icontains``).

It serves a word few records hold (the index finds them), and, as an index on an expression,
makes ``ANALYZE`` keep statistics of that expression, so the planner knows how many records
a word is in: for a common word it reads the table backwards by id and stops at the search's
limit, instead of reading every record and sorting the matches. pg_trgm is a trusted
extension (PostgreSQL 13 and later): the database's owner may create it. SQLite has neither;
there the migration does nothing."""

from django.db import migrations

INDEX = "complaint_description_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON complaints_complaint "
        "USING gin (UPPER(description) gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0019_format_met_event_kind'),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
