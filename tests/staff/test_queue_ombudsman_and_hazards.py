"""The work queue (issue 5): the Housing Ombudsman's deadlines above it (domain.md §7), for
the people who may read Ombudsman casework; and records whose description mentions a
hazard or a vulnerable household flagged, filtered and triaged first (Awaab's Law,
domain.md §12)."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.landlords.models import Landlord, Role, today
from putright.ombudsman import services as ombudsman_services
from putright.ombudsman.models import ContactKind, OmbudsmanCase
from putright.staff import selectors
from tests import factories
from tests.staff import people
from tests.staff.test_queue import refs, working_days_ago

pytestmark = pytest.mark.django_db

DAMP = "There is black mould in the bedroom and my baby keeps coughing."
GAS = "I can smell gas in the kitchen whenever the boiler is on."
BINS = "The bins were not collected on Tuesday."


@pytest.fixture(params=["counted", "too_many_to_count"])
def counting(request, monkeypatch):
    """Each filter test runs twice: counted in Python (the open work), and left to the
    database as for a result too big to count."""
    if request.param == "too_many_to_count":
        monkeypatch.setattr(selectors, "FACET_LIMIT", 1)
    return request.param


def working_days_ahead(landlord: Landlord, n: int) -> dt.date:
    return landlord.calendar().add_working_days(today(), n)


def ombudsman_case(landlord: Landlord, complaint, reference: str = "202412345") -> OmbudsmanCase:
    return ombudsman_services.ombudsman_case_open(
        landlord=landlord,
        reference=reference,
        opened_on=complaint.received_on,
        complaint=complaint,
        by=None,
    )


def evidence_request(case: OmbudsmanCase, deadline: dt.date):
    return ombudsman_services.contact_record(
        case=case,
        kind=ContactKind.EVIDENCE_REQUEST,
        received_on=case.opened_on,
        deadline=deadline,
        details="Send the complaint file.",
        by=None,
    )


# The Ombudsman's deadlines ----------------------------------------------------------------


def test_an_officer_sees_ombudsman_deadlines_due_soon_and_overdue_above_the_queue(today):
    landlord = factories.landlord()
    complaint = people.stage1_open(landlord, received_on=working_days_ago(landlord, 20))
    case = ombudsman_case(landlord, complaint)
    overdue = evidence_request(case, working_days_ago(landlord, 2))
    soon = evidence_request(case, working_days_ahead(landlord, 3))
    evidence_request(case, working_days_ahead(landlord, 9))  # not yet: beyond five days
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    response = client.get("/staff/")
    html = response.content.decode()

    assert [(d.pk, d.words) for d in response.context["ombudsman_deadlines"]] == [
        (overdue.pk, "2 working days overdue"),
        (soon.pk, "due in 3 working days"),
    ]
    assert "Housing Ombudsman deadlines" in html
    assert f'href="/staff/ombudsman/cases/{case.pk}/">202412345</a>' in html
    assert f'href="/staff/ombudsman/contacts/{overdue.pk}/">Evidence request</a>' in html
    assert f'href="/staff/cases/{complaint.reference}/">{complaint.reference}</a>' in html


def test_a_handler_sees_only_the_ombudsman_deadlines_of_complaints_they_handle(today):
    landlord = factories.landlord()
    hamza = people.staff(landlord, Role.HANDLER)
    priya = people.staff(landlord, Role.HANDLER)
    his = people.stage1_open(landlord, handler=hamza, received_on=working_days_ago(landlord, 20))
    hers = people.stage1_open(landlord, handler=priya, received_on=working_days_ago(landlord, 20))
    his_request = evidence_request(
        ombudsman_case(landlord, his, "1"), working_days_ahead(landlord, 1)
    )
    hers_request = evidence_request(
        ombudsman_case(landlord, hers, "2"), working_days_ahead(landlord, 1)
    )
    client = people.signed_in(hamza)

    mine = client.get("/staff/").context["ombudsman_deadlines"]
    everyone = client.get("/staff/?scope=all").context["ombudsman_deadlines"]

    assert [d.pk for d in mine] == [his_request.pk]
    assert {d.pk for d in everyone} == {his_request.pk, hers_request.pk}


def test_a_contractors_handler_never_sees_the_ombudsman_deadlines(today):
    landlord = factories.landlord()
    kestrel = people.contractor(landlord, "Kestrel")
    complaint = people.stage1_open(
        landlord, received_on=working_days_ago(landlord, 20), contractor=kestrel
    )
    evidence_request(ombudsman_case(landlord, complaint), working_days_ahead(landlord, 1))
    contractor = people.staff(landlord, Role.CONTRACTOR_HANDLER, contractor=kestrel)

    response = people.signed_in(contractor).get("/staff/?scope=all")

    assert response.context["ombudsman_deadlines"] is None
    assert "Housing Ombudsman deadlines" not in response.content.decode()


def test_no_panel_when_nothing_is_due():
    landlord = factories.landlord()
    people.stage1_open(landlord)

    response = people.signed_in(people.staff(landlord, Role.OFFICER)).get("/staff/")

    assert response.context["ombudsman_deadlines"] == []
    assert "Housing Ombudsman deadlines" not in response.content.decode()


# Safety words -------------------------------------------------------------------------------


def test_a_record_that_mentions_a_hazard_carries_a_flag_in_words(counting):
    landlord = factories.landlord()
    damp = people.logged(landlord, description=DAMP)
    gas = people.logged(landlord, description=GAS)
    bins = people.logged(landlord, description=BINS)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    response = client.get("/staff/")
    rows = {row.complaint.reference: row for row in response.context["queue"].rows}
    html = response.content.decode()

    assert rows[damp.reference].hazard.labels == ("Damp and mould", "Vulnerable household")
    assert rows[gas.reference].hazard.emergency
    assert rows[bins.reference].hazard is None
    assert "Emergency hazard</strong>" in html
    assert "Safety words</strong>" in html
    assert "Damp and mould, Vulnerable household" in html


def test_the_safety_words_filter_keeps_only_flagged_records_and_counts_them(counting):
    landlord = factories.landlord()
    damp = people.logged(landlord, description=DAMP)
    gas = people.logged(landlord, description=GAS)
    people.logged(landlord, description=BINS)
    people.logged(landlord, description="There is no damp now and the leak has been fixed.")
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    response = client.get("/staff/?safety=on")

    assert set(refs(response)) == {damp.reference, gas.reference}
    assert 'id="safety" name="safety" type="checkbox" value="on" checked' in (
        response.content.decode()
    )
    if counting == "counted":
        assert client.get("/staff/").context["queue"].flag_counts["safety"] == 2


@pytest.mark.parametrize("counted", [True, False], ids=["counted", "too big to count"])
def test_in_the_triage_view_flagged_records_come_first_emergencies_first(
    counted, monkeypatch, today
):
    """Counted, the queue sorts in Python; past FACET_LIMIT the database sorts by the
    priority each record keeps, to the same order."""
    if not counted:
        monkeypatch.setattr(selectors, "FACET_LIMIT", 1)
    landlord = factories.landlord()
    bins = people.logged(landlord, description=BINS, received_on=working_days_ago(landlord, 3))
    damp = people.logged(landlord, description=DAMP, received_on=working_days_ago(landlord, 1))
    gas = people.logged(landlord, description=GAS)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    triage = client.get("/staff/?state=received")
    open_work = client.get("/staff/")

    assert triage.context["queue"].counted is counted
    assert refs(triage) == [gas.reference, damp.reference, bins.reference]
    assert refs(open_work)[0] == bins.reference  # elsewhere, by due date as ever
    assert "listed first, emergency hazards first" in triage.content.decode()


def test_the_safety_filter_on_a_result_too_big_to_count_finds_every_flagged_record(
    monkeypatch,
):
    """The priority each record keeps is filtered in SQL: the oldest flagged record is
    found as the newest is, however many records there are, and nothing says otherwise."""
    monkeypatch.setattr(selectors, "FACET_LIMIT", 1)
    landlord = factories.landlord()
    oldest = people.logged(landlord, description=DAMP)
    newer = people.logged(landlord, description=GAS)
    people.logged(landlord, description=BINS)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    response = client.get("/staff/?safety=on&state=any")

    assert set(refs(response)) == {oldest.reference, newer.reference}
    assert response.context["queue"].total == 2
    assert not response.context["queue"].counted
    assert "newest records only" not in response.content.decode()
