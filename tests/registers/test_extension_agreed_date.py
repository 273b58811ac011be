"""The register carries when an extension was agreed (``s1_extension_agreed_date``,
``s2_extension_agreed_date``, register-csv.md): one agreed after the response was due does
not count (Code 6.4, 6.5), and a file without the columns counts as before."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from putright.complaints import services
from putright.complaints.models import Event, Extension, Stage
from putright.registers.columns import COLUMN_NAMES
from putright.registers.importer import register_import
from putright.reports.annual import annual_figures
from putright.reports.facts import annual_figures_by_rules
from tests import factories
from tests.registers.support import export_text, import_dicts, parse, register_bytes

pytestmark = pytest.mark.django_db

# Received Wednesday 1 May 2024, acknowledged Friday 3 May: the stage 1 response was due
# Monday 20 May (6 May is a bank holiday); 5 working days more would make it 28 May (27 May
# is one too).
ACKNOWLEDGED = {
    "received_date": "2024-05-01",
    "s1_acknowledged_date": "2024-05-03",
    "s1_extension_working_days": "5",
    "s1_extension_reason": "Damp survey",
}
RESPONSE_DUE = dt.date(2024, 5, 20)
EXTENDED_DUE = dt.date(2024, 5, 28)


def _row(reference: str, **cells: str) -> dict[str, str]:
    return {"reference": reference, **ACKNOWLEDGED, **cells}


def _stage(landlord, reference: str = "R-1") -> Stage:
    return Stage.objects.get(complaint__landlord=landlord, complaint__reference=reference)


def _exported(landlord) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(export_text(landlord))))


@pytest.mark.parametrize(
    ("agreed", "due"),
    [("", EXTENDED_DUE), ("2024-05-20", EXTENDED_DUE), ("2024-05-21", RESPONSE_DUE)],
    ids=["not given: in time", "on the due date", "the day after: does not count"],
)
def test_an_extension_moves_the_due_date_only_if_agreed_by_the_date_it_extends(agreed, due):
    landlord = factories.landlord()
    import_dicts(landlord, _row("R-1", s1_extension_agreed_date=agreed))
    stage = _stage(landlord)
    assert (stage.response_due, stage.response_due_extended) == (RESPONSE_DUE, due)
    assert stage.extension_working_days == 5
    extension = Extension.objects.get(stage=stage)
    assert extension.agreed_on == (dt.date.fromisoformat(agreed) if agreed else None)
    # The extension keeps the date it set, even one that does not count.
    assert (extension.previous_due, extension.new_due) == (RESPONSE_DUE, EXTENDED_DUE)


def test_a_late_extension_leaves_the_response_late_in_the_computed_columns():
    landlord = factories.landlord()
    import_dicts(
        landlord,
        _row(
            "R-1",
            s1_extension_agreed_date="2024-05-22",
            s1_responded_date="2024-05-24",
            s1_outcome="upheld",
        ),
    )
    (record,) = _exported(landlord)
    assert record["s1_extension_agreed_date"] == "2024-05-22"
    assert (record["s1_response_due_extended"], record["s1_responded_on_time"]) == (
        "2024-05-20",
        "no",
    )


def test_the_imported_entry_says_when_the_extension_was_agreed():
    landlord = factories.landlord()
    import_dicts(landlord, _row("R-1", s1_extension_agreed_date="2024-05-21"))
    event = Event.objects.get(complaint__landlord=landlord, kind="imported")
    assert "extended by 5 working days, agreed 21 May 2024" in event.summary


def test_a_changed_date_agreed_updates_the_extension_and_the_due_date():
    landlord = factories.landlord()
    import_dicts(landlord, _row("R-1", s1_extension_agreed_date="2024-05-20"))
    summary = import_dicts(landlord, _row("R-1", s1_extension_agreed_date="2024-05-21"))
    assert (summary.updated, summary.unchanged) == (1, 0)
    assert _stage(landlord).response_due_extended == RESPONSE_DUE
    assert Extension.objects.get(stage__complaint__landlord=landlord).agreed_on == dt.date(
        2024, 5, 21
    )
    assert import_dicts(landlord, _row("R-1", s1_extension_agreed_date="2024-05-21")).unchanged == 1


def test_the_dates_agreed_go_round_trip_at_both_stages():
    source = factories.landlord()
    import_dicts(
        source,
        _row(
            "R-1",
            s1_extension_agreed_date="2024-05-14",
            s1_responded_date="2024-05-24",
            s1_outcome="upheld",
            escalation_requested_date="2024-06-03",
            s2_acknowledged_date="2024-06-05",
            s2_extension_working_days="10",
            s2_extension_agreed_date="2024-07-10",
        ),
        _row("R-2"),
    )
    first = export_text(source)
    copy = factories.landlord()
    import_dicts(copy, *_exported(source))
    assert export_text(copy) == first
    records = {r["reference"]: r for r in _exported(copy)}
    assert (
        records["R-1"]["s1_extension_agreed_date"],
        records["R-1"]["s2_extension_agreed_date"],
        records["R-2"]["s1_extension_agreed_date"],
    ) == ("2024-05-14", "2024-07-10", "")


def test_an_old_file_without_the_columns_gives_the_same_figures_as_before():
    rows = [
        _row(f"R-{n}", s1_responded_date=responded, s1_outcome="upheld")
        for n, responded in enumerate(("2024-05-17", "2024-05-24", "2024-05-31"), start=1)
    ]
    old_columns = tuple(c for c in COLUMN_NAMES if not c.endswith("_extension_agreed_date"))
    old_file = factories.landlord("Old file")
    old_parsed = parse(register_bytes(*rows, columns=old_columns))
    assert old_parsed.errors == []
    register_import(landlord=old_file, rows=old_parsed.rows)
    with_empty_columns = factories.landlord("New columns, empty")
    import_dicts(with_empty_columns, *({**r, "s1_extension_agreed_date": ""} for r in rows))
    old, new = annual_figures(old_file, 2024), annual_figures(with_empty_columns, 2024)
    # 17 and 24 May inside the extension to 28 May; 31 May after it.
    assert old["stage1"]["responded_within_agreed_extension"] == 2
    assert old["stage1"] == new["stage1"]
    assert old["tsm"] == new["tsm"]


def test_ch02_counts_a_response_inside_a_late_extension_as_late():
    landlord = factories.landlord()
    import_dicts(
        landlord,
        _row("R-1", s1_responded_date="2024-05-24", s1_outcome="upheld"),
        _row(
            "R-2",
            s1_extension_agreed_date="2024-05-21",
            s1_responded_date="2024-05-24",
            s1_outcome="upheld",
        ),
    )
    figures = annual_figures(landlord, 2024)
    assert figures["stage1"]["responded_within_agreed_extension"] == 1
    assert figures["stage1"]["extended"] == 2
    assert figures["tsm"]["CH02"]["stage1_within_timescale_pct"] == 50.0
    by_rules = annual_figures_by_rules(landlord, 2024)
    assert by_rules["stage1"]["responded_within_agreed_extension"] == 1
    assert by_rules["tsm"]["CH02"] == figures["tsm"]["CH02"]


def test_a_record_worked_in_putright_exports_the_date_its_first_extension_was_agreed():
    landlord = factories.landlord()
    complaint = factories.stage1_acknowledged(
        landlord, received_on=dt.date(2024, 5, 1), on=dt.date(2024, 5, 2)
    )
    for working_days, on in ((4, dt.date(2024, 5, 10)), (3, dt.date(2024, 5, 20))):
        services.complaint_extend(
            complaint=complaint, working_days=working_days, reason="Survey", by=None, on=on
        )
    (record,) = _exported(landlord)
    assert (record["s1_extension_working_days"], record["s1_extension_agreed_date"]) == (
        "7",
        "2024-05-10",
    )
    copy = factories.landlord()
    import_dicts(copy, record)
    worked = Stage.objects.get(complaint=complaint, number=1)
    assert _stage(copy, complaint.reference).response_due_extended == worked.response_due_extended


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ({"s1_extension_agreed_date": "2025-07-01"}, "s1_extension_agreed_date", "in the future"),
        ({"s1_extension_agreed_date": "21/05/2024"}, "s1_extension_agreed_date", "YYYY-MM-DD"),
        ({"s2_extension_agreed_date": "2024-06-01"}, "s2_extension_agreed_date", "escalation"),
        (
            {"kind": "service_request", "s1_acknowledged_date": "", "s1_extension_working_days": "",
             "s1_extension_reason": "", "s1_extension_agreed_date": "2024-05-02"},
            "s1_extension_agreed_date",
            "has no stages",
        ),
    ],
)  # fmt: skip
def test_a_date_agreed_is_checked_like_the_other_dates(cells, column, message):
    parsed = parse(register_bytes(_row("R-1", **cells)))
    assert [(e.column, message in e.message) for e in parsed.errors] == [(column, True)]
