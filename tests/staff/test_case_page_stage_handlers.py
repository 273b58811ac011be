"""Issue 13, item 1: the handler belongs to the stage. A contractor answers stage 1 and
the landlord stage 2: the case page shows each stage's handler with who it works for, the
allocation moves only the stage it is for, and the figures count each stage by its own."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.complaints import services
from putright.landlords.models import Role
from putright.reports.annual import annual_figures
from putright.rules.counting import financial_year_of
from tests import factories

pytestmark = pytest.mark.django_db


def test_stage_2_taken_back_by_the_landlord_shows_and_counts_as_the_landlords(client):
    landlord = factories.landlord(name="Riverside Test")
    mears = factories.contractor(landlord, "Mears")
    theirs = factories.user(landlord=landlord, role=Role.CONTRACTOR_HANDLER, contractor=mears,
                            first_name="Con", last_name="Tractor")  # fmt: skip
    complaint = factories.stage1_responded(
        landlord, on=dt.date(2024, 5, 20), handler=theirs, contractor=mears
    )
    services.complaint_request_escalation(
        complaint=complaint, requested_on=dt.date(2024, 6, 3), by=None
    )
    own = factories.user(landlord=landlord, role=Role.SENIOR_HANDLER, first_name="Sam",
                         last_name="Senior")  # fmt: skip
    services.complaint_allocate(complaint=complaint, handler=own, contractor=None, by=None)

    stages = {s.number: s for s in complaint.stages.all()}
    assert stages[1].contractor == mears
    assert stages[2].contractor is None
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    client.force_login(officer)
    page = client.get(f"/staff/cases/{complaint.reference}/").content.decode()
    stage1 = page.split('id="stage-1-handler">')[1].split("</dd>")[0]
    stage2 = page.split('id="stage-2-handler">')[1].split("</dd>")[0]
    assert "Con Tractor" in stage1 and "For Mears (contractor)" in stage1
    assert "Sam Senior" in stage2 and "For Riverside Test" in stage2
    assert "Mears" not in stage2
    received_in = financial_year_of(complaint.received_on)
    assert annual_figures(landlord, received_in)["stage1"]["by_handler"] == {"Mears": 1}
    assert annual_figures(landlord, 2024)["stage2"]["by_handler"] == {"landlord": 1}
