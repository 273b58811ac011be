"""The register says whether each response went as a letter with every element
(``s1_letter_sent``, ``s2_letter_sent``, register-csv.md; issue 12, item 3): history counts
as sent so unless the register says not, for the compliance view's 6.9 and 6.19; the
columns go out and come back as they came in; a decision recorded in Putright whose letter
has not gone is no response in the register."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.complaints import services
from putright.complaints.models import Stage
from putright.registers.columns import BY_NAME, COLUMN_NAMES, CellType
from putright.reports import compliance
from tests import factories
from tests.registers.support import export_text, exported_rows, import_dicts, parse, register_bytes

pytestmark = pytest.mark.django_db

RESPONDED = {
    "received_date": "2024-05-01",
    "s1_acknowledged_date": "2024-05-03",
    "s1_responded_date": "2024-05-15",
    "s1_outcome": "upheld",
}


def _stage(landlord, reference: str, number: int = 1) -> Stage:
    return Stage.objects.get(
        complaint__landlord=landlord, complaint__reference=reference, number=number
    )


def test_the_columns_are_optional_yes_no_after_each_outcome():
    assert BY_NAME["s1_letter_sent"].type is CellType.YES_NO
    assert BY_NAME["s2_letter_sent"].type is CellType.YES_NO
    assert COLUMN_NAMES.index("s1_letter_sent") == COLUMN_NAMES.index("s1_outcome") + 1
    assert COLUMN_NAMES.index("s2_letter_sent") == COLUMN_NAMES.index("s2_outcome") + 1
    parsed = parse(register_bytes({"reference": "R-1", **RESPONDED, "s1_letter_sent": "maybe"}))
    assert [str(e) for e in parsed.errors] == [
        "line 2, column s1_letter_sent: 'maybe' is not allowed; use one of: yes, no"
    ]


def test_history_counts_as_sent_by_letter_unless_the_register_says_not():
    landlord = factories.landlord()
    import_dicts(
        landlord,
        {"reference": "R-1", **RESPONDED, "s1_letter_sent": "yes"},
        {"reference": "R-2", **RESPONDED, "s1_letter_sent": "no"},
        {"reference": "R-3", **RESPONDED},
        {
            "reference": "R-4",
            **RESPONDED,
            "escalation_requested_date": "2024-05-20",
            "s2_acknowledged_date": "2024-05-21",
            "s2_responded_date": "2024-06-10",
            "s2_outcome": "not_upheld",
            "s2_letter_sent": "NO",
        },
    )
    assert [_stage(landlord, r).response_letter_sent for r in ("R-1", "R-2", "R-3")] == [
        True,
        False,
        None,
    ]
    assert _stage(landlord, "R-4", 2).response_letter_sent is False

    stage1 = compliance.measure(landlord, 2024, "6.9", on=dt.date(2024, 7, 1))
    assert (stage1.met, stage1.total) == (3, 4)
    assert [b.reference for b in compliance.breaches(landlord, 2024, "6.9")] == ["R-2"]
    assert any("as the register says" in note for note in stage1.notes)
    stage2 = compliance.measure(landlord, 2024, "6.19", on=dt.date(2024, 7, 1))
    assert (stage2.met, stage2.total) == (0, 1)


def test_a_file_without_the_columns_counts_every_response_as_sent_by_letter():
    landlord = factories.landlord()
    import_dicts(landlord, {"reference": "R-1", **RESPONDED}, {"reference": "R-2", **RESPONDED})
    measured = compliance.measure(landlord, 2024, "6.9", on=dt.date(2024, 7, 1))
    assert (measured.met, measured.total) == (2, 2)
    assert measured.notes == ()


def test_the_columns_go_out_and_come_back_as_they_came_in():
    first = factories.landlord()
    import_dicts(
        first,
        {"reference": "R-1", **RESPONDED, "s1_letter_sent": "no"},
        {"reference": "R-2", **RESPONDED, "s1_letter_sent": "yes"},
        {"reference": "R-3", **RESPONDED},
    )
    exported = export_text(first)
    assert [row["s1_letter_sent"] for row in exported_rows(first)] == ["no", "yes", ""]

    second = factories.landlord()
    summary = import_dicts(second, *exported_rows(first))
    assert summary.created == 3
    assert export_text(second) == exported
    # Importing the export again changes nothing.
    assert import_dicts(second, *exported_rows(first)).unchanged == 3


def test_a_value_without_a_response_is_not_kept():
    landlord = factories.landlord()
    import_dicts(
        landlord,
        {
            "reference": "R-1",
            "received_date": "2024-05-01",
            "s1_acknowledged_date": "2024-05-03",
            "s1_letter_sent": "no",
        },
    )
    assert _stage(landlord, "R-1").response_letter_sent is None
    assert exported_rows(landlord)[0]["s1_letter_sent"] == ""


def test_a_response_sent_by_its_letter_exports_yes_and_a_decision_waiting_for_it_nothing():
    landlord = factories.landlord()
    sent = factories.stage1_responded(landlord, received_on=dt.date(2024, 5, 1))
    waiting = factories.stage1_acknowledged(landlord, received_on=dt.date(2024, 5, 1))
    services.complaint_respond(
        complaint=waiting,
        outcome="upheld",
        reasons="Late.",
        point_outcomes=["upheld"],
        by=None,
        on=dt.date(2024, 5, 10),
    )
    rows = {row["reference"]: row for row in exported_rows(landlord)}
    assert (rows[sent.reference]["s1_outcome"], rows[sent.reference]["s1_letter_sent"]) == (
        "upheld",
        "yes",
    )
    decided = rows[waiting.reference]
    assert (decided["s1_responded_date"], decided["s1_outcome"], decided["s1_letter_sent"]) == (
        "",
        "",
        "",
    )
    # What the register says can be read back in: the export is a valid register.
    assert parse(export_text(landlord), today=dt.date(2026, 12, 7)).errors == []
