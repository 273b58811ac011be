"""The work queue's "Next deadline" (issue 12, item 1): the clock runs from receipt (Code
6.2), so a complaint waiting for triage is due, overdue and filtered like any other; and
each row says which deadline it is: Acknowledge, Respond, Respond (extended), Ombudsman."""

from __future__ import annotations

import re

import pytest

from putright.complaints import services
from putright.landlords.models import Role
from putright.staff import selectors
from tests import factories
from tests.staff import people
from tests.staff.test_queue import refs, working_days_ago
from tests.staff.test_queue_ombudsman_and_hazards import (
    evidence_request,
    ombudsman_case,
    working_days_ahead,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["counted", "too_many_to_count"])
def counting(request, monkeypatch):
    """Counted in Python (the open work), and left to the database as for a result too big
    to count."""
    if request.param == "too_many_to_count":
        monkeypatch.setattr(selectors, "FACET_LIMIT", 1)
    return request.param


def _cell(html: str, reference: str) -> str:
    """The text of the "Next deadline" cell of the row of ``reference`` in the queue's own
    table (not the Ombudsman's deadlines above it)."""
    html = html[html.index('govuk-visually-hidden">Records, ') :]
    row = re.search(
        rf'<tr class="govuk-table__row">(?:(?!</tr>).)*?>{reference}</a>.*?</tr>', html, re.S
    )
    assert row, reference
    cells = re.findall(r'<td class="govuk-table__cell[^"]*">(.*?)</td>', row.group(0), re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", cells[-2]).split())


def test_a_complaint_waiting_for_triage_7_working_days_is_overdue_to_acknowledge(today, counting):
    landlord = factories.landlord()
    waiting = people.logged(landlord, received_on=working_days_ago(landlord, 7))
    fresh = people.logged(landlord)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    response = client.get("/staff/?overdue=on")
    assert refs(response) == [waiting.reference]
    cell = _cell(response.content.decode(), waiting.reference)
    # Received 7 working days ago, due 5 working days after: 2 working days overdue.
    assert cell.startswith("Acknowledge 2 working days overdue")
    assert refs(client.get("/staff/?state=received&overdue=on")) == [waiting.reference]
    assert refs(client.get("/staff/?due_within=5")) == [fresh.reference]
    if counting == "counted":
        queue = client.get("/staff/").context["queue"]
        assert queue.flag_counts["overdue"] == 1
        assert queue.due_within_counts[5] == 1


def test_accepting_it_late_keeps_it_overdue_from_receipt(today):
    landlord = factories.landlord()
    waiting = people.logged(landlord, received_on=working_days_ago(landlord, 7))
    services.complaint_triage(complaint=waiting, decision="complaint", by=None, on=today)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))
    response = client.get("/staff/?overdue=on")
    assert refs(response) == [waiting.reference]
    assert _cell(response.content.decode(), waiting.reference).startswith(
        "Acknowledge 2 working days overdue"
    )


def test_each_row_names_its_deadline(today):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    to_acknowledge = people.stage1_open(landlord, handler=handler)
    to_respond = people.stage1_open(landlord, handler=handler, acknowledge=True)
    extended = people.stage1_open(landlord, handler=handler, acknowledge=True)
    services.complaint_extend(
        complaint=extended, working_days=5, reason="Survey", by=None, on=today
    )
    html = people.signed_in(handler).get("/staff/").content.decode()

    assert _cell(html, to_acknowledge.reference).startswith("Acknowledge due in 5 working days")
    assert _cell(html, to_respond.reference).startswith("Respond ")
    assert _cell(html, extended.reference).startswith("Respond (extended) ")


def test_an_ombudsman_deadline_sooner_than_the_complaints_own_is_the_next(today):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    c = people.stage1_open(landlord, handler=handler, acknowledge=True)
    evidence_request(ombudsman_case(landlord, c), working_days_ahead(landlord, 2))
    html = people.signed_in(handler).get("/staff/").content.decode()
    assert _cell(html, c.reference).startswith("Ombudsman : Evidence request due in 2 working days")


def test_nothing_is_due_for_a_service_request():
    landlord = factories.landlord()
    record = people.logged(landlord, kind="service_request")
    html = people.signed_in(people.staff(landlord, Role.OFFICER)).get("/staff/").content.decode()
    assert _cell(html, record.reference) == "Nothing due"
