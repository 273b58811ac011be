"""The register import and who handles a stage (issue 14, item 1): history is taken as it
is, but a row that changes who handles a record whose open stage is allocated is checked
as an allocation is (``putright.rules.allocation``), and refused naming its line."""

from __future__ import annotations

import pytest

from putright.complaints import services
from putright.complaints.models import Complaint, Stage
from putright.landlords.models import Contractor, Role
from putright.registers.importer import ImportRefused
from tests import factories
from tests.registers.support import import_dicts, register_bytes, table_counts
from tests.registers.test_commands import run

pytestmark = pytest.mark.django_db


def row(**cells: str) -> dict[str, str]:
    return {"reference": "R-1", "received_date": "2024-05-01", "channel": "phone", **cells}


OPEN_AT_STAGE_1 = row(handled_by="Kestrel", s1_acknowledged_date="2024-05-03")
CLOSED_AFTER_STAGE_2 = row(
    handled_by="Kestrel",
    s1_acknowledged_date="2024-05-03",
    s1_responded_date="2024-05-15",
    s1_outcome="upheld",
    escalation_requested_date="2024-06-03",
    s2_acknowledged_date="2024-06-05",
    s2_responded_date="2024-06-28",
    s2_outcome="not_upheld",
)


def kestrels_handler(landlord):
    kestrel = Contractor.objects.get(landlord=landlord, name="Kestrel")
    return factories.user(
        "kim",
        landlord=landlord,
        role=Role.CONTRACTOR_HANDLER,
        contractor=kestrel,
        first_name="Kim",
        last_name="Doyle",
    )


def test_a_row_that_takes_an_open_stage_from_its_handlers_contractor_is_refused():
    landlord = factories.landlord()
    import_dicts(landlord, OPEN_AT_STAGE_1)
    complaint = Complaint.objects.get(landlord=landlord)
    kim = kestrels_handler(landlord)
    services.complaint_allocate(complaint=complaint, handler=kim, by=None)
    version = Complaint.objects.get(pk=complaint.pk).version

    with pytest.raises(ImportRefused) as refused:
        import_dicts(landlord, {**OPEN_AT_STAGE_1, "handled_by": "Greenway"})

    assert [str(e) for e in refused.value.errors] == [
        "line 2, column handled_by: stage 1 of R-1 is open and allocated: Kim Doyle works for "
        "Kestrel, and Greenway handles this complaint: a contractor's handler handles only the "
        "complaints allocated to that contractor. To give it to Kim Doyle, allocate the "
        "complaint to Kestrel too. Reallocate the stage in Putright first, or keep handled_by "
        "as it is."
    ]
    after = Complaint.objects.get(pk=complaint.pk)
    assert after.contractor.name == "Kestrel" and after.version == version
    assert after.stage(1).handler == kim
    assert not Contractor.objects.filter(name="Greenway").exists()


def test_the_import_command_lists_the_refused_row_and_writes_nothing(tmp_path):
    landlord = factories.landlord("Exampleton Homes")
    import_dicts(landlord, OPEN_AT_STAGE_1)
    complaint = Complaint.objects.get(landlord=landlord)
    services.complaint_allocate(complaint=complaint, handler=kestrels_handler(landlord), by=None)
    path = tmp_path / "register.csv"
    path.write_bytes(register_bytes({**OPEN_AT_STAGE_1, "handled_by": ""}))
    before = table_counts()

    status, out, err = run("import_register", str(path), landlord=landlord.name)

    assert status == 1 and out == ""
    assert err.splitlines()[0].startswith(
        "line 2, column handled_by: stage 1 of R-1 is open and allocated: Kim Doyle works for "
        "Kestrel, and the landlord itself handles this complaint"
    )
    assert err.splitlines()[-1] == "Nothing was imported: 1 problem(s) to fix."
    assert table_counts() == before


def test_an_open_stage_with_the_landlords_own_handler_may_move_to_a_contractor():
    landlord = factories.landlord()
    import_dicts(landlord, OPEN_AT_STAGE_1)
    complaint = Complaint.objects.get(landlord=landlord)
    services.complaint_allocate(
        complaint=complaint, handler=factories.user(landlord=landlord), by=None
    )

    summary = import_dicts(landlord, {**OPEN_AT_STAGE_1, "handled_by": "Greenway"})

    assert summary.updated == 1
    assert Complaint.objects.get(pk=complaint.pk).contractor.name == "Greenway"


def test_history_is_taken_as_it_is_whoever_handled_its_stages():
    """A closed record's stages are history: handled by a contractor's handler at both
    stages (which Code 6.13 would not allow now), it is still updated as the row says."""
    landlord = factories.landlord()
    import_dicts(landlord, CLOSED_AFTER_STAGE_2)
    complaint = Complaint.objects.get(landlord=landlord)
    kim = kestrels_handler(landlord)
    Stage.objects.filter(complaint=complaint).update(handler=kim)

    summary = import_dicts(landlord, {**CLOSED_AFTER_STAGE_2, "handled_by": ""})

    assert summary.updated == 1
    after = Complaint.objects.get(pk=complaint.pk)
    assert after.contractor is None
    assert [s.handler for s in after.stages.order_by("number")] == [kim, kim]
