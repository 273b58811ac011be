"""The case page's deadlines (issue 12, item 1): from the day a complaint is received it
shows its acknowledgement deadline, and the next deadline is named as the queue names it."""

from __future__ import annotations

import re

import pytest

from putright.complaints import services
from putright.landlords.models import Role
from tests import factories
from tests.staff import people
from tests.staff.test_case_page import page
from tests.staff.test_queue import working_days_ago
from tests.staff.test_queue_ombudsman_and_hazards import (
    evidence_request,
    ombudsman_case,
    working_days_ahead,
)

pytestmark = pytest.mark.django_db


def _row(html: str, key: str) -> str:
    """The words of the summary list row whose key is ``key``."""
    found = re.search(
        rf'<dt class="govuk-summary-list__key">{re.escape(key)}</dt>\s*<dd[^>]*>(.*?)</dd>',
        html,
        re.S,
    )
    assert found, key
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def test_a_complaint_waiting_for_triage_shows_its_acknowledgement_deadline_from_receipt(today):
    landlord = factories.landlord()
    received = working_days_ago(landlord, 7)
    c = people.logged(landlord, received_on=received)
    html = page(people.signed_in(people.staff(landlord, Role.OFFICER)), c)
    due = landlord.calendar().add_working_days(received, 5)
    when = f"{due.day} {due:%B %Y}"
    assert _row(html, "Next deadline") == f"Acknowledge, {when} 2 working days overdue"
    assert _row(html, "Stage 1 acknowledgement due") == f"{when} 2 working days overdue"
    assert "Nothing due" not in html


def test_an_extended_response_is_named_so(today):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    c = people.stage1_open(landlord, handler=handler, acknowledge=True)
    services.complaint_extend(complaint=c, working_days=5, reason="Survey", by=None, on=today)
    html = page(people.signed_in(handler), c)
    assert _row(html, "Next deadline").startswith("Respond (extended), ")


def test_an_ombudsman_deadline_sooner_is_the_next_deadline(today):
    landlord = factories.landlord()
    officer = people.staff(landlord, Role.OFFICER)
    c = people.stage1_open(landlord, handler=officer, acknowledge=True)
    due = working_days_ahead(landlord, 1)
    evidence_request(ombudsman_case(landlord, c), due)
    html = page(people.signed_in(officer), c)
    assert _row(html, "Next deadline") == (
        f"Ombudsman: Evidence request, {due.day} {due:%B %Y} due in 1 working day"
    )


def test_a_closed_case_has_no_next_deadline(today):
    landlord = factories.landlord()
    c = factories.stage1_responded(landlord, received_on=working_days_ago(landlord, 15), on=today)
    html = page(people.signed_in(people.staff(landlord, Role.OFFICER)), c)
    assert "Next deadline" not in html
