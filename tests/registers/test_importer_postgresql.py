"""The register import on PostgreSQL: COPY into staging tables and set-based inserts
(putright.complaints.bulk), writing exactly what the SQLite path writes, all or nothing."""

from __future__ import annotations

import csv
import io
import threading
from typing import Any

import pytest
from django.db import IntegrityError, OperationalError, connection, models, transaction
from django.test.utils import CaptureQueriesContext

from putright.complaints import bulk, timeline
from putright.complaints.models import Complaint, Event, Extension, Remedy, Stage
from putright.landlords.models import Landlord
from putright.registers import importer
from putright.registers.generate import generate_rows, write_register
from putright.registers.importer import ImportRefused, register_import
from putright.residents.models import EqualityData
from tests import factories
from tests.registers.support import TODAY, parse, table_counts

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db,
]

#: Never compared: ids, the landlord itself, and when the rows were written.
_SKIPPED = {"id", "landlord", "created_at", "updated_at", "recorded_at"}


def register(count: int = 240, *, seed: int = 7) -> bytes:
    out = io.StringIO(newline="")
    write_register(out, generate_rows(count, today=TODAY, seed=seed))
    return out.getvalue().encode("utf-8")


def changed(data: bytes) -> bytes:
    """The same register with every third record's description and age band changed, and
    every third service request's or member enquiry's response taken away or given."""
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    for n, row in enumerate(rows):
        if n % 3 == 0:
            row["description"] = f"Changed on the second import ({n})"
            row["age_band"] = "31_50" if row["age_band"] != "31_50" else "51_65"
            if row["kind"] in ("service_request", "member_enquiry"):
                answered = row["record_responded_date"]
                row["record_responded_date"] = "" if answered else row["received_date"]
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def lookups(model: type[models.Model], through: str = "") -> list[str]:
    """A model's columns as values() lookups, with relations by something other than an id
    (a complaint by reference, a named list by name), so two landlords compare."""
    found = []
    for field in model._meta.concrete_fields:
        if field.name in _SKIPPED:
            continue
        related = field.related_model
        if related is None:
            found.append(through + field.name)
        elif related is Complaint:
            found.append(f"{through}{field.name}__reference")
        elif related is Stage:
            found += [
                f"{through}{field.name}__complaint__reference",
                f"{through}{field.name}__number",
            ]
        elif isinstance(related, type):
            names = {f.name for f in related._meta.fields}
            key = "name" if "name" in names else "code" if "code" in names else "pk"
            found.append(f"{through}{field.name}__{key}")
    return found


def snapshot(landlord: Landlord) -> dict[str, list[tuple[Any, ...]]]:
    """Every row an import writes for ``landlord``, in a stable order, without ids."""
    tables: dict[str, tuple[type[models.Model], str, tuple[str, ...]]] = {
        "complaints": (Complaint, "landlord", ("reference",)),
        "stages": (Stage, "landlord", ("complaint__reference", "number")),
        "events": (Event, "landlord", ("complaint__reference", "id")),
        "extensions": (Extension, "stage__landlord", ("stage__complaint__reference", "id")),
        "remedies": (Remedy, "stage__landlord", ("stage__complaint__reference", "id")),
        "equality": (EqualityData, "complaint__landlord", ("complaint__reference",)),
    }
    return {
        name: list(
            model._default_manager.filter(**{scope: landlord})
            .order_by(*order)
            .values_list(*lookups(model))
        )
        for name, (model, scope, order) in tables.items()
    }


def import_bytes(landlord: Landlord, data: bytes) -> importer.ImportSummary:
    parsed = parse(data)
    assert parsed.errors == [], [str(e) for e in parsed.errors[:3]]
    return register_import(landlord=landlord, rows=parsed.rows, source="register.csv")


def without_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Take the path SQLite takes (one prepared statement per table, executemany)."""
    monkeypatch.setattr(bulk, "copy_available", lambda: False)
    monkeypatch.setattr(timeline, "copy_available", lambda: False)


def test_copy_and_the_sqlite_path_write_the_same_records_stages_and_timeline(monkeypatch):
    data = register()
    by_copy, by_statement = factories.landlord(), factories.landlord()
    monkeypatch.setattr(importer, "CHUNK_SIZE", 100)  # several chunks, as at volume

    first = import_bytes(by_copy, data)
    second = import_bytes(by_copy, changed(data))
    with monkeypatch.context() as patched:
        without_copy(patched)
        assert import_bytes(by_statement, data) == first
        assert import_bytes(by_statement, changed(data)) == second

    assert (first.created, second.updated) == (240, 80)
    copied, stated = snapshot(by_copy), snapshot(by_statement)
    assert {name: len(rows) for name, rows in copied.items()} == {
        name: len(rows) for name, rows in stated.items()
    }
    assert len(copied["events"]) == 320  # one per record, and one per changed record
    assert copied["extensions"] and copied["remedies"] and copied["equality"]
    # Service requests and member enquiries with their responses, targets and members.
    names = lookups(Complaint)
    rows = [dict(zip(names, values, strict=True)) for values in copied["complaints"]]
    records = [r for r in rows if r["kind"] != "complaint"]
    assert {r["state"] for r in records} == {"open", "resolved"}
    assert all(r["target_on"] is not None for r in records)
    assert any(r["member_role"] for r in records)
    assert copied == stated
    versions = set(Complaint.objects.filter(landlord=by_copy).values_list("version", flat=True))
    assert versions == {1, 2}


def test_the_rows_go_in_by_one_copy_per_table_and_chunk_straight_into_the_table():
    landlord = factories.landlord()
    parsed = parse(register(120))
    with CaptureQueriesContext(connection) as queries:
        register_import(landlord=landlord, rows=parsed.rows)
    statements = [query["sql"] for query in queries.captured_queries]
    for table in ("complaints_complaint", "complaints_stage", "complaints_event"):
        copies = [s for s in statements if s.startswith(f'COPY "{table}" (')]
        assert len(copies) == 1, (table, copies)
        assert not [s for s in statements if s.startswith(f'INSERT INTO "{table}"')]
    assert not [s for s in statements if "putright_staging_" in s]
    assert Complaint.objects.filter(landlord=landlord).count() == 120
    assert Event.objects.filter(landlord=landlord).count() == 120


def test_a_row_the_database_refuses_in_a_copy_is_djangos_integrity_error_and_leaves_nothing():
    landlord = factories.landlord()
    before = table_counts()
    with pytest.raises(IntegrityError, match="complaints_complaint"), transaction.atomic():
        bulk.rows_insert(
            "complaints_complaint",
            ["landlord_id", "reference"],
            [(landlord.pk + 1000, "NO-SUCH-LANDLORD")],
        )
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert table_counts() == before


def register_with_an_unknown_sub_cause_in_row_46() -> str:
    """60 generated rows, the 46th naming a sub-cause the landlord does not have: the file
    reads well, and the import refuses it only when it reaches that row."""
    rows = list(csv.DictReader(io.StringIO(register(60).decode("utf-8"), newline="")))
    rows[45]["sub_cause"] = "NOSUCH"
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_a_refused_row_after_chunks_were_copied_leaves_nothing_and_names_the_row(monkeypatch):
    landlord = factories.landlord()
    monkeypatch.setattr(importer, "CHUNK_SIZE", 20)
    parsed = parse(register_with_an_unknown_sub_cause_in_row_46())
    assert parsed.errors == []
    before = table_counts()

    with pytest.raises(ImportRefused) as refused:
        register_import(landlord=landlord, rows=parsed.rows)

    line = parsed.rows[45].line  # the file's line: a description may run over several
    assert line > 46
    assert [str(error) for error in refused.value.errors] == [
        f"line {line}, column sub_cause: 'NOSUCH' is not one of the landlord's sub-causes; "
        "use one of: none yet"
    ]
    assert table_counts() == before


def test_a_reference_twice_fails_part_way_and_writes_nothing(monkeypatch):
    landlord = factories.landlord()
    monkeypatch.setattr(importer, "CHUNK_SIZE", 10)
    rows = parse(register(30)).rows
    rows.append(rows[3])
    before = table_counts()
    with pytest.raises(ValueError, match=f"reference {rows[3].reference} appears twice"):
        register_import(landlord=landlord, rows=rows)
    assert table_counts() == before


def test_a_large_import_leaves_the_planner_statistics_up_to_date(monkeypatch):
    """Reports read straight after a large import are planned for the tables' new size."""
    monkeypatch.setattr(importer, "ANALYZE_AFTER", 50)
    landlord = factories.landlord()
    import_bytes(landlord, register(60))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relname IN "
            "('complaints_complaint', 'complaints_event')"
        )
        estimated = dict(cursor.fetchall())
    assert estimated == {
        "complaints_complaint": Complaint.objects.count(),
        "complaints_event": Event.objects.count(),
    }


# An exclusive import (putright import-register --exclusive) ------------------------------

WRITTEN_TABLES = [model._meta.db_table for model in importer.WRITTEN_MODELS]


def table_rows() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table an import writes, ids and all, in id order."""
    with connection.cursor() as cursor:
        found = {}
        for table in WRITTEN_TABLES:
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')
            found[table] = cursor.fetchall()
    return found


def test_an_exclusive_import_writes_what_a_normal_one_writes_and_puts_the_schema_back(
    monkeypatch,
):
    data = register()
    monkeypatch.setattr(importer, "CHUNK_SIZE", 100)
    import_bytes(factories.landlord(), register(30, seed=3))  # the database is not empty
    normal, exclusive = factories.landlord(), factories.landlord()
    schema = bulk.schema_snapshot(WRITTEN_TABLES)
    assert [row for row in schema if "FOREIGN KEY" in row[3]]
    assert [row for row in schema if row[0] == "index" and "UNIQUE" not in row[3]]

    first = import_bytes(normal, data)
    second = import_bytes(normal, changed(data))
    with CaptureQueriesContext(connection) as queries:
        parsed = parse(data)
        assert (
            register_import(
                landlord=exclusive, rows=parsed.rows, source="register.csv", exclusive=True
            )
            == first
        )
    parsed = parse(changed(data))
    assert (
        register_import(landlord=exclusive, rows=parsed.rows, source="register.csv", exclusive=True)
        == second
    )

    statements = [query["sql"] for query in queries.captured_queries]
    locks = [s for s in statements if s.startswith("LOCK TABLE")]
    assert len(locks) == 1 and "IN ACCESS EXCLUSIVE MODE" in locks[0]
    assert all(f'"{table}"' in locks[0] for table in WRITTEN_TABLES)
    # Locked before anything is read or written; the foreign keys dropped and validated.
    assert statements.index(locks[0]) < min(
        i for i, s in enumerate(statements) if s.startswith(("SELECT", "COPY"))
    )
    assert any(s.startswith("ALTER TABLE") and "DROP CONSTRAINT" in s for s in statements)
    assert any("VALIDATE CONSTRAINT" in s for s in statements)
    assert bulk.schema_snapshot(WRITTEN_TABLES) == schema
    assert snapshot(exclusive) == snapshot(normal)
    assert len(snapshot(exclusive)["events"]) == 320


def test_a_refused_exclusive_import_leaves_the_schema_and_the_data_as_they_were(monkeypatch):
    import_bytes(factories.landlord(), register(30, seed=3))
    landlord = factories.landlord()
    monkeypatch.setattr(importer, "CHUNK_SIZE", 20)
    parsed = parse(register_with_an_unknown_sub_cause_in_row_46())
    schema, data, counts = bulk.schema_snapshot(WRITTEN_TABLES), table_rows(), table_counts()

    with pytest.raises(ImportRefused) as refused:
        register_import(landlord=landlord, rows=parsed.rows, exclusive=True)

    assert [error.column for error in refused.value.errors] == ["sub_cause"]
    assert bulk.schema_snapshot(WRITTEN_TABLES) == schema
    assert table_rows() == data
    assert table_counts() == counts


@pytest.mark.django_db(transaction=True)
def test_while_an_exclusive_import_writes_another_session_waits_then_sees_all_of_it(
    monkeypatch,
):
    """The lock is real: another session's read of the complaints waits (here it gives up
    after its lock_timeout) while the import is part way, and afterwards finds every row."""
    landlord = factories.landlord()
    parsed = parse(register(40))
    monkeypatch.setattr(importer, "CHUNK_SIZE", 10)
    part_way, go_on = threading.Event(), threading.Event()
    add = importer._Import.add

    def add_then_pause(self: Any, chunk: list[Any]) -> None:
        add(self, chunk)
        if not part_way.is_set():
            part_way.set()
            go_on.wait(timeout=60)

    monkeypatch.setattr(importer._Import, "add", add_then_pause)
    failures: list[BaseException] = []

    def run() -> None:
        try:
            mine = Landlord.objects.get(pk=landlord.pk)
            register_import(landlord=mine, rows=parsed.rows, exclusive=True)
        except BaseException as failure:  # reported below, in the test's own thread
            failures.append(failure)
        finally:
            connection.close()

    importing = threading.Thread(target=run)
    importing.start()
    try:
        assert part_way.wait(timeout=60)
        with connection.cursor() as cursor:  # this thread's own session
            cursor.execute("SET lock_timeout = '300ms'")
            try:
                with pytest.raises(OperationalError, match="lock timeout"):
                    cursor.execute("SELECT count(*) FROM complaints_complaint")
            finally:
                cursor.execute("SET lock_timeout = 0")
    finally:
        go_on.set()
        importing.join(timeout=120)
    assert failures == []
    assert Complaint.objects.filter(landlord=landlord).count() == 40
