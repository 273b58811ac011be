"""Reading and checking a register (register-csv.md): cells, header, consistency rules.

Pure functions: no database. Every error reads ``line N, column C: what is wrong``, N being
the physical line of the file (the header is line 1).
"""

from __future__ import annotations

import datetime as dt
import gc
import re
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from putright.registers import validate
from putright.registers.columns import BY_NAME, COLUMN_NAMES, COMPUTED_COLUMNS
from putright.registers.validate import (
    RegisterError,
    check_row,
    collector_paused,
    row_to_case_facts,
)
from putright.rules.calendar import WorkingCalendar
from putright.rules.counting import annual_figures
from tests.registers.support import TODAY, parse, register_bytes, rows_of

ERROR_SHAPE = re.compile(r"line \d+, column [^:]+: .+")


def row(**cells: str) -> dict[str, str]:
    """A valid complaint row, with ``cells`` on top."""
    return {"reference": "R-1", "received_date": "2024-05-01", **cells}


def errors_of(*rows: dict[str, str], today: dt.date = TODAY) -> list[str]:
    errors = parse(register_bytes(*rows), today=today).errors
    assert all(ERROR_SHAPE.fullmatch(str(error)) for error in errors), errors
    return [str(error) for error in errors]


# The file ------------------------------------------------------------------------------


def test_a_minimal_row_reads_with_the_documented_defaults():
    (record,) = rows_of(row())
    assert record.reference == "R-1"
    assert record.received_date == dt.date(2024, 5, 1)
    assert (record.kind, record.jurisdiction, record.stock_type) == ("complaint", "housing", "lcra")
    assert record.s1_acknowledged_date is None
    assert record.vulnerable is None
    assert record.line == 2


def test_a_byte_order_mark_is_accepted():
    parsed = parse(b"\xef\xbb\xbf" + register_bytes(row()))
    assert parsed.errors == []
    assert parsed.rows[0].reference == "R-1"


def test_rfc_4180_quoting_keeps_commas_quotes_and_line_breaks_in_a_cell():
    description = 'Leak, again; the "repair"\r\nfailed'
    parsed = parse(register_bytes(row(description=description), row(reference="R-2")))
    assert parsed.errors == []
    assert parsed.rows[0].description == description
    # The first record spans lines 2 and 3, so the second starts on line 4.
    assert parsed.rows[1].line == 4


def test_error_line_numbers_are_physical_lines_after_a_multi_line_cell():
    data = register_bytes(
        row(description="one\ntwo\nthree"), row(reference="R-2", channel="pigeon")
    )
    assert errors_of_bytes(data) == [
        "line 5, column channel: 'pigeon' is not allowed; use one of: phone, email, web, "
        "letter, in_person, social_media, councillor_mp, contractor, other"
    ]


def errors_of_bytes(data: bytes) -> list[str]:
    return [str(error) for error in parse(data).errors]


def test_blank_lines_are_not_records():
    data = b"reference,received_date\r\nR-1,2024-05-01\r\n\r\n,\r\nR-2,2024-05-02\r\n"
    parsed = parse(data)
    assert parsed.errors == []
    assert [(r.reference, r.line) for r in parsed.rows] == [("R-1", 2), ("R-2", 5)]


def test_column_order_is_free():
    parsed = parse(b"received_date,kind,reference\r\n2024-05-01,service_request,R-1\r\n")
    assert parsed.errors == []
    assert (parsed.rows[0].reference, parsed.rows[0].kind) == ("R-1", "service_request")


def test_a_file_that_is_not_utf8_is_refused_on_the_line_with_the_bad_byte():
    data = b"reference,received_date\r\nR-1,2024-05-01\r\nR-\xe92,2024-05-01\r\n"
    assert errors_of_bytes(data) == [
        "line 3, column -: the file is not UTF-8 text; save it as CSV UTF-8 and try again"
    ]


def test_a_quote_left_open_is_reported_not_guessed():
    data = b'reference,received_date,description\r\nR-1,2024-05-01,"never closed\r\n'
    (error,) = parse(data).errors
    assert str(error).startswith("line 2, column -: the CSV cannot be read")


def test_an_empty_file_names_both_required_columns():
    assert errors_of_bytes(b"") == [
        "line 1, column reference: this required column is missing from the header",
        "line 1, column received_date: this required column is missing from the header",
    ]


# The header ----------------------------------------------------------------------------


def test_an_unknown_column_is_an_error_naming_it_and_the_likely_column():
    errors = errors_of_bytes(b"reference,received_date,recieved_by\r\nR-1,2024-05-01,x\r\n")
    assert errors == ["line 1, column recieved_by: unknown column; did you mean received_date?"]


def test_an_unknown_column_with_no_close_match_lists_the_columns():
    (error,) = errors_of_bytes(b"reference,received_date,zzz\r\nR-1,2024-05-01,\r\n")
    assert error.startswith("line 1, column zzz: unknown column; the columns are reference, kind,")
    assert error.endswith(
        "s1_handled_by, s2_handled_by, sub_cause, s1_extension_reason_code, "
        "s2_extension_reason_code, record_responded_date, record_target_date, member_name, "
        "member_role"
    )


def test_column_names_are_lower_case():
    (error,) = errors_of_bytes(b"reference,received_date,Channel\r\nR-1,2024-05-01,web\r\n")
    assert error == "line 1, column Channel: unknown column; did you mean channel?"


def test_a_missing_required_column_is_reported_once_on_the_header():
    errors = errors_of_bytes(b"reference,kind\r\nR-1,complaint\r\nR-2,complaint\r\n")
    assert errors == [
        "line 1, column received_date: this required column is missing from the header"
    ]


def test_a_repeated_column_is_an_error():
    errors = errors_of_bytes(b"reference,received_date,reference\r\nR-1,2024-05-01,R-1\r\n")
    assert errors == ["line 1, column reference: the column appears more than once"]


def test_the_exports_computed_columns_are_accepted_so_an_export_can_be_imported():
    columns = ("reference", "received_date", *COMPUTED_COLUMNS)
    data = register_bytes({**row(), "s1_response_due": "not even a date"}, columns=columns)
    assert parse(data).errors == []


def test_a_value_beyond_the_headers_last_column_is_an_error():
    data = b"reference,received_date\r\nR-1,2024-05-01,,\r\nR-2,2024-05-01,,surprise\r\n"
    assert errors_of_bytes(data) == [
        "line 3, column 4: a value in column 4, which the header does not name"
    ]


def test_short_rows_read_the_missing_cells_as_empty():
    parsed = parse(b"reference,received_date,channel,tenure\r\nR-1,2024-05-01\r\n")
    assert parsed.errors == []
    assert parsed.rows[0].channel == ""


# Cells ---------------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["", "  "])
def test_required_cells_must_be_filled(cell):
    assert errors_of(row(reference=cell)) == [
        "line 2, column reference: is empty; every row needs one"
    ]
    assert errors_of(row(received_date=cell)) == [
        "line 2, column received_date: is empty; every row needs one"
    ]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("01/05/2024", "'01/05/2024' is not a date written YYYY-MM-DD (e.g. 2024-05-01)"),
        ("20240501", "'20240501' is not a date written YYYY-MM-DD (e.g. 2024-05-01)"),
        ("2024-5-1", "'2024-5-1' is not a date written YYYY-MM-DD (e.g. 2024-05-01)"),
        ("2024-02-30", "'2024-02-30' is not a real date"),
        ("1990-01-01", "1990-01-01 is before 1995, the first year the working-day calendar covers"),
    ],
)
def test_dates_are_yyyy_mm_dd(cell, message):
    assert errors_of(row(withdrawn_date=cell)) == [f"line 2, column withdrawn_date: {message}"]


@pytest.mark.parametrize(
    ("cell", "amount"), [("1250", "1250"), ("41.5", "41.5"), ("41.50", "41.50"), (" 0 ", "0")]
)
def test_money_is_pounds_with_up_to_two_decimals(cell, amount):
    (record,) = rows_of(row(s1_compensation_gbp=cell))
    assert record.s1_compensation_gbp == Decimal(amount)


@pytest.mark.parametrize("cell", ["£50", "1,250", "10.505", "-5", ".5", "100000000", "ten"])
def test_money_with_a_symbol_commas_or_too_many_decimals_is_refused(cell):
    (error,) = errors_of(row(s1_compensation_gbp=cell))
    assert error.startswith(
        f"line 2, column s1_compensation_gbp: {cell!r} is not an amount in pounds"
    )
    assert "(e.g. 1250 or 41.50)" in error


@pytest.mark.parametrize("cell", ["0", "2.5", "-3", "ten", "10000"])
def test_extension_working_days_are_a_whole_number_from_1(cell):
    assert errors_of(row(s1_extension_working_days=cell)) == [
        f"line 2, column s1_extension_working_days: {cell!r} is not a whole number of working "
        "days from 1 to 9999"
    ]


def test_yes_no_is_yes_or_no_in_any_case():
    assert rows_of(row(vulnerable=" YES "))[0].vulnerable is True
    assert rows_of(row(vulnerable="no"))[0].vulnerable is False
    assert errors_of(row(vulnerable="y")) == [
        "line 2, column vulnerable: 'y' is not allowed; use one of: yes, no"
    ]


def test_code_lists_match_case_insensitively_after_trimming():
    (record,) = rows_of(
        row(channel="  In_Person ", tenure="TENANT", s1_outcome="", kind="Complaint")
    )
    assert (record.channel, record.tenure, record.kind) == ("in_person", "tenant", "complaint")


@pytest.mark.parametrize("name", [c.name for c in BY_NAME.values() if c.codes])
def test_a_code_outside_its_list_is_an_error_naming_the_allowed_values(name):
    allowed = ", ".join(BY_NAME[name].codes)
    assert f"line 2, column {name}: 'nonsense' is not allowed; use one of: {allowed}" in errors_of(
        row(**{name: "nonsense"})
    )


def test_text_longer_than_the_record_holds_is_refused():
    assert errors_of(row(reference="R" * 51)) == [
        "line 2, column reference: is 51 characters long; the most it can hold is 50"
    ]


def test_text_cells_are_trimmed():
    assert rows_of(row(service_area="  Repairs  "))[0].service_area == "Repairs"


# Consistency rules ---------------------------------------------------------------------

FULL_HISTORY = row(
    s1_acknowledged_date="2024-05-03",
    s1_responded_date="2024-05-15",
    s1_outcome="upheld",
    escalation_requested_date="2024-06-01",
    s2_acknowledged_date="2024-06-05",
    s2_responded_date="2024-06-25",
    s2_outcome="not_upheld",
)


def test_a_complaint_through_both_stages_is_consistent():
    assert errors_of(FULL_HISTORY) == []


@pytest.mark.parametrize(
    ("column", "cell", "earlier"),
    [
        ("s1_acknowledged_date", "2024-04-30", "received_date 2024-05-01"),
        ("s1_responded_date", "2024-05-02", "s1_acknowledged_date 2024-05-03"),
        ("escalation_requested_date", "2024-05-14", "s1_responded_date 2024-05-15"),
        ("s2_acknowledged_date", "2024-05-31", "escalation_requested_date 2024-06-01"),
        ("s2_responded_date", "2024-06-04", "s2_acknowledged_date 2024-06-05"),
    ],
)
def test_dates_must_not_run_backwards(column, cell, earlier):
    assert errors_of({**FULL_HISTORY, column: cell}) == [
        f"line 2, column {column}: {cell} is before {earlier}; dates must run received ≤ s1 "
        "acknowledged ≤ s1 responded ≤ escalation requested ≤ s2 acknowledged ≤ s2 responded"
    ]


def test_a_date_is_compared_with_the_latest_date_before_it_even_when_some_are_missing():
    errors = errors_of(
        row(received_date="2024-05-10", s1_responded_date="2024-05-05", s1_outcome="upheld")
    )
    assert [e.split(";")[0] for e in errors] == [
        "line 2, column s1_responded_date: 2024-05-05 is before received_date 2024-05-10"
    ]


def test_a_withdrawal_cannot_come_before_the_complaint():
    assert errors_of(row(withdrawn_date="2024-04-30")) == [
        "line 2, column withdrawn_date: 2024-04-30 is before received_date 2024-05-01; a "
        "complaint cannot be withdrawn before it was received"
    ]


def test_no_date_is_in_the_future():
    errors = errors_of(row(received_date="2025-07-01"), today=dt.date(2025, 6, 30))
    assert errors == [
        "line 2, column received_date: 2025-07-01 is in the future (today is 2025-06-30)"
    ]
    assert errors_of(row(received_date="2025-06-30"), today=dt.date(2025, 6, 30)) == []


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("escalation_reason", "compensation"),
        ("s2_not_accepted_reason", "duplicate"),
        ("s2_acknowledged_date", "2024-06-05"),
        ("s2_extension_working_days", "5"),
        ("s2_extension_reason", "Survey"),
        ("s2_compensation_gbp", "100"),
        ("s2_compensation_reason", "goodwill"),
    ],
)
def test_stage_2_columns_need_an_escalation_request(column, cell):
    assert errors_of(row(**{column: cell})) == [
        f"line 2, column {column}: stage 2 columns need escalation_requested_date"
    ]


@pytest.mark.parametrize("stage", [1, 2])
def test_an_outcome_needs_its_responded_date_and_a_responded_date_its_outcome(stage):
    s = f"s{stage}_"
    without_response = {**FULL_HISTORY, s + "responded_date": ""}
    if stage == 1:
        without_response["escalation_requested_date"] = ""
        without_response.update(dict.fromkeys([k for k in FULL_HISTORY if k.startswith("s2_")], ""))
    assert errors_of(without_response) == [
        f"line 2, column {s}outcome: an outcome needs {s}responded_date"
    ]
    assert errors_of({**FULL_HISTORY, s + "outcome": ""}) == [
        f"line 2, column {s}responded_date: a responded date needs {s}outcome"
    ]


def test_a_complaint_not_accepted_has_no_stage_1_acknowledgement_response_or_outcome():
    errors = errors_of(
        row(
            not_accepted_reason="over_12_months",
            s1_acknowledged_date="2024-05-03",
            s1_responded_date="2024-05-15",
            s1_outcome="upheld",
        )
    )
    assert errors == [
        "line 2, column s1_acknowledged_date: a complaint that was not accepted has no stage 1 "
        "acknowledgement",
        "line 2, column s1_responded_date: a complaint that was not accepted has no stage 1 "
        "response",
        "line 2, column s1_outcome: a complaint that was not accepted has no stage 1 outcome",
    ]


@pytest.mark.parametrize("kind", ["service_request", "member_enquiry"])
@pytest.mark.parametrize(
    "column",
    [
        "not_accepted_reason",
        "s1_acknowledged_date",
        "s1_outcome",
        "s1_compensation_gbp",
        "escalation_requested_date",
        "s2_outcome",
    ],
)
def test_service_requests_and_member_enquiries_carry_no_stage_columns(kind, column):
    value = {"not_accepted_reason": "duplicate", "s1_compensation_gbp": "10"}.get(column)
    if value is None:
        value = "2024-05-03" if column.endswith("_date") else "upheld"
    errors = errors_of(row(kind=kind, **{column: value}))
    assert errors == [
        f"line 2, column {column}: a {kind} has no stages, outcomes or compensation; leave it "
        "empty or make the kind complaint"
    ]


def test_a_reference_twice_in_a_file_is_an_error_on_the_second():
    assert errors_of(row(), row(), row(reference="R-2")) == [
        "line 3, column reference: R-1 appears again (first on line 2)"
    ]


def test_late_and_over_limit_history_is_imported_as_it_is():
    """register-csv.md: history is history: late or over the limits, never rejected."""
    late = row(
        s1_acknowledged_date="2024-06-28",  # weeks after the 5 working days
        s1_extension_working_days="60",  # six times the Code's 10
        s1_responded_date="2025-03-01",
        s1_outcome="partly_upheld",
    )
    assert errors_of(late) == []


def test_a_cell_that_cannot_be_read_is_not_reported_again_by_the_rules():
    errors = errors_of(row(s1_responded_date="15/05/2024", s1_outcome="upheld"))
    assert errors == [
        "line 2, column s1_responded_date: '15/05/2024' is not a date written YYYY-MM-DD "
        "(e.g. 2024-05-01)"
    ]


def test_every_problem_in_a_row_is_reported():
    errors = errors_of(
        row(channel="fax", s1_outcome="upheld", withdrawn_date="2024-04-01", zzz_unused="")
    )
    assert [e.split(":")[0] for e in errors] == [
        "line 1, column zzz_unused",
        "line 2, column channel",
        "line 2, column withdrawn_date",
        "line 2, column s1_outcome",
    ]


def test_check_row_applies_the_rules_to_a_row_built_in_code():
    (record,) = rows_of(row(s1_responded_date="2024-05-02", s1_outcome="upheld"))
    assert check_row(record, today=TODAY) == []
    assert [str(e) for e in check_row(record, today=dt.date(2024, 5, 1))] == [
        "line 2, column s1_responded_date: 2024-05-02 is in the future (today is 2024-05-01)"
    ]


def test_register_error_reads_line_column_message():
    assert str(RegisterError(7, "s1_outcome", "wrong")) == "line 7, column s1_outcome: wrong"


# For the reports -----------------------------------------------------------------------


def test_a_row_becomes_the_facts_the_counting_rules_use():
    (record,) = rows_of(
        {
            **FULL_HISTORY,
            "tenure": "leaseholder",
            "handled_by": "Mears",
            "s1_extension_working_days": "5",
            "s2_compensation_gbp": "150",
            "escalation_reason": "compensation",
        }
    )
    facts = row_to_case_facts(record)
    assert (facts.kind, facts.jurisdiction, facts.tenure, facts.handled_by) == (
        "complaint",
        "housing",
        "leaseholder",
        "Mears",
    )
    assert facts.stage1.requested == dt.date(2024, 5, 1)
    assert facts.stage1.extension_working_days == 5
    assert facts.stage2.requested == dt.date(2024, 6, 1)
    assert facts.stage2.compensation_gbp == Decimal("150")
    assert facts.escalation_reason == "compensation"


def test_facts_from_rows_count_as_the_counting_rules_say():
    records = rows_of(
        FULL_HISTORY,
        row(reference="R-2", not_accepted_reason="duplicate"),
        row(reference="R-3", kind="service_request"),
        row(reference="R-4", jurisdiction="lgsco"),
        row(reference="R-5", received_date="2023-05-01"),
    )
    figures = annual_figures(
        [row_to_case_facts(r) for r in records], 2024, homes_lcra=1000, calendar=WorkingCalendar()
    )
    assert figures["logged"] == 2  # R-4 is the LGSCO's, R-5 last year's
    assert figures["service_requests"] == 1
    assert figures["not_accepted"] == {"total": 1, "by_reason": {"duplicate": 1}}
    assert figures["stage1"]["received"] == 1
    assert figures["stage2"]["received"] == 1
    assert figures["stage1"]["outcomes"] == {"upheld": 1}


def test_every_column_of_the_spec_is_a_field_of_the_row_in_order():
    from dataclasses import fields

    from putright.registers.validate import RegisterRow

    assert tuple(f.name for f in fields(RegisterRow)) == ("line", *COLUMN_NAMES, "kept")


def test_reading_and_checking_is_pure_python_without_django():
    code = (
        "import sys, putright.registers.validate, putright.registers.generate; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, "[]\n")


# A service request's or member enquiry's own columns (issue 17, item 3) -----------------

RECORD_CELLS = {
    "record_responded_date": "2024-05-10",
    "record_target_date": "2024-05-15",
    "member_name": "Cllr Priya Shah",
    "member_role": "councillor",
}


def test_a_member_enquiry_reads_its_response_target_and_member():
    (record,) = rows_of(row(kind="member_enquiry", **{**RECORD_CELLS, "member_role": " MP "}))
    assert (record.record_responded_date, record.record_target_date) == (
        dt.date(2024, 5, 10),
        dt.date(2024, 5, 15),
    )
    assert (record.member_name, record.member_role) == ("Cllr Priya Shah", "mp")
    assert record.kept == frozenset()


@pytest.mark.parametrize("column", list(RECORD_CELLS))
def test_a_complaint_carries_none_of_the_record_columns(column):
    kinds = (
        "a member_enquiry"
        if column.startswith("member")
        else ("a service_request or a member_enquiry")
    )
    assert errors_of(row(**{column: RECORD_CELLS[column]})) == [
        f"line 2, column {column}: a complaint has no {column}: only {kinds} has one; leave "
        "it empty or change the kind"
    ]


@pytest.mark.parametrize("column", ["member_name", "member_role"])
def test_only_a_member_enquiry_names_a_member(column):
    assert errors_of(row(kind="service_request", **{column: RECORD_CELLS[column]})) == [
        f"line 2, column {column}: a service_request has no {column}: only a member_enquiry "
        "has one; leave it empty or change the kind"
    ]
    assert errors_of(row(kind="service_request", record_responded_date="2024-05-02")) == []


def test_a_member_role_is_councillor_or_mp():
    assert errors_of(row(kind="member_enquiry", member_role="mayor")) == [
        "line 2, column member_role: 'mayor' is not allowed; use one of: councillor, mp"
    ]


@pytest.mark.parametrize(
    ("column", "what"),
    [("record_responded_date", "responded to"), ("record_target_date", "due")],
)
def test_a_record_is_not_answered_or_due_before_it_was_received(column, what):
    assert errors_of(row(kind="service_request", **{column: "2024-04-30"})) == [
        f"line 2, column {column}: 2024-04-30 is before received_date 2024-05-01; a "
        f"service_request cannot be {what} before it was received"
    ]
    assert errors_of(row(kind="service_request", **{column: "2024-05-01"})) == []


def test_a_target_date_may_lie_ahead_but_a_response_may_not():
    today = dt.date(2025, 6, 30)
    ahead = {"kind": "member_enquiry", "received_date": "2025-06-27"}
    assert errors_of(row(**ahead, record_target_date="2025-07-11"), today=today) == []
    assert errors_of(row(**ahead, record_responded_date="2025-07-01"), today=today) == [
        "line 2, column record_responded_date: 2025-07-01 is in the future (today is 2025-06-30)"
    ]


def test_the_record_columns_a_header_leaves_out_are_kept():
    (record,) = rows_of(row(kind="member_enquiry", member_name="Jo Adebayo"))
    assert record.kept == frozenset({"record_responded_date", "record_target_date", "member_role"})


@given(
    received=st.dates(dt.date(2020, 1, 1), dt.date(2025, 6, 30)),
    responded=st.dates(dt.date(2020, 1, 1), dt.date(2026, 6, 30)),
    kind=st.sampled_from(["complaint", "service_request", "member_enquiry"]),
)
def test_a_response_date_is_accepted_exactly_when_the_record_may_have_one(
    received, responded, kind
):
    errors = errors_of(
        row(
            kind=kind,
            received_date=received.isoformat(),
            record_responded_date=responded.isoformat(),
        )
    )
    valid = kind != "complaint" and received <= responded <= TODAY
    assert (errors == []) is valid


def test_the_garbage_collector_is_paused_while_reading_and_put_back_as_it_was(monkeypatch):
    seen = []
    read_rows = validate._read_rows
    monkeypatch.setattr(
        validate, "_read_rows", lambda *args: (seen.append(gc.isenabled()), read_rows(*args))
    )
    assert gc.isenabled()
    assert parse(register_bytes({"reference": "R-1", "received_date": "2024-05-01"})).ok
    assert seen == [False]
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("put back even so")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # it was off: left off
    finally:
        gc.enable()
