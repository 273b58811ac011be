"""On PostgreSQL, every query of the annual report and of the staff work queue can be
served by an index where it reads the large tables (issue 16, item 1).

The tables here are small, so the planner would rightly read them whole; with
``enable_seqscan`` off it still does so only where no index can serve the query. So a
sequential scan of a large table in these plans is a query that would read the whole
table at a million records: a missing index, or a condition no index can serve."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from putright.complaints.models import Complaint
from putright.landlords.models import HomesCount
from putright.registers.generate import generate_rows, write_register
from putright.registers.importer import register_import
from putright.registers.validate import parse_register
from putright.reports.exports import annual_export
from putright.staff import selectors
from tests import factories
from tests.staff import people

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db,
]

#: The tables that grow with the record: a million complaints, more stages and events.
LARGE = {
    "complaints_complaint",
    "complaints_stage",
    "complaints_event",
    "complaints_extension",
    "complaints_remedy",
    "residents_equalitydata",
}
ON = dt.date(2025, 6, 30)


def seq_scans(plan: dict[str, Any]) -> list[str]:
    """The large tables read whole anywhere in an EXPLAIN (FORMAT JSON) plan."""
    found = []
    if plan.get("Node Type") == "Seq Scan" and plan.get("Relation Name") in LARGE:
        found.append(plan["Relation Name"])
    for child in plan.get("Plans", ()):
        found += seq_scans(child)
    return found


def whole_table_reads(statements: list[str]) -> list[tuple[list[str], str]]:
    problems = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for sql in statements:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
            (plan,) = cursor.fetchone()
            plan = json.loads(plan) if isinstance(plan, str) else plan
            scans = seq_scans(plan[0]["Plan"])
            if scans:
                problems.append((scans, sql[:400]))
        cursor.execute("SET LOCAL enable_seqscan = on")
    return problems


def reads(queries: CaptureQueriesContext) -> list[str]:
    return [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("SELECT", "WITH"))
    ]


@pytest.fixture
def landlord():
    landlord = factories.landlord()
    HomesCount.objects.create(landlord=landlord, year=2024, lcra=9_000, lcho=500)
    out = io.StringIO(newline="")
    write_register(out, generate_rows(400, today=ON, seed=3, prefix=landlord.reference_prefix))
    parsed = parse_register(io.BytesIO(out.getvalue().encode("utf-8")), today=ON)
    register_import(landlord=landlord, rows=parsed.rows)
    other = factories.landlord()  # another landlord's records, which no query should read
    write_register(out := io.StringIO(newline=""), generate_rows(50, today=ON, seed=4))
    register_import(
        landlord=other,
        rows=parse_register(io.BytesIO(out.getvalue().encode("utf-8")), today=ON).rows,
    )
    assert Complaint.objects.filter(landlord=landlord).count() == 400
    return landlord


def test_the_annual_report_reads_no_large_table_whole(landlord):
    with CaptureQueriesContext(connection) as queries:
        annual_export(landlord, 2024, "json", on=ON)
    statements = reads(queries)
    assert len(statements) > 20
    assert whole_table_reads(statements) == []


@pytest.mark.parametrize("too_many_to_count", [False, True])
def test_the_work_queue_reads_no_large_table_whole(landlord, monkeypatch, too_many_to_count):
    if too_many_to_count:  # left to the database, as for a search over years of records
        monkeypatch.setattr(selectors, "FACET_LIMIT", 1)
    client = people.signed_in(people.staff(landlord))
    with CaptureQueriesContext(connection) as queries:
        for page in (
            "/staff/",
            "/staff/?state=closed",
            "/staff/?q=damp",
            # The safety words by the priority each record keeps (complaints 0021).
            "/staff/?state=any&safety=on",
            "/staff/?safety=on",
            "/staff/?state=received",
            "/staff/?q=damp&state=any&safety=on",
        ):
            assert client.get(page).status_code == 200
    statements = reads(queries)
    assert any("complaints_complaint" in sql for sql in statements)
    assert whole_table_reads(statements) == []


def test_the_check_finds_a_large_table_read_whole_where_no_index_serves(landlord):
    unindexed = "SELECT count(*) FROM complaints_complaint WHERE description LIKE '%damp%'"
    indexed = f"SELECT count(*) FROM complaints_complaint WHERE landlord_id = {landlord.pk}"
    assert whole_table_reads([unindexed, indexed]) == [(["complaints_complaint"], unindexed)]


def _words_query(landlord, q: str) -> str:
    with connection.cursor() as cursor:  # statistics, as autovacuum keeps them
        cursor.execute("ANALYZE complaints_complaint")
    with CaptureQueriesContext(connection) as queries:
        selectors.search(q, landlord)
    words = [sql for sql in reads(queries) if '"complaints_complaint"."description"' in sql]
    assert len(words) == 1
    return words[0]


def _plan(sql: str) -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        (plan,) = cursor.fetchone()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return plan[0]["Plan"]


def _estimated_rows(plan: dict[str, Any], relation: str) -> float:
    """The planner's estimate of the rows a scan of ``relation`` gives, in the plan."""
    if plan.get("Relation Name") == relation:
        return plan["Plan Rows"]
    return max((_estimated_rows(p, relation) for p in plan.get("Plans", ())), default=0)


def test_a_search_for_words_is_planned_knowing_how_many_records_hold_them(landlord):
    """The staff search's words (``selectors.search``, as the load test's search journey
    types one) are compared as ``UPPER(description)``, whose trigram index (complaints
    migration 0020) makes ``ANALYZE`` keep statistics of it: the planner's estimate of how
    many of the landlord's records hold a common word is near the truth (without them it
    guesses 0.5% and reads every record to sort the few it expects). The landlord is
    compared as it is, not as "landlord_id + 0" (SQLite's way), which would hide its share
    of the rows from the planner."""
    counts = Counter(
        word
        for text in Complaint.objects.filter(landlord=landlord).values_list(
            "description", flat=True
        )
        for word in {w.strip(".,").lower() for w in text.split()}
        if len(word) >= 6 and word.isalpha()
    )
    word, holding = counts.most_common(1)[0]
    assert holding >= 40  # a common word: a tenth of the records or more
    sql = _words_query(landlord, word)
    assert '"landlord_id" + 0' not in sql
    assert f'"landlord_id" = {landlord.pk}' in sql
    estimate = _estimated_rows(_plan(sql), "complaints_complaint")
    assert holding / 2 <= estimate <= holding * 2, (word, holding, estimate)


def test_a_search_for_words_reads_no_large_table_whole(landlord):
    sql = _words_query(landlord, "asbestos ceiling")
    assert whole_table_reads([sql]) == []


def test_the_queue_counts_records_by_state_from_the_index_alone(landlord):
    """The status filter's counts need no column the ``(landlord, state)`` index does not
    hold, so PostgreSQL can answer them with an index-only scan, reading no row: at the
    largest landlord of the national data set 8 ms, against 19 for ``COUNT(id)``, which
    reads each row for its id (docs/performance.md). Checked on the columns the plan reads
    from the table, which do not depend on whether these few rows were vacuumed yet."""
    client = people.signed_in(people.staff(landlord))
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/staff/").status_code == 200
    (counting,) = [
        sql for sql in reads(queries) if "GROUP BY" in sql and "COUNT(" in sql and "state" in sql
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (VERBOSE, FORMAT JSON) {counting}")
        (plan,) = cursor.fetchone()
    plan = json.loads(plan) if isinstance(plan, str) else plan

    def read_from_table(node: dict[str, Any]) -> set[str]:
        columns = set()
        if node.get("Relation Name") == "complaints_complaint":
            columns |= {c.rsplit(".", 1)[-1] for c in node.get("Output", ())}
        for child in node.get("Plans", ()):
            columns |= read_from_table(child)
        return columns

    assert read_from_table(plan[0]["Plan"]) <= {"landlord_id", "state"}, counting
