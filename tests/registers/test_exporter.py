"""Exporting the register (register-csv.md, "Export"): columns and their order, money,
the computed due dates, the financial year, and queries that do not grow per record."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from putright.complaints import services
from putright.complaints.models import Complaint
from putright.registers.columns import COLUMN_NAMES, COMPUTED_COLUMNS
from putright.residents.models import EqualityData, Resident
from tests import factories
from tests.registers.support import export_text, exported_rows, import_dicts, rows_of

pytestmark = pytest.mark.django_db

# domain.md §3: received Good Friday 29 March 2024; Easter Monday follows.
EASTER = {
    "reference": "R-1",
    "received_date": "2024-03-29",
    "s1_acknowledged_date": "2024-04-03",
    "s1_extension_working_days": "5",
    "s1_responded_date": "2024-04-25",
    "s1_outcome": "upheld",
    "s1_compensation_gbp": "1250",
    "escalation_requested_date": "2024-05-01",
    "s2_acknowledged_date": "2024-05-13",
    "s2_responded_date": "2024-06-06",
    "s2_outcome": "not_upheld",
    "s2_compensation_gbp": "41.5",
}


def test_every_column_in_the_documented_order_then_the_computed_columns():
    landlord = factories.landlord()
    import_dicts(landlord, EASTER)
    header = export_text(landlord).split("\r\n")[0].split(",")
    assert header == [*COLUMN_NAMES, *COMPUTED_COLUMNS]
    assert COMPUTED_COLUMNS == (
        "s1_acknowledgement_due",
        "s1_response_due",
        "s1_response_due_extended",
        "s1_responded_on_time",
        "s2_acknowledgement_due",
        "s2_response_due",
        "s2_response_due_extended",
        "s2_responded_on_time",
    )


def test_money_always_has_two_decimals():
    landlord = factories.landlord()
    import_dicts(landlord, EASTER)
    (record,) = exported_rows(landlord)
    assert (record["s1_compensation_gbp"], record["s2_compensation_gbp"]) == ("1250.00", "41.50")


def test_the_computed_columns_show_the_arithmetic():
    landlord = factories.landlord()
    import_dicts(landlord, EASTER)
    (record,) = exported_rows(landlord)
    computed = {name: record[name] for name in COMPUTED_COLUMNS}
    assert computed == {
        # 5 working days after Good Friday: 2, 3, 4, 5, 8 April.
        "s1_acknowledgement_due": "2024-04-08",
        # Acknowledged early on 3 April: 10 working days after that.
        "s1_response_due": "2024-04-17",
        "s1_response_due_extended": "2024-04-24",
        "s1_responded_on_time": "no",  # 25 April, a day after the extended due date
        # 5 working days after 1 May, with the Early May bank holiday on the 6th.
        "s2_acknowledgement_due": "2024-05-09",
        # Acknowledged late on 13 May: a late acknowledgement never buys time, so 20 working
        # days from 9 May, past the Spring bank holiday on 27 May.
        "s2_response_due": "2024-06-07",
        "s2_response_due_extended": "2024-06-07",
        "s2_responded_on_time": "yes",
    }


def test_computed_columns_are_empty_where_nothing_was_due_or_nothing_was_sent():
    landlord = factories.landlord()
    import_dicts(
        landlord,
        {"reference": "R-1", "received_date": "2024-05-01"},
        {"reference": "R-2", "received_date": "2024-05-01", "not_accepted_reason": "duplicate"},
        {"reference": "R-3", "received_date": "2024-05-01", "kind": "service_request"},
    )
    open_stage, not_accepted, service_request = exported_rows(landlord)
    assert open_stage["s1_response_due"] == "2024-05-23"
    assert open_stage["s1_responded_on_time"] == ""
    assert open_stage["s2_acknowledgement_due"] == ""
    assert all(not_accepted[name] == "" for name in COMPUTED_COLUMNS)
    assert all(service_request[name] == "" for name in COMPUTED_COLUMNS)


def test_text_that_needs_quoting_is_quoted_and_lines_end_crlf():
    landlord = factories.landlord()
    import_dicts(
        landlord,
        {
            "reference": "R-1",
            "received_date": "2024-05-01",
            "description": 'Says "no", twice\nreally',
        },
    )
    text = export_text(landlord)
    assert '"Says ""no"", twice\nreally"' in text
    assert text.endswith("\r\n")
    assert exported_rows(landlord)[0]["description"] == 'Says "no", twice\nreally'


def test_year_keeps_the_records_received_in_that_financial_year():
    landlord = factories.landlord()
    import_dicts(
        landlord,
        {"reference": "MAR", "received_date": "2024-03-31"},
        {"reference": "APR", "received_date": "2024-04-01"},
        {"reference": "NEXT-MAR", "received_date": "2025-03-31"},
        {"reference": "NEXT-APR", "received_date": "2025-04-01"},
    )
    assert [r["reference"] for r in exported_rows(landlord, year=2023)] == ["MAR"]
    assert [r["reference"] for r in exported_rows(landlord, year=2024)] == ["APR", "NEXT-MAR"]
    assert len(exported_rows(landlord)) == 4


def test_only_the_landlords_own_records_are_exported():
    ours, theirs = factories.landlord(), factories.landlord()
    import_dicts(ours, EASTER)
    import_dicts(theirs, {**EASTER, "reference": "THEIRS"})
    assert [r["reference"] for r in exported_rows(ours)] == ["R-1"]


def test_a_record_worked_in_putright_exports_its_totals_and_main_reasons():
    landlord = factories.landlord()
    resident = Resident.objects.create(landlord=landlord, name="A Resident", tenure="tenant")
    EqualityData.objects.create(landlord=landlord, resident=resident, age_band="66_plus")
    complaint = factories.stage1_acknowledged(
        landlord, resident=resident, received_on=dt.date(2024, 5, 1), on=dt.date(2024, 5, 2)
    )
    services.complaint_extend(
        complaint=complaint, working_days=4, reason="Survey", by=None, on=dt.date(2024, 5, 10)
    )
    services.complaint_extend(
        complaint=complaint,
        working_days=8,
        reason="Contractor report",
        good_reason="Specialist needed",
        by=None,
        on=dt.date(2024, 5, 20),
    )
    remedies = [
        services.RemedyInput(
            "financial", "Delay", dt.date(2024, 7, 1), Decimal("50"), "delay_failure"
        ),
        services.RemedyInput(
            "financial", "Trouble", dt.date(2024, 7, 1), Decimal("80"), "time_trouble"
        ),
        services.RemedyInput("apology", "Sorry", dt.date(2024, 6, 1)),
    ]
    services.complaint_respond(
        complaint=complaint,
        outcome="upheld",
        reasons="Late.",
        point_outcomes=["upheld"],
        remedies=remedies,
        by=None,
        on=dt.date(2024, 6, 5),  # the extended due date itself: on time
    )
    factories.response_letter_sent(complaint, on=dt.date(2024, 6, 5))  # sent by its letter
    (record,) = exported_rows(landlord)
    assert record["s1_extension_working_days"] == "12"
    assert record["s1_extension_reason"] == "Survey; Contractor report"
    assert (record["s1_compensation_gbp"], record["s1_compensation_reason"]) == (
        "130.00",
        "time_trouble",
    )
    assert (record["tenure"], record["age_band"]) == ("tenant", "66_plus")
    assert (record["s1_response_due_extended"], record["s1_responded_on_time"]) == (
        "2024-06-05",
        "yes",
    )
    assert record["s1_letter_sent"] == "yes"


def test_a_complaint_waiting_for_triage_has_no_stage_columns():
    landlord = factories.landlord()
    factories.complaint(landlord, received_on=dt.date(2024, 5, 1))
    (record,) = exported_rows(landlord)
    assert record["received_date"] == "2024-05-01"
    assert record["s1_acknowledgement_due"] == ""


def test_queries_do_not_grow_with_the_number_of_records():
    def queries_to_export(count: int) -> int:
        landlord = factories.landlord()
        rows = rows_of(
            *({**EASTER, "reference": f"R-{n}", "s2_extension_reason": "x"} for n in range(count))
        )
        from putright.registers.importer import register_import

        register_import(landlord=landlord, rows=rows)
        with CaptureQueriesContext(connection) as queries:
            export_text(landlord)
        return len(queries)

    assert queries_to_export(3) == queries_to_export(300) <= 5


def test_export_writes_what_is_stored():
    landlord = factories.landlord()
    import_dicts(landlord, EASTER)
    Complaint.objects.filter(landlord=landlord).update(channel="letter")
    assert exported_rows(landlord)[0]["channel"] == "letter"
