"""`putright remind` (issue 12, item 1): the clock runs from receipt (Code 6.2), so the
complaints officers, who triage, are reminded of complaints waiting for triage whose
acknowledgement is due or overdue; and each line names the step that is due."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from putright.complaints import services
from putright.landlords.models import Role
from tests import factories
from tests.staff import people
from tests.staff.test_queue import working_days_ago

pytestmark = pytest.mark.django_db


def remind(*args: str) -> str:
    out = StringIO()
    call_command("remind", *args, stdout=out)
    return out.getvalue()


def test_complaints_waiting_for_triage_go_to_the_complaints_officers(today):
    landlord = factories.landlord()
    officer = people.staff(landlord, Role.OFFICER, email="officer@example.org")
    handler = people.staff(landlord, Role.HANDLER, email="handler@example.org")
    overdue = people.logged(landlord, received_on=working_days_ago(landlord, 7))
    soon = people.logged(landlord, received_on=working_days_ago(landlord, 4))
    later = people.logged(landlord)

    remind()

    assert [email.to for email in mail.outbox] == [[officer.email]]
    body = mail.outbox[0].body
    assert "1 overdue, 1 due soon" in mail.outbox[0].subject
    assert (
        f"{overdue.reference}: Stage 1 acknowledgement (waiting for triage) was due" in body
        and "2 working days overdue" in body
    )
    assert f"{soon.reference}: Stage 1 acknowledgement (waiting for triage) due in 1" in body
    assert later.reference not in body
    assert handler.email not in {to for email in mail.outbox for to in email.to}


def test_once_accepted_it_goes_to_its_handler_still_counted_from_receipt(today):
    landlord = factories.landlord()
    people.staff(landlord, Role.OFFICER, email="officer@example.org")
    handler = people.staff(landlord, Role.HANDLER, email="handler@example.org")
    c = people.logged(landlord, received_on=working_days_ago(landlord, 7))
    services.complaint_triage(complaint=c, decision="complaint", by=None, on=today)
    services.complaint_allocate(complaint=c, handler=handler, by=None, on=today)

    remind()

    assert [email.to for email in mail.outbox] == [[handler.email]]
    assert f"{c.reference}: Stage 1 acknowledgement was due" in mail.outbox[0].body
    assert "2 working days overdue" in mail.outbox[0].body


def test_a_response_moved_by_an_extension_is_named_so(today):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER, email="handler@example.org")
    c = people.stage1_open(
        landlord, handler=handler, acknowledge=True, received_on=working_days_ago(landlord, 9)
    )
    services.complaint_extend(complaint=c, working_days=1, reason="Survey", by=None, on=today)

    remind()

    assert f"{c.reference}: Stage 1 response (extended) " in mail.outbox[0].body
