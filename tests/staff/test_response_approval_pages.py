"""Sign-off in the staff workspace (issue 17, item 2): a response waiting for approval is
marked on its case, listed on the approvers' work queue, approved or sent back on its own
page (errors keep what was typed), and its letter page says why it cannot go yet."""

from __future__ import annotations

import html as htmllib
from decimal import Decimal

import pytest

from putright.complaints import services
from putright.complaints.models import Complaint, Event, EventKind
from putright.landlords.models import Role
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db


def _waiting():
    landlord = factories.landlord("Riverside Homes", approval_compensation_over=Decimal("500"),
                                  phone="01632 960 001")  # fmt: skip
    handler = people.staff(landlord, Role.HANDLER, first="Priya", last="Shah")
    c = people.stage1_open(landlord, handler=handler, acknowledge=True,
                           resident=people.resident(landlord))  # fmt: skip
    services.complaint_respond(
        complaint=c, outcome="upheld", reasons="We were late.",
        point_outcomes=["upheld", "upheld"],
        remedies=[services.RemedyInput(kind="financial", description="Time and trouble",
                                       due_on=c.received_on + __import__("datetime").timedelta(30),
                                       amount=Decimal("800"), compensation_reason="time_trouble")],
        by=handler,
    )  # fmt: skip
    return landlord, handler, Complaint.objects.get(pk=c.pk)


def _text(response) -> str:
    return " ".join(htmllib.unescape(response.content.decode()).split())


def test_the_case_and_the_approvers_queue_show_it_waiting():
    landlord, handler, c = _waiting()
    senior = people.staff(landlord, Role.SENIOR_HANDLER, first="Ola", last="Ade")
    page = _text(people.signed_in(senior).get(f"/staff/cases/{c.reference}/"))
    assert "Waiting for approval" in page
    assert "the compensation offered, £800.00, is over £500.00" in page
    queue = _text(people.signed_in(senior).get("/staff/?scope=all"))
    assert "Responses waiting for approval" in queue and c.reference in queue
    # A handler is no approver: no panel; the handler of the stage does not see it as theirs.
    assert "Responses waiting for approval" not in _text(
        people.signed_in(handler).get("/staff/?scope=all")
    )


def test_approving_on_its_page_lets_the_letter_go():
    landlord, _, c = _waiting()
    officer = people.staff(landlord, Role.OFFICER, first="Sam", last="Patel")
    client = people.signed_in(officer)
    url = f"/staff/cases/{c.reference}/approve_response/"
    form = _text(client.get(url))
    assert "needs approval before its letter goes because the compensation offered" in form
    # Sending back without saying what to change: the error, and the choice kept.
    response = client.post(url, {"version": c.version, "decision": "send_back", "note": ""})
    assert response.status_code == 200
    assert "Say what needs to change" in _text(response)
    assert 'value="send_back" checked' in response.content.decode()
    response = client.post(url, {"version": c.version, "decision": "approve",
                                 "note": "Within our bands"})  # fmt: skip
    assert response.status_code == 302
    stage = Complaint.objects.get(pk=c.pk).stage(1)
    assert stage.approved_by == officer
    entry = Event.objects.get(complaint=c, kind=EventKind.APPROVAL)
    assert (
        entry.summary == "Stage 1 response approved: Within our bands. Its letter can now be sent."
    )
    page = _text(client.get(f"/staff/cases/{c.reference}/"))
    assert "Approved by Sam Patel" in page


def test_the_stages_own_handler_is_refused_the_page():
    _, handler, c = _waiting()
    response = people.signed_in(handler).get(f"/staff/cases/{c.reference}/approve_response/")
    assert response.status_code == 403


def test_a_response_waiting_for_approval_cannot_be_issued_from_the_letter_page():
    _, handler, c = _waiting()
    client = people.signed_in(handler)
    url = f"/staff/cases/{c.reference}/letters/stage1_response/"
    page = client.get(url)
    assert "This response needs approval before its letter goes: the compensation offered" in (
        _text(page)
    )
    form = page.context["form"]
    response = client.post(url, {**form.initial, "action": "issue", "delivery": "post",
                                 "large_print": ""})  # fmt: skip
    assert response.status_code == 200
    assert "Ask a complaints officer or a senior handler to approve it." in _text(response)
    assert Complaint.objects.get(pk=c.pk).stage(1).responded_on is None
