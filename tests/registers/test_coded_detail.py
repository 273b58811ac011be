"""Issue 13, item 5: the register carries the landlord's own sub-cause (``sub_cause``) and
each stage's extension reason code (``s1_extension_reason_code``,
``s2_extension_reason_code``). Files written before them import unchanged; an unknown
sub-cause refuses the whole import, naming the line and the column."""

from __future__ import annotations

import pytest

from putright.complaints.models import Complaint, Extension
from putright.landlords.services import sub_causes_seed
from putright.registers.importer import ImportRefused, register_import
from putright.reports.annual import annual_figures
from tests import factories
from tests.registers.support import export_text, exported_rows, import_dicts, parse, register_bytes

pytestmark = pytest.mark.django_db

EXTENDED = {
    "received_date": "2024-05-01",
    "service_area": "Repairs",
    "root_cause": "service_failure",
    "root_cause_detail": "Roofer did not come",
    "s1_acknowledged_date": "2024-05-03",
    "s1_extension_working_days": "5",
    "s1_extension_reason": "Waiting for the roofer's report",
    "s1_responded_date": "2024-05-20",
    "s1_outcome": "upheld",
    "escalation_requested_date": "2024-06-03",
    "s2_acknowledged_date": "2024-06-05",
    "s2_extension_working_days": "10",
    "s2_responded_date": "2024-07-10",
    "s2_outcome": "upheld",
}


def _landlord():
    landlord = factories.landlord()
    sub_causes_seed(landlord=landlord)
    return landlord


def test_the_codes_are_imported_and_exported_as_they_were():
    landlord = _landlord()
    row = {
        "reference": "R-1",
        **EXTENDED,
        "sub_cause": "delay",
        "s1_extension_reason_code": "awaiting_contractor",
        "s2_extension_reason_code": "complexity",
    }
    import_dicts(landlord, row)
    complaint = Complaint.objects.get(landlord=landlord, reference="R-1")
    assert (complaint.sub_cause.code, complaint.root_cause_detail) == (
        "delay",
        "Roofer did not come",
    )
    assert sorted(
        Extension.objects.filter(stage__complaint=complaint).values_list(
            "stage__number", "reason_code", "reason"
        )
    ) == [(1, "awaiting_contractor", "Waiting for the roofer's report"), (2, "complexity", "")]
    (exported,) = exported_rows(landlord)
    assert exported["sub_cause"] == "delay"
    assert exported["s1_extension_reason_code"] == "awaiting_contractor"
    assert exported["s2_extension_reason_code"] == "complexity"
    # The export imports again to the same record: nothing changes.
    again = register_import(landlord=landlord, rows=parse(export_text(landlord)).rows)
    assert (again.updated, again.unchanged) == (0, 1)


def test_a_file_written_before_the_codes_imports_to_the_same_figures():
    old = factories.landlord()
    columns = tuple(name for name in ("reference", *EXTENDED))
    data = register_bytes({"reference": "R-1", **EXTENDED}, columns=columns)
    parsed = parse(data)
    assert parsed.errors == []
    register_import(landlord=old, rows=parsed.rows)
    complaint = Complaint.objects.get(landlord=old, reference="R-1")
    assert complaint.sub_cause is None
    assert set(
        Extension.objects.filter(stage__complaint=complaint).values_list("reason_code", flat=True)
    ) == {""}
    new = _landlord()
    import_dicts(new, {"reference": "R-1", **EXTENDED, "sub_cause": "delay"})
    before, after = annual_figures(old, 2024), annual_figures(new, 2024)
    for figures in (before, after):
        del figures["landlord"]
    assert before == after


def test_an_unknown_sub_cause_refuses_the_whole_import_by_line_and_column():
    landlord = _landlord()
    rows = parse(
        register_bytes(
            {"reference": "R-1", **EXTENDED, "sub_cause": "delay"},
            {"reference": "R-2", **EXTENDED, "sub_cause": "late_bus"},
            {"reference": "R-3", **EXTENDED, "root_cause": "communication", "sub_cause": "delay"},
        )
    ).rows
    with pytest.raises(ImportRefused) as refused:
        register_import(landlord=landlord, rows=rows)
    messages = [str(e) for e in refused.value.errors]
    assert messages[0].startswith(
        "line 3, column sub_cause: 'late_bus' is not one of the landlord's sub-causes; use "
        "one of: below_standard, communication_other, delay,"
    )
    assert messages[1] == (
        "line 4, column sub_cause: 'delay' is a sub-cause of service_failure, not of communication"
    )
    assert not Complaint.objects.filter(landlord=landlord).exists()


def test_a_dry_run_names_an_unknown_sub_cause_too():
    landlord = _landlord()
    rows = parse(register_bytes({"reference": "R-1", **EXTENDED, "sub_cause": "nope"})).rows
    with pytest.raises(ImportRefused, match="line 2, column sub_cause: 'nope'"):
        register_import(landlord=landlord, rows=rows, dry_run=True)


@pytest.mark.parametrize(
    ("cells", "error"),
    [
        (
            {"s1_extension_reason_code": "complexity", "s1_extension_working_days": ""},
            "line 2, column s1_extension_reason_code: needs s1_extension_working_days",
        ),
        (
            {"s1_extension_reason_code": "snow"},
            "line 2, column s1_extension_reason_code: 'snow' is not allowed; use one of: "
            "awaiting_contractor, complexity, resident_unavailable, awaiting_third_party, "
            "awaiting_resident, staff_unavailable, other",
        ),
        (
            {"sub_cause": "delay", "root_cause": ""},
            "line 2, column sub_cause: a sub-cause needs the root_cause it is under",
        ),
    ],
)
def test_codes_the_file_cannot_hold_are_refused_by_line_and_column(cells, error):
    parsed = parse(register_bytes({"reference": "R-1", **EXTENDED, **cells}))
    assert [str(e) for e in parsed.errors] == [error]
