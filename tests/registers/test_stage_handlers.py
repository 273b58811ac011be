"""Issue 13: the handler belongs to the stage. A register says who handled each stage in
``s1_handled_by`` and ``s2_handled_by``; files written before then have one ``handled_by``
column, which still means both stages, so they import to the same figures."""

from __future__ import annotations

import pytest

from putright.complaints.models import Complaint, Stage
from putright.registers.importer import register_import
from putright.reports.annual import annual_figures
from putright.reports.facts import annual_figures_by_rules
from tests import factories
from tests.registers.support import export_text, exported_rows, import_dicts, parse, register_bytes

pytestmark = pytest.mark.django_db

ESCALATED = {
    "received_date": "2024-05-01",
    "service_area": "Repairs",
    "s1_acknowledged_date": "2024-05-03",
    "s1_responded_date": "2024-05-14",
    "s1_outcome": "not_upheld",
    "escalation_requested_date": "2024-06-03",
    "s2_acknowledged_date": "2024-06-05",
    "s2_responded_date": "2024-06-20",
    "s2_outcome": "upheld",
}
ONE_STAGE = {
    "received_date": "2024-07-01",
    "service_area": "Lettings",
    "s1_acknowledged_date": "2024-07-02",
    "s1_responded_date": "2024-07-10",
    "s1_outcome": "upheld",
}


def _handlers(landlord) -> dict[tuple[str, int], str]:
    return {
        (s.complaint.reference, s.number): s.contractor.name if s.contractor else "landlord"
        for s in Stage.objects.filter(landlord=landlord).select_related("complaint", "contractor")
    }


def test_an_old_handled_by_column_means_both_stages():
    landlord = factories.landlord()
    import_dicts(
        landlord,
        {"reference": "R-1", "handled_by": "Mears", **ESCALATED},
        {"reference": "R-2", "handled_by": "", **ONE_STAGE},
    )
    assert _handlers(landlord) == {
        ("R-1", 1): "Mears",
        ("R-1", 2): "Mears",
        ("R-2", 1): "landlord",
    }
    figures = annual_figures(landlord, 2024)
    assert figures["stage1"]["by_handler"] == {"Mears": 1, "landlord": 1}
    assert figures["stage2"]["by_handler"] == {"Mears": 1}


def test_each_stage_counts_under_its_own_handler():
    """A contractor answers stage 1 and the landlord stage 2: stage 2 is the landlord's,
    and the record is with the landlord now."""
    landlord = factories.landlord()
    import_dicts(
        landlord,
        {"reference": "R-1", "s1_handled_by": "Mears", "s2_handled_by": "", **ESCALATED},
        {"reference": "R-2", "s1_handled_by": "", **ONE_STAGE},
    )
    assert _handlers(landlord) == {
        ("R-1", 1): "Mears",
        ("R-1", 2): "landlord",
        ("R-2", 1): "landlord",
    }
    assert Complaint.objects.get(reference="R-1").contractor is None
    figures = annual_figures(landlord, 2024)
    assert figures["stage1"]["by_handler"] == {"Mears": 1, "landlord": 1}
    assert figures["stage2"]["by_handler"] == {"landlord": 1}
    assert figures == annual_figures_by_rules(landlord, 2024)


def test_the_stage_columns_win_over_handled_by():
    landlord = factories.landlord()
    import_dicts(
        landlord,
        {
            "reference": "R-1",
            "handled_by": "Mears",
            "s1_handled_by": "Axis",
            "s2_handled_by": "",
            **ESCALATED,
        },
    )
    assert _handlers(landlord) == {("R-1", 1): "Axis", ("R-1", 2): "landlord"}


def test_the_export_writes_all_three_and_handled_by_is_stage_1s():
    landlord = factories.landlord()
    import_dicts(
        landlord,
        {"reference": "R-1", "s1_handled_by": "", "s2_handled_by": "Mears", **ESCALATED},
        {"reference": "R-2", "kind": "service_request", "handled_by": "Axis",
         "received_date": "2024-05-02"},
    )  # fmt: skip
    rows = {r["reference"]: r for r in exported_rows(landlord)}
    assert [rows["R-1"][c] for c in ("handled_by", "s1_handled_by", "s2_handled_by")] == [
        "",
        "",
        "Mears",
    ]
    assert [rows["R-2"][c] for c in ("handled_by", "s1_handled_by", "s2_handled_by")] == [
        "Axis",
        "",
        "",
    ]


def test_an_old_file_and_a_two_column_file_that_mean_the_same_give_the_same_figures():
    old, new = factories.landlord(name="Old"), factories.landlord(name="New")
    import_dicts(
        old,
        {"reference": "R-1", "handled_by": "Mears", **ESCALATED},
        {"reference": "R-2", "handled_by": "", **ONE_STAGE},
    )
    import_dicts(
        new,
        {"reference": "R-1", "s1_handled_by": "Mears", "s2_handled_by": "Mears", **ESCALATED},
        {"reference": "R-2", "s1_handled_by": "", **ONE_STAGE},
    )
    old_figures, new_figures = annual_figures(old, 2024), annual_figures(new, 2024)
    old_figures.pop("landlord"), new_figures.pop("landlord")
    assert old_figures == new_figures
    assert export_text(old) == export_text(new)


def test_an_old_file_imported_again_after_its_export_changes_nothing():
    landlord = factories.landlord()
    import_dicts(landlord, {"reference": "R-1", "handled_by": "Mears", **ESCALATED})
    again = parse(export_text(landlord))
    assert again.errors == []
    summary = register_import(landlord=landlord, rows=again.rows)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 1)
    old_again = import_dicts(landlord, {"reference": "R-1", "handled_by": "Mears", **ESCALATED})
    assert old_again.unchanged == 1


def test_stage_handlers_are_refused_where_there_is_no_such_stage():
    parsed = parse(
        register_bytes(
            {"reference": "R-1", "received_date": "2024-05-01", "s2_handled_by": "Mears"},
            {
                "reference": "R-2",
                "kind": "member_enquiry",
                "received_date": "2024-05-01",
                "s1_handled_by": "Mears",
            },
        )
    )
    assert [str(e) for e in parsed.errors] == [
        "line 2, column s2_handled_by: stage 2 columns need escalation_requested_date",
        "line 3, column s1_handled_by: a member_enquiry has no stages, outcomes or "
        "compensation; leave it empty or make the kind complaint",
    ]
