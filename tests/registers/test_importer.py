"""Importing a register (register-csv.md, "Import"): what each row becomes, updates,
idempotence, dry runs, references, all or nothing, and queries that do not grow per row."""

from __future__ import annotations

import datetime as dt
import gc
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from putright.complaints import services
from putright.complaints.models import Complaint, Event, Extension, Remedy, Stage
from putright.landlords.models import ClosureDay, Contractor, ServiceArea, Theme
from putright.registers import importer
from putright.registers.importer import register_import
from putright.residents.models import EqualityData
from putright.rules.calendar import WorkingCalendar
from putright.rules.timescales import stage_due_dates
from tests import factories
from tests.registers.support import import_dicts, parse, rows_of, table_counts

pytestmark = pytest.mark.django_db


def row(**cells: str) -> dict[str, str]:
    return {"reference": "R-1", "received_date": "2024-05-01", **cells}


BOTH_STAGES = row(
    channel="email",
    tenure="tenant",
    service_area="Repairs",
    handled_by="Mears",
    theme="Damp and mould",
    root_cause="service_failure",
    root_cause_detail="Delay",
    description="Mould in the bedroom.",
    vulnerable="yes",
    s1_acknowledged_date="2024-05-03",
    s1_extension_working_days="5",
    s1_extension_reason="Damp survey",
    s1_responded_date="2024-05-28",
    s1_outcome="upheld",
    s1_compensation_gbp="150",
    s1_compensation_reason="time_trouble",
    escalation_requested_date="2024-07-15",
    escalation_reason="compensation",
    s2_acknowledged_date="2024-07-18",
    s2_responded_date="2024-08-09",
    s2_outcome="partly_upheld",
    s2_compensation_gbp="41.5",
    s2_compensation_reason="distress_inconvenience",
    ombudsman_reference="HOS-123456",
    age_band="31_50",
    sex="female",
    ethnicity="White British",
    disability="no",
)


def only_complaint(landlord) -> Complaint:
    return Complaint.objects.get(landlord=landlord)


def test_a_complaint_through_both_stages_is_recorded_with_its_history():
    landlord = factories.landlord()
    summary = import_dicts(landlord, BOTH_STAGES)
    assert (summary.created, summary.updated, summary.unchanged) == (1, 0, 0)
    complaint = only_complaint(landlord)
    assert complaint.state == "closed"
    assert (complaint.kind, complaint.channel, complaint.tenure) == ("complaint", "email", "tenant")
    assert complaint.service_area.name == "Repairs"
    assert complaint.contractor.name == "Mears"
    assert complaint.theme.name == "Damp and mould"
    assert complaint.vulnerable is True
    assert complaint.ombudsman_reference == "HOS-123456"
    first, second = complaint.stages.order_by("number")
    assert (first.status, first.outcome, first.extension_working_days) == ("responded", "upheld", 5)
    assert (second.status, second.outcome, second.escalation_reason) == (
        "responded",
        "partly_upheld",
        "compensation",
    )
    assert second.outside_escalation_window is True  # 48 days after the response; window 28


def test_due_dates_are_computed_by_the_rules_with_the_landlords_calendar():
    landlord = factories.landlord()
    ClosureDay.objects.create(landlord=landlord, date=dt.date(2024, 5, 2))
    import_dicts(landlord, BOTH_STAGES)
    calendar = WorkingCalendar({dt.date(2024, 5, 2)})
    first = Stage.objects.get(complaint__landlord=landlord, number=1)
    expected = stage_due_dates(calendar, 1, dt.date(2024, 5, 1), dt.date(2024, 5, 3), 5)
    assert (first.acknowledgement_due, first.response_due, first.response_due_extended) == (
        expected.acknowledgement_due,
        expected.response_due,
        expected.response_due_extended,
    )
    # 2 May is a closure day and 6 May the Early May bank holiday: 3, 7, 8, 9, 10 May.
    assert first.acknowledgement_due == dt.date(2024, 5, 10)


def test_an_extension_is_one_row_carrying_the_total_and_reason():
    landlord = factories.landlord()
    import_dicts(landlord, BOTH_STAGES)
    (extension,) = Extension.objects.filter(stage__complaint__landlord=landlord)
    stage = extension.stage
    assert (extension.working_days, extension.reason, extension.decided_on) == (
        5,
        "Damp survey",
        None,
    )
    assert (extension.previous_due, extension.new_due) == (
        stage.response_due,
        stage.response_due_extended,
    )


def test_compensation_is_a_financial_remedy_with_amount_and_reason():
    landlord = factories.landlord()
    import_dicts(landlord, BOTH_STAGES)
    remedies = Remedy.objects.filter(stage__complaint__landlord=landlord).order_by("stage__number")
    assert [
        (r.stage.number, r.kind, r.amount_offered, r.compensation_reason) for r in remedies
    ] == [
        (1, "financial", Decimal("150.00"), "time_trouble"),
        (2, "financial", Decimal("41.50"), "distress_inconvenience"),
    ]


def test_equality_data_is_held_apart_on_the_complaint_only_when_given():
    landlord = factories.landlord()
    import_dicts(landlord, BOTH_STAGES, row(reference="R-2"))
    (equality,) = EqualityData.objects.filter(landlord=landlord)
    assert equality.complaint.reference == "R-1"
    assert (equality.age_band, equality.sex, equality.ethnicity, equality.disability) == (
        "31_50",
        "female",
        "White British",
        "no",
    )


def test_one_imported_event_per_record_summarises_its_history():
    landlord = factories.landlord()
    import_dicts(landlord, BOTH_STAGES, row(reference="R-2", kind="service_request"))
    events = Event.objects.filter(landlord=landlord).order_by("complaint__reference")
    assert [(e.kind, e.imported, e.occurred_on) for e in events] == [
        ("imported", True, dt.date(2024, 5, 1)),
        ("imported", True, dt.date(2024, 5, 1)),
    ]
    assert events[0].summary == (
        "Imported from a register: complaint received 1 May 2024 by email. Stage 1: "
        "acknowledged 3 May 2024; extended by 5 working days; responded 28 May 2024 (upheld); "
        "£150.00 offered. Stage 2: requested 15 July 2024; acknowledged 18 July 2024; "
        "responded 9 August 2024 (partly upheld); £41.50 offered."
    )
    assert events[1].summary == (
        "Imported from a register: service request received 1 May 2024. Target date 16 May 2024."
    )
    assert events[0].detail == {"source": "", "line": 2}


@pytest.mark.parametrize(
    ("cells", "state", "statuses"),
    [
        ({}, "stage1", ["requested"]),
        ({"s1_acknowledged_date": "2024-05-02"}, "stage1", ["acknowledged"]),
        (
            {"s1_responded_date": "2024-05-10", "s1_outcome": "upheld"},
            "stage1_closed",
            ["responded"],
        ),
        (
            {
                "s1_responded_date": "2024-05-10",
                "s1_outcome": "upheld",
                "escalation_requested_date": "2024-05-20",
            },
            "stage2",
            ["responded", "requested"],
        ),
        (
            {
                "s1_responded_date": "2024-05-10",
                "s1_outcome": "upheld",
                "escalation_requested_date": "2024-05-20",
                "s2_not_accepted_reason": "previously_considered",
            },
            "closed",
            ["responded", "not_accepted"],
        ),
        ({"not_accepted_reason": "over_12_months"}, "not_accepted", ["not_accepted"]),
        ({"withdrawn_date": "2024-05-04"}, "withdrawn", ["withdrawn"]),
        (
            {
                "s1_responded_date": "2024-05-10",
                "s1_outcome": "upheld",
                "escalation_requested_date": "2024-05-20",
                "withdrawn_date": "2024-05-22",
            },
            "withdrawn",
            ["responded", "withdrawn"],
        ),
        ({"kind": "service_request"}, "open", []),
        ({"kind": "member_enquiry"}, "open", []),
    ],
)
def test_the_state_follows_from_the_history_in_the_row(cells, state, statuses):
    landlord = factories.landlord()
    import_dicts(landlord, row(**cells))
    complaint = only_complaint(landlord)
    assert complaint.state == state
    assert list(complaint.stages.order_by("number").values_list("status", flat=True)) == statuses


def test_a_not_accepted_complaint_keeps_its_reason_and_explanation_on_stage_1():
    landlord = factories.landlord()
    import_dicts(landlord, row(not_accepted_reason="duplicate", not_accepted_detail="See R-0."))
    stage = Stage.objects.get(complaint__landlord=landlord)
    assert (stage.not_accepted_reason, stage.not_accepted_detail) == ("duplicate", "See R-0.")


def test_the_landlords_lists_grow_by_name_and_are_reused():
    landlord = factories.landlord()
    ServiceArea.objects.create(landlord=landlord, name="Repairs")
    import_dicts(
        landlord,
        row(service_area="Repairs", theme="Noise", handled_by="Mears"),
        row(reference="R-2", service_area="Lettings", theme="Noise", handled_by="Mears"),
        row(reference="R-3", service_area="Repairs"),
    )
    assert sorted(ServiceArea.objects.filter(landlord=landlord).values_list("name", flat=True)) == [
        "Lettings",
        "Repairs",
    ]
    assert list(Theme.objects.filter(landlord=landlord).values_list("name", flat=True)) == ["Noise"]
    assert list(Contractor.objects.filter(landlord=landlord).values_list("name", flat=True)) == [
        "Mears"
    ]
    assert Complaint.objects.get(reference="R-3").contractor is None  # the landlord handled it


# Existing references -------------------------------------------------------------------


def test_reimporting_the_same_rows_changes_nothing_at_all():
    landlord = factories.landlord()
    rows = rows_of(BOTH_STAGES, row(reference="R-2", kind="member_enquiry"))
    register_import(landlord=landlord, rows=rows)
    before = table_counts()
    stamps = list(Complaint.objects.values_list("version", "updated_at"))
    summary = register_import(landlord=landlord, rows=rows)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 2)
    assert table_counts() == before
    assert list(Complaint.objects.values_list("version", "updated_at")) == stamps


def test_a_changed_row_updates_the_record_and_adds_an_event_saying_what_changed():
    landlord = factories.landlord()
    import_dicts(landlord, BOTH_STAGES)
    first_event = Event.objects.get(landlord=landlord)
    changed = {
        **BOTH_STAGES,
        "s1_outcome": "not_upheld",
        "s1_compensation_gbp": "200",
        "s1_extension_working_days": "",
        "s1_extension_reason": "",
    }
    summary = import_dicts(landlord, changed)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 0)
    complaint = only_complaint(landlord)
    assert complaint.version == 2
    stage = complaint.stages.get(number=1)
    assert (stage.outcome, stage.extension_working_days) == ("not_upheld", 0)
    assert stage.response_due_extended == stage.response_due
    assert not Extension.objects.filter(stage=stage).exists()
    assert list(Remedy.objects.filter(stage=stage).values_list("amount_offered", flat=True)) == [
        Decimal("200.00")
    ]
    old, new = Event.objects.filter(landlord=landlord).order_by("id")
    assert (old.pk, old.summary) == (first_event.pk, first_event.summary)  # never edited
    assert new.kind == "imported" and new.imported
    assert new.detail["changes"] == {
        "s1_extension_working_days": {"from": "5", "to": ""},
        "s1_extension_reason": {"from": "Damp survey", "to": ""},
        "s1_outcome": {"from": "upheld", "to": "not_upheld"},
        "s1_compensation_gbp": {"from": "150.00", "to": "200.00"},
    }
    assert new.summary.startswith("Updated from a register: s1_extension_working_days (empty)")
    assert "s1_outcome not_upheld (was upheld)" in new.summary


def test_an_escalation_taken_out_of_the_register_removes_stage_2():
    landlord = factories.landlord()
    import_dicts(landlord, BOTH_STAGES)
    stage1_id = Stage.objects.get(complaint__landlord=landlord, number=1).pk
    without_stage2 = {k: v for k, v in BOTH_STAGES.items() if not k.startswith(("s2_", "escal"))}
    import_dicts(landlord, without_stage2)
    complaint = only_complaint(landlord)
    assert complaint.state == "stage1_closed"
    assert list(complaint.stages.values_list("pk", "number")) == [(stage1_id, 1)]  # kept in place


def test_changed_equality_data_replaces_the_complaints_own():
    landlord = factories.landlord()
    import_dicts(landlord, BOTH_STAGES)
    import_dicts(landlord, {**BOTH_STAGES, "sex": "prefer_not_to_say"})
    (equality,) = EqualityData.objects.filter(landlord=landlord)
    assert (equality.sex, equality.age_band) == ("prefer_not_to_say", "31_50")


def test_a_record_logged_in_putright_exports_and_reimports_unchanged():
    from tests.registers.support import export_text

    landlord = factories.landlord()
    complaint = factories.stage1_responded(landlord, amount=Decimal("75"))
    services.complaint_request_escalation(
        complaint=complaint, requested_on=dt.date(2024, 4, 22), by=None
    )
    parsed = parse(export_text(landlord), today=dt.date(2025, 1, 1))
    assert parsed.errors == []
    summary = register_import(landlord=landlord, rows=parsed.rows)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 1)


# Dry runs, references, all or nothing ---------------------------------------------------


def test_a_dry_run_counts_what_would_change_and_writes_nothing():
    landlord = factories.landlord()
    import_dicts(landlord, BOTH_STAGES, row(reference="R-2"))
    before = table_counts()
    summary = import_dicts(
        landlord,
        BOTH_STAGES,
        row(reference="R-2", channel="web"),
        row(reference="R-3", service_area="Brand new area"),
        dry_run=True,
    )
    assert (summary.created, summary.updated, summary.unchanged, summary.dry_run) == (1, 1, 1, True)
    assert str(summary) == (
        "Dry run, nothing written: 3 records would be read, 1 created, 1 updated, 1 unchanged."
    )
    assert table_counts() == before


def test_a_reference_in_the_landlords_own_pattern_moves_the_counter_past_it():
    landlord = factories.landlord(reference_prefix="CU", next_reference_number=5)
    import_dicts(
        landlord,
        row(reference="CU-000010"),
        row(reference="CU-000003"),
        row(reference="XX-000999"),
        row(reference="CU-12"),
    )
    landlord.refresh_from_db()
    assert landlord.next_reference_number == 11
    logged = factories.complaint(landlord)
    assert logged.reference == "CU-000011"


def test_a_lower_own_reference_never_moves_the_counter_back():
    landlord = factories.landlord(reference_prefix="CU", next_reference_number=50)
    import_dicts(landlord, row(reference="CU-000010"))
    landlord.refresh_from_db()
    assert landlord.next_reference_number == 50


def test_an_import_that_fails_part_way_writes_nothing(monkeypatch):
    landlord = factories.landlord()
    monkeypatch.setattr(importer, "CHUNK_SIZE", 2)
    rows = rows_of(BOTH_STAGES, row(reference="R-2"), row(reference="R-3"))
    rows.append(rows[0])  # the same reference again, in the second chunk
    before = table_counts()
    with pytest.raises(ValueError, match="reference R-1 appears twice"):
        register_import(landlord=landlord, rows=rows)
    assert table_counts() == before


def test_queries_do_not_grow_with_the_number_of_rows():
    def queries_to_import(count: int) -> int:
        landlord = factories.landlord()
        rows = rows_of(
            *(
                {**BOTH_STAGES, "reference": f"R-{n}", "service_area": f"Area {n % 3}"}
                for n in range(count)
            )
        )
        with CaptureQueriesContext(connection) as queries:
            register_import(landlord=landlord, rows=rows)
        return len(queries)

    assert queries_to_import(5) == queries_to_import(200)


def test_queries_to_compare_existing_records_do_not_grow_with_their_number():
    def queries_to_reimport(count: int) -> int:
        landlord = factories.landlord()
        rows = rows_of(*({**BOTH_STAGES, "reference": f"R-{n}"} for n in range(count)))
        register_import(landlord=landlord, rows=rows)
        changed = rows_of(
            *(
                {**BOTH_STAGES, "reference": f"R-{n}", "s1_outcome": "not_upheld"}
                for n in range(count)
            )
        )
        with CaptureQueriesContext(connection) as queries:
            summary = register_import(landlord=landlord, rows=changed)
        assert summary.updated == count
        return len(queries)

    assert queries_to_reimport(5) == queries_to_reimport(100)


@pytest.mark.parametrize(
    ("cells", "due"),
    [
        ({}, "acknowledgement_due"),
        (
            {"s1_acknowledged_date": "2024-05-02", "s1_extension_working_days": "3"},
            "response_due_extended",
        ),
        ({"s1_responded_date": "2024-05-10", "s1_outcome": "upheld"}, None),
        ({"withdrawn_date": "2024-05-02"}, None),
        ({"kind": "service_request"}, None),
    ],
)
def test_the_next_deadline_is_kept_for_the_work_queue_as_the_services_keep_it(cells, due):
    landlord = factories.landlord()
    import_dicts(landlord, row(**cells))
    complaint = only_complaint(landlord)
    stage = complaint.stages.order_by("number").last()
    assert complaint.next_due_on == (getattr(stage, due) if due else None)
    assert complaint.next_due_on == services.next_due(complaint.state, stage)


def test_an_update_moves_the_next_deadline():
    landlord = factories.landlord()
    import_dicts(landlord, row())
    assert only_complaint(landlord).next_due_on == dt.date(2024, 5, 9)
    import_dicts(landlord, row(s1_acknowledged_date="2024-05-02"))
    assert only_complaint(landlord).next_due_on == dt.date(2024, 5, 17)


# Service requests and member enquiries: response, target date, member (issue 17, item 3) --


def test_a_record_with_a_responded_date_is_resolved_as_recording_its_response_leaves_it():
    landlord = factories.landlord()
    import_dicts(
        landlord,
        row(
            reference="ME-1",
            kind="member_enquiry",
            record_responded_date="2024-05-20",
            record_target_date="2024-05-22",
            member_name="Cllr Priya Shah",
            member_role="Councillor",
        ),
        row(reference="SR-1", kind="service_request", record_responded_date="2024-05-01"),
    )
    enquiry = Complaint.objects.get(reference="ME-1")
    assert (enquiry.state, enquiry.responded_on, enquiry.target_on) == (
        "resolved",
        dt.date(2024, 5, 20),
        dt.date(2024, 5, 22),
    )
    assert (enquiry.member_name, enquiry.member_role) == ("Cllr Priya Shah", "councillor")
    assert enquiry.responded_within_target is True
    assert enquiry.next_due_on is None
    assert enquiry.events.get().summary == (
        "Imported from a register: member enquiry received 1 May 2024. Made by Councillor "
        "Cllr Priya Shah. Target date 22 May 2024. Responded to 20 May 2024, within target."
    )
    # Without a target date, the landlord's target (10 working days) from received_date.
    request = Complaint.objects.get(reference="SR-1")
    assert (request.state, request.responded_on, request.target_on) == (
        "resolved",
        dt.date(2024, 5, 1),
        dt.date(2024, 5, 16),
    )


def test_a_target_date_given_is_kept_even_where_the_landlords_target_differs():
    landlord = factories.landlord(service_request_target_days=5)
    import_dicts(
        landlord,
        row(
            kind="service_request",
            record_target_date="2024-06-28",
            record_responded_date="2024-06-20",
        ),
    )
    record = only_complaint(landlord)
    assert record.target_on == dt.date(2024, 6, 28)
    assert record.responded_within_target is True


def _answered_enquiry(landlord) -> Complaint:
    """A member enquiry worked in Putright: its member recorded and its response given."""
    record = factories.complaint(landlord, kind="member_enquiry", received_on=dt.date(2024, 5, 1))
    services.record_member_set(record=record, member_name="Jo Adebayo", member_role="mp", by=None)
    return services.record_respond(
        record=record, response="The repair is booked.", by=None, on=dt.date(2024, 5, 21)
    )


def test_a_record_answered_in_putright_exports_and_imports_answered():
    from tests.registers.support import export_text

    landlord, other = factories.landlord(), factories.landlord()
    answered = _answered_enquiry(landlord)
    parsed = parse(export_text(landlord), today=dt.date(2025, 1, 1))
    assert parsed.errors == []
    (exported,) = parsed.rows
    assert (exported.record_responded_date, exported.record_target_date) == (
        dt.date(2024, 5, 21),
        dt.date(2024, 5, 16),
    )
    assert (exported.member_name, exported.member_role) == ("Jo Adebayo", "mp")

    again = register_import(landlord=landlord, rows=parsed.rows)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    register_import(landlord=other, rows=parsed.rows)
    moved = only_complaint(other)
    assert (moved.state, moved.responded_on, moved.target_on) == (
        answered.state,
        answered.responded_on,
        answered.target_on,
    )
    assert moved.state == "resolved"
    assert (moved.member_name, moved.member_role) == ("Jo Adebayo", "mp")
    assert moved.responded_within_target is False  # answered after its target, 16 May


def test_a_file_without_the_record_columns_keeps_the_response_and_member():
    landlord = factories.landlord()
    answered = _answered_enquiry(landlord)
    # A file written before the record columns existed: the record as it was logged.
    summary = import_dicts(
        landlord,
        {
            "reference": answered.reference,
            "kind": "member_enquiry",
            "received_date": "2024-05-01",
            "channel": "phone",
            "description": "The repair to my boiler was not done.",
        },
    )
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 1)
    answered.refresh_from_db()
    assert (answered.state, answered.responded_on, answered.response) == (
        "resolved",
        dt.date(2024, 5, 21),
        "The repair is booked.",
    )
    assert (answered.member_name, answered.member_role) == ("Jo Adebayo", "mp")


def test_a_row_without_its_response_reopens_the_record_and_one_moving_it_keeps_the_words():
    landlord = factories.landlord()
    answered = _answered_enquiry(landlord)
    cells = {
        "reference": answered.reference,
        "kind": "member_enquiry",
        "received_date": "2024-05-01",
        "channel": "phone",
        "description": "The repair to my boiler was not done.",
        "record_target_date": "2024-05-16",
        "member_name": "Jo Adebayo",
        "member_role": "mp",
    }
    moved = import_dicts(landlord, {**cells, "record_responded_date": "2024-05-15"})
    assert moved.updated == 1
    answered.refresh_from_db()
    assert (answered.state, answered.responded_on, answered.response) == (
        "resolved",
        dt.date(2024, 5, 15),
        "The repair is booked.",
    )
    assert answered.responded_within_target is True

    reopened = import_dicts(landlord, {**cells, "record_responded_date": ""})
    assert reopened.updated == 1
    answered.refresh_from_db()
    assert (answered.state, answered.responded_on, answered.response) == ("open", None, "")
    last = answered.events.order_by("-id").first()
    assert last.summary == (
        "Updated from a register: record_responded_date (empty) (was 2024-05-15)."
    )


def test_a_complaint_row_with_a_record_column_refuses_the_whole_file(tmp_path):
    from tests.registers.test_commands import run

    landlord = factories.landlord()
    path = tmp_path / "register.csv"
    path.write_bytes(
        b"reference,kind,received_date,record_responded_date,member_role\r\n"
        b"R-1,service_request,2024-05-01,2024-05-02,\r\n"
        b"R-2,complaint,2024-05-01,2024-05-02,mp\r\n"
    )
    before = table_counts()
    status, _, err = run("import_register", str(path), landlord=landlord.name)
    assert status == 1
    assert err.splitlines()[:2] == [
        "line 3, column record_responded_date: a complaint has no record_responded_date: "
        "only a service_request or a member_enquiry has one; leave it empty or change the kind",
        "line 3, column member_role: a complaint has no member_role: only a member_enquiry "
        "has one; leave it empty or change the kind",
    ]
    assert table_counts() == before


def test_without_a_target_date_a_record_keeps_its_own_unless_it_moves_its_received_date():
    landlord = factories.landlord()
    cells = row(reference="SR-1", kind="service_request")
    import_dicts(landlord, cells)
    record = only_complaint(landlord)
    assert record.target_on == dt.date(2024, 5, 16)  # 10 working days after 1 May 2024
    landlord.service_request_target_days = 5
    landlord.save()
    assert import_dicts(landlord, cells).unchanged == 1
    record.refresh_from_db()
    assert record.target_on == dt.date(2024, 5, 16)
    # Received a day later: the target is worked out again, from today's target of 5
    # working days (Monday 6 May 2024 is a bank holiday).
    assert import_dicts(landlord, {**cells, "received_date": "2024-05-02"}).updated == 1
    record.refresh_from_db()
    assert record.target_on == dt.date(2024, 5, 10)


@pytest.mark.parametrize("dry_run", [False, True])
def test_the_garbage_collector_is_paused_while_rows_are_imported_and_put_back(monkeypatch, dry_run):
    seen = []
    add = importer._Import.add
    monkeypatch.setattr(
        importer._Import, "add", lambda run, chunk: (seen.append(gc.isenabled()), add(run, chunk))
    )
    landlord = factories.landlord()
    rows = rows_of({"reference": "R-1", "received_date": "2024-05-01"})
    assert register_import(landlord=landlord, rows=rows, dry_run=dry_run).created == 1
    assert seen == [False]
    assert gc.isenabled()
