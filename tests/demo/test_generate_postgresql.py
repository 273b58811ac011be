"""`putright generate` on PostgreSQL: into an empty database it loads the bulk tables
without their foreign keys and plain indexes and puts them back exactly as they were
(``putright.complaints.bulk.tables_bare_while_loading``); a broken row is still refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from putright.complaints.bulk import schema_snapshot, tables_bare_while_loading
from putright.complaints.models import Complaint, Stage
from putright.demo.national import BARE_MODELS, Shape, generate
from putright.landlords.models import Landlord
from putright.residents.models import Resident

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db]

TABLES = [model._meta.db_table for model in BARE_MODELS]
SMALL = Shape(landlords=2, homes=600, years=1, seed=3, end=dt.date(2026, 3, 31))


def _statements(captured: CaptureQueriesContext, start: str) -> list[str]:
    return [query["sql"] for query in captured.captured_queries if query["sql"].startswith(start)]


def test_generate_leaves_the_schema_exactly_as_it_found_it():
    before = schema_snapshot(TABLES)
    foreign_keys = [row for row in before if "FOREIGN KEY" in row[3]]
    plain = [row for row in before if row[0] == "index" and "UNIQUE" not in row[3]]
    assert len(foreign_keys) >= 10 and len(plain) >= 10

    with CaptureQueriesContext(connection) as captured:
        result = generate(SMALL)

    assert result.records == Complaint.objects.count() > 0
    assert schema_snapshot(TABLES) == before
    assert len(_statements(captured, "DROP INDEX")) == len(plain)
    assert len(_statements(captured, "CREATE INDEX")) == len(plain)
    validated = _statements(captured, "ALTER TABLE")
    assert sum("VALIDATE CONSTRAINT" in sql for sql in validated) == len(foreign_keys)
    # Written with the rows, not by a second pass: no UPDATE of the records or stages.
    assert not [sql for sql in _statements(captured, "UPDATE") if "complaints_" in sql]
    assert not Complaint.objects.filter(resident__isnull=True).exists()
    assert not Stage.objects.filter(contractor__isnull=True, handler__isnull=True).exists()


def test_a_row_breaking_a_foreign_key_is_refused_and_the_schema_is_put_back():
    before = schema_snapshot(TABLES)
    landlord = Landlord.objects.create(name="Bare", slug="bare")

    with (
        pytest.raises(IntegrityError, match="residents_resident"),
        tables_bare_while_loading(TABLES),
    ):
        Resident.objects.create(landlord_id=landlord.pk + 1_000, name="Nobody")

    assert schema_snapshot(TABLES) == before
    assert not Resident.objects.exists()


def test_a_database_with_landlords_keeps_its_schema_while_generating():
    Landlord.objects.create(name="Already here", slug="already-here")

    with CaptureQueriesContext(connection) as captured:
        generate(SMALL)

    assert not _statements(captured, "DROP")
    assert not _statements(captured, "ALTER TABLE")
    assert Landlord.objects.filter(slug__startswith="gen-").count() == 2


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_tables_are_vacuumed_as_well_as_analysed():
    # What `putright generate` leaves (it runs in autocommit): autovacuum has nothing left
    # to do on them as people start working, and the visibility map is set.
    with CaptureQueriesContext(connection) as captured:
        generate(Shape(landlords=1, homes=200, years=1, seed=3, end=dt.date(2026, 3, 31)))

    (vacuum,) = _statements(captured, "VACUUM (ANALYZE)")
    assert '"complaints_complaint"' in vacuum and '"complaints_event"' in vacuum
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables "
            "WHERE relname = 'complaints_complaint'"
        )
        assert cursor.fetchone() == (True,)


def test_inside_a_transaction_they_are_analysed_only():
    with CaptureQueriesContext(connection) as captured:
        generate(SMALL)

    assert not _statements(captured, "VACUUM")
    assert len(_statements(captured, "ANALYZE")) == 1
